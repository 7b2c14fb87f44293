from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.translate import _


class SchoolHoliday(models.Model):
    """Days without lessons: holidays (каникулы) and public holidays. Lesson
    generation skips them; an empty grade list means the whole school."""
    _name = "school.holiday"
    _description = "Vacations and Public Holidays"
    _order = "date_start"

    name = fields.Char(required=True)
    kind = fields.Selection([("vacation", "School Holidays"), ("public", "Public Holiday"),
                             ("other", "Other (quarantine, weather-cancelled day)")],
                            required=True, default="vacation")
    academic_year_id = fields.Many2one("school.academic.year", required=True, ondelete="cascade", index=True)
    date_start = fields.Date(string="From", required=True)
    date_end = fields.Date(string="To", required=True)
    grade_level_ids = fields.Many2many(
        "school.grade.level", string="Grade Levels",
        help="Empty — for the whole school; otherwise only for the specified grade levels.")

    _sql_constraints = [
        ("dates_order", "check(date_start <= date_end)",
         "The holiday start date cannot be later than the end date."),
    ]

    @api.constrains("date_start", "date_end", "academic_year_id")
    def _check_inside_year(self):
        for holiday in self:
            year = holiday.academic_year_id
            if holiday.date_start < year.date_start or holiday.date_end > year.date_end:
                raise ValidationError(_("“%(holiday)s” lies outside academic year %(year)s.")
                                      % {"holiday": holiday.name, "year": year.name})

    # the default «задано на» of a class's last lesson before a holiday lies after it
    @api.model
    def create(self, vals):
        holiday = super(SchoolHoliday, self).create(vals)
        holiday._refresh_homework_due(holiday.academic_year_id.ids)
        return holiday

    def write(self, vals):
        years = self.mapped("academic_year_id").ids
        result = super(SchoolHoliday, self).write(vals)
        self._refresh_homework_due(years + self.mapped("academic_year_id").ids)
        return result

    def unlink(self):
        years = self.mapped("academic_year_id").ids
        result = super(SchoolHoliday, self).unlink()
        self._refresh_homework_due(years)
        return result

    def _refresh_homework_due(self, year_ids):
        # SQL of the server's own field: no rights of the user's involved
        Lesson = self.env["school.lesson"]
        Lesson._update_homework_due(Lesson._due_from_timetable_keys(year_ids))

