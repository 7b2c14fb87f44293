import secrets

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.http import request
from odoo.service import security

from ..tools.translate import _
from .home import HOME_ROLE_NAMES
from ..tools.names import is_woman as _is_woman

# Role selection for staff lists and CSV import; each maps to one group that
# implies the rest (admin ⊃ class teacher ⊃ teacher).
SCHOOL_ROLES = [
    ("school_admin", "School Administrator"),
    ("deputy", "Deputy Director"),
    ("class_teacher", "Class Teacher"),
    ("teacher", "Teacher"),
    ("staff", "Other Staff Member"),
    ("parent", "Parent"),
    ("student", "Student"),
]
# Staff passwords: at least this long, and not the login itself. The login
# wizard's generated passwords (PASSWORD_LENGTH) satisfy it.
STAFF_PASSWORD_MIN_LENGTH = 10
# cursor flag of internal generators that create staff with password = login
# (the benchmark's large school); never settable from a request
PASSWORD_POLICY_OFF = "school_password_policy_off"
# rights the school admin never touches: users holding them are changed by the system administrator
ABOVE_SCHOOL = ("base.group_system", "base.group_erp_manager")

ROLE_GROUPS = {
    "school_admin": "school_ejournal.group_school_admin",
    "deputy": "school_ejournal.group_deputy",
    "class_teacher": "school_ejournal.group_class_teacher",
    "teacher": "school_ejournal.group_teacher",
    "parent": "school_ejournal.group_parent",
    "student": "school_ejournal.group_student",
}

# What the school administrator (without Odoo's «Права доступа») may give staff:
# the journal's staff roles and an employee's ordinary groups, never the
# settings, technical features, his own role or a portal role.
STAFF_GRANTABLE_GROUPS = ("base.group_user", "base.group_partner_manager", "school_ejournal.group_teacher",
                          "school_ejournal.group_class_teacher", "school_ejournal.group_deputy")
# ... and the fields of a staff member he may fill in (the staff form, the CSV import)
STAFF_WRITABLE_FIELDS = ("name", "school_full_name", "login", "email", "function", "phone", "mobile",
                         "image", "active", "school_role", "lang", "tz", "groups_id", "password")


# The time zones of Russia by their people's names, for the preferences (Odoo's
# list is 600 English names of the tz database).
RUSSIAN_TIMEZONES = [
    ("Europe/Kaliningrad", "Kaliningrad (MSK−1)"),
    ("Europe/Moscow", "Moscow (MSK)"),
    ("Europe/Samara", "Samara (MSK+1)"),
    ("Asia/Yekaterinburg", "Yekaterinburg (MSK+2)"),
    ("Asia/Omsk", "Omsk (MSK+3)"),
    ("Asia/Novosibirsk", "Novosibirsk (MSK+4)"),
    ("Asia/Krasnoyarsk", "Krasnoyarsk (MSK+4)"),
    ("Asia/Irkutsk", "Irkutsk (MSK+5)"),
    ("Asia/Yakutsk", "Yakutsk (MSK+6)"),
    ("Asia/Vladivostok", "Vladivostok (MSK+7)"),
    ("Asia/Magadan", "Magadan (MSK+8)"),
    ("Asia/Kamchatka", "Petropavlovsk-Kamchatsky (MSK+9)"),
]
# mail's notification_type in words a school uses
SCHOOL_NOTIFICATIONS = [("email", "By e-mail"), ("inbox", "In the journal (“Communication”)")]
# the preferences a user changes for himself (res.users lets a user write only these)
SCHOOL_PREFERENCES = ["school_tz", "school_notification"]


class ResUsers(models.Model):
    _name = "res.users"
    _inherit = ["res.users", "school.field.guard"]

    # The position is the partner's standard «Должность» (function) field.
    # «ФИО» column of staff lists (the stock label of name is «Название»).
    school_full_name = fields.Char(string="Full Name", compute="_compute_school_full_name",
                                   inverse="_inverse_school_full_name")
    school_role = fields.Selection(SCHOOL_ROLES, string="Journal Role", compute="_compute_school_role",
                                   inverse="_inverse_school_role")
    school_class_ids = fields.One2many("school.class", "class_teacher_id", string="Class Teacher Duties",
                                       groups="base.group_user")
    school_taught_class_ids = fields.Many2many("school.class", string="Teacher’s Classes",
                                               compute="_compute_school_taught_class_ids",
                                               help="Classes where the user teaches lessons or is the class teacher.")
    school_led_class_ids = fields.Many2many("school.class", string="Class Teacher’s Classes",
                                            compute="_compute_school_taught_class_ids")
    school_taught_group_ids = fields.Many2many("school.class.subgroup", string="Teacher’s Teaching Groups",
                                               compute="_compute_school_taught_class_ids")

    school_tz = fields.Selection(RUSSIAN_TIMEZONES, string="Time Zone", compute="_compute_school_preferences",
                                 inverse="_inverse_school_tz")
    school_notification = fields.Selection(SCHOOL_NOTIFICATIONS, string="Notifications",
                                           compute="_compute_school_preferences",
                                           inverse="_inverse_school_notification")

    def __init__(self, pool, cr):
        # a user sets his own time zone and notifications in «Параметры»
        super(ResUsers, self).__init__(pool, cr)
        for attr in ("SELF_WRITEABLE_FIELDS", "SELF_READABLE_FIELDS"):
            names = list(getattr(self, attr))
            setattr(type(self), attr, names + [f for f in SCHOOL_PREFERENCES if f not in names])

    def _compute_school_preferences(self):
        zones = self._school_selection_labels("school_tz")
        for user in self:
            user.school_tz = user.tz if user.tz in zones else False
            user.school_notification = user.notification_type

    def _inverse_school_tz(self):
        for user in self:
            if user.school_tz:
                user.tz = user.school_tz

    def _inverse_school_notification(self):
        for user in self:
            if user.school_notification:
                user.notification_type = user.school_notification

    def _create_welcome_message(self):
        # mail's «%s has joined the %s network.» (in Russian always «присоединился»):
        # the school's words, agreed with the person
        self.ensure_one()
        if not self.has_group("base.group_user"):
            return False
        woman = _is_woman(self.name)
        body = (_("%s has got her access to the E-Journal.") if woman else
                _("%s has got his access to the E-Journal.") if woman is False else
                _("%s: access to the E-Journal is open.")) % self.name
        return self.partner_id.sudo().message_post(body=body)

    @api.model
    def _school_classes_changed(self):
        """A teaching load or a class teacher changed: the record rules that list a
        teacher's classes (evaluated once per user and cached by ir.rule) and the
        lists themselves are computed again."""
        self.invalidate_cache(["school_taught_class_ids", "school_led_class_ids", "school_taught_group_ids"])
        self.env["ir.rule"].clear_caches()

    def _compute_school_taught_class_ids(self):
        # SQL: evaluated inside the record rules of school.student, which must not
        # read classes or teaching loads through the ORM (and their rules) there
        Class = self.env["school.class"]
        for user in self:
            self.env.cr.execute("SELECT id FROM school_class WHERE class_teacher_id = %s AND active", (user.id,))
            led = {r[0] for r in self.env.cr.fetchall()}
            self.env.cr.execute("""
                SELECT a.class_id FROM school_teaching_assignment a JOIN school_class c ON c.id = a.class_id
                 WHERE a.teacher_id = %s AND c.active
            """, (user.id,))
            taught = {r[0] for r in self.env.cr.fetchall()}
            self.env.cr.execute("""
                SELECT DISTINCT a.subgroup_id FROM school_teaching_assignment a JOIN school_class c ON c.id = a.class_id
                 WHERE a.teacher_id = %s AND c.active AND a.subgroup_id IS NOT NULL
            """, (user.id,))
            user.school_led_class_ids = Class.browse(sorted(led))
            user.school_taught_class_ids = Class.browse(sorted(led | taught))
            user.school_taught_group_ids = self.env["school.class.subgroup"].browse(
                sorted(r[0] for r in self.env.cr.fetchall()))

    # ------------------------------------------------------ staff by the school admin
    @api.model
    def _school_staff_manager_only(self):
        """True when the acting user creates and edits users through the school
        administrator's rights only (not the superuser, not Odoo's «Права доступа»)."""
        return self.env.uid != SUPERUSER_ID and not self.env.user.has_group("base.group_erp_manager")

    @api.model
    def _school_grantable_groups(self):
        """The staff roles and what the database makes them imply (a demo database
        gives every employee «Технические детали»), among the issuer's own groups."""
        groups = self.env["res.groups"].browse([self.env.ref(xmlid).id for xmlid in STAFF_GRANTABLE_GROUPS])
        return (groups | groups.mapped("trans_implied_ids")) & self.env.user.groups_id

    @api.model
    def _school_check_staff_fields(self, vals):
        # the web client sends the record's last-update stamp with every save
        foreign = sorted(set(vals) - set(STAFF_WRITABLE_FIELDS) - {"__last_update"})
        if foreign:
            raise AccessError(_("The school administrator fills in only the full name, login, position, contacts "
                                "and journal role of a staff member; other fields (%s) are changed by the system "
                                "administrator.")
                              % ", ".join(self._school_field_label(name) for name in foreign))

    def _school_check_staff_targets(self):
        """Only staff below the school admin: never himself, another school admin,
        the superuser, Odoo's administrators, a pupil or a parent, nor anyone with
        a group he has not. Returns {user id: groups} for _school_check_staff_added."""
        issuer_groups = self.env.user.groups_id
        refused = self.env.ref("school_ejournal.group_school_admin") | self.env["res.groups"].browse(
            [self.env.ref(xmlid).id for xmlid in ABOVE_SCHOOL])
        groups = {}
        # sudo: the groups of the users being edited, compared with the issuer's
        for user in self.sudo():
            if user.id == SUPERUSER_ID or user.share or user.groups_id & refused or user.groups_id - issuer_groups:
                raise AccessError(_("The school administrator does not change user “%s”: this is the administrator "
                                    "themselves, another administrator, a student or a parent, or the user has higher "
                                    "rights than yours. This user is changed by the system administrator.") % user.name)
            groups[user.id] = user.groups_id
        return groups

    def _school_check_staff_added(self, before):
        """The groups a write or a creation added are the journal's staff roles
        (and an employee's ordinary groups) only; the user stays staff."""
        grantable = self._school_grantable_groups()
        for user in self.sudo():
            added = user.groups_id - before.get(user.id, self.env["res.groups"])
            if user.share or added - grantable:
                raise AccessError(_("The school administrator grants staff only journal roles (teacher, class "
                                    "teacher, deputy director); “%s” rights are granted by the system "
                                    "administrator.") % ", ".join(
                    (added - grantable).mapped("full_name") or [_("student or parent")]))

    @api.model
    def create(self, vals):
        vals = dict(vals)
        guarded = self._school_staff_manager_only()
        if guarded:
            # staff get their first password on the access slip, never an e-mailed
            # sign-up link (auth_signup would send one to anyone with an e-mail)
            self = self.with_context(no_reset_password=True)
            self._school_check_staff_fields(vals)
            if "groups_id" not in vals:
                # Odoo's defaults for new users, less what the school admin may not give
                defaults = self.default_get(["groups_id"]).get("groups_id") or []
                default_ids = self.new({"groups_id": defaults}).groups_id
                vals["groups_id"] = [(6, 0, (default_ids & self._school_grantable_groups()).ids)]
        if vals.get("school_full_name") and not vals.get("name"):
            vals["name"] = vals["school_full_name"]
        # res.users.create rewrites the groups after inverses run: set the role last.
        role = vals.pop("school_role", None)
        user = super(ResUsers, self).create(vals)
        if role:
            user.school_role = role
        if guarded:
            user._school_check_staff_added({})
        if vals.get("password"):
            # the groups are known only now; a refusal rolls the creation back
            user._check_school_password(vals["password"])
        user._school_set_home()
        return user

    def write(self, vals):
        guarded = self._school_staff_manager_only() and not (
            self == self.env.user and all(key in self.SELF_WRITEABLE_FIELDS or key.startswith("context_")
                                          for key in vals))
        if guarded:
            self._school_check_staff_fields(vals)
            before = self._school_check_staff_targets()
        password = vals.get("password")
        if password:
            # refused before anything is written for those who are staff already
            self._check_school_password(password)
        result = super(ResUsers, self).write(vals)
        if guarded:
            self._school_check_staff_added(before)
        if password:
            # and for those the same write makes staff
            self._check_school_password(password)
        if "groups_id" in vals or any(key.startswith(("in_group_", "sel_groups_")) for key in vals):
            self._school_set_home()
        return result

    def _check_school_password(self, password):
        """The password policy of staff (internal users): by the user himself
        (Odoo's change_password writes here), by an administrator (the change
        password wizard, the user form, RPC) and on creation. Pupils and parents
        get generated passwords from the login wizard. A UserError: Odoo's own
        password forms (reset by e-mail) show its text. Data loaded with a module
        (the demo's password = login) is not a person choosing a password."""
        if not self.env.registry.ready or self.env.cr.cache.get(PASSWORD_POLICY_OFF):
            return
        for user in self:
            # sudo: group membership of the user whose password is set, a yes/no only
            if user.sudo().share:
                continue
            user._school_check_password_rules(password)

    def _school_check_password_rules(self, password):
        """The policy itself: staff always, pupils and parents when they choose
        their own password (the portal's page, «Сменить пароль» of the web client)."""
        self.ensure_one()
        if len(password) < STAFF_PASSWORD_MIN_LENGTH:
            raise UserError(_("The password must be at least %s characters long.") % STAFF_PASSWORD_MIN_LENGTH)
        login = (self.sudo().login or "").strip().lower()
        if login and login in password.lower():
            raise UserError(_("The password must not match or contain the login."))

    def _compute_school_full_name(self):
        for user in self:
            user.school_full_name = user.name

    def _inverse_school_full_name(self):
        for user in self:
            if user.school_full_name and user.school_full_name != user.name:
                user.name = user.school_full_name

    def _compute_school_role(self):
        groups = {role: self.env.ref(xmlid) for role, xmlid in ROLE_GROUPS.items()}
        for user in self:
            user_groups = user.sudo().groups_id
            user.school_role = next((role for role, _label in SCHOOL_ROLES
                                     if role in groups and groups[role] in user_groups),
                                    "staff" if user.has_group("base.group_user") else False)

    def _inverse_school_role(self):
        groups = {role: self.env.ref(xmlid) for role, xmlid in ROLE_GROUPS.items()}
        portal_roles = ("parent", "student")
        for user in self:
            if not user.school_role:
                continue
            commands = [(3, group.id) for role, group in groups.items() if role != user.school_role]
            if user.school_role in portal_roles:
                commands.append((3, self.env.ref("base.group_user").id))
            else:
                commands.append((4, self.env.ref("base.group_user").id))
            if user.school_role in groups:
                commands.append((4, groups[user.school_role].id))
            user.write({"groups_id": commands})

    @api.model
    def _school_staff_domain(self):
        return [("share", "=", False), ("groups_id", "in", [
            self.env.ref("school_ejournal.group_teacher").id,
            self.env.ref("school_ejournal.group_deputy").id])]

    # ------------------------------------------------------------------ home screen
    def _school_set_home(self):
        """Staff land on their role's home screen (school.home), not in Discuss:
        set when the home action is empty or another role's home; a home an
        administrator chose by hand stays."""
        Home = self.env["school.home"]
        homes = {action.id for action in map(Home._home_action, HOME_ROLE_NAMES) if action}
        for user in self.sudo():
            role = Home._home_role_of_groups(user.groups_id)
            action = Home._home_action(role) if role and not user.share else None
            current = user.action_id.id
            if action and current != action.id and (not current or current in homes):
                user.action_id = action.id
            elif not action and current in homes:
                user.action_id = False

    @api.model
    def _school_set_home_all(self):
        self.with_context(active_test=False).search([("share", "=", False)])._school_set_home()

    # ------------------------------------------------------------ sessions
    # «Выйти на всех устройствах» after a suspected leak of a login.
    # Odoo 11 signs every session with a token computed from the user's row
    # (_get_session_token_fields: id, login, password hash, active) and checks it on
    # each request. A per-user salt joins those fields: rotating it invalidates
    # every session of the user at once, without changing the password. The user's
    # current session (the one asking) gets a fresh token and stays logged in.
    # The salt is never shown: only its change matters.
    school_session_salt = fields.Char(string="Session Salt", copy=False, groups="base.group_system")

    def _get_session_token_fields(self):
        return super(ResUsers, self)._get_session_token_fields() | {"school_session_salt"}

    def action_school_logout_everywhere(self):
        """The user for himself, the school administrator for anyone."""
        is_admin = self.env.user.has_group("school_ejournal.group_school_admin")
        if not is_admin and (self - self.env.user):
            raise AccessError(_("Only the school administrator can end another user’s sessions."))
        # sudo: the salt is a system field; who may rotate it was checked just above,
        # and it only ends sessions (nothing is read)
        for user in self.sudo():
            user.write({"school_session_salt": secrets.token_hex(16)})
        if request and getattr(request, "session", None) and request.session.uid in self.ids:
            request.session.session_token = security.compute_session_token(request.session, request.env)
        return True
