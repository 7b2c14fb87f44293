from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..tools.translate import _
from .period import in_period_act


class SchoolPeriodLockLine(models.Model):
    """A grade level for which a period is closed."""
    _name = "school.period.lock"
    _description = "Period Closing for Grade Level"
    _order = "period_id, grade_level_id"
    _rec_name = "grade_level_id"

    period_id = fields.Many2one("school.period", required=True, index=True,
                                ondelete="restrict")
    grade_level_id = fields.Many2one("school.grade.level", required=True,
                                     ondelete="restrict")
    user_id = fields.Many2one("res.users", string="Closed By", readonly=True)
    close_date = fields.Datetime(string="Closing Date", readonly=True)
    seal_id = fields.Many2one("school.period.seal", readonly=True, ondelete="restrict")

    _sql_constraints = [
        ("period_level_unique", "unique(period_id, grade_level_id)",
         "The period is already closed for this grade level."),
    ]

    @api.model
    def create(self, vals):
        if not in_period_act(self.env.cr):
            raise AccessError(_("A period is closed for a grade level only with the “Period Closing” wizard."))
        return super(SchoolPeriodLockLine, self).create(vals)

    def write(self, vals):
        if not in_period_act(self.env.cr):
            raise AccessError(_("A period closing for a grade level cannot be changed: reopen the period."))
        return super(SchoolPeriodLockLine, self).write(vals)

    def unlink(self):
        raise AccessError(_("A period closing for a grade level cannot be deleted: reopen the period."))
