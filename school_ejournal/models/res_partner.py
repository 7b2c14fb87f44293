from odoo import api, fields, models
from odoo.osv import expression


class ResPartner(models.Model):
    _name = "res.partner"
    # the guard holds the addon's restricted fields here; parents' contacts
    # themselves are kept by the record rule of security/pd_rules.xml
    _inherit = ["res.partner", "school.field.guard"]

    # Only those who may read parents' contacts see who is a parent.
    school_guardian_link_ids = fields.One2many(
        "school.student.guardian", "partner_id", string="Children (Students)",
        groups="school_ejournal.group_class_teacher")

    def _get_school_children(self):
        """Pupils for whom this partner is a legal representative."""
        links = self.env["school.student.guardian"].sudo().search(
            [("partner_id", "in", self.ids), ("is_legal_representative", "=", True)])
        return links.mapped("student_id")

    @api.model
    def get_mention_suggestions(self, search, limit=8):
        """«@» in a chatter suggests the school's staff only. Odoo puts users first
        (portal users, i.e. parents and pupils, among them) and then every
        contact, so a note on a violation reached a parent. Families are written
        to through «Сообщение родителям», never by a mention."""
        if self.env.user.share:
            return super(ResPartner, self).get_mention_suggestions(search, limit=limit)
        search_dom = expression.OR([[("name", "ilike", search)], [("email", "ilike", search)]])
        staff = [("user_ids.share", "=", False), ("id", "!=", self.env.ref("base.partner_root").id)]
        users = self.search_read(expression.AND([staff, search_dom]), ["id", "name", "email"], limit=limit)
        return [users, []]
