"""Launch wizard of «Замены за месяц (Excel)»: the accountant's hours of substitutions."""
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.translate import _
from .report_access import may_print as _may_print


class SchoolSubstitutionReportWizard(models.TransientModel):
    _name = "school.substitution.report.wizard"
    _description = "Substitutions of the Month"

    _print_reports = ("school_ejournal.action_report_substitutions_xlsx",)

    @api.model
    def check_access_rights(self, operation, raise_exception=True):
        return (_may_print(self, self._print_reports, raise_exception)
                and super(SchoolSubstitutionReportWizard, self).check_access_rights(operation, raise_exception))

    date_from = fields.Date(string="From", required=True,
                            default=lambda self: self.env["school.substitution"]._month_bounds()[0])
    date_to = fields.Date(string="To", required=True,
                          default=lambda self: self.env["school.substitution"]._month_bounds()[1])

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(_("Date “from” is later than date “to”."))

    def action_xlsx(self):
        return self.env.ref("school_ejournal.action_report_substitutions_xlsx").report_action(self)
