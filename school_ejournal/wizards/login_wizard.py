import hashlib
import re
import secrets
import string

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.translate import _
from ..models.student_guardian import school_portal_roles

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


# While the slips are rendered, their values live on the cursor (never in the
# database, never in the context): {wizard id: [slip values]}.
SLIPS_KEY = "school_login_slips"
REPORT = "school_ejournal.action_report_access_slip"
SLIP_URL = "/school_ejournal/access_slip/%s?token=%s"
# written by the wizard's server path only (SQL), never by a caller
PRIVATE_FIELDS = ("token_hash", "state")
# staff whose passwords the wizard never resets, whoever asks
ABOVE_SCHOOL = ("base.group_system", "base.group_erp_manager")


def token_digest(token):
    return hashlib.sha256((token or "").encode("utf-8")).hexdigest()


def transliterate(text):
    return "".join(TRANSLIT.get(c, c) for c in (text or "").lower())


class SchoolLoginWizard(models.TransientModel):
    """Issue (or re-issue) logins and print access slips.

    The button checks who is chosen and who may issue, and hands the browser a
    link with a one-time random token (kept here only as its SHA-256). Opening
    the link (controllers/access_slip.py) checks everything again, then sets
    the passwords and renders the slips in the same request: a password exists
    in clear text only in that response, never in a record. A second use of the
    link is refused, so a second click cannot reset a class's passwords again.

    Passwords are reset only for portal users of exactly the chosen pupil or
    parent (created here if there are none) and, by the school admin, for staff
    without rights above his own; never for the superuser or Odoo's
    administrators."""
    _name = "school.login.wizard"
    _description = "Issuing Logins and Passwords"

    class_id = fields.Many2one("school.class", help="Select all students of the class as of today.")
    student_ids = fields.Many2many("school.student", string="Students")
    include_parents = fields.Boolean(string="And Their Parents/Guardians", default=True)
    include_students = fields.Boolean(string="To Students Themselves", default=True)
    parent_partner_ids = fields.Many2many("res.partner", string="Parents",
                                          domain=[("school_guardian_link_ids", "!=", False)])
    staff_user_ids = fields.Many2many("res.users", string="Staff",
                                      domain=[("share", "=", False)])
    state = fields.Selection([("draft", "Selection"), ("ready", "Credentials Link Issued"),
                              ("printed", "Credentials Printed")], default="draft", readonly=True, copy=False)
    token_hash = fields.Char(string="Link Digest", readonly=True, copy=False)
    people_count = fields.Integer(string="Will Get a New Password", compute="_compute_people_count",
                                  help="This many people will get a login and a new password; their previous "
                                       "passwords will stop working.")

    consent_skipped = fields.Text(string="Without Personal Data Consent (No Access Granted)",
                                  compute="_compute_consent_skipped")

    @api.depends("student_ids", "include_students", "include_parents", "parent_partner_ids", "staff_user_ids")
    def _compute_people_count(self):
        Guardian = self.env["school.student.guardian"].sudo()  # a count of the selection only
        for wizard in self:
            # a saved wizard's selection as the superuser (as _plan reads it); a form's
            # unsaved values are in the record's own cache
            chosen = wizard.sudo() if isinstance(wizard.id, int) else wizard
            students, parents = chosen.student_ids, chosen.parent_partner_ids
            if wizard.include_parents and students:
                parents |= Guardian.search([("student_id", "in", students.ids),
                                            ("is_legal_representative", "=", True)]).mapped("partner_id")
            wizard.people_count = (len(students) if wizard.include_students else 0) + len(parents) + len(
                chosen.staff_user_ids)

    @api.onchange("class_id")
    def _onchange_class_id(self):
        if self.class_id:
            self.student_ids = self._class_students(self.class_id)

    def _class_students(self, school_class):
        roster = school_class._get_students_on(fields.Date.context_today(self))
        return self.env["school.student"].browse([sid for sids in roster.values() for sid in sids])

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
        elif not model:
            # from the menu: a class teacher of one class gets his class
            led = self.env.user.school_led_class_ids
            if len(led) == 1:
                values["class_id"] = led.id
                values["student_ids"] = [(6, 0, self._class_students(led).ids)]
        return values

    @api.model
    def create(self, vals):
        self._check_private_fields(vals)
        return super(SchoolLoginWizard, self).create(vals)

    def write(self, vals):
        self._check_private_fields(vals)
        return super(SchoolLoginWizard, self).write(vals)

    @api.model
    def _check_private_fields(self, vals):
        if set(PRIVATE_FIELDS) & set(vals):
            raise AccessError(_("The access granting state is changed only by the wizard itself."))

    # ----------------------------------------------------------------- rights
    def _check_rights(self, students, parents):
        """Administrator: everyone. Class teacher: pupils of own class and their
        representatives. Nobody else issues logins."""
        user = self.env.user
        unlinked = parents - self.env["school.student.guardian"].sudo().search(
            [("partner_id", "in", parents.ids)]).mapped("partner_id")
        if unlinked:
            raise UserError(_("Not set as parents of any student: %s.") % ", ".join(unlinked.mapped("name")))
        if user.has_group("school_ejournal.group_school_admin"):
            return
        if self.sudo().staff_user_ids:
            raise AccessError(_("Only the school administrator can grant access to staff."))
        if not user.has_group("school_ejournal.group_class_teacher"):
            raise AccessError(_("Only the class teacher or the administrator can grant access."))
        foreign = students.sudo().filtered(lambda s: s.current_class_id.class_teacher_id != user)
        if foreign:
            raise AccessError(_("A class teacher grants access only to students of their own class; not from "
                                "your class: %s.") % ", ".join(foreign.mapped("name")))
        own_links = self.env["school.student.guardian"].sudo().search([
            ("partner_id", "in", parents.ids),
            ("student_id.current_class_id.class_teacher_id", "=", user.id)])
        foreign_parents = parents - own_links.mapped("partner_id")
        if foreign_parents:
            raise AccessError(_("A class teacher grants access only to parents of students of their own class; "
                                "others: %s.") % ", ".join(foreign_parents.mapped("name")))

    def _check_staff(self, user):
        """The school admin resets staff passwords below his own rights only."""
        issuer = self.env.user
        if user.share:
            raise UserError(_("“%s” is not a staff member: students and parents are given access via students.")
                            % user.name)
        above = any(user.has_group(xmlid) for xmlid in ABOVE_SCHOOL)
        if user.id == SUPERUSER_ID or above or (user.groups_id - issuer.sudo().groups_id):
            raise AccessError(_("The wizard does not change the password of user “%s”: they have rights that you "
                                "do not have, or it is an Odoo administrator. Their password is changed by the "
                                "system administrator.") % user.name)

    def _portal_user_of(self, partner, role, student=None):
        """The existing login of ``partner`` (pupil or parent) that the wizard may
        reset, or an empty recordset when a new one is to be created. Anything but
        a portal user of exactly this partner is refused."""
        users = self.env["res.users"].sudo().with_context(active_test=False).search(
            [("partner_id", "=", partner.id)])
        if student:
            users |= student.user_id  # the wizard reads its selection as superuser
        if not users:
            return users
        other_role = "parent" if role == "student" else "student"
        for user in users:
            roles = school_portal_roles(user)
            if roles is None or other_role in roles or user.partner_id != partner:
                raise AccessError(_("Login “%(login)s” of “%(partner)s” is not a %(value)s portal login (it is a "
                                    "staff member, administrator or user with other rights): the wizard does not "
                                    "change its password.")
                                  % {"login": user.login, "partner": partner.name,
                                     "value": _("student’s") if role == "student" else _("parent’s")})
        if len(users) > 1:
            raise UserError(_("“%(partner)s” has several logins (%(users)s): keep one and grant access again.")
                            % {"partner": partner.name, "users": ", ".join(users.mapped("login"))})
        return users

    def _check_parent_reset(self, partner, user):
        """A parent's existing login also opens his other children's diaries: a class
        teacher resets it only when all of them are in his own classes."""
        issuer = self.env.user
        if not user or issuer.has_group("school_ejournal.group_school_admin"):
            return
        children = self.env["school.student.guardian"].sudo().with_context(active_test=False).search(
            [("partner_id", "=", partner.id)]).mapped("student_id")
        foreign = children.filtered(lambda s: s.current_class_id.class_teacher_id != issuer)
        if foreign:
            raise AccessError(_("Parent “%(partner)s” already has a login, and some of their children are "
                                "students of other classes (%(foreign)s): a new password is issued to them by "
                                "the school administrator.")
                              % {"partner": partner.name, "foreign": ", ".join(foreign.mapped("name"))})

    def _plan(self):
        """Who gets a login: [(kind, record, existing user or empty)], every check
        done, nothing written."""
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
            raise UserError(_("No person selected to grant access to."))
        self._check_rights(wizard.student_ids, parents)
        # the portal is an optional e-service: no consent in force, no login (152-ФЗ)
        students, parents, skipped = self._consent_split(students, parents)
        if skipped and not (students or parents or wizard.staff_user_ids):
            raise UserError(_("Access not granted: %s.") % "; ".join(skipped))
        plan = []
        for user in wizard.staff_user_ids:
            self._check_staff(user)
            plan.append(("staff", user, user))
        for student in students:
            plan.append(("student", student, self._portal_user_of(student.partner_id, "student", student)))
        for partner in parents:
            user = self._portal_user_of(partner, "parent")
            self._check_parent_reset(partner, user)
            plan.append(("parent", partner, user))
        return plan

    @api.model
    def _consent_split(self, students, parents):
        """(pupils, parents, reasons): the pupils with a consent to personal-data
        processing in force, the parents of at least one such pupil, and in
        Russian who is skipped and why. The journal itself needs no consent
        (273-ФЗ ст. 28); the portal does."""
        students = students.sudo()
        kept = students.filtered(lambda s: s.consent_state == "given")
        reasons = [_("%s — no valid consent to personal data processing") % s.name
                   for s in students - kept]
        links = self.env["school.student.guardian"].sudo().search([
            ("partner_id", "in", parents.ids), ("is_legal_representative", "=", True),
            ("student_id.consent_state", "=", "given")])
        kept_parents = parents.filtered(lambda p: p in links.mapped("partner_id"))
        reasons += [_("%s — none of their children has a valid consent to personal data "
                      "processing") % p.name for p in parents - kept_parents]
        return kept, kept_parents, reasons

    @api.depends("student_ids", "include_students", "include_parents", "parent_partner_ids")
    def _compute_consent_skipped(self):
        Guardian = self.env["school.student.guardian"].sudo()
        for wizard in self:
            chosen = wizard.sudo() if isinstance(wizard.id, int) else wizard
            students = chosen.student_ids if wizard.include_students else chosen.student_ids.browse()
            parents = chosen.parent_partner_ids
            if wizard.include_parents and chosen.student_ids:
                parents |= Guardian.search([("student_id", "in", chosen.student_ids.ids),
                                            ("is_legal_representative", "=", True)]).mapped("partner_id")
            reasons = self._consent_split(students, parents)[2]
            wizard.consent_skipped = "\n".join(reasons) if reasons else False

    # ----------------------------------------------------------------- issue
    def action_issue(self):
        """Check, then give the browser the one-time link to the slips."""
        self.ensure_one()
        if self.state != "draft":
            # a second click never resets the passwords of the same people again
            raise UserError(_("Access from this window has already been granted, and passwords are shown only "
                              "once. To grant access again, open “Grant Access” again."))
        self._plan()
        token = secrets.token_urlsafe(32)
        # SQL: these columns are refused to every caller of write()
        self.env.cr.execute("UPDATE school_login_wizard SET token_hash = %s, state = 'ready' WHERE id = %s",
                            (token_digest(token), self.id))
        self.invalidate_cache(list(PRIVATE_FIELDS), self.ids)
        return {"type": "ir.actions.act_url", "url": SLIP_URL % (self.id, token), "target": "new"}

    def _print_slips(self, token):
        """Issue the logins and render the slips, once per token: (content, 'pdf'
        or 'html'). Called by the slip route in the request that shows them."""
        self.ensure_one()
        self.check_access_rule("write")  # the wizard's own creator only
        self.env.cr.execute("""
            UPDATE school_login_wizard SET token_hash = NULL, state = 'printed'
             WHERE id = %s AND token_hash = %s RETURNING id
        """, (self.id, token_digest(token)))
        used = not self.env.cr.fetchone()
        self.invalidate_cache(list(PRIVATE_FIELDS), self.ids)
        if used:
            if self.state == "printed":
                raise UserError(_("The credentials for this link have already been printed: passwords are shown "
                                  "only once. To get new ones, grant access again."))
            raise UserError(_("The access credentials link is invalid: grant access again."))
        slips = self._issue_logins(self._plan())
        return self._render_slips(slips)

    def _issue_logins(self, plan):
        # Rights are checked in _plan; creating users needs more than a class teacher has.
        wizard = self.sudo()
        slips = []
        for kind, record, user in plan:
            if kind == "staff":
                slips.append(wizard._issue(user, _("Staff Member"), user.partner_id))
            elif kind == "student":
                student = record
                user = wizard._portal_login(user, student.partner_id, "school_ejournal.group_student")
                if student.user_id != user:
                    with self.env["school.student"]._login_links_writable():
                        student.write({"user_id": user.id})
                slips.append(wizard._issue(user, _("Student, %s") % (student.current_class_id.name or ""),
                                           student.partner_id))
            else:
                user = wizard._portal_login(user, record, "school_ejournal.group_parent")
                children = record._get_school_children()
                slips.append(wizard._issue(user, _("Parent: %s") % ", ".join(children.mapped("name")),
                                           record))
        return slips

    def _portal_login(self, user, partner, group_xmlid):
        if not user:
            return self._create_portal_user(partner, group_xmlid)
        group = self.env.ref(group_xmlid)
        if group not in user.groups_id:
            user.write({"groups_id": [(4, group.id)]})
        return user

    def _render_slips(self, slips):
        cache = self.env.cr.cache
        cache[SLIPS_KEY] = {self.id: slips}
        try:
            result = self.env.ref(REPORT).render_qweb_pdf(self.ids)
        finally:
            cache.pop(SLIPS_KEY, None)
        content = result[0] if isinstance(result, tuple) else result
        return content, "pdf" if content[:4] == b"%PDF" else "html"

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
        return {"name": partner.name or user.name, "role": role, "login": user.login, "password": password}
