from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .grade_level import PERIOD_KINDS


class SchoolPeriod(models.Model):
    """A study period (четверть, полугодие, триместр or the year) and the grade
    levels attested by it."""
    _name = "school.period"
    _description = "Учебный период"
    _order = "date_start, kind, number"

    name = fields.Char(string="Период", compute="_compute_name", store=True)
    academic_year_id = fields.Many2one("school.academic.year", string="Учебный год",
                                       required=True, ondelete="cascade", index=True)
    kind = fields.Selection(PERIOD_KINDS, string="Вид", required=True, default="quarter")
    number = fields.Integer(string="Номер", required=True, default=1)
    date_start = fields.Date(string="Начало", required=True)
    date_end = fields.Date(string="Окончание", required=True)
    grade_level_ids = fields.Many2many("school.grade.level", string="Параллели", required=True)

    _sql_constraints = [
        ("kind_number_unique", "unique(academic_year_id, kind, number)",
         "Период с таким видом и номером в этом учебном году уже есть."),
        ("dates_order", "check(date_start <= date_end)",
         "Дата начала периода не может быть позже даты окончания."),
        ("number_positive", "check(number > 0)", "Номер периода должен быть положительным."),
    ]

    @api.depends("kind", "number")
    def _compute_name(self):
        roman = {1: "I", 2: "II", 3: "III", 4: "IV"}
        labels = {"quarter": "четверть", "half_year": "полугодие", "trimester": "триместр"}
        for period in self:
            if period.kind == "year":
                period.name = "Учебный год"
            elif period.kind:
                period.name = "%s %s" % (roman.get(period.number, period.number), labels[period.kind])

    @api.constrains("date_start", "date_end", "academic_year_id", "kind", "grade_level_ids")
    def _check_dates(self):
        for period in self:
            year = period.academic_year_id
            if period.date_start < year.date_start or period.date_end > year.date_end:
                raise ValidationError(_("Период «%s» выходит за границы учебного года %s.")
                                      % (period.name, year.name))
            # Two periods of one kind for the same grade level must not overlap.
            clash = self.search([
                ("id", "!=", period.id), ("academic_year_id", "=", year.id),
                ("kind", "=", period.kind),
                ("grade_level_ids", "in", period.grade_level_ids.ids),
                ("date_start", "<=", period.date_end), ("date_end", ">=", period.date_start),
            ], limit=1)
            if clash:
                raise ValidationError(_("Период «%s» пересекается с периодом «%s» для тех же параллелей.")
                                      % (period.name, clash.name))

    @api.model
    def _get_attestation_period(self, day, grade_level):
        """The quarter/half-year/trimester in which ``grade_level`` is attested on ``day``."""
        return self.search([
            ("date_start", "<=", day), ("date_end", ">=", day),
            ("kind", "=", grade_level.period_kind),
            ("grade_level_ids", "in", grade_level.ids),
        ], limit=1)
