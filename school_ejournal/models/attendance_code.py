from odoo import _, fields, models


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


    def write(self, vals):
        # the seal covers what a code means (period_seal.py): frozen once a closed period uses it
        from .period_seal import freeze_sealed_columns
        freeze_sealed_columns(self, vals, """
            SELECT DISTINCT l.date, c.grade_level_id
              FROM school_attendance a JOIN school_lesson l ON l.id = a.lesson_id
              JOIN school_class c ON c.id = l.class_id
             WHERE a.code_id IN %(ids)s
        """, _("Код посещаемости уже стоит в журнале закрытого периода: его обозначение и "
               "смысл (пропуск, уважительная причина, опоздание) менять нельзя — заведите "
               "новый код. %s"))
        return super(SchoolAttendanceCode, self).write(vals)
