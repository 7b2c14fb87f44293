from . import models
from . import wizards
from . import reports
from . import populate
from . import controllers
# last: the client gate extends every model defined above (see its docstring)
from .models import client_gate
client_gate.install()
