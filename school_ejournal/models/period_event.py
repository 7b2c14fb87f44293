from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from ..tools.append_only import install_append_only_trigger
from .period import in_period_act

EVENT_ACTIONS = [("close", "Закрытие"), ("reopen", "Повторное открытие")]


class SchoolPeriodEvent(models.Model):
    """Append-only log of closings and reopenings: who, when, what, why."""
    _name = "school.period.event"
    _description = "Закрытие и открытие периодов"
    _order = "event_date desc, id desc"
    _rec_name = "action"
    _log_access = False

    period_id = fields.Many2one("school.period", string="Период", required=True, index=True,
                                ondelete="restrict", readonly=True)
    action = fields.Selection(EVENT_ACTIONS, string="Действие", required=True, readonly=True)
    grade_level_ids = fields.Many2many("school.grade.level", "school_period_event_grade_level_rel",
                                       "event_id", "grade_level_id", string="Параллели", readonly=True)
    user_id = fields.Many2one("res.users", string="Кто", readonly=True, ondelete="restrict")
    event_date = fields.Datetime(string="Когда", readonly=True)
    reason = fields.Text(string="Причина", readonly=True)
    incomplete = fields.Text(string="Незаполнено при закрытии", readonly=True)
    seal_id = fields.Many2one("school.period.seal", string="Печать", readonly=True, ondelete="restrict")

    def init(self):
        install_append_only_trigger(self.env.cr, "school_period_event",
                                    "Журнал закрытия периодов нельзя изменять или удалять (%)")

    @api.model
    def create(self, vals):
        if not in_period_act(self.env.cr):
            raise AccessError(_("Записи журнала закрытия периодов создаются только при закрытии и открытии."))
        return super(SchoolPeriodEvent, self).create(vals)

    def write(self, vals):
        raise AccessError(_("Журнал закрытия периодов нельзя исправлять."))

    def unlink(self):
        raise AccessError(_("Записи журнала закрытия периодов нельзя удалять."))
