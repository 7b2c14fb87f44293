from odoo import api, fields, models

PERIOD_KINDS = [
    ("quarter", "Quarter"),
    ("half_year", "Half-Year"),
    ("trimester", "Trimester"),
    ("year", "Year"),
]


class SchoolGradeLevel(models.Model):
    """A parallel (1..11). Holds how the grade is attested, so the period
    generator and later the period grades know which periods apply."""
    _name = "school.grade.level"
    _description = "Grade Level"
    _order = "number"

    name = fields.Char(string="Grade Level", required=True)
    number = fields.Integer(required=True)
    period_kind = fields.Selection(
        [k for k in PERIOD_KINDS if k[0] != "year"],
        string="Assessment By", required=True, default="quarter",
        help="By default: grades 1–9 — quarters, 10–11 — half-years.")
    # Russian schools teach the first grade without marks (безотметочное обучение):
    # no period grades are suggested there, so it cannot turn into «н/а» and
    # distort the school's metrics.
    marks_used = fields.Boolean(
        string="Grades Are Given", default=True,
        help="Uncheck for grade-free learning (usually grade 1): final grades are not suggested and the class is "
             "not included in academic performance metrics.")
    max_weekly_hours = fields.Integer(
        string="Max. Hours per Week",
        help="Maximum permitted classroom load (SanPiN), for timetable control.")

    _sql_constraints = [
        ("number_unique", "unique(number)", "This grade level already exists."),
        ("number_range", "check(number between 1 and 11)", "The grade level must be between 1 and 11."),
    ]

    @api.model
    def _by_number(self):
        return {level.number: level for level in self.search([])}
