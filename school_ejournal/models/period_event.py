from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..tools.translate import _
from ..tools.append_only import install_append_only_trigger
from .period import in_period_act

EVENT_ACTIONS = [("close", "Closing"), ("reopen", "Reopening")]


class SchoolPeriodEvent(models.Model):
    """Append-only log of closings and reopenings: who, when, what, why."""
    _name = "school.period.event"
    _description = "Closing and Reopening Periods"
    _order = "event_date desc, id desc"
    _rec_name = "action"
    _log_access = False

    period_id = fields.Many2one("school.period", required=True, index=True,
                                ondelete="restrict", readonly=True)
    action = fields.Selection(EVENT_ACTIONS, required=True, readonly=True)
    grade_level_ids = fields.Many2many("school.grade.level", "school_period_event_grade_level_rel",
                                       "event_id", "grade_level_id", string="Grade Levels", readonly=True)
    user_id = fields.Many2one("res.users", string="Who", readonly=True, ondelete="restrict")
    event_date = fields.Datetime(string="When", readonly=True)
    reason = fields.Text(readonly=True)
    incomplete = fields.Text(string="Missing at Closing", readonly=True)
    seal_id = fields.Many2one("school.period.seal", readonly=True, ondelete="restrict")

    def name_get(self):
        # the action is a selection: its key («close») is no name for a page's title
        actions = self._school_selection_labels("action")
        return [(r.id, "%s: %s %s" % (actions.get(r.action, ""), r.period_id.name or "",
                                      r.period_id.academic_year_id.name or "")) for r in self]

    def init(self):
        install_append_only_trigger(self.env.cr, "school_period_event",
                                    "Журнал закрытия периодов нельзя изменять или удалять (%)")

    @api.model
    def create(self, vals):
        if not in_period_act(self.env.cr):
            raise AccessError(_("Period closing log entries are created only when a period is closed or opened."))
        return super(SchoolPeriodEvent, self).create(vals)

    def write(self, vals):
        raise AccessError(_("The period closing log cannot be edited."))

    def unlink(self):
        raise AccessError(_("Period closing log entries cannot be deleted."))
