from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html_escape

from ..tools.translate import _
from ..tools.dates import MAX_REPORT_DAYS, age_on, checked_day as _checked_day, format_date as _format_date
from ..tools.snils import normalize_snils
from ..tools.student_card import journal_table
from ..tools.student_import import IMPORT_FIELDS, IMPORT_PARENT_FIELDS, parent_import_fields
from ..tools.student_sql import (DEPUTY_PD_GROUPS, GUARDIAN_USERS_SQL, JOURNAL_GROUPS, LOGIN_FIELDS, LOGIN_LINK_KEY,
                                 PD_GROUPS, PORTAL_USER_STUDENTS_SQL, PORTAL_USERS_SQL, UNSCOPED_GROUPS, consent_state,
                                 login_links_writable, marks_sql, user_ids_from)
from .student_guardian import RELATIONS, LEGAL_RELATIONS

_P1 = parent_import_fields(1, RELATIONS, PD_GROUPS)
_P2 = parent_import_fields(2, RELATIONS, PD_GROUPS)


class SchoolStudent(models.Model):
    _name = "school.student"
    _description = "Student"
    # the guard first: it filters mail.thread's tracking
    _inherit = ["school.field.guard", "mail.thread"]
    _order = "last_name, first_name, middle_name, id"
    # client_gate.py: archiving is the school admin's; the login links (LOGIN_FIELDS)
    # are written by the login wizard's server path only (_check_login_fields)
    _school_field_groups = {"active": "school_ejournal.group_school_admin"}
    _school_server_fields = ("digest_log_ids", "change_log_ids")

    name = fields.Char(string="Full Name", compute="_compute_name", store=True, index=True)
    last_name = fields.Char(required=True, track_visibility="onchange")
    first_name = fields.Char(required=True, track_visibility="onchange")
    middle_name = fields.Char(string="Patronymic", track_visibility="onchange")
    birth_date = fields.Date(string="Date of Birth", track_visibility="onchange")
    gender = fields.Selection([("male", "Male"), ("female", "Female")])
    # restricted fields are not tracked: the chatter is read by every teacher of the pupil
    snils = fields.Char(string="SNILS", size=14, groups=PD_GROUPS,
                        help="Format 123-456-789 01; the check digits are verified.")
    address = fields.Text(groups=PD_GROUPS)
    health_group = fields.Selection(
        [("main", "Main"), ("preparatory", "Preparatory"), ("special", "Special")],
        string="Health Group (Physical Education)", default="main", groups=DEPUTY_PD_GROUPS)
    image = fields.Binary(string="Photo", attachment=True)
    active = fields.Boolean(default=True)
    partner_id = fields.Many2one("res.partner", string="Contact", required=True, ondelete="restrict",
                                 readonly=True, copy=False, index=True,
                                 help="Contact for mail and the portal, created automatically.")
    user_id = fields.Many2one("res.users", string="Student Login", ondelete="set null", readonly=True,
                              groups=PD_GROUPS, copy=False,
                              help="Created when access is granted (“Grant Access”).")
    guardian_ids = fields.One2many("school.student.guardian", "student_id",
                                   string="Parents/Guardians", groups=PD_GROUPS)
    movement_ids = fields.One2many("school.student.movement", "student_id", string="Movements",
                                   groups=DEPUTY_PD_GROUPS)
    current_class_id = fields.Many2one("school.class", string="Class", compute="_compute_current_class",
                                       store=True, index=True, readonly=True, compute_sudo=True,
                                       help="Class as of today according to movement orders.")
    consent_ids = fields.One2many("school.pd.consent", "student_id", string="Personal Data Consents",
                                  groups=DEPUTY_PD_GROUPS)
    consent_state = fields.Selection(
        [("none", "No Consent"), ("given", "Consent Given"), ("revoked", "Consent Revoked")],
        string="Personal Data Consent", compute="_compute_consent_state", store=True,
        compute_sudo=True, index=True)
    subgroup_ids = fields.Many2many("school.class.subgroup", "school_class_subgroup_student_rel",
                                    "student_id", "subgroup_id", string="Subgroups")

    # Flat columns for class lists imported from spreadsheets (base_import):
    # writing them enrols the pupil and links the parents; see _apply_import_values.
    enroll_class_id = fields.Many2one("school.class", string="Enrollment Class", groups=PD_GROUPS,
                                      compute="_compute_enroll", inverse="_inverse_noop")
    enroll_date = fields.Date(string="Enrollment Date", compute="_compute_enroll",
                              inverse="_inverse_noop", groups=PD_GROUPS)
    parent1_name = _P1["name"]
    parent1_relation = _P1["relation"]
    parent1_phone = _P1["phone"]
    parent1_email = _P1["email"]
    parent2_name = _P2["name"]
    parent2_relation = _P2["relation"]
    parent2_phone = _P2["phone"]
    parent2_email = _P2["email"]
    # the card's «Успеваемость»: marks and absences per subject and period
    grade_count = fields.Integer(string="Number of Grades", compute="_compute_journal_counts", groups=JOURNAL_GROUPS)
    absence_count = fields.Integer(string="Number of Absences", compute="_compute_journal_counts",
                                   groups=JOURNAL_GROUPS)
    journal_summary = fields.Html(string="Grades and Absences", compute="_compute_journal_summary",
                                  sanitize=False, groups=JOURNAL_GROUPS)

    _sql_constraints = [
        ("snils_unique", "unique(snils)", "A student with this SNILS already exists."),
    ]

    @api.depends("last_name", "first_name", "middle_name")
    def _compute_name(self):
        for student in self:
            student.name = " ".join(p.strip() for p in (student.last_name, student.first_name,
                                                        student.middle_name) if p and p.strip())

    @api.depends("movement_ids.date", "movement_ids.to_class_id", "movement_ids.movement_type")
    def _compute_current_class(self):
        real = self.filtered("id")
        classes = real._get_classes_on(fields.Date.context_today(self)) if real else {}
        for student in self:
            student.current_class_id = classes.get(student.id, False)

    @api.depends("consent_ids.date", "consent_ids.revocation_date")
    def _compute_consent_state(self):
        for student in self:
            student.consent_state = consent_state(student.consent_ids)

    def _guard_scope_domain(self, name):
        """The class teacher sees personal data of his own class (and of pupils he
        entered who are not enrolled yet), as his record rule lets him change them;
        the admin, and the deputy for fields open to him, see every pupil's."""
        field = self._fields[name]
        if self.env.user.has_group(UNSCOPED_GROUPS[0]) or (
                UNSCOPED_GROUPS[1] in field.groups.split(",") and self.env.user.has_group(UNSCOPED_GROUPS[1])):
            return None
        return ["|", ("current_class_id", "in", self.env.user.school_led_class_ids.ids),
                "&", ("current_class_id", "=", False), ("create_uid", "=", self.env.uid)]

    # ------------------------------------------------------------------ the card's journal
    def _journal_counts(self, model, domain):
        """{student id: count} of ``model`` rows, the user's record rules applied."""
        Model = self.env[model]
        if not self.ids or not Model.check_access_rights("read", raise_exception=False):
            return {}
        groups = Model.read_group([("student_id", "in", self.ids)] + domain, ["student_id"], ["student_id"])
        return {g["student_id"][0]: g["student_id_count"] for g in groups}

    def _compute_journal_counts(self):
        grades = self._journal_counts("school.grade", [])
        absences = self._journal_counts("school.attendance", [("code_id.counts_as_absence", "=", True)])
        for student in self:
            student.grade_count = grades.get(student.id, 0)
            student.absence_count = absences.get(student.id, 0)

    def _journal_facts(self):
        """The pupils' marks and absences per subject and period, in SQL with the
        user's record rules: ({(student, subject, period): marks text},
        {(student, subject, period): (absences, excused)}, {(student, subject, period): average})."""
        Grade, Attendance = self.env["school.grade"], self.env["school.attendance"]
        marks, absences, averages = {}, {}, {}
        if not self.ids:
            return marks, absences, averages
        if Grade.check_access_rights("read", raise_exception=False):
            query = Grade._where_calc([("student_id", "in", self.ids)])
            Grade._apply_ir_rules(query, "read")
            from_clause, where_clause, params = query.get_sql()
            self.env.cr.execute(marks_sql(from_clause, where_clause), params)
            marks = {(r[0], r[1], r[2]): r[3] for r in self.env.cr.fetchall()}
            # the one weighted average (school.grade), per period of the marks shown
            for period_id in {key[2] for key in marks}:
                for (student_id, subject_id), average in Grade._weighted_averages(
                        self.ids, period_ids=[period_id]).items():
                    if (student_id, subject_id, period_id) in marks:
                        averages[(student_id, subject_id, period_id)] = average
        if Attendance.check_access_rights("read", raise_exception=False):
            for group in Attendance.read_group(
                    [("student_id", "in", self.ids), ("code_id.counts_as_absence", "=", True)],
                    ["student_id", "subject_id", "period_id", "code_id"],
                    ["student_id", "subject_id", "period_id", "code_id"], lazy=False):
                key = (group["student_id"][0], group["subject_id"] and group["subject_id"][0],
                       group["period_id"] and group["period_id"][0])
                total, excused = absences.get(key, (0, 0))
                code = self.env["school.attendance.code"].browse(group["code_id"][0])
                absences[key] = (total + group["__count"], excused + (group["__count"] if code.is_excused else 0))
        return marks, absences, averages

    def _compute_journal_summary(self):
        marks, absences, averages = self._journal_facts()
        keys = set(marks) | set(absences)
        subjects = self.env["school.subject"].browse({k[1] for k in keys if k[1]})
        periods = self.env["school.period"].browse({k[2] for k in keys if k[2]}).sorted(
            lambda p: (p.date_start or "", p.id))
        for student in self:
            mine = {k for k in keys if k[0] == student.id}
            if not mine:
                student.journal_summary = "<p class='text-muted'>%s</p>" % html_escape(
                    _("No grades or absences yet."))
                continue
            columns = periods.filtered(lambda p: any(k[2] == p.id for k in mine))
            rows = subjects.filtered(lambda s: any(k[1] == s.id for k in mine)).sorted("name")
            student.journal_summary = journal_table(
                student.id, [(s.id, s.name) for s in rows], [(p.id, p.name) for p in columns],
                (marks, absences, averages), _("Subject"), _("absences: %s (excused: %s)"))

    def _compute_enroll(self):
        visible = self._guard_visible(["enroll_date"])
        for student in self:
            if student not in visible:
                student.enroll_class_id = student.enroll_date = False
                continue
            # sudo: the user may see this pupil's personal data (checked above)
            first = student.sudo().movement_ids.filtered(lambda m: m.movement_type == "arrival")\
                .sorted(lambda m: (m.date, m.id))[:1]
            student.enroll_class_id = student.current_class_id
            student.enroll_date = first.date

    def _compute_parent_import(self):
        # computed for the pupils whose parents the user may see, never under sudo for others
        visible = self._guard_visible([IMPORT_PARENT_FIELDS[1]["name"]])
        for student in self:
            links = student.sudo().guardian_ids.sorted(lambda g: g.id) if student in visible \
                else self.env["school.student.guardian"]
            for number, spec in IMPORT_PARENT_FIELDS.items():
                link = links[number - 1] if len(links) >= number else None
                student[spec["name"]] = link.partner_id.name if link else False
                student[spec["relation"]] = link.relation if link else False
                student[spec["phone"]] = link.partner_id.phone if link else False
                student[spec["email"]] = link.partner_id.email if link else False

    def _inverse_noop(self):
        """Import columns are consumed in create/write (they need each other)."""

    # ------------------------------------------------------------------ CRUD
    @api.model
    def _login_links_writable(self):
        """Within this block the superuser may set a pupil's contact and login
        (the login wizard, the demo school); nobody else, never."""
        return login_links_writable(self.env.cr)

    def _check_login_fields(self, names):
        if not set(LOGIN_FIELDS) & set(names):
            return
        if self.env.uid == SUPERUSER_ID and self.env.cr.cache.get(LOGIN_LINK_KEY):
            return
        raise AccessError(_("A student’s contact and login are set only when granting access (“Grant Access”); "
                            "they cannot be changed manually."))

    @api.model
    def create(self, vals):
        vals = dict(vals)
        self._check_login_fields([name for name in LOGIN_FIELDS if vals.get(name)])
        import_vals = {f: vals.pop(f) for f in IMPORT_FIELDS if f in vals}
        if vals.get("snils"):
            vals["snils"] = normalize_snils(vals["snils"])
        if not vals.get("partner_id"):
            name = " ".join(vals.get(k) or "" for k in ("last_name", "first_name", "middle_name"))
            vals["partner_id"] = self.env["res.partner"].sudo().create({
                "name": " ".join(name.split()) or _("Student"),
                "type": "contact",
            }).id
        student = super(SchoolStudent, self).create(vals)
        if import_vals:
            student._apply_import_values(import_vals)
        return student

    def write(self, vals):
        vals = dict(vals)
        self._check_login_fields(vals)
        import_vals = {f: vals.pop(f) for f in IMPORT_FIELDS if f in vals}
        if vals.get("snils"):
            vals["snils"] = normalize_snils(vals["snils"])
        renamed = {"last_name", "first_name", "middle_name"} & set(vals)
        # the name is stored on rows the user may not write (period grades, activity attendance)
        result = super(SchoolStudent, self.with_context(recompute=False) if renamed else self).write(vals)
        if renamed:
            self._school_recompute_as_server()
            for student in self:
                student.partner_id.sudo().name = student.name
        if import_vals:
            for student in self:
                student._apply_import_values(import_vals)
        return result

    def _apply_import_values(self, import_vals):
        """Enrol into the class and link parents given as flat import columns."""
        self.ensure_one()
        class_id = import_vals.get("enroll_class_id")
        if class_id:
            school_class = self.env["school.class"].browse(class_id)
            day = import_vals.get("enroll_date") or school_class.academic_year_id.date_start
            Movement = self.env["school.student.movement"]
            if not self.movement_ids:
                Movement.create({"student_id": self.id, "movement_type": "arrival",
                                 "date": day, "to_class_id": class_id,
                                 "reason": _("Enrollment on class list import")})
            elif self._get_class_on(day) != school_class:
                Movement.create({"student_id": self.id, "movement_type": "transfer",
                                 "date": day, "to_class_id": class_id,
                                 "reason": _("Transfer on class list import")})
        for spec in IMPORT_PARENT_FIELDS.values():
            name = (import_vals.get(spec["name"]) or "").strip()
            if name:
                self._link_guardian(name, import_vals.get(spec["relation"]) or "other",
                                    (import_vals.get(spec["phone"]) or "").strip(),
                                    (import_vals.get(spec["email"]) or "").strip())

    def _link_guardian(self, name, relation, phone="", email=""):
        """Link a parent by name; one linked to another child with the same name and phone or e-mail is reused."""
        self.ensure_one()
        Guardian = self.env["school.student.guardian"]
        name = " ".join(name.split())
        partner = self.env["res.partner"]
        if phone or email:
            contact_domain = ["|", ("partner_id.phone", "=", phone or "-"),
                              ("partner_id.email", "=ilike", email or "-")]
            partner = Guardian.sudo().search([("partner_id.name", "=ilike", name)] + contact_domain,
                                             limit=1).partner_id
        if partner and Guardian.search_count([("student_id", "=", self.id),
                                              ("partner_id", "=", partner.id)]):
            return
        if not partner:
            partner = self.env["res.partner"].sudo().create({
                "name": name, "phone": phone or False, "email": email or False})
        Guardian.create({"student_id": self.id, "partner_id": partner.id, "relation": relation,
                         "is_legal_representative": relation in LEGAL_RELATIONS})

    @api.constrains("snils")
    def _check_snils(self):
        for student in self.sudo():
            if student.snils:
                normalize_snils(student.snils)

    @api.constrains("birth_date")
    def _check_birth_date(self):
        today = fields.Date.context_today(self)
        for student in self:
            if student.birth_date and (student.birth_date > today or student.birth_date < "1990-01-01"):
                raise ValidationError(_("Student %s has an invalid date of birth.") % student.name)

    # ------------------------------------------------------------ class on date
    def _get_classes_on(self, day):
        """{student_id: class_id} on ``day`` for the students in ``self`` enrolled that day."""
        if not self.ids:
            return {}
        return dict(self.env["school.student.movement"]._get_membership_on(day, student_ids=self.ids))

    def _get_class_on(self, day):
        """The class of this one student on ``day`` (empty recordset if not enrolled)."""
        self.ensure_one()
        return self.env["school.class"].browse(self._get_classes_on(day).get(self.id, []))

    @api.model
    def _cron_refresh_current_class(self):
        """Movements dated in the future take effect at midnight: store them."""
        today = fields.Date.context_today(self)
        students = self.with_context(active_test=False).search([])
        classes = students._get_classes_on(today)
        stale = students.filtered(lambda s: s.current_class_id.id != classes.get(s.id, False) and
                                  (s.current_class_id or classes.get(s.id)))
        if stale:
            stale.invalidate_cache(["current_class_id"], stale.ids)
            self.env.add_todo(self._fields["current_class_id"], stale)
            stale.recompute()
        return len(stale)

    def _age_on(self, day):
        """Full years of age on ``day``."""
        self.ensure_one()
        return age_on(self.birth_date, day)

    # ------------------------------------------------------------ change log
    # the journal's view of a pupil: his change log (read-only)
    change_log_ids = fields.One2many("school.change.log", "student_id", readonly=True)

    # ------------------------------------------------------------ report to parents
    # «Отправить отчёт родителям»: the weekly progress report on demand
    digest_log_ids = fields.One2many("school.digest.log", "student_id", string="Reports to Parents",
                                     groups="school_ejournal.group_class_teacher,school_ejournal.group_deputy")

    def action_send_progress_report(self, date_from=None, date_to=None):
        """Send the progress report of the last seven days (or of the given days)
        to the parents of these pupils now. Only the class teacher of the pupil
        (write right by the record rules) or the school admin may."""
        if not self:
            return True
        self.check_access_rights("write")
        self.check_access_rule("write")
        today = fields.Date.from_string(fields.Date.context_today(self))
        date_to = _checked_day(date_to) or today
        date_from = _checked_day(date_from) or date_to - timedelta(days=6)
        if date_from > date_to or (date_to - date_from).days >= MAX_REPORT_DAYS:
            raise UserError(_("A report to parents covers at most %(days)s days: from %(from)s to %(to)s.")
                            % {"days": MAX_REPORT_DAYS, "from": _format_date(date_from), "to": _format_date(date_to)})
        date_from, date_to = fields.Date.to_string(date_from), fields.Date.to_string(date_to)
        # sudo: rights were checked above (own class); reading the parents' addresses
        # and the week's journal and queueing the e-mail need no more than that.
        monitoring = self.env["school.monitoring"].sudo()
        recipients = monitoring._digest_recipients(self.ids)
        if not recipients:
            raise UserError(_("Nobody to send the report to: the parents of the selected students have no email "
                              "address or have chosen portal-only notifications."))
        monitoring._send_digests(recipients, date_from, date_to, "on_demand")
        sent_to = {}
        for _guardian, student_id, _partner, parent_name, _class in recipients:
            sent_to.setdefault(student_id, []).append(parent_name)
        for student in self.sudo().browse(sorted(sent_to)):
            student.message_post(body=_("Progress report for %(from)s – %(to)s sent to parents: %(parents)s.")
                                 % {"from": _format_date(date_from), "to": _format_date(date_to),
                                    "parents": ", ".join(sent_to[student.id])},
                                 author_id=self.env.user.partner_id.id,
                                 subtype="mail.mt_note", message_type="comment")
        return True

    # ------------------------------------------------------------ portal
    # the families' diary: who may read him there, and posting messages with read
    # access only.
    # Families write to teachers on the pupil's thread: reading the pupil is
    # enough to post there (the portal user never gets write access on him).
    _mail_post_access = "read"

    # who logs in for the pupil is personal data: the record rules search these under sudo
    guardian_user_ids = fields.Many2many(
        "res.users", string="Parent/Guardian Logins", compute="_compute_portal_users",
        search="_search_guardian_users", groups="school_ejournal.group_class_teacher",
        help="Parent/guardian logins that can see the student’s diary.")
    portal_user_ids = fields.Many2many(
        "res.users", string="Can See Diary", compute="_compute_portal_users",
        search="_search_portal_users", groups="school_ejournal.group_class_teacher",
        help="The student’s own login and the logins of their parents/guardians.")

    @api.model
    def _portal_students(self):
        """Pupils whose diary the current user reads: himself, or his children as
        their legal representative (the portal's list), through his own rules."""
        # sudo: the search is on the user's own id only; the result is filtered by his rules
        ids = self.sudo().search([("portal_user_ids", "in", [self.env.uid])]).ids
        return self.search([("id", "in", ids)])

    def _compute_portal_users(self):
        found = {}
        visible = self._guard_visible(["portal_user_ids"])
        if visible.ids:
            self.env.cr.execute(PORTAL_USERS_SQL, (tuple(visible.ids),))
            found = {sid: (uid, uids) for sid, uid, uids in self.env.cr.fetchall()}
        for student in self:
            uid, uids = found.get(student.id, (None, []))
            student.guardian_user_ids = [(6, 0, uids)]
            student.portal_user_ids = [(6, 0, ([uid] if uid else []) + uids)]

    def _search_guardian_users(self, operator, value):
        """Pupils whose legal representative logs in as one of the given users
        (the parents' record rules). Only legal representatives get a diary
        login (login wizard), so only they read the pupil here."""
        users = user_ids_from(operator, value)
        if not users:
            return [("id", "=", 0)]
        self.env.cr.execute(GUARDIAN_USERS_SQL, (tuple(users),))
        return [("id", "in", [r[0] for r in self.env.cr.fetchall()])]

    def _search_portal_users(self, operator, value):
        """The pupil himself or a pupil of whom the user is a legal representative."""
        users = user_ids_from(operator, value)
        if not users:
            return [("id", "=", 0)]
        self.env.cr.execute(PORTAL_USER_STUDENTS_SQL, (tuple(users), tuple(users)))
        return [("id", "in", [r[0] for r in self.env.cr.fetchall()])]
