from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SchoolBellScheduleLine(models.Model):
    _name = "school.bell.schedule.line"
    _description = "Урок в расписании звонков"
    _order = "schedule_id, lesson_number"

    schedule_id = fields.Many2one("school.bell.schedule", string="Расписание звонков",
                                  required=True, ondelete="cascade", index=True)
    lesson_number = fields.Integer(string="Номер урока", required=True)
    time_start = fields.Float(string="Начало", required=True)
    time_end = fields.Float(string="Окончание", required=True)

    _sql_constraints = [
        ("number_unique", "unique(schedule_id, lesson_number)",
         "Урок с таким номером в расписании звонков уже есть."),
        ("number_range", "check(lesson_number between 0 and 12)",
         "Номер урока должен быть от 0 до 12."),
        ("times_order", "check(time_start < time_end)",
         "Урок должен заканчиваться позже, чем начинается."),
    ]

    @api.constrains("time_start", "time_end", "lesson_number")
    def _check_sequence(self):
        for schedule in self.mapped("schedule_id"):
            lines = schedule.line_ids.sorted("lesson_number")
            for previous, line in zip(lines, lines[1:]):
                if line.time_start < previous.time_end:
                    raise ValidationError(_("Урок %(lesson_number)s начинается раньше, чем заканчивается урок "
                                            "%(lesson_number_2)s.")
                                          % {"lesson_number": line.lesson_number,
                                             "lesson_number_2": previous.lesson_number})
