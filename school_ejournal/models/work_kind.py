from odoo import fields, models


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
