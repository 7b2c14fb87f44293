"""The client gate's checks that need no env (models/client_gate.py): the limits
of what a client may send, and whether a value has the form its field needs."""
import contextlib
import datetime
import re

from .translate import _
from odoo.exceptions import UserError

# Free text a user types: characters per field kind (a Char with ``size`` is
# cut to it by the ORM).
TEXT_LIMITS = {"char": 1000, "text": 20000, "html": 100000}
# Records per read() call; a year's gradebook of a large class is ~7,000 rows.
READ_LIMIT = 5000
READ_LIMITS = {"school.attendance": 10000}

INT_MIN, INT_MAX = -2 ** 31, 2 ** 31 - 1
FLOAT_MAX = 1e12
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?$")
INTEGER_RE = re.compile(r"^[+-]?\d+$")
CYRILLIC = re.compile("[А-Яа-яЁё]")
# on the cursor, not in the context: an RPC caller sets the context, never the cursor
TRUSTED_KEY = "school_client_gate_trusted"
SCALAR_TYPES = frozenset(("many2one", "char", "text", "selection", "integer", "float", "monetary",
                          "boolean", "date", "datetime"))
EMPTY = (False, None, "", [], (), [(6, 0, [])], [[6, False, []]], [[6, 0, []]], [(6, False, [])])


def shown(value, size=40):
    text = str(value).replace("\x00", "\\0")
    return text if len(text) <= size else text[:size] + "…"


def text_limit(field):
    return TEXT_LIMITS.get(field.type)


def is_real_date(text):
    try:
        datetime.datetime.strptime(text, "%Y-%m-%d")
        return True
    except ValueError:
        return False


def is_record_id(value):
    if isinstance(value, bool):
        return False
    if isinstance(value, str) and INTEGER_RE.match(value.strip()):
        value = int(value)
    return isinstance(value, int) and 0 < value <= INT_MAX


def check_page(limit, offset):
    for value in (limit, offset):
        if value is None or value is False:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise UserError(_("Invalid selection parameters: “limit” and “offset” must be non-negative integers."))


@contextlib.contextmanager
def trusted(cr):
    """The addon's own path stores derived values as the real user."""
    outer = cr.cache.get(TRUSTED_KEY)
    cr.cache[TRUSTED_KEY] = True
    try:
        yield
    finally:
        if outer:
            cr.cache[TRUSTED_KEY] = outer
        else:
            cr.cache.pop(TRUSTED_KEY, None)
