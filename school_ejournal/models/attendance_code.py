from odoo import fields, models


class SchoolAttendanceCode(models.Model):
    """A mark of attendance (н, б, у, о). An empty mark means «present»."""
    _name = "school.attendance.code"
    _description = "Код посещаемости"
    _order = "sequence, code"
    _rec_name = "code"

    code = fields.Char(string="Код", required=True, size=4)
    name = fields.Char(string="Значение", required=True)
    sequence = fields.Integer(string="Порядок", default=10)
    is_excused = fields.Boolean(string="Уважительная причина")
    is_late = fields.Boolean(string="Опоздание")
    counts_as_absence = fields.Boolean(string="Считается пропуском", default=True)
    active = fields.Boolean(string="Используется", default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Код посещаемости с таким обозначением уже есть."),
    ]

