from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

from ..tools.translate import _

RELATIONS = [
    ("mother", "Mother"),
    ("father", "Father"),
    ("guardian", "Guardian"),
    ("trustee", "Trustee"),
    ("grandmother", "Grandmother"),
    ("grandfather", "Grandfather"),
    ("other", "Other"),
]
# Parents, guardians and trustees are legal representatives by law (СК РФ);
# grandparents and others only when appointed, so they default to False.
LEGAL_RELATIONS = ("mother", "father", "guardian", "trustee")
# The only groups a pupil's or a parent's login may have, and the role each gives.
PORTAL_GROUPS = {"base.group_portal": None, "school_ejournal.group_student": "student",
                 "school_ejournal.group_parent": "parent"}


def school_portal_roles(user):
    """{'student'} / {'parent'} / set() for a portal user that has nothing but the
    school's portal groups; None for anyone else (staff, the superuser, a portal
    user with any other group): the login wizard never touches those."""
    user = user.sudo()
    if user.id == SUPERUSER_ID or not user.share:
        return None
    allowed = {user.env.ref(xmlid).id: role for xmlid, role in PORTAL_GROUPS.items()}
    groups = set(user.groups_id.ids)
    if groups - set(allowed):
        return None
    return {allowed[gid] for gid in groups if allowed[gid]}


class SchoolStudentGuardian(models.Model):
    """Link of a pupil to a parent or other adult (a res.partner). Teachers get
    no access to this model: parents' contacts stay with the class teacher."""
    _name = "school.student.guardian"
    _inherit = ["school.field.guard"]
    _description = "Student’s Parent/Guardian"
    _order = "student_id, is_legal_representative desc, id"
    _school_create_only_fields = ("student_id",)   # client_gate.py

    student_id = fields.Many2one("school.student", required=True,
                                 ondelete="cascade", index=True)
    partner_id = fields.Many2one("res.partner", string="Parent", required=True,
                                 ondelete="restrict", index=True)
    relation = fields.Selection(RELATIONS, string="Relationship", required=True, default="mother")
    is_legal_representative = fields.Boolean(string="Parent/Guardian", default=True)
    notify_by = fields.Selection(
        [("email", "Email"), ("portal", "Portal"), ("both", "E-mail and Portal"),
         ("none", "Do Not Notify")], required=True, default="portal")
    # related fields read the partner under sudo: the deputy reads the links, not the contacts
    phone = fields.Char(related="partner_id.phone", string="Phone", readonly=False,
                        groups="school_ejournal.group_class_teacher")
    mobile = fields.Char(related="partner_id.mobile", string="Mobile", readonly=False,
                         groups="school_ejournal.group_class_teacher")
    email = fields.Char(related="partner_id.email", string="Email", readonly=False,
                        groups="school_ejournal.group_class_teacher")
    user_id = fields.Many2one("res.users", string="Login", compute="_compute_user_id",
                              groups="school_ejournal.group_class_teacher")
    student_class_id = fields.Many2one(related="student_id.current_class_id", string="Class",
                                       store=True, readonly=True)
    # the parent's opt-out of the weekly e-mail report (messages from teachers
    # still follow «Уведомлять»)
    digest_opt_out = fields.Boolean(
        string="No Weekly Report",
        help="The parent has opted out of the weekly academic performance report by email.")

    _sql_constraints = [
        ("student_partner_unique", "unique(student_id, partner_id)",
         "This parent is already linked to the student."),
    ]

    def name_get(self):
        # the consent form and the digest log show which parent of which pupil
        return [(link.id, "%s — %s" % (link.partner_id.name or "", link.student_id.name or ""))
                for link in self]

    @api.model
    def _name_search(self, name="", args=None, operator="ilike", limit=100, name_get_uid=None):
        """Found by the parent's name or by the pupil's."""
        domain = list(args or [])
        if name:
            join = "&" if operator in expression.NEGATIVE_TERM_OPERATORS else "|"
            domain = [join, ("partner_id.name", operator, name), ("student_id.name", operator, name)] + domain
        ids = self._search(domain, limit=limit, access_rights_uid=name_get_uid)
        return self.browse(ids).name_get()

    def _compute_user_id(self):
        users = self.env["res.users"].sudo().with_context(active_test=False).search(
            [("partner_id", "in", self.mapped("partner_id").ids)])
        by_partner = {u.partner_id.id: u for u in users}
        for link in self:
            link.user_id = by_partner.get(link.partner_id.id, False)

    @api.constrains("partner_id", "student_id")
    def _check_not_self(self):
        # sudo: the record rules are checked right after, with a clearer AccessError
        for link in self.sudo():
            if link.partner_id == link.student_id.partner_id:
                raise ValidationError(_("A student cannot be their own guardian."))

    @api.constrains("partner_id")
    def _check_partner_is_a_parent(self):
        """A parent is a plain contact or a portal parent: the login wizard issues
        logins to the guardians of a class, so a link to a staff member's, a
        pupil's or the company's contact would hand over that account."""
        # sudo: users, companies and pupils are looked up whoever links
        Users = self.env["res.users"].sudo().with_context(active_test=False)
        Students = self.env["school.student"].sudo().with_context(active_test=False)
        for link in self.sudo():
            partner = link.partner_id
            companies = self.env["res.company"].sudo().search([("partner_id", "=", partner.id)])
            if partner.is_company or companies:
                raise ValidationError(_("“%s” is an organization, not a person: it cannot be a student’s "
                                        "parent.") % partner.name)
            if Students.search_count([("partner_id", "=", partner.id)]):
                raise ValidationError(_("“%s” is a contact of a school student: they cannot be set as a guardian "
                                        "of another student.") % partner.name)
            for user in Users.search([("partner_id", "=", partner.id)]):
                roles = school_portal_roles(user)
                if roles is None or "parent" not in roles or "student" in roles:
                    raise ValidationError(_(
                        "Contact “%(partner)s” belongs to user “%(login)s” (a staff member, student or "
                        "administrator): only a separate contact or a parent with a portal login can be set as a "
                        "parent. If the parent works at the school, create a separate contact for them.")
                        % {"partner": partner.name, "login": user.login})
