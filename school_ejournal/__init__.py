from . import models
from . import wizards
from . import reports
from . import controllers
# last: the field gate wraps every model of the addon declared above
from .models import field_guard
field_guard.install()
