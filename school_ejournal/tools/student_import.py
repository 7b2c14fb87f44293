"""The flat columns of a class list imported from a spreadsheet (base_import):
two parents per pupil, written through the pupil (see school.student)."""
from odoo import fields


def parent_import_fields(number, relations, groups):
    label = "Parent %s: " % number
    return {
        "name": fields.Char(string=label + "Full Name", compute="_compute_parent_import",
                            inverse="_inverse_noop", groups=groups),
        "relation": fields.Selection(relations, string=label + "Relationship",
                                     compute="_compute_parent_import",
                                     inverse="_inverse_noop", groups=groups),
        "phone": fields.Char(string=label + "Phone", compute="_compute_parent_import",
                             inverse="_inverse_noop", groups=groups),
        "email": fields.Char(string=label + "Email", compute="_compute_parent_import",
                             inverse="_inverse_noop", groups=groups),
    }


IMPORT_PARENT_FIELDS = {
    1: {"name": "parent1_name", "relation": "parent1_relation",
        "phone": "parent1_phone", "email": "parent1_email"},
    2: {"name": "parent2_name", "relation": "parent2_relation",
        "phone": "parent2_phone", "email": "parent2_email"},
}
IMPORT_FIELDS = ["enroll_class_id", "enroll_date"] + [
    f for spec in IMPORT_PARENT_FIELDS.values() for f in spec.values()]
