from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .period import in_period_act


class SchoolPeriodLockLine(models.Model):
    """A grade level for which a period is closed."""
    _name = "school.period.lock"
    _description = "Закрытие периода для параллели"
    _order = "period_id, grade_level_id"
    _rec_name = "grade_level_id"

    period_id = fields.Many2one("school.period", string="Период", required=True, index=True,
                                ondelete="restrict")
    grade_level_id = fields.Many2one("school.grade.level", string="Параллель", required=True,
                                     ondelete="restrict")
    user_id = fields.Many2one("res.users", string="Закрыл", readonly=True)
    close_date = fields.Datetime(string="Дата закрытия", readonly=True)
    seal_id = fields.Many2one("school.period.seal", string="Печать", readonly=True, ondelete="restrict")

    _sql_constraints = [
        ("period_level_unique", "unique(period_id, grade_level_id)",
         "Период уже закрыт для этой параллели."),
    ]

    @api.model
    def create(self, vals):
        if not in_period_act(self.env.cr):
            raise AccessError(_("Период закрывается для параллели только мастером «Закрытие периода»."))
        return super(SchoolPeriodLockLine, self).create(vals)

    def write(self, vals):
        if not in_period_act(self.env.cr):
            raise AccessError(_("Закрытие периода для параллели нельзя изменить: откройте период повторно."))
        return super(SchoolPeriodLockLine, self).write(vals)

    def unlink(self):
        raise AccessError(_("Закрытие периода для параллели нельзя удалить: откройте период повторно."))
