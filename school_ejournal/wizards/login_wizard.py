import re
import secrets
import string

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

# No characters that read alike on paper (0/O/o, 1/l/I/i): slips are typed in by hand.
PASSWORD_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "0Oo1lIi")
PASSWORD_LENGTH = 10

TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o",
                     "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e",
                     "yu", "ya"]))


def generate_password(length=PASSWORD_LENGTH):
    """A random one-time password from the unambiguous alphabet, with at least
    one lowercase letter, one uppercase letter and one digit."""
    while True:
        password = "".join(secrets.choice(PASSWORD_ALPHABET) for _i in range(length))
        if (any(c.islower() for c in password) and any(c.isupper() for c in password)
                and any(c.isdigit() for c in password)):
            return password


def transliterate(text):
    return "".join(TRANSLIT.get(c, c) for c in (text or "").lower())


class SchoolLoginWizard(models.TransientModel):
    """Issue (or re-issue) logins and print access slips.

    Passwords exist in clear text only in this wizard's lines, only until the
    slips are rendered: the report reads them once and deletes the lines in the
    same transaction (see report.school_ejournal.report_access_slip). If the
    sheet is never printed, the transient lines are vacuumed by Odoo within
    the hour and are readable by their creator only; the users keep just the
    password hash (auth_crypt). Re-issuing simply sets a new password."""
    _name = "school.login.wizard"
    _description = "Выдача логинов и паролей"

    student_ids = fields.Many2many("school.student", string="Ученики")
    include_parents = fields.Boolean(string="И их законным представителям", default=True)
    include_students = fields.Boolean(string="Самим ученикам", default=True)
    parent_partner_ids = fields.Many2many("res.partner", string="Родители",
                                          domain=[("school_guardian_link_ids", "!=", False)])
    staff_user_ids = fields.Many2many("res.users", string="Сотрудники",
                                      domain=[("share", "=", False)])
    line_ids = fields.One2many("school.login.wizard.line", "wizard_id", string="Выданные доступы")

    @api.model
    def default_get(self, fields_list):
        values = super(SchoolLoginWizard, self).default_get(fields_list)
        model, ids = self.env.context.get("active_model"), self.env.context.get("active_ids") or []
        if model == "school.student":
            values["student_ids"] = [(6, 0, ids)]
        elif model == "school.class":
            students = self.env["school.class"].browse(ids)._get_students_on(
                fields.Date.context_today(self))
            values["student_ids"] = [(6, 0, [sid for sids in students.values() for sid in sids])]
        elif model == "school.student.guardian":
            links = self.env["school.student.guardian"].browse(ids)
            values["parent_partner_ids"] = [(6, 0, links.mapped("partner_id").ids)]
            values["include_students"] = False
        elif model == "res.users":
            values["staff_user_ids"] = [(6, 0, ids)]
        return values

    # ----------------------------------------------------------------- rights
    def _check_rights(self, students, parents):
        """Administrator: everyone. Class teacher: pupils of own class and their
        representatives. Nobody else issues logins."""
        user = self.env.user
        if user.has_group("school_ejournal.group_school_admin"):
            return
        if self.sudo().staff_user_ids:
            raise AccessError(_("Выдавать доступ сотрудникам может только администратор школы."))
        if not user.has_group("school_ejournal.group_class_teacher"):
            raise AccessError(_("Выдавать доступ может только классный руководитель или администратор."))
        foreign = students.sudo().filtered(lambda s: s.current_class_id.class_teacher_id != user)
        if foreign:
            raise AccessError(_("Классный руководитель выдаёт доступ только ученикам своего класса; "
                                "не из вашего класса: %s.") % ", ".join(foreign.mapped("name")))
        own_links = self.env["school.student.guardian"].sudo().search([
            ("partner_id", "in", parents.ids),
            ("student_id.current_class_id.class_teacher_id", "=", user.id)])
        foreign_parents = parents - own_links.mapped("partner_id")
        if foreign_parents:
            raise AccessError(_("Классный руководитель выдаёт доступ только родителям учеников своего "
                                "класса; чужие: %s.") % ", ".join(foreign_parents.mapped("name")))

    # ----------------------------------------------------------------- issue
    def action_issue(self):
        self.ensure_one()
        # Read the selection as superuser: a many2many read as the user would
        # silently drop the pupils he may not see, instead of refusing them.
        wizard = self.sudo()
        students = wizard.student_ids if wizard.include_students else self.env["school.student"].sudo()
        parents = wizard.parent_partner_ids
        if wizard.include_parents and wizard.student_ids:
            parents |= self.env["school.student.guardian"].sudo().search([
                ("student_id", "in", wizard.student_ids.ids),
                ("is_legal_representative", "=", True)]).mapped("partner_id")
        if not (students or parents or wizard.staff_user_ids):
            raise UserError(_("Не выбрано ни одного человека для выдачи доступа."))
        self._check_rights(wizard.student_ids, parents)
        # Rights are checked above; creating users needs more than a class teacher has.
        lines = []
        for user in wizard.staff_user_ids:
            lines.append(wizard._issue(user, _("Сотрудник"), user.partner_id))
        for student in students:
            user = student.user_id or wizard._find_user(student.partner_id)
            if not user:
                user = wizard._create_portal_user(student.partner_id, "school_ejournal.group_student")
            student.user_id = user
            lines.append(wizard._issue(user, _("Ученик, %s") % (student.current_class_id.name or ""),
                                       student.partner_id))
        for partner in parents:
            user = wizard._find_user(partner) or wizard._create_portal_user(
                partner, "school_ejournal.group_parent")
            children = partner._get_school_children()
            lines.append(wizard._issue(user, _("Родитель: %s") % ", ".join(children.mapped("name")),
                                       partner))
        self.line_ids.unlink()
        for vals in lines:
            self.env["school.login.wizard.line"].create(dict(vals, wizard_id=self.id))
        return self.env.ref("school_ejournal.action_report_access_slip").report_action(self)

    def _find_user(self, partner):
        return self.env["res.users"].with_context(active_test=False).search(
            [("partner_id", "=", partner.id)], limit=1)

    def _unique_login(self, partner):
        Users = self.env["res.users"].with_context(active_test=False)
        email = (partner.email or "").strip().lower()
        if email and not Users.search_count([("login", "=ilike", email)]):
            return email
        parts = (partner.name or "").split()
        base = transliterate(parts[0]) if parts else "user"
        if len(parts) > 1:
            base += "." + transliterate(parts[1])[:1]
        base = re.sub(r"[^a-z0-9.]", "", base) or "user"
        login, number = base, 1
        while Users.search_count([("login", "=", login)]):
            number += 1
            login = "%s%s" % (base, number)
        return login

    def _create_portal_user(self, partner, group_xmlid):
        values = {
            "partner_id": partner.id,
            "login": self._unique_login(partner),
            "groups_id": [(6, 0, [self.env.ref(group_xmlid).id])],
        }
        if self.env["res.lang"].search_count([("code", "=", "ru_RU")]):
            values["lang"] = "ru_RU"
        return self.env["res.users"].with_context(no_reset_password=True).create(values)

    def _issue(self, user, role, partner):
        """Set a fresh password (re-issue = reset) and return the slip's values."""
        password = generate_password()
        if not user.active:
            user.active = True
        user.write({"password": password})
        return {"name": partner.name or user.name, "role": role, "login": user.login,
                "password": password, "user_id": user.id}


class SchoolLoginWizardLine(models.TransientModel):
    _name = "school.login.wizard.line"
    _description = "Реквизиты доступа (одноразово, до печати)"

    wizard_id = fields.Many2one("school.login.wizard", required=True, ondelete="cascade")
    user_id = fields.Many2one("res.users", string="Пользователь")
    name = fields.Char(string="ФИО")
    role = fields.Char(string="Кто")
    login = fields.Char(string="Логин")
    password = fields.Char(string="Пароль")
