from odoo import fields, models


class SchoolSubject(models.Model):
    _name = "school.subject"
    _description = "Academic Subject"
    _order = "sequence, name"

    name = fields.Char(string="Subject", required=True)
    short_name = fields.Char(required=True,
                             help="For the printed journal and narrow tables, for example “Rus. lang.”")
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(string="In Use", default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "A subject with this code already exists."),
        ("name_unique", "unique(name)", "A subject with this name already exists."),
    ]
