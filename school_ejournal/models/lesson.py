from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.translate import _
from ..tools.journal_grid import present_without_mark
from ..tools.lesson_roster import (closed_days, due_keys, generate_lessons, lesson_counts, marked_lessons,
                                   roster_change, student_lessons, sync_roster, update_homework_due)
from ..tools.lesson_sql import (DUE_FROM_TIMETABLE_SQL, DUE_INDEX_SQL, DUE_MISSING_SQL, HEADER_FIELDS, LOG_FACTS_SQL,
                                PERIODS_OF_DAYS_SQL, SLOT_INDEX_SQL, members_sql)
from ..tools.programme_sql import CANCEL_REASONS
from .journal_guard import SCOPE_ATTENDANCE, SCOPE_LESSON, _format_date
from .student_movement import membership_intervals_sql
from .period import PERIOD_SQL

# Class (and subgroup) membership of the pupils for many lessons at once, from
# the membership intervals of the movement model (student_movement.py).
MEMBERS_SQL = members_sql(membership_intervals_sql("(SELECT class_id FROM lessons)"))


class SchoolLesson(models.Model):
    """One lesson of one class (or subgroup) on one date: the page of the journal.
    Its roster (school.attendance) is kept in SQL from the class membership."""
    _name = "school.lesson"
    _inherit = ["school.journal.mixin"]
    _description = "Lesson"
    _order = "date desc, lesson_number, class_id"
    # client_gate.py: whose lesson it is (and in which class and subject) is
    # changed by the school admin only; the timetable entry is the generator's
    _school_fixed_fields = {name: "school_ejournal.group_school_admin" for name in (
        "class_id", "subgroup_id", "subject_id", "teacher_id", "substitute_teacher_id")}
    # client_gate.py: whether the «задано на» date is the teacher's own follows from his write
    _school_server_fields = ("homework_due_manual",)
    # journal_mixin.py: the guard's scope (the form offers the widest: attendance);
    # the change log keeps where and by whom the lesson was given
    _journal_scope, _journal_edit_scope = SCOPE_LESSON, SCOPE_ATTENDANCE
    _journal_logged_fields = HEADER_FIELDS + ("substitute_teacher_id",)
    _journal_moving_fields = ("date", "class_id", "subgroup_id", "teacher_id", "substitute_teacher_id")
    _journal_snapshot_sql = LOG_FACTS_SQL

    name = fields.Char(string="Lesson", compute="_compute_name")
    date = fields.Date(required=True, index=True,
                       default=fields.Date.context_today)
    lesson_number = fields.Integer(string="Lesson No.", required=True, default=1,
                                   help="Lesson number according to the bell schedule.")
    class_id = fields.Many2one("school.class", required=True, index=True,
                               ondelete="cascade")
    subgroup_id = fields.Many2one("school.class.subgroup", index=True,
                                  ondelete="restrict", domain="[('class_id', '=', class_id)]")
    subject_id = fields.Many2one("school.subject", required=True, index=True,
                                 ondelete="restrict")
    teacher_id = fields.Many2one("res.users", required=True, index=True,
                                 default=lambda self: self.env.uid, ondelete="restrict")
    substitute_teacher_id = fields.Many2one("res.users", string="Substitute", index=True,
                                            ondelete="restrict",
                                            help="The teacher who taught the lesson instead of the regular one.")
    topic = fields.Char(string="Lesson Topic")
    work_kind_id = fields.Many2one("school.work.kind", string="Kind of Work", ondelete="restrict",
                                   default=lambda self: self._default_work_kind())
    homework = fields.Text()
    homework_attachment_ids = fields.Many2many(
        "ir.attachment", "school_lesson_homework_attachment_rel", "lesson_id", "attachment_id",
        string="Homework Files")
    homework_comment = fields.Char()
    # «Задано на»: by default the next lesson of the subject for the class (subgroup),
    # else the timetable's next day of it; a stored value kept in SQL (_update_homework_due)
    homework_due_date = fields.Date(
        string="Due On", index=True,
        help="The day the homework is due. By default, the next lesson of this subject in the class (subgroup); "
             "the teacher can set another date, but not earlier than the lesson. Clear the field to restore the "
             "timetable date.")
    homework_due_manual = fields.Boolean(string="Due Date Set by Teacher", readonly=True)
    plan_line_id = fields.Many2one("school.thematic.plan.line", string="Topic per Thematic Plan",
                                   ondelete="set null", index=True)
    timetable_id = fields.Many2one("school.timetable", string="Timetable Entry",
                                   ondelete="set null", readonly=True)
    academic_year_id = fields.Many2one(related="class_id.academic_year_id", store=True,
                                       readonly=True, string="Academic Year", index=True)
    period_id = fields.Many2one("school.period", string="Academic Period",
                                compute="_compute_period", store=True, index=True)
    attendance_ids = fields.One2many("school.attendance", "lesson_id", string="Students")
    grade_ids = fields.One2many("school.grade", "lesson_id", string="Grades")
    is_mine = fields.Boolean(string="My Lesson", compute="_compute_is_mine", search="_search_is_mine")
    school_can_edit = fields.Boolean(help="The period is open and the lesson is yours (or your class’s).")
    absent_count = fields.Integer(string="Absent", compute="_compute_counts")
    student_count = fields.Integer(string="Number of Students", compute="_compute_counts")
    change_log_count = fields.Integer(string="Number of Changes", compute="_compute_counts")
    # for the form: what the user may change here (the guard's rules), whether the
    # header is frozen by marks, the КТП's next topic to offer
    edit_scope = fields.Selection([(SCOPE_LESSON, "Lesson"), (SCOPE_ATTENDANCE, "Attendance")],
                                  string="Can Be Changed", compute="_compute_edit_scope")
    has_marks = fields.Boolean(string="Has Grades or Attendance", compute="_compute_has_marks")
    plan_line_next_id = fields.Many2one("school.thematic.plan.line", string="Next Topic per Thematic Plan",
                                        compute="_compute_plan_line_next")
    # «отметка обязательна всем»: the form warns, saving still works (violation.py lists it later)
    school_mark_warning = fields.Char(string="Required Grade Missing", compute="_compute_school_mark_warning")
    # set by «Отменить урок» (wizards/lesson_cancel.py): a cancelled lesson is not held and keeps no marks
    cancelled = fields.Boolean(string="Lesson Cancelled", readonly=True, index=True, copy=False)
    cancel_reason = fields.Selection(CANCEL_REASONS, string="Cancellation Reason", readonly=True, copy=False)
    cancel_comment = fields.Char(string="Cancellation Comment", readonly=True, copy=False)

    def init(self):
        # One lesson per class/subgroup/date/number; a NULL subgroup (the whole
        # class) counts as one value, hence an index on an expression.
        self.env.cr.execute(SLOT_INDEX_SQL)
        # the next lesson of a class and subject: one index probe per lesson
        self.env.cr.execute(DUE_INDEX_SQL)
        # lessons from before the field (or whose class had no timetable then): filled once
        self.env.cr.execute(DUE_MISSING_SQL)
        keys = set(self.env.cr.fetchall()) | self._due_from_timetable_keys()
        if keys:
            self._update_homework_due(keys)

    def _default_work_kind(self):
        return self.env.ref("school_ejournal.work_kind_lesson", raise_if_not_found=False)

    # ------------------------------------------------------------------ computes
    @api.depends("date", "lesson_number", "class_id.name", "subject_id.name", "subgroup_id.name")
    def _compute_name(self):
        for lesson in self:
            group = " (%s)" % lesson.subgroup_id.name if lesson.subgroup_id else ""
            lesson.name = "%s, %s урок, %s%s, %s" % (
                _format_date(lesson.date), lesson.lesson_number, lesson.class_id.name or "",
                group, lesson.subject_id.name or "")

    @api.depends("date", "class_id.grade_level_id")
    def _compute_period(self):
        pairs = [(l.date, l.class_id.grade_level_id.id) for l in self if l.date and l.class_id]
        found = {}
        if pairs:
            days, levels = zip(*pairs)
            self.env.cr.execute(PERIODS_OF_DAYS_SQL.format(period=PERIOD_SQL.format(cls="x", day="x.day")),
                                (list(days), list(levels)))
            found = {(str(d), lvl): pid for d, lvl, pid in self.env.cr.fetchall()}
        for lesson in self:
            lesson.period_id = found.get((lesson.date, lesson.class_id.grade_level_id.id), False)

    def _compute_is_mine(self):
        for lesson in self:
            lesson.is_mine = self.env.uid in (lesson.teacher_id.id, lesson.substitute_teacher_id.id)

    def _search_is_mine(self, operator, value):
        positive = (operator == "=") == bool(value)
        domain = ["|", ("teacher_id", "=", self.env.uid), ("substitute_teacher_id", "=", self.env.uid)]
        return domain if positive else ["!"] + domain

    def _compute_counts(self):
        counts, logs = lesson_counts(self.env.cr, self.ids)
        for lesson in self:
            total, absent = counts.get(lesson.id, (0, 0))
            lesson.student_count = total
            lesson.absent_count = absent
            lesson.change_log_count = logs.get(lesson.id, 0)

    def _compute_edit_scope(self):
        scopes = self.env["school.journal.guard"]._edit_scopes([i for i in self.ids if isinstance(i, int)])
        for lesson in self:
            lesson.edit_scope = scopes.get(lesson.id, False) if lesson.id else SCOPE_LESSON

    def _compute_has_marks(self):
        marked = marked_lessons(self.env.cr, tuple(i for i in self.ids if isinstance(i, int)))
        for lesson in self:
            lesson.has_marks = lesson.id in marked

    def _compute_plan_line_next(self):
        """The КТП's first hour not yet given to a lesson (as «Заполнить темы по КТП»
        counts them), for a lesson without a topic of the plan."""
        Plan = self.env["school.thematic.plan"]
        for lesson in self:
            lesson.plan_line_next_id = Plan._next_line_for(lesson)

    # no @api.depends: computed on reading the saved lesson (the warning on save), not in
    # an onchange round trip on every mark typed in the roster
    def _compute_school_mark_warning(self):
        company = self.env.user.company_id
        today = fields.Date.context_today(self)
        for lesson in self:
            lesson.school_mark_warning = False
            # sudo: the kind's flag and the level's «without marks», read-only facts of the lesson
            facts = lesson.sudo()
            if not company.school_mark_required or not facts.work_kind_id.requires_topic_mark \
                    or not lesson.date or lesson.date > today or not facts.class_id.grade_level_id.marks_used:
                continue
            missing = present_without_mark(lesson.attendance_ids)
            if missing:
                lesson.school_mark_warning = _(
                    "“%(kind)s”: a grade is required for everyone present; %(count)s student(s) have none: "
                    "%(missing)s. The lesson is saved; with no grades within %(days)s day(s) it goes to "
                    "journal-keeping control.") % {"kind": facts.work_kind_id.name, "count": len(missing),
                    "missing": ", ".join(missing), "days": company.school_mark_required_days}

    # ------------------------------------------------------------------ КТП
    @api.onchange("plan_line_id")
    def _onchange_plan_line(self):
        if self.plan_line_id:
            self.update(self.plan_line_id._lesson_values(self))

    def action_take_plan_line(self):
        """«Тема по КТП»: the next topic of the class's plan goes into the lesson."""
        self.ensure_one()
        self._journal_guard()
        line = self.plan_line_next_id
        if not line:
            raise UserError(_("The thematic plan of this class and subject has no topics left for the lesson: "
                              "choose a topic in the “Thematic Plan Topic” field or enter the lesson topic."))
        self.write(line._lesson_values(self))
        return True

    # ------------------------------------------------------------------ checks
    def _check_header_frozen(self, vals):
        """A lesson with marks or attendance keeps its date, number, class, subject
        and teacher for its teachers: its marks were given at that lesson. The school
        admin corrects a lesson recorded in the wrong place (the change log keeps it)."""
        names = [name for name in HEADER_FIELDS if name in vals]
        if not names or self.env["school.journal.guard"]._is_school_admin():
            return
        for lesson in self:
            changed = [name for name in names if (lesson[name].id if isinstance(lesson[name], models.BaseModel)
                                                  else lesson[name]) != (vals[name] or False)]
            if changed and lesson.has_marks:
                raise UserError(_("Lesson “%(lesson)s” already has grades or attendance: the date, lesson "
                                  "number, class, subject and teacher cannot be changed (field “%(field)s”). "
                                  "Grades are given in a lesson that took place; if the lesson was recorded in "
                                  "the wrong place, delete its grades or contact the school administrator.")
                                % {"lesson": lesson.name, "field": self._school_field_label(changed[0])})

    @api.constrains("homework_attachment_ids")
    def _check_homework_files(self):
        self.env["ir.attachment"]._school_check_homework_files(self)

    @api.constrains("class_id", "subgroup_id", "date", "teacher_id", "substitute_teacher_id")
    def _check_lesson(self):
        teacher_group = self.env.ref("school_ejournal.group_teacher")
        for lesson in self.sudo():
            if lesson.subgroup_id and lesson.subgroup_id.class_id != lesson.class_id:
                raise ValidationError(_("Subgroup “%s” belongs to another class.")
                                      % lesson.subgroup_id.name)
            year = lesson.class_id.academic_year_id
            if not (year.date_start <= lesson.date <= year.date_end):
                raise ValidationError(_("Lesson date %(date)s is outside class %(class)s’s year %(year)s.") % {
                    "date": _format_date(lesson.date), "year": year.name, "class": lesson.class_id.name})
            for user in (lesson.teacher_id | lesson.substitute_teacher_id):
                if teacher_group not in user.groups_id:
                    raise ValidationError(_("%s is not a teacher (no “Teacher” role).") % user.name)

    @api.constrains("homework_due_date", "date")
    def _check_homework_due_date(self):
        for lesson in self:
            if lesson.homework_due_date and lesson.date and lesson.homework_due_date < lesson.date:
                raise ValidationError(_("Homework for lesson “%(lesson)s” cannot be due on %(due)s: this date is "
                                        "before the lesson itself (%(date)s). Enter the lesson date or a later one.")
                                      % {"lesson": lesson.name, "due": _format_date(lesson.homework_due_date),
                                         "date": _format_date(lesson.date)})

    # ------------------------------------------------------------------ journal_mixin.py
    def _journal_lessons(self):
        return {lid: lid for lid in self.ids}

    @api.model
    def _journal_guard_new(self, vals):
        """A new lesson is checked by the facts of its ``vals``."""
        guard = self.env["school.journal.guard"]
        return guard._check([], self._journal_scope, facts={"new": guard._new_lesson_facts(vals)})

    # ------------------------------------------------------------------ CRUD
    @api.model
    def create(self, vals):
        if vals.get("homework_due_date"):
            vals = dict(vals, homework_due_manual=True)
        vals = dict(vals)
        roster = vals.pop("attendance_ids", None)
        self._journal_guard_new(vals)
        self.env["school.teaching.assignment"]._check_own_load(vals)
        self.env["school.bell.schedule"]._check_lesson_vals(
            self, dict(vals, lesson_number=vals.get("lesson_number", 1)))
        lesson = super(SchoolLesson, self).create(vals)
        self.env["ir.attachment"]._school_bind(lesson, vals.get("homework_attachment_ids"))
        self._sync_roster(lesson.ids)
        if roster:
            self.env["school.attendance"]._write_roster(lesson, roster)
        self._update_homework_due(self._due_keys(lesson.ids))
        return lesson

    def write(self, vals):
        if "homework_due_date" in vals:
            vals = dict(vals, homework_due_manual=bool(vals["homework_due_date"]))
        moved = {"date", "class_id", "subgroup_id", "subject_id"} & set(vals)
        keys = self._due_keys(self.ids) if moved else set()
        vals = dict(vals)
        roster = vals.pop("attendance_ids", None)
        with self.env["school.journal.guard"]._checks_once():
            if vals:
                with self._journal_writing(vals):
                    self._check_header_frozen(vals)
                    self.env["school.bell.schedule"]._check_lesson_vals(self, vals)
                    old_kinds = {lesson.id: lesson.work_kind_id.id for lesson in self} \
                        if "work_kind_id" in vals else {}
                    super(SchoolLesson, self).write(vals)
                    self.env["ir.attachment"]._school_bind(self, vals.get("homework_attachment_ids"))
                if {"date", "class_id", "subgroup_id"} & set(vals):
                    self._sync_roster(self.ids)
                if old_kinds:
                    self._follow_work_kind(old_kinds)
            if roster:
                self.env["school.attendance"]._write_roster(self, roster)
        if moved or ("homework_due_date" in vals and not vals["homework_due_date"]):
            self._update_homework_due(keys | self._due_keys(self.ids))
        return True

    def read(self, fields=None, load="_classic_read"):
        # The form shows the names of the class, teacher, kind of work…: fetch just
        # those, not every column of each (a teacher is a res.users with its groups);
        # «prefetch_fields» is Odoo's own switch (bench/: ~1/3 of the read).
        return super(SchoolLesson, self.with_context(prefetch_fields=False)).read(fields, load)

    def unlink(self):
        keys = self._due_keys(self.ids)
        self._journal_guard()
        # Grades and marks go through their own unlink so that the change log keeps them.
        self.mapped("grade_ids").unlink()
        self.mapped("attendance_ids").filtered("code_id").unlink()
        result = super(SchoolLesson, self).unlink()
        self._update_homework_due(keys)
        return result

    def _follow_work_kind(self, old_kinds):
        """Grades that had the lesson's former kind of work take the new one."""
        grades = self.mapped("grade_ids").filtered(
            lambda g: g.work_kind_id.id == old_kinds.get(g.lesson_id.id))
        for kind in grades.mapped("lesson_id.work_kind_id"):
            grades.filtered(lambda g: g.lesson_id.work_kind_id == kind).write({"work_kind_id": kind.id})

    # ------------------------------------------------------------------ roster
    @api.model
    def _refuse_locked_roster_change(self, locked, student_ids):
        """Refuse (UserError) if the membership of ``student_ids`` now differs from
        the roster of a lesson of ``locked`` ({lesson_id: period_id}): one of them
        is missing, or a row of theirs without data would go. A closed period's
        rosters stay as they were sealed."""
        changed = roster_change(self.env.cr, MEMBERS_SQL, locked, student_ids)
        if changed:
            period_name, subject, class_name, day, count = changed
            raise UserError(_("Period “%(period)s” is closed: this movement would change the student list of "
                              "lesson “%(subject)s” in %(class)s (%(day)s; total lessons in the closed period: "
                              "%(count)s). Set the movement date after the closed period or ask the school "
                              "administrator to reopen the period.") % {
            "period": period_name, "subject": subject, "class": class_name, "day": _format_date(day), "count": count})

    @api.model
    def _sync_roster(self, lesson_ids, refuse_for_students=None):
        """Bring the roster rows of ``lesson_ids`` in line with class (and subgroup)
        membership on each lesson's date (sync_roster). Lessons of a closed period
        are left as they are; a change of their rosters for the pupils
        ``refuse_for_students`` (a movement's) is refused. Returns (inserted, deleted)."""
        lesson_ids = list(lesson_ids or [])
        if not lesson_ids:
            return 0, 0
        locked = self._journal_locked_lessons(lesson_ids)
        if locked:
            if refuse_for_students:
                self._refuse_locked_roster_change(locked, refuse_for_students)
            lesson_ids = [lid for lid in lesson_ids if lid not in locked]
            if not lesson_ids:
                return 0, 0
        inserted, deleted = sync_roster(self.env.cr, MEMBERS_SQL, lesson_ids, self.env.uid)
        if inserted or deleted:
            self.env["school.attendance"].invalidate_cache()
            self.invalidate_cache(["attendance_ids"], lesson_ids)
        return inserted, deleted

    @api.model
    def _sync_roster_for_students(self, student_ids, date_from=None):
        """Re-sync the lessons a change of these pupils' movements may touch: the
        lessons, from ``date_from`` on, of every class they ever entered. A change
        of their place in the roster of a closed period's lesson is refused."""
        if not student_ids:
            return 0, 0
        lesson_ids = student_lessons(self.env.cr, student_ids, date_from)
        return self._sync_roster(lesson_ids, refuse_for_students=list(student_ids))

    # ------------------------------------------------------------------ «задано на»
    @api.model
    def _due_keys(self, lesson_ids):
        """{(class_id, subject_id)} of the lessons (due_keys)."""
        return due_keys(self.env.cr, lesson_ids)

    @api.model
    def _due_from_timetable_keys(self, year_ids=None):
        """(class, subject) pairs whose default «задано на» came from the timetable (of these
        years; None: all): the ones a holiday changed may move."""
        self.env.cr.execute(DUE_FROM_TIMETABLE_SQL, {"all_years": not year_ids, "years": tuple(year_ids or [0])})
        return set(self.env.cr.fetchall())

    @api.model
    def _update_homework_due(self, keys):
        """Recompute the default «задано на» of the lessons of these (class, subject)
        pairs (update_homework_due)."""
        count = update_homework_due(self.env.cr, keys)
        if count:
            self.invalidate_cache(["homework_due_date"])
        return count

    # ------------------------------------------------------------------ generation
    @api.model
    def _generate_from_timetable(self, date_from, date_to, class_ids=None):
        """Create the lessons of the timetable between two dates (inclusive) for
        ``class_ids`` (None: all active classes). Returns (lessons, roster rows)
        created. Refuses dates in a closed period."""
        if not date_from or not date_to or date_from > date_to:
            raise UserError(_("Specify the period: the start date must not be later than the end date."))
        cr = self.env.cr
        params = {"date_from": date_from, "date_to": date_to, "uid": self.env.uid,
                  "classes": tuple(class_ids) if class_ids else None,
                  "kind": self._default_work_kind().id or None}
        # Closed periods in the range refuse the whole generation (one query).
        closed = closed_days(cr, params, class_ids)
        if closed:
            self.env["school.period"]._assert_dates_open(closed)
        lesson_ids = generate_lessons(cr, params, class_ids, PERIOD_SQL.format(cls="s", day="s.day"))
        rows = 0
        if lesson_ids:
            rows, _deleted = self._sync_roster(lesson_ids)
            self._update_homework_due(self._due_keys(lesson_ids))  # «задано на», one statement
        self.invalidate_cache()
        self.env["school.attendance"].invalidate_cache()
        return len(lesson_ids), rows

    # ------------------------------------------------------------------ actions
    def action_open_change_log(self):
        self.ensure_one()
        action = self.env.ref("school_ejournal.action_school_change_log").read()[0]
        action["domain"] = [("lesson_id", "=", self.id)]
        action["context"] = {}
        return action

    def action_refresh_roster(self):
        self._journal_guard()
        self._sync_roster(self.ids)
        return True
