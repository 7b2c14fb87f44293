from . import access_slip
