"""Launch wizard of «Аналитическая справка об успеваемости» (menu «Отчёты»)."""
from odoo import api, fields, models

from .report_access import may_print as _may_print


def _previous_period(period):
    """The period just before ``period``: same year, same kind, number − 1."""
    if not period:
        return period
    return period.search([("academic_year_id", "=", period.academic_year_id.id),
                          ("kind", "=", period.kind), ("number", "=", period.number - 1)], limit=1)


class SchoolReportMetricsWizard(models.TransientModel):
    _name = "school.report.metrics.wizard"
    _description = "Analytical Note on Academic Performance"

    _print_reports = ("school_ejournal.action_report_metrics", "school_ejournal.action_report_metrics_xlsx")

    @api.model
    def check_access_rights(self, operation, raise_exception=True):
        return (_may_print(self, self._print_reports, raise_exception)
                and super(SchoolReportMetricsWizard, self).check_access_rights(operation, raise_exception))

    period_id = fields.Many2one("school.period", required=True)
    previous_period_id = fields.Many2one("school.period", string="Compare with Period")
    grade_level_ids = fields.Many2many("school.grade.level", string="Grade Levels",
                                       help="Empty — all grade levels of the period.")

    @api.onchange("period_id")
    def _onchange_period(self):
        self.previous_period_id = _previous_period(self.period_id)

    def action_print(self):
        return self.env.ref("school_ejournal.action_report_metrics").report_action(self)

    def action_xlsx(self):
        return self.env.ref("school_ejournal.action_report_metrics_xlsx").report_action(self)
