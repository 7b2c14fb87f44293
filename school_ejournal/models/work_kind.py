from odoo import fields, models

from ..tools.translate import _


class SchoolWorkKind(models.Model):
    """A kind of work (вид работы) with its weight in the weighted average.
    Weights follow the school's local act and are configurable by the admin;
    a grade stores the weight it was given with, so later changes of the
    setting do not silently rewrite the history."""
    _name = "school.work.kind"
    _description = "Kind of Work"
    _order = "sequence, name"

    name = fields.Char(string="Kind of Work", required=True, translate=False)
    code = fields.Char(required=True)
    short_name = fields.Char(string="Abbreviation", help="For journal headers, for example “Test”.")
    sequence = fields.Integer(default=10)
    weight = fields.Float(required=True, default=1.0, digits=(4, 2),
                          help="Weight of the grade in the weighted average score.")
    requires_topic_mark = fields.Boolean(
        string="Grade Required",
        help="For this kind of work, every student present gets a grade (practical, laboratory, test work…).")
    is_control = fields.Boolean(string="Test Work")
    active = fields.Boolean(string="In Use", default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "A kind of work with this code already exists."),
        ("weight_positive", "check(weight > 0 AND weight <= 10)",
         "The weight of a kind of work must be greater than 0 and not more than 10."),
    ]

    def write(self, vals):
        # the seal covers the kind's code and «контрольная» (period_seal.py): frozen once a
        # closed period uses the kind; the weight is not (a grade keeps its own weight)
        from .period_seal import freeze_sealed_columns
        freeze_sealed_columns(self, vals, """
            SELECT DISTINCT l.date, c.grade_level_id
              FROM school_lesson l JOIN school_class c ON c.id = l.class_id
             WHERE l.work_kind_id IN %(ids)s
                OR l.id IN (SELECT g.lesson_id FROM school_grade g WHERE g.work_kind_id IN %(ids)s)
        """, _("This kind of work is already used in the journal of a closed period: its code and test flag "
               "cannot be changed — create a new kind of work. %s"))
        return super(SchoolWorkKind, self).write(vals)
