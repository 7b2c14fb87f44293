from odoo import _, fields, models


class SchoolWorkKind(models.Model):
    """A kind of work (вид работы) with its weight in the weighted average.
    Weights follow the school's local act and are configurable by the admin;
    a grade stores the weight it was given with, so later changes of the
    setting do not silently rewrite the history."""
    _name = "school.work.kind"
    _description = "Вид работы"
    _order = "sequence, name"

    name = fields.Char(string="Вид работы", required=True, translate=False)
    code = fields.Char(string="Код", required=True)
    short_name = fields.Char(string="Сокращение", help="Для заголовков журнала, например «К/р».")
    sequence = fields.Integer(string="Порядок", default=10)
    weight = fields.Float(string="Вес", required=True, default=1.0, digits=(4, 2),
                          help="Вес отметки в средневзвешенном балле.")
    requires_topic_mark = fields.Boolean(
        string="Отметка обязательна",
        help="По этому виду работ отметка выставляется каждому присутствовавшему ученику "
             "(практические, лабораторные, контрольные работы…).")
    is_control = fields.Boolean(string="Контрольная работа")
    active = fields.Boolean(string="Используется", default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Вид работы с таким кодом уже есть."),
        ("weight_positive", "check(weight > 0 AND weight <= 10)",
         "Вес вида работы должен быть больше 0 и не больше 10."),
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
        """, _("Этот вид работы уже есть в журнале закрытого периода: его код и признак "
               "контрольной работы менять нельзя — заведите новый вид работы. %s"))
        return super(SchoolWorkKind, self).write(vals)
