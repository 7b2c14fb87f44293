from odoo import fields, models


class SchoolSubject(models.Model):
    _name = "school.subject"
    _description = "Учебный предмет"
    _order = "sequence, name"

    name = fields.Char(string="Предмет", required=True)
    short_name = fields.Char(string="Краткое название", required=True,
                             help="Для печатного журнала и узких таблиц, например «Рус. яз.»")
    code = fields.Char(string="Код", required=True)
    sequence = fields.Integer(string="Порядок", default=10)
    active = fields.Boolean(string="Используется", default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Предмет с таким кодом уже есть."),
        ("name_unique", "unique(name)", "Предмет с таким названием уже есть."),
    ]
