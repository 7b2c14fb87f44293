"""Launch wizard of «Выполнение программы» (menu «Отчёты»): a period or the whole
year, the classes; PDF and Excel."""
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.translate import _
from .report_access import may_print as _may_print


class SchoolReportProgrammeWizard(models.TransientModel):
    _name = "school.report.programme.wizard"
    _description = "Programme Completion"

    _print_reports = ("school_ejournal.action_report_programme", "school_ejournal.action_report_programme_xlsx")

    @api.model
    def check_access_rights(self, operation, raise_exception=True):
        return (_may_print(self, self._print_reports, raise_exception)
                and super(SchoolReportProgrammeWizard, self).check_access_rights(operation, raise_exception))

    academic_year_id = fields.Many2one("school.academic.year", required=True,
                                       default=lambda self: self._default_year())
    period_id = fields.Many2one("school.period", domain="[('academic_year_id', '=', academic_year_id)]",
                                help="Empty: the whole academic year.")
    class_ids = fields.Many2many("school.class", string="Classes",
                                domain="[('academic_year_id', '=', academic_year_id)]",
                                help="Empty: all classes of the academic year.")

    @api.model
    def _default_year(self):
        today = fields.Date.context_today(self)
        return self.env["school.academic.year"].search([("date_start", "<=", today), ("date_end", ">=", today)],
                                                       limit=1)

    @api.constrains("academic_year_id", "period_id", "class_ids")
    def _check_year(self):
        for wizard in self:
            if wizard.period_id and wizard.period_id.academic_year_id != wizard.academic_year_id:
                raise ValidationError(_("Period “%s” belongs to another academic year.") % wizard.period_id.name)
            if wizard.class_ids.filtered(lambda c: c.academic_year_id != wizard.academic_year_id):
                raise ValidationError(_("Choose classes of the selected academic year."))

    def action_print(self):
        return self.env.ref("school_ejournal.action_report_programme").report_action(self)

    def action_xlsx(self):
        return self.env.ref("school_ejournal.action_report_programme_xlsx").report_action(self)
