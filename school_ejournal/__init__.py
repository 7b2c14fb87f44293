from . import models
from . import wizards
from . import reports
# last: it extends every model defined above (see its docstring)
from .models import client_gate  # noqa: F401
from . import controllers
