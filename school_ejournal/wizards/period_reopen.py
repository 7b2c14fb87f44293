from odoo import fields, models


class SchoolPeriodReopen(models.TransientModel):
    _name = "school.period.reopen"
    _description = "Повторное открытие периода"

    period_id = fields.Many2one("school.period", string="Период", required=True,
                                domain="[('state', '!=', 'open')]")
    grade_level_ids = fields.Many2many("school.grade.level", string="Параллели",
                                       help="Пусто — все закрытые параллели периода.")
    reason = fields.Text(string="Причина", required=True)

    def action_reopen(self):
        self.ensure_one()
        self.period_id._reopen_levels(self.grade_level_ids, self.reason)
        return {"type": "ir.actions.act_window_close"}
