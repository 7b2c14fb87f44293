from odoo import api, fields, models

PERIOD_KINDS = [
    ("quarter", "Четверть"),
    ("half_year", "Полугодие"),
    ("trimester", "Триместр"),
    ("year", "Год"),
]


class SchoolGradeLevel(models.Model):
    """A parallel (1..11). Holds how the grade is attested, so the period
    generator and later the period grades know which periods apply."""
    _name = "school.grade.level"
    _description = "Параллель"
    _order = "number"

    name = fields.Char(string="Параллель", required=True)
    number = fields.Integer(string="Номер", required=True)
    period_kind = fields.Selection(
        [k for k in PERIOD_KINDS if k[0] != "year"],
        string="Аттестация по", required=True, default="quarter",
        help="По умолчанию: 1–9 классы — четверти, 10–11 — полугодия.")
    # Russian schools teach the first grade without marks (безотметочное обучение):
    # no period grades are suggested there, so it cannot turn into «н/а» and
    # distort the school's metrics.
    marks_used = fields.Boolean(
        string="Отметки выставляются", default=True,
        help="Снимите для безотметочного обучения (обычно 1 класс): итоговые оценки "
             "не предлагаются и в показатели успеваемости класс не входит.")
    max_weekly_hours = fields.Integer(
        string="Макс. часов в неделю",
        help="Предельно допустимая аудиторная нагрузка (СанПиН), для контроля расписания.")

    _sql_constraints = [
        ("number_unique", "unique(number)", "Такая параллель уже есть."),
        ("number_range", "check(number between 1 and 11)", "Параллель должна быть от 1 до 11."),
    ]

    @api.model
    def _by_number(self):
        return {level.number: level for level in self.search([])}
