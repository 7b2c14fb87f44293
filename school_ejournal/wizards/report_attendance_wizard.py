"""Launch wizard of «Отчёт о посещаемости» (menu «Отчёты»)."""
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.translate import _
from .report_access import may_print as _may_print


class SchoolReportAttendanceWizard(models.TransientModel):
    _name = "school.report.attendance.wizard"
    _description = "Attendance Report"

    _print_reports = ("school_ejournal.action_report_attendance",)

    @api.model
    def check_access_rights(self, operation, raise_exception=True):
        return (_may_print(self, self._print_reports, raise_exception)
                and super(SchoolReportAttendanceWizard, self).check_access_rights(operation, raise_exception))

    period_id = fields.Many2one("school.period")
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    class_ids = fields.Many2many("school.class", string="Classes", help="Empty — all classes.")

    @api.onchange("period_id")
    def _onchange_period(self):
        if self.period_id:
            self.date_from, self.date_to = self.period_id.date_start, self.period_id.date_end

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(_("The start date is later than the end date."))

    def action_print(self):
        return self.env.ref("school_ejournal.action_report_attendance").report_action(self)
