from odoo import fields, models

from ..tools.translate import _


class SchoolAttendanceCode(models.Model):
    """A mark of attendance (н, б, у, о). An empty mark means «present»."""
    _name = "school.attendance.code"
    _description = "Attendance Code"
    _order = "sequence, code"
    _rec_name = "code"

    code = fields.Char(required=True, size=4)
    name = fields.Char(string="Meaning", required=True)
    sequence = fields.Integer(default=10)
    is_excused = fields.Boolean(string="Valid Reason")
    is_late = fields.Boolean(string="Late Arrival")
    counts_as_absence = fields.Boolean(string="Counts as Absence", default=True)
    active = fields.Boolean(string="In Use", default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "An attendance code with this symbol already exists."),
    ]


    def write(self, vals):
        # the seal covers what a code means (period_seal.py): frozen once a closed period uses it
        from .period_seal import freeze_sealed_columns
        freeze_sealed_columns(self, vals, """
            SELECT DISTINCT l.date, c.grade_level_id
              FROM school_attendance a JOIN school_lesson l ON l.id = a.lesson_id
              JOIN school_class c ON c.id = l.class_id
             WHERE a.code_id IN %(ids)s
        """, _("The attendance code is already used in the journal of a closed period: its symbol and meaning "
               "(absence, valid reason, lateness) cannot be changed — create a new code. %s"))
        return super(SchoolAttendanceCode, self).write(vals)
