"""Who may use a report wizard (menu «Отчёты»): the roles that may print its reports."""
from odoo import SUPERUSER_ID
from odoo.exceptions import AccessError

from ..tools.translate import _


def may_print(model, reports, raise_exception):
    """A report wizard is for the roles that may print its reports (the
    reports' groups): others may not create, read or use it."""
    if model.env.uid == SUPERUSER_ID:
        return True
    groups = model.env["res.groups"]
    for xmlid in reports:
        groups |= model.env.ref(xmlid).sudo().groups_id
    if groups & model.env.user.groups_id:
        return True
    if raise_exception:
        raise AccessError(_("The “%(model)s” wizard is not available to you: its reports are printed only by "
                            "%(groups)s.")
                          % {"model": model._description, "groups": ", ".join(sorted(groups.mapped("name")))})
    return False
