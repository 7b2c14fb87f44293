"""Launch wizard of «Печать классного журнала» (menu «Отчёты»)."""
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.translate import _
from .report_access import may_print as _may_print


class SchoolReportJournalWizard(models.TransientModel):
    _name = "school.report.journal.wizard"
    _description = "Print Class Journal"

    _print_reports = ("school_ejournal.action_report_class_journal",)

    @api.model
    def check_access_rights(self, operation, raise_exception=True):
        return (_may_print(self, self._print_reports, raise_exception)
                and super(SchoolReportJournalWizard, self).check_access_rights(operation, raise_exception))

    class_id = fields.Many2one("school.class", required=True)
    scope = fields.Selection([("year", "Academic Year"), ("period", "Academic Period")],
                             string="What to Print", required=True, default="year")
    period_id = fields.Many2one("school.period",
                                help="For printing for a single period (for example, a closed quarter).")
    certify_date = fields.Date(string="Certification Date", default=fields.Date.context_today)
    print_sides = fields.Selection(
        [("single", "Single-Sided"), ("double", "Double-Sided")], string="Seal", required=True,
        default=lambda self: self.env.user.company_id.school_print_sides or "single",
        help="A sheet is a physical sheet of paper: with double-sided printing, the certification note lists "
             "half as many sheets as pages.")

    def _data(self):
        self.ensure_one()
        if self.scope == "period":
            if not self.period_id:
                raise ValidationError(_("Select an academic period."))
            if self.class_id.grade_level_id not in self.period_id.grade_level_ids:
                raise ValidationError(_("Period “%(period)s” does not apply to the grade level of class %(class)s.")
                                      % {"period": self.period_id.name, "class": self.class_id.name})
        return {"class_ids": self.class_id.ids,
                "period_id": self.period_id.id if self.scope == "period" else False,
                "certify_date": self.certify_date, "print_sides": self.print_sides}

    def action_print(self):
        return self.env.ref("school_ejournal.action_report_class_journal").report_action(
            self.class_id, data=self._data())
