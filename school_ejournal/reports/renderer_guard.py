"""A report renderer called directly over RPC (``/web/dataset/call_kw``) is reached
without the print that checks it: each renderer of the addon gets the print's own
check first. Loaded after the renderers (it extends them).
tests/test_security_methods.py calls every public method of the addon as every role."""
from odoo import SUPERUSER_ID, api, models
from odoo.exceptions import UserError

from ..tools.translate import _

MODULE = "school_ejournal"


def _checked_report(renderer, docids):
    """The ir.actions.report of a renderer, after the print's own check as the
    caller: the report's groups and the documents readable (reports/ir_actions_report.py);
    the superuser (crons, the print's own internal renders) is not checked there either."""
    if renderer.env.uid == SUPERUSER_ID:
        return None
    report = renderer.env["ir.actions.report"].sudo().search(
        [("report_name", "=", renderer._name[len("report."):])], limit=1)
    if not report:
        raise UserError(_("Report not found."))
    ids = docids.ids if isinstance(docids, models.BaseModel) else docids
    report.sudo(renderer.env.uid)._school_check_print(ids or None)
    return report


def _guarded_report_values(self, docids, data=None):
    """A QWeb renderer called directly (over RPC) gets the print's check."""
    _checked_report(self, docids)
    return super(_GUARDS[self._name], self).get_report_values(docids, data=data)


def _guarded_xlsx(self, docids, data):
    """An Excel renderer called directly gets the print's check, and its documents
    are the report's own model whatever ``active_model`` the caller's context names."""
    report = _checked_report(self, docids)
    if report:
        self = self.with_context(active_model=report.model)
    return super(_GUARDS[self._name], self).create_xlsx_report(
        docids, data)


# The renderers of the addon's reports: QWeb (get_report_values) and Excel
# (OCA report_xlsx's create_xlsx_report).
RENDERERS = {
    "report_access_slip": ("get_report_values", _guarded_report_values),
    "report_activity_journal": ("get_report_values", _guarded_report_values),
    "report_attendance": ("get_report_values", _guarded_report_values),
    "report_class_journal": ("get_report_values", _guarded_report_values),
    "report_metrics": ("get_report_values", _guarded_report_values),
    "report_programme": ("get_report_values", _guarded_report_values),
    "report_school_regulation": ("get_report_values", _guarded_report_values),
    "report_student_progress": ("get_report_values", _guarded_report_values),
    "xlsx_gradebook": ("create_xlsx_report", _guarded_xlsx),
    "xlsx_summary": ("create_xlsx_report", _guarded_xlsx),
    "xlsx_metrics": ("create_xlsx_report", _guarded_xlsx),
    "xlsx_substitutions": ("create_xlsx_report", _guarded_xlsx),
    "xlsx_programme": ("create_xlsx_report", _guarded_xlsx),
}
_GUARDS = {}
for _short, (_method, _function) in RENDERERS.items():
    _model = "report.%s.%s" % (MODULE, _short)
    _GUARDS[_model] = type("RendererEntry_%s" % _short, (models.AbstractModel,), {
        "_inherit": _model, "__module__": __name__,
        _method: api.model(_function) if _method == "get_report_values" else _function})
