from . import main
from . import portal
from . import help
from . import access_slip
from . import portal_password
from . import import_samples
