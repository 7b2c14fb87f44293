from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

RELATIONS = [
    ("mother", "Мать"),
    ("father", "Отец"),
    ("guardian", "Опекун"),
    ("trustee", "Попечитель"),
    ("grandmother", "Бабушка"),
    ("grandfather", "Дедушка"),
    ("other", "Другое"),
]
# Parents, guardians and trustees are legal representatives by law (СК РФ);
# grandparents and others only when appointed, so they default to False.
LEGAL_RELATIONS = ("mother", "father", "guardian", "trustee")


class SchoolStudentGuardian(models.Model):
    """Link of a pupil to a parent or other adult (a res.partner). Teachers get
    no access to this model: parents' contacts stay with the class teacher."""
    _name = "school.student.guardian"
    _description = "Родитель (законный представитель) ученика"
    _order = "student_id, is_legal_representative desc, id"
    _school_create_only_fields = ("student_id",)   # field_guard.py

    student_id = fields.Many2one("school.student", string="Ученик", required=True,
                                 ondelete="cascade", index=True)
    partner_id = fields.Many2one("res.partner", string="Родитель", required=True,
                                 ondelete="restrict", index=True)
    relation = fields.Selection(RELATIONS, string="Кем приходится", required=True, default="mother")
    is_legal_representative = fields.Boolean(string="Законный представитель", default=True)
    notify_by = fields.Selection(
        [("email", "Эл. почта"), ("portal", "Портал"), ("both", "Эл. почта и портал"),
         ("none", "Не уведомлять")], string="Уведомлять", required=True, default="portal")
    phone = fields.Char(related="partner_id.phone", string="Телефон", readonly=False)
    mobile = fields.Char(related="partner_id.mobile", string="Мобильный", readonly=False)
    email = fields.Char(related="partner_id.email", string="Эл. почта", readonly=False)
    user_id = fields.Many2one("res.users", string="Логин", compute="_compute_user_id")
    student_class_id = fields.Many2one(related="student_id.current_class_id", string="Класс",
                                       store=True, readonly=True)

    _sql_constraints = [
        ("student_partner_unique", "unique(student_id, partner_id)",
         "Этот родитель уже связан с учеником."),
    ]

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
                raise ValidationError(_("Ученик не может быть своим собственным представителем."))
