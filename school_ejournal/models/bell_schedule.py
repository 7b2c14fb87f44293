from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.translate import _
from ..tools.lesson_sql import SHIFTS_SQL


class SchoolBellSchedule(models.Model):
    """Lesson times of one shift (расписание звонков)."""
    _name = "school.bell.schedule"
    _description = "Bell Schedule"
    _order = "shift, name"

    name = fields.Char(required=True)
    shift = fields.Selection([("1", "First Shift"), ("2", "Second Shift")],
                             required=True, default="1")
    active = fields.Boolean(string="In Effect", default=True)
    company_id = fields.Many2one("res.company", string="School", required=True,
                                 default=lambda self: self.env.user.company_id)
    line_ids = fields.One2many("school.bell.schedule.line", "schedule_id", string="Lessons", copy=True)

    def _get_times(self, lesson_number):
        """(start, end) as float hours for a lesson number, or (None, None)."""
        self.ensure_one()
        line = self.line_ids.filtered(lambda l: l.lesson_number == lesson_number)[:1]
        return (line.time_start, line.time_end) if line else (None, None)

    @api.model
    def _check_lesson_numbers(self, shifts, numbers):
        """A lesson's number is one of the bell schedule's lessons for its class's
        shift (any active schedule if the shift has none; 0–12 without schedules)."""
        for shift in shifts:
            schedules = self.search([("shift", "=", shift)]) or self.search([])
            allowed = sorted(set(schedules.mapped("line_ids.lesson_number"))) or list(range(0, 13))
            for number in numbers:
                if number not in allowed:
                    raise ValidationError(_("Lesson number %(number)s is not in the bell schedule: allowed "
                                            "numbers are %(allowed)s.")
                                          % {"number": number, "allowed": ", ".join(str(n) for n in allowed)})

    @api.model
    def _check_lesson_vals(self, lessons, vals):
        """Before a lesson is written (``lessons``: those written, ``vals``: their
        values): the number is one of the bell schedule's lessons for the class's shift."""
        if "lesson_number" not in vals and "class_id" not in vals:
            return
        if vals.get("class_id"):
            self.env.cr.execute("SELECT COALESCE(shift, '1') FROM school_class WHERE id = %s", (vals["class_id"],))
        else:
            self.env.cr.execute(SHIFTS_SQL, (tuple(lessons.ids) or (0,),))
        shifts = [row[0] for row in self.env.cr.fetchall()]
        numbers = [vals["lesson_number"]] if "lesson_number" in vals else lessons.mapped("lesson_number")
        self._check_lesson_numbers(shifts, numbers)
