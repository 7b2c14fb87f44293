"""Launch wizard of «Ведомости в Excel» (menu «Отчёты»)."""
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.translate import _
from .report_access import may_print as _may_print


class SchoolReportGradebookWizard(models.TransientModel):
    _name = "school.report.gradebook.wizard"
    _description = "Excel Sheets"

    _print_reports = ("school_ejournal.action_report_gradebook_xlsx", "school_ejournal.action_report_summary_xlsx")

    @api.model
    def check_access_rights(self, operation, raise_exception=True):
        return (_may_print(self, self._print_reports, raise_exception)
                and super(SchoolReportGradebookWizard, self).check_access_rights(operation, raise_exception))

    class_id = fields.Many2one("school.class", required=True)
    subject_id = fields.Many2one("school.subject")
    period_id = fields.Many2one("school.period")

    def action_gradebook(self):
        if not self.subject_id or not self.period_id:
            raise UserError(_("For a subject journal, select a subject and a period."))
        return self.env.ref("school_ejournal.action_report_gradebook_xlsx").report_action(self)

    def action_summary(self):
        return self.env.ref("school_ejournal.action_report_summary_xlsx").report_action(self)
