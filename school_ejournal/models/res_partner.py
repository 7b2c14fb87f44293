from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Only those who may read guardian links see them (not teachers, not portal).
    school_guardian_link_ids = fields.One2many(
        "school.student.guardian", "partner_id", string="Дети (ученики)",
        groups="school_ejournal.group_class_teacher,school_ejournal.group_deputy")

    def _get_school_children(self):
        """Pupils for whom this partner is a legal representative."""
        links = self.env["school.student.guardian"].sudo().search(
            [("partner_id", "in", self.ids), ("is_legal_representative", "=", True)])
        return links.mapped("student_id")
