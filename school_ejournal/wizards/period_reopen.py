from odoo import fields, models


class SchoolPeriodReopen(models.TransientModel):
    _name = "school.period.reopen"
    _description = "Period Reopening"

    period_id = fields.Many2one("school.period", required=True,
                                domain="[('state', '!=', 'open')]")
    grade_level_ids = fields.Many2many("school.grade.level", string="Grade Levels",
                                       help="Empty — all closed grade levels of the period.")
    reason = fields.Text(required=True)

    def action_reopen(self):
        self.ensure_one()
        self.period_id._reopen_levels(self.grade_level_ids, self.reason)
        return {"type": "ir.actions.act_window_close"}
