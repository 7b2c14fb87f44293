from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SchoolHoliday(models.Model):
    """Days without lessons: holidays (каникулы) and public holidays. Lesson
    generation skips them; an empty grade list means the whole school."""
    _name = "school.holiday"
    _description = "Каникулы и праздничные дни"
    _order = "date_start"

    name = fields.Char(string="Название", required=True)
    kind = fields.Selection([("vacation", "Каникулы"), ("public", "Праздничный день"),
                             ("other", "Другое (карантин, актированный день)")],
                            string="Вид", required=True, default="vacation")
    academic_year_id = fields.Many2one("school.academic.year", string="Учебный год",
                                       required=True, ondelete="cascade", index=True)
    date_start = fields.Date(string="С", required=True)
    date_end = fields.Date(string="По", required=True)
    grade_level_ids = fields.Many2many(
        "school.grade.level", string="Параллели",
        help="Пусто — для всей школы; иначе только для указанных параллелей.")

    _sql_constraints = [
        ("dates_order", "check(date_start <= date_end)",
         "Дата начала каникул не может быть позже даты окончания."),
    ]

    @api.constrains("date_start", "date_end", "academic_year_id")
    def _check_inside_year(self):
        for holiday in self:
            year = holiday.academic_year_id
            if holiday.date_start < year.date_start or holiday.date_end > year.date_end:
                raise ValidationError(_("«%(holiday)s» выходит за границы учебного года %(year)s.")
                                      % {"holiday": holiday.name, "year": year.name})
