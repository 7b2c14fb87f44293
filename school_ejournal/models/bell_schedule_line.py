from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.translate import _


class SchoolBellScheduleLine(models.Model):
    _name = "school.bell.schedule.line"
    _description = "Bell Schedule Lesson"
    _order = "schedule_id, lesson_number"

    schedule_id = fields.Many2one("school.bell.schedule", string="Bell Schedule",
                                  required=True, ondelete="cascade", index=True)
    lesson_number = fields.Integer(required=True)
    time_start = fields.Float(string="Start", required=True)
    time_end = fields.Float(string="End", required=True)

    _sql_constraints = [
        ("number_unique", "unique(schedule_id, lesson_number)",
         "A lesson with this number already exists in the bell schedule."),
        ("number_range", "check(lesson_number between 0 and 12)",
         "The lesson number must be between 0 and 12."),
        ("times_order", "check(time_start < time_end)",
         "A lesson must end later than it starts."),
    ]

    @api.constrains("time_start", "time_end", "lesson_number")
    def _check_sequence(self):
        for schedule in self.mapped("schedule_id"):
            lines = schedule.line_ids.sorted("lesson_number")
            for previous, line in zip(lines, lines[1:]):
                if line.time_start < previous.time_end:
                    raise ValidationError(_("Lesson %(lesson_number)s starts before lesson %(lesson_number_2)s ends.")
                                          % {"lesson_number": line.lesson_number,
                                             "lesson_number_2": previous.lesson_number})
