from odoo import fields, models


class ResPartner(models.Model):
    _name = "res.partner"
    # the guard holds the addon's restricted fields here; parents' contacts
    # themselves are kept by the record rule of security/pd_rules.xml
    _inherit = ["res.partner", "school.field.guard"]

    # Only those who may read parents' contacts see who is a parent.
    school_guardian_link_ids = fields.One2many(
        "school.student.guardian", "partner_id", string="Дети (ученики)",
        groups="school_ejournal.group_class_teacher")

    def _get_school_children(self):
        """Pupils for whom this partner is a legal representative."""
        links = self.env["school.student.guardian"].sudo().search(
            [("partner_id", "in", self.ids), ("is_legal_representative", "=", True)])
        return links.mapped("student_id")
