from . import main
from . import portal
from . import portal_diary
from . import portal_messages
from . import help
from . import access_slip
from . import portal_password
from . import import_samples
