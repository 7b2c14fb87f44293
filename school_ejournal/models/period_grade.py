"""Period grades (четвертные, полугодовые, годовые, экзаменационные, итоговые):
suggested in SQL from the journal, explained, confirmed by the teacher.

One calculation: the weighted average is ``tools/grading.weighted_average`` (the
journal's Python twin of ``school.grade._weighted_averages``); the thresholds and
the rules are the company's (res_company_grading.py) and are applied by
``suggest_value`` (tools/grading.py), for one pupil or for a whole school alike."""
from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.translate import _
from ..tools.grading import (ATTESTATION_KINDS, COMPUTED_FIELDS, GRADE_LABELS, GRADE_VALUES, IMMUTABLE_FIELDS,
                             PERIOD_GRADE_KINDS, SUGGEST_KINDS, YEAR_KINDS, attestation_rows, check_confirmable,
                             check_period_grade_vals, exempt_rows, explaining, final_rows, suggestion_kind, year_rows)
from ..tools.period_grade_sql import (ASSIGNMENT_TEACHERS_SQL, ATTESTATION_SQL, CONFIRM_FACTS_SQL, FINAL_SQL,
                                      HOURS_SQL, LOG_FACTS_SQL, MISSED_SQL, TEACHER_USERS_SQL, TRIPLES_SQL,
                                      UPSERT_SQL, UPSERT_TEMPLATE, WAITING_SQL, WRITTEN_SQL, YEAR_SQL, in_class_sql,
                                      members_sql)
from ..tools.rpc import rpc_ids
from .client_gate import TRUSTED_KEY
from .journal_guard import SCOPE_GRADE
from .student_movement import membership_intervals_sql
from .sql_values import execute_values

# The pupils to attest (tools/period_grade_sql.py) from the membership intervals
# of the classes with lessons in the period.
MEMBERS_SQL = members_sql(membership_intervals_sql("(SELECT class_id FROM pairs)"))
# Whether a pupil was in a class during a period, from the class's intervals.
IN_CLASS_SQL = in_class_sql(membership_intervals_sql("(%(class)s)"))


class SchoolPeriodGrade(models.Model):
    """A pupil's grade for a period in one subject: suggested from the journal
    with its explanation, then confirmed (or overridden with a comment) by the
    teacher. Creating, changing and deleting pass the journal's write guard."""
    _name = "school.period.grade"
    _inherit = ["school.journal.mixin"]
    _description = "Final Grade"
    _order = "period_id, class_id, subject_id, student_name, kind"
    _rec_name = "value"
    # client_gate.py: the responsible teacher comes from the teaching load
    _school_server_fields = ("teacher_id",)
    _school_create_only_fields = IMMUTABLE_FIELDS
    # journal_mixin.py: the guard's scope, what the change log keeps (a line
    # without a lesson: it names the grade by its kind, subject and period)
    _journal_scope = SCOPE_GRADE
    _journal_logged_fields = ("value", "state")
    _journal_main_field = "value"
    _journal_snapshot_sql = LOG_FACTS_SQL
    _journal_detail_fields = ("kind", "subject_id", "period_id")

    student_id = fields.Many2one("school.student", required=True, index=True,
                                 ondelete="restrict")
    student_name = fields.Char(related="student_id.name", store=True, readonly=True, string="Full Name")
    subject_id = fields.Many2one("school.subject", required=True, index=True,
                                 ondelete="restrict")
    period_id = fields.Many2one("school.period", required=True, index=True,
                                ondelete="restrict")
    academic_year_id = fields.Many2one(related="period_id.academic_year_id", store=True, readonly=True,
                                       string="Academic Year", index=True)
    class_id = fields.Many2one("school.class", required=True, index=True,
                               ondelete="restrict")
    grade_level_id = fields.Many2one(related="class_id.grade_level_id", store=True, readonly=True,
                                     string="Grade Level", index=True)
    date = fields.Date(related="period_id.date_end", store=True, readonly=True, string="Date")
    kind = fields.Selection(PERIOD_GRADE_KINDS, required=True, default="quarter")
    # _check_vals says which marks are allowed (the input guard leaves it that)
    _input_own_checks = ("value",)

    value = fields.Selection(GRADE_VALUES, string="Grade Value")
    suggested_value = fields.Selection(GRADE_VALUES, readonly=True)
    explanation = fields.Text(string="How Calculated", readonly=True)
    average = fields.Float(string="Average Score", digits=(3, 2), readonly=True)
    grade_count = fields.Integer(string="Number of Grades", readonly=True)
    state = fields.Selection([("draft", "Suggested"), ("confirmed", "Approved")],
                             required=True, default="draft", readonly=True, index=True)
    override_comment = fields.Text(string="Justification",
                                   help="Required if the grade differs from the suggested one.")
    differs = fields.Boolean(string="Differs from Suggested", compute="_compute_differs")
    teacher_id = fields.Many2one("res.users", index=True, ondelete="set null")
    confirm_uid = fields.Many2one("res.users", string="Approved By", readonly=True, ondelete="set null")
    confirm_date = fields.Datetime(string="Approval Date", readonly=True)
    teacher_user_ids = fields.Many2many("res.users", string="Subject Teachers in Class",
                                        compute="_compute_teacher_users", search="_search_teacher_users")

    _sql_constraints = [
        ("period_grade_unique", "unique(student_id, subject_id, period_id, kind)",
         "The student already has a grade of this kind for this period in this subject."),
    ]

    # ------------------------------------------------------------------ computes
    def _compute_school_can_edit(self):
        guard = self.env["school.journal.guard"]
        for grade in self:
            grade.school_can_edit = not isinstance(grade.id, int) or guard._passes(grade._journal_guard)

    def name_get(self):
        # the mark as the journal writes it («н/а», not its key), whose and for what
        return [(r.id, "%s: %s, %s, %s" % (GRADE_LABELS.get(r.value, "—"), r.student_name or "",
                                           r.subject_id.name or "", r.period_id.name or "")) for r in self]

    @api.depends("value", "suggested_value")
    def _compute_differs(self):
        for grade in self:
            grade.differs = bool(grade.suggested_value and grade.value != grade.suggested_value)

    def _compute_teacher_users(self):
        pairs = self._assignment_teachers({(g.class_id.id, g.subject_id.id) for g in self})
        for grade in self:
            grade.teacher_user_ids = [(6, 0, sorted(pairs.get((grade.class_id.id, grade.subject_id.id), ())))]

    def _search_teacher_users(self, operator, value):
        """Period grades of the class × subject pairs that the given users teach
        (for the teacher's record rule: «own teaching assignments»)."""
        if operator not in ("in", "=") or not value:
            raise UserError(_("Search by subject teachers supports only “=” and “in”."))
        users = value if isinstance(value, (list, tuple)) else [value]
        self.env.cr.execute(TEACHER_USERS_SQL, (tuple(users),))
        return [("id", "in", [r[0] for r in self.env.cr.fetchall()])]

    @api.model
    def _assignment_teachers(self, pairs):
        """{(class_id, subject_id): {teacher ids}} of the teaching load, one query."""
        pairs = [p for p in pairs if p[0] and p[1]]
        if not pairs:
            return {}
        classes, subjects = zip(*pairs)
        self.env.cr.execute(ASSIGNMENT_TEACHERS_SQL, (list(classes), list(subjects)))
        return {(c, s): set(t) for c, s, t in self.env.cr.fetchall()}

    # ------------------------------------------------------------------ guard
    @api.model
    def _guard_facts(self, entries):
        """Pass ``entries`` [(period, class, subject)] through the journal's one
        write guard: the period must be open for the class's grade level on the
        period's last day, and the user must teach the subject in the class
        (or be the school admin)."""
        entries = list({(p.id, c.id, s.id): (p, c, s) for p, c, s in entries}.values())
        if not entries:
            return True
        teachers = self._assignment_teachers({(c.id, s.id) for _p, c, s in entries})
        uid = self.env.uid
        facts, kinds = {}, {}
        for index, (period, school_class, subject) in enumerate(entries):
            period, school_class, subject = period.sudo(), school_class.sudo(), subject.sudo()
            kinds["period_grade_%s" % index] = period.kind
            pair_teachers = teachers.get((school_class.id, subject.id), set())
            teacher = uid if uid in pair_teachers else (min(pair_teachers) if pair_teachers else False)
            facts["period_grade_%s" % index] = (
                period.date_end, school_class.grade_level_id.id, teacher, False,
                school_class.class_teacher_id.id, school_class.name, subject.name)
        Guard = self.env["school.journal.guard"]
        for year_only in (False, True):
            part = {key: fact for key, fact in facts.items() if (kinds[key] == "year") == year_only}
            if part:
                Guard._check([], self._journal_scope, facts=part, year_only=year_only)
        return True

    def _journal_guard(self, lesson_ids=None):
        """journal_mixin.py: by the facts of the records' period × class × subject."""
        if not self.ids or not all(isinstance(i, int) for i in self.ids):
            return self._guard_facts([(g.period_id, g.class_id, g.subject_id) for g in self.sudo()])
        # the distinct period × class × subject of the records in one query (a
        # school's quarter is ~11,000 records but a few hundred triples)
        self.env.cr.execute(TRIPLES_SQL, (tuple(self.ids),))
        env = self.sudo().env
        return self._guard_facts([(env["school.period"].browse(p), env["school.class"].browse(c),
                                   env["school.subject"].browse(s)) for p, c, s in self.env.cr.fetchall()])

    # ------------------------------------------------------------------ checks
    @api.model
    def _check_vals(self, vals):
        check_period_grade_vals(vals)

    @api.constrains("kind", "period_id", "class_id", "student_id")
    def _check_consistency(self):
        kinds = self._school_selection_labels("kind")
        for grade in self.sudo():
            period = grade.period_id
            if grade.kind in ATTESTATION_KINDS and period.kind != grade.kind:
                raise ValidationError(_("A grade of kind “%(kinds)s” is given for a period of that kind, not for "
                                        "“%(period)s”.") % {"kinds": kinds[grade.kind], "period": period.name})
            if grade.kind in YEAR_KINDS and period.kind != "year":
                raise ValidationError(_("Year, exam and final grades are given for the academic year, not for "
                                        "“%s”.") % period.name)
            if grade.class_id.grade_level_id not in period.grade_level_ids:
                raise ValidationError(_("Period “%(period)s” does not apply to the grade level of class %(class)s.")
                                      % {"period": period.name, "class": grade.class_id.name})
            if grade.class_id.academic_year_id != period.academic_year_id:
                raise ValidationError(_("Class %(class)s is not of the academic year of period “%(period)s”.")
                                      % {"class": grade.class_id.name, "period": period.name})
            self.env.cr.execute(IN_CLASS_SQL, {"student": grade.student_id.id, "class": grade.class_id.id,
                                               "end": period.date_end, "start": period.date_start})
            if not self.env.cr.fetchone():
                raise ValidationError(_("Student %(student)s did not study in %(class)s during period “%(period)s”.")
                                      % {"student": grade.student_id.name, "class": grade.class_id.name,
                                         "period": period.name})

    # ------------------------------------------------------------------ CRUD
    @api.model
    def create(self, vals):
        # refuse users without the right before reading anything on their behalf
        self.check_access_rights("create")
        vals = dict(vals)
        self._check_vals(vals)
        for name in COMPUTED_FIELDS + ("state", "confirm_uid", "confirm_date"):
            vals.pop(name, None)
        period = self.env["school.period"].sudo().browse(vals.get("period_id"))
        school_class = self.env["school.class"].sudo().browse(vals.get("class_id"))
        subject = self.env["school.subject"].sudo().browse(vals.get("subject_id"))
        if not (period.exists() and school_class.exists() and subject.exists() and vals.get("student_id")):
            raise ValidationError(_("Specify the student, class, subject and period of the final grade."))
        self._guard_facts([(period, school_class, subject)])
        if not vals.get("teacher_id"):
            teachers = self._assignment_teachers({(school_class.id, subject.id)}).get(
                (school_class.id, subject.id), set())
            vals["teacher_id"] = self.env.uid if self.env.uid in teachers else (min(teachers) if teachers else False)
        grade = super(SchoolPeriodGrade, self).create(vals)
        grade._journal_log("create")
        return grade

    def write(self, vals):
        # the field gate refuses these from every user (client_gate.py); here the
        # superuser too: only the suggestion and the buttons store them
        vals = dict(vals)
        self._check_vals(vals)
        trusted = self.env.cr.cache.get(TRUSTED_KEY)
        if set(COMPUTED_FIELDS + ("confirm_uid", "confirm_date")) & set(vals) and not trusted:
            raise UserError(_("The proposed grade, average score and calculation are filled in only by the "
                              "“Propose Grades” button."))
        if "state" in vals and not trusted:
            raise UserError(_("A grade can be approved only with the “Approve” button."))
        for grade in self:
            for name in IMMUTABLE_FIELDS:
                if name in vals:
                    current = grade[name].id if hasattr(grade[name], "id") else grade[name]
                    if vals[name] != current:
                        raise UserError(_("The student, class, subject, period or kind of a final grade cannot "
                                          "be changed: delete it and give it again."))
        if not trusted and self.filtered(lambda g: g.state == "confirmed"):
            raise UserError(_("The grade is approved: to change it, first return it to “proposed”."))
        with self._journal_writing(vals):
            return super(SchoolPeriodGrade, self).write(vals)

    def unlink(self):
        if not self:
            return True
        self._journal_guard()
        if self.filtered(lambda g: g.state == "confirmed"):
            raise UserError(_("An approved final grade cannot be deleted: first return it to “proposed”."))
        self._journal_log("unlink")
        return super(SchoolPeriodGrade, self).unlink()

    # ------------------------------------------------------------------ actions
    def action_confirm(self):
        """Утвердить: the value is required; a value other than the suggested one
        needs an explanation (override_comment)."""
        # the checks read their few columns in one query: a whole quarter is
        # ~11,000 records; the access rules are the ORM's, as before
        self.check_access_rights("read")
        self.check_access_rule("read")
        self.env.cr.execute(CONFIRM_FACTS_SQL, (tuple(self.ids) or (0,),))
        facts = {r[0]: r[1:] for r in self.env.cr.fetchall()}
        draft_ids = [i for i in self.ids if facts[i][0] == "draft"]
        drafts = self.browse(draft_ids)
        if not drafts:
            raise UserError(_("The selected grades have already been approved."))
        check_confirmable(facts, draft_ids)
        drafts._school_server_write({
            "state": "confirmed", "confirm_uid": self.env.uid, "confirm_date": fields.Datetime.now()})
        return True

    def action_reset_draft(self):
        confirmed = self.filtered(lambda g: g.state == "confirmed")
        confirmed._school_server_write(
            {"state": "draft", "confirm_uid": False, "confirm_date": False})
        return True

    def action_open_explanation(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
            "view_mode": "form", "target": "new", "name": _("Final Grade"),
            "views": [(self.env.ref("school_ejournal.view_school_period_grade_form").id, "form")],
        }

    # ------------------------------------------------------------------ suggestion
    @api.model
    def _period_label(self, period):
        return period.name or ""

    @api.model
    def _suggest_period(self, period):
        """The period as a record: over RPC it arrives as an id, read as that
        period so that the write guard decides as for the wizard."""
        if isinstance(period, models.BaseModel) and period._name == "school.period":
            record = period
        else:
            record = self.env["school.period"].browse(rpc_ids(period, _("Period")) or [])
        if len(record) != 1 or not record.exists():
            raise UserError(_("Specify one existing academic period."))
        return record

    @api.model
    def suggest(self, period, class_ids=None, subject_ids=None, kind=None):
        """See _suggest; the explanation sentences are translated once per run (tools/grading._)."""
        if kind not in SUGGEST_KINDS:
            raise UserError(_("Kind of proposed grades for the year: “year” (year grades) or “final” (final grades)."))
        period, kind = self._suggest_period(period), kind or None
        class_ids, subject_ids = rpc_ids(class_ids, _("Classes")), rpc_ids(subject_ids, _("Subjects"))
        def translate(source):
            env = self.env  # noqa: F841  (GettextAlias takes the language and cursor from this frame)
            return _(source)
        with explaining(translate):
            return self._suggest(period, class_ids, subject_ids, kind)

    @api.model
    def _suggest(self, period, class_ids=None, subject_ids=None, kind=None):
        """Suggest the period grades of ``period`` for the given classes and
        subjects (None: all of them): one aggregate query, the school's rules in
        Python over its rows, one bulk upsert of draft rows (confirmed ones are
        never touched). ``kind`` for a year period: «year» (default) or «final».
        Returns the number of rows written."""
        period = period.sudo()
        if not period.exists():
            raise ValidationError(_("Specify an academic period."))
        kind = suggestion_kind(period, kind, self._school_selection_labels("kind"))
        if class_ids is None and subject_ids is None and self.env.uid != SUPERUSER_ID \
                and not self.env.user.has_group("school_ejournal.group_school_admin"):
            raise AccessError(_("Only the school administrator can propose grades for the whole school."))
        company = period.academic_year_id.company_id or self.env.user.company_id
        rules = company._school_grading_rules()
        cr = self.env.cr
        params = {"start": period.date_start, "end": period.date_end,
                  "levels": tuple(period.grade_level_ids.ids) or (0,), "period": period.id,
                  "year": period.academic_year_id.id,
                  "all_classes": class_ids is None, "classes": tuple(class_ids or ()) or (0,),
                  "all_subjects": subject_ids is None, "subjects": tuple(subject_ids or ()) or (0,)}
        if class_ids is not None and not class_ids or subject_ids is not None and not subject_ids:
            return 0
        if kind in ATTESTATION_KINDS:
            cr.execute("WITH " + MEMBERS_SQL + ATTESTATION_SQL, params)
            fetched = cr.fetchall()
            hours, missed = self._hours_and_missed(period, fetched)
            label = self._period_label(period)  # may query: fetch first
            exempt = self.env["school.subject.exemption"]._covering(
                period.date_start, period.date_end, {r[0] for r in fetched}, {r[2] for r in fetched})
            rows = exempt_rows(attestation_rows(fetched, rules, label, period.kind, hours, missed), exempt,
                               period.date_start, period.date_end)
        elif kind == "year":
            cr.execute("WITH " + MEMBERS_SQL + YEAR_SQL, params)
            fetched = cr.fetchall()
            names = {p.id: p.name for p in self.env["school.period"].sudo().search(
                [("academic_year_id", "=", period.academic_year_id.id)])}
            written = {}
            if rules.get("year_tie_rule") == "written" and fetched:
                # the control works of the year decide a tie: their plain mean
                cr.execute(WRITTEN_SQL, dict(params, students=tuple({r[0] for r in fetched})))
                written = {(st, sub): (count, float(avg)) for st, sub, count, avg in cr.fetchall()}
            rows = year_rows(fetched, names, rules, written)
        else:  # final
            # Subjects finished before the graduating class (музыка, ИЗО in grade 9; a subject of
            # grade 10 only in grade 11) have no lessons this year: their pupils come from the
            # year grades of earlier years. Only the school admin completes those rows (no teacher).
            earlier = self.env.uid == SUPERUSER_ID or self.env.user.has_group("school_ejournal.group_school_admin")
            cr.execute("WITH " + MEMBERS_SQL + FINAL_SQL, dict(
                params, earlier=earlier, all_subjects=True,  # the class's pupils, whatever the subject
                pick_all=params["all_subjects"], pick=params["subjects"]))
            rows = final_rows(cr.fetchall())
        if not rows:
            return 0
        # The one write guard, for every class × subject at once (one query for
        # the teachers, one for the periods' state).
        classes = self.env["school.class"].sudo().browse({r[1] for r in rows})
        subjects = self.env["school.subject"].sudo().browse({r[2] for r in rows})
        pairs = {(r[1], r[2]) for r in rows}
        class_by_id = {c.id: c for c in classes}
        subject_by_id = {s.id: s for s in subjects}
        self._guard_facts([(period, class_by_id[c], subject_by_id[s]) for c, s in pairs])
        return self._upsert(period, kind, rows)

    @api.model
    def _hours_and_missed(self, period, fetched):
        """For the rows of a period suggestion: {(class, subject): weekly hours} from
        the teaching load and {(pupil, subject): (lessons missed, lessons held)} in
        the period (absences of any reason, not lateness). Two queries."""
        if not fetched:
            return {}, {}
        cr = self.env.cr
        cr.execute(HOURS_SQL, (tuple({r[1] for r in fetched}), tuple({r[2] for r in fetched})))
        hours = {(c, s): h for c, s, h in cr.fetchall()}
        cr.execute(MISSED_SQL, (period.date_start, period.date_end, tuple({r[0] for r in fetched}),
                                tuple({r[2] for r in fetched})))
        return hours, {(st, sub): (m, n) for st, sub, m, n in cr.fetchall()}

    @api.model
    def suggest_for_school(self, period, kind=None):
        """All class × subject pairs of ``period`` at once: still one aggregate
        query and one upsert for the whole school (plus the guard's two)."""
        return self.suggest(period, None, None, kind=kind)

    @api.model
    def _upsert(self, period, kind, rows):
        """One INSERT … ON CONFLICT DO UPDATE of the suggested rows; a draft keeps
        a value the teacher changed; a confirmed row is left alone."""
        levels = dict((c.id, c.grade_level_id.id) for c in self.env["school.class"].sudo().browse(
            {r[1] for r in rows}))
        uid, year = self.env.uid, period.academic_year_id.id
        day = fields.Date.to_string(fields.Date.from_string(period.date_end))
        execute_values(self.env.cr, UPSERT_SQL, [
            (uid, period.id, year, day, kind, student, class_id, levels[class_id], subject, teacher or None,
             value, average, count, text)
            for student, class_id, subject, teacher, value, average, count, text in rows],
            template=UPSERT_TEMPLATE, page_size=1000)
        self.invalidate_cache()
        return len(rows)

    # The ОГЭ/ЕГЭ primary score next to the exam grade: the protocol gives both
    # (wizards/exam_protocol_import.py); the score is kept as the protocol's evidence.
    exam_primary_score = fields.Integer(string="Primary Score",
                                        help="Primary score according to the OGE protocol (only for an exam grade).")

    @api.constrains("exam_primary_score", "kind")
    def _check_exam_primary_score(self):
        for grade in self:
            if grade.exam_primary_score and grade.kind != "exam":
                raise ValidationError(_("A raw score is set only for an exam grade."))
            if grade.exam_primary_score < 0:
                raise ValidationError(_("The raw score cannot be negative."))

    waiting_retake = fields.Boolean(string="Awaiting Retake", compute="_compute_waiting_retake",
                                    search="_search_waiting_retake",
                                    help="No final grade: the exam was passed with a “2”, awaiting a retake.")

    def _compute_waiting_retake(self):
        ids = [i for i in self.ids if isinstance(i, int)]
        waiting = set()
        if ids:
            self.env.cr.execute(WAITING_SQL + " AND f.id IN %s", (tuple(ids),))
            waiting = {r[0] for r in self.env.cr.fetchall()}
        for grade in self:
            grade.waiting_retake = grade.id in waiting

    def _search_waiting_retake(self, operator, value):
        self.env.cr.execute(WAITING_SQL)
        ids = [r[0] for r in self.env.cr.fetchall()]
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", ids)]
