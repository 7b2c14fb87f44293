from . import main
from . import portal
from . import help
from . import access_slip
