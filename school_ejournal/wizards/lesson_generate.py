from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.translate import _


class SchoolLessonGenerate(models.TransientModel):
    """Lessons from the timetable for a range of dates: one INSERT … SELECT over
    the days joined with the timetable entries valid on each day (so a change of
    the timetable from some date is followed), on the school's working weekdays,
    skipping holidays; idempotent (ON CONFLICT DO NOTHING on the lesson slot);
    then the rosters of the new lessons in one more INSERT … SELECT."""
    _name = "school.lesson.generate"
    _description = "Create Lessons from Timetable"
    _school_server_fields = ("state",)   # client_gate.py: the result of the button

    period_id = fields.Many2one("school.period", string="Academic Period")
    date_from = fields.Date(string="From", required=True, default=fields.Date.context_today)
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)
    class_ids = fields.Many2many("school.class", string="Classes",
                                 help="Empty — all classes of the school.")
    lesson_count = fields.Integer(string="Lessons Created", readonly=True)
    row_count = fields.Integer(string="Journal Lines Created", readonly=True)
    state = fields.Selection([("draft", "Parameters"), ("done", "Done")], default="draft")

    @api.onchange("period_id")
    def _onchange_period(self):
        if self.period_id:
            self.date_from = self.period_id.date_start
            self.date_to = self.period_id.date_end

    def action_generate(self):
        self.ensure_one()
        if not (self.env.user.has_group("school_ejournal.group_school_admin")):
            raise UserError(_("Only the school administrator can create lessons from the timetable."))
        lessons, rows = self.env["school.lesson"]._generate_from_timetable(
            self.date_from, self.date_to, self.class_ids.ids or None)
        self._school_server_write({"lesson_count": lessons, "row_count": rows, "state": "done"})
        return {
            "type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
            "view_mode": "form", "target": "new", "name": _("Create Lessons from Timetable"),
        }
