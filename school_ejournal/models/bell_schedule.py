from odoo import fields, models


class SchoolBellSchedule(models.Model):
    """Lesson times of one shift (расписание звонков)."""
    _name = "school.bell.schedule"
    _description = "Расписание звонков"
    _order = "shift, name"

    name = fields.Char(string="Название", required=True)
    shift = fields.Selection([("1", "Первая смена"), ("2", "Вторая смена")],
                             string="Смена", required=True, default="1")
    active = fields.Boolean(string="Действует", default=True)
    company_id = fields.Many2one("res.company", string="Школа", required=True,
                                 default=lambda self: self.env.user.company_id)
    line_ids = fields.One2many("school.bell.schedule.line", "schedule_id", string="Уроки", copy=True)

    def _get_times(self, lesson_number):
        """(start, end) as float hours for a lesson number, or (None, None)."""
        self.ensure_one()
        line = self.line_ids.filtered(lambda l: l.lesson_number == lesson_number)[:1]
        return (line.time_start, line.time_end) if line else (None, None)
