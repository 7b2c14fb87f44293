"""Arguments that arrive over RPC, checked with no database environment."""
from odoo.exceptions import UserError
from .translate import _


def rpc_ids(value, what):
    """A list of record ids from an argument (a recordset, or ids sent over RPC),
    or a Russian refusal."""
    if value is None or value is False:
        return None
    if hasattr(value, "_name") and hasattr(value, "ids"):  # a recordset
        return value.ids
    values = value if isinstance(value, (list, tuple)) else [value]
    if not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in values):
        raise UserError(_("%s: a list of record IDs is expected.") % what)
    return list(values)
