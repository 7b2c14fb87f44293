"""Public methods that Odoo also serves over RPC (``/web/dataset/call_kw``) with the
arguments the caller chooses: what the server's own callers pass as records
arrives there as plain ids, and a report renderer is reached without the print
that checks it. Loaded after the reports (it extends their renderers).
tests/test_security_methods.py calls every public method of the addon as every role."""
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import UserError

MODULE = "school_ejournal"
SUGGEST_KINDS = (None, False, "year", "final")


def _ids(value, what):
    """A list of record ids from an RPC argument, or a Russian refusal."""
    if value is None or value is False:
        return None
    if isinstance(value, models.BaseModel):
        return value.ids
    values = value if isinstance(value, (list, tuple)) else [value]
    if not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in values):
        raise UserError(_("%s: ожидается список идентификаторов записей.") % what)
    return list(values)


class SchoolPeriodGradeSuggestEntry(models.Model):
    """suggest()/suggest_for_school() take the period as a record: an id from RPC is
    read as that period, so the write guard decides as for the wizard."""
    _inherit = "school.period.grade"

    def _suggest_period(self, period):
        if isinstance(period, models.BaseModel) and period._name == "school.period":
            record = period
        else:
            ids = _ids(period, _("Период"))
            record = self.env["school.period"].browse(ids or [])
        if len(record) != 1 or not record.exists():
            raise UserError(_("Укажите один существующий учебный период."))
        return record

    @api.model
    def suggest(self, period, class_ids=None, subject_ids=None, kind=None):
        if kind not in SUGGEST_KINDS:
            raise UserError(_("Вид предлагаемых оценок за год: «year» (годовые) или «final» (итоговые)."))
        return super(SchoolPeriodGradeSuggestEntry, self).suggest(
            self._suggest_period(period), _ids(class_ids, _("Классы")), _ids(subject_ids, _("Предметы")),
            kind=kind or None)

    @api.model
    def suggest_for_school(self, period, kind=None):
        if kind not in SUGGEST_KINDS:
            raise UserError(_("Вид предлагаемых оценок за год: «year» (годовые) или «final» (итоговые)."))
        return super(SchoolPeriodGradeSuggestEntry, self).suggest_for_school(
            self._suggest_period(period), kind=kind or None)


class ReportActionEntry(models.Model):
    """render_qweb_html/render_xlsx are model methods: over RPC they run on no
    report at all (Odoo's own print routes always name one)."""
    _inherit = "ir.actions.report"

    @api.model
    def render_qweb_html(self, docids, data=None):
        if not self:
            raise UserError(_("Не выбран отчёт для печати."))
        return super(ReportActionEntry, self).render_qweb_html(docids, data=data)

    @api.model
    def render_xlsx(self, docids, data):
        if not self:
            raise UserError(_("Не выбран отчёт для печати."))
        return super(ReportActionEntry, self).render_xlsx(docids, data)


def _checked_report(renderer, docids):
    """The ir.actions.report of a renderer, after the print's own check as the
    caller: the report's groups and the documents readable (reports/report_action.py);
    the superuser (crons, the print's own internal renders) is not checked there either."""
    if renderer.env.uid == SUPERUSER_ID:
        return None
    report = renderer.env["ir.actions.report"].sudo().search(
        [("report_name", "=", renderer._name[len("report."):])], limit=1)
    if not report:
        raise UserError(_("Отчёт не найден."))
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
    "report_attendance": ("get_report_values", _guarded_report_values),
    "report_class_journal": ("get_report_values", _guarded_report_values),
    "report_metrics": ("get_report_values", _guarded_report_values),
    "report_school_regulation": ("get_report_values", _guarded_report_values),
    "report_student_progress": ("get_report_values", _guarded_report_values),
    "xlsx_gradebook": ("create_xlsx_report", _guarded_xlsx),
    "xlsx_summary": ("create_xlsx_report", _guarded_xlsx),
    "xlsx_metrics": ("create_xlsx_report", _guarded_xlsx),
}
_GUARDS = {}
for _short, (_method, _function) in RENDERERS.items():
    _model = "report.%s.%s" % (MODULE, _short)
    _GUARDS[_model] = type("RendererEntry_%s" % _short, (models.AbstractModel,), {
        "_inherit": _model, "__module__": __name__,
        _method: api.model(_function) if _method == "get_report_values" else _function})
