"""A session of an extracurricular course (activity_course.py): its date, time,
topic and the attendance of the course's pupils — no marks. Sessions and their
attendance rows are records of the journal (journal_mixin.py): the one guard
(the course's teacher or the administrator, the period open for every grade
level of the course's classes) and the one change log."""
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.translate import _
from .activity_course import format_time
from .journal_guard import SCOPE_ATTENDANCE, SCOPE_LESSON, _format_date

PRESENCE = [("present", "Present"), ("absent", "Was Absent")]
SESSION_LOG_SQL = """
    SELECT s.id, NULL, NULL, s.date, c.name, s.date, s.topic
      FROM school_activity_session s JOIN school_activity_course c ON c.id = s.course_id
     WHERE s.id IN %s
"""
LINE_LOG_SQL = """
    SELECT l.id, NULL, l.student_id, s.date, c.name || ', ' || to_char(s.date, 'DD.MM.YYYY'), l.presence
      FROM school_activity_session_line l
      JOIN school_activity_session s ON s.id = l.session_id
      JOIN school_activity_course c ON c.id = s.course_id
     WHERE l.id IN %s
"""


def _can_edit_by_guard(records):
    """«Можно изменять» of records without a lesson: whether their guard lets the user through."""
    guard = records.env["school.journal.guard"]
    for record in records:
        record.school_can_edit = not isinstance(record.id, int) or guard._passes(record._journal_guard)


class SchoolActivitySession(models.Model):
    _name = "school.activity.session"
    _inherit = ["school.journal.mixin"]
    _description = "Extracurricular Session"
    _order = "date desc, time_from, id"
    _rec_name = "date"
    _school_create_only_fields = ("course_id",)

    _journal_moving_fields = ("date",)
    _journal_logged_fields = ("date", "topic")
    _journal_main_field = "date"
    _journal_snapshot_sql = SESSION_LOG_SQL
    _journal_detail_fields = ("course_id",)

    course_id = fields.Many2one("school.activity.course", required=True, index=True, ondelete="restrict")
    # who taught it: the course's teacher when the session was made (a later change of the
    # course's teacher leaves the past as it was)
    teacher_id = fields.Many2one("res.users", readonly=True, index=True, ondelete="restrict")
    academic_year_id = fields.Many2one(related="course_id.academic_year_id", store=True, readonly=True)
    date = fields.Date(required=True, index=True, default=fields.Date.context_today)
    time_from = fields.Float(string="Start")
    time_to = fields.Float(string="End")
    room = fields.Char()
    topic = fields.Char()
    cancelled = fields.Boolean(help="The session did not take place: it keeps no attendance and is not "
                                    "counted as held.")
    line_ids = fields.One2many("school.activity.session.line", "session_id", string="Attendance")
    absent_count = fields.Integer(string="Absent", compute="_compute_absent_count")

    @api.depends("line_ids.presence")
    def _compute_absent_count(self):
        for session in self:
            session.absent_count = len(session.line_ids.filtered(lambda l: l.presence == "absent"))

    def name_get(self):
        return [(s.id, "%s, %s %s" % (s.course_id.name or "", _format_date(s.date), format_time(s.time_from)))
                for s in self]

    # ------------------------------------------------------------------ the guard
    @api.model
    def _guard_facts(self, entries, scope=SCOPE_LESSON):
        """The journal's one guard for sessions [(course, date)]: the date open for
        every grade level of the course's classes, the course's teacher or the
        administrator."""
        facts = {}
        for index, (course, day) in enumerate(entries):
            course = course.sudo()
            levels = course.class_ids.mapped("grade_level_id").ids or [False]
            for level in levels:
                facts["activity_%s_%s" % (index, level)] = (
                    day, level, course.teacher_id.id, False, False,
                    ", ".join(course.class_ids.mapped("name")) or course.name, course.name)
        return self.env["school.journal.guard"]._check([], scope, facts=facts) if facts else True

    def _journal_guard(self, lesson_ids=None):
        return self._guard_facts([(s.course_id, s.date) for s in self.sudo()])

    _compute_school_can_edit = _can_edit_by_guard

    # ------------------------------------------------------------------ CRUD
    @api.model
    def create(self, vals):
        self.check_access_rights("create")
        course = self.env["school.activity.course"].sudo().browse(vals.get("course_id"))
        if not course.exists():
            raise ValidationError(_("Choose the course of the session."))
        self._guard_facts([(course, vals.get("date") or fields.Date.context_today(self))])
        session = super(SchoolActivitySession, self).create(dict(vals, teacher_id=course.teacher_id.id))
        session._journal_log("create")
        session._fill_roster()
        return session

    def write(self, vals):
        if vals.get("cancelled"):
            # a session that did not take place keeps no attendance
            self.filtered(lambda s: not s.cancelled).mapped("line_ids").filtered(
                lambda l: l.presence != "present").write({"presence": "present"})
        with self._journal_writing(vals):
            return super(SchoolActivitySession, self).write(vals)

    def unlink(self):
        if not self:
            return True
        self._journal_guard()
        self._journal_log("unlink")
        # the rows go with their session (ondelete cascade): its deletion is the logged change
        return super(SchoolActivitySession, self).unlink()

    @api.constrains("date", "course_id")
    def _check_date(self):
        for session in self.sudo():
            year = session.course_id.academic_year_id
            if not year.date_start <= session.date <= year.date_end:
                raise ValidationError(_("The session of %(date)s is outside the academic year %(year)s.")
                                      % {"date": _format_date(session.date), "year": year.name})

    def _fill_roster(self):
        """A row for each pupil of the course's group who has none (present by
        default); the rows of pupils who left the group are removed while they
        record nothing."""
        for session in self.filtered(lambda s: not s.cancelled):
            group = session.course_id.student_ids
            have = session.line_ids.mapped("student_id")
            for student in group - have:
                self.env["school.activity.session.line"].create({"session_id": session.id, "student_id": student.id})
            session.line_ids.filtered(lambda l: l.student_id not in group and l.presence == "present").unlink()


class SchoolActivitySessionLine(models.Model):
    _name = "school.activity.session.line"
    _inherit = ["school.journal.mixin"]
    _description = "Extracurricular Session Attendance"
    _order = "session_id, student_name, id"
    _rec_name = "student_id"
    _school_create_only_fields = ("session_id", "student_id")

    _journal_scope = SCOPE_ATTENDANCE
    _journal_logged_fields = ("presence",)
    _journal_main_field = "presence"
    _journal_snapshot_sql = LINE_LOG_SQL
    _journal_detail_fields = ("session_id",)

    _sql_constraints = [
        ("activity_line_unique", "unique(session_id, student_id)", "The pupil is already on the session’s roster."),
    ]

    session_id = fields.Many2one("school.activity.session", required=True, index=True, ondelete="cascade")
    student_id = fields.Many2one("school.student", required=True, index=True, ondelete="restrict")
    student_name = fields.Char(related="student_id.name", store=True, readonly=True, string="Full Name")
    date = fields.Date(related="session_id.date", store=True, readonly=True)
    course_id = fields.Many2one(related="session_id.course_id", store=True, readonly=True, index=True)
    presence = fields.Selection(PRESENCE, required=True, default="present")

    def _journal_guard(self, lesson_ids=None):
        return self._guard_sessions(self.sudo().mapped("session_id"))

    _compute_school_can_edit = _can_edit_by_guard

    @api.model
    def _guard_sessions(self, sessions):
        """The guard for attendance rows of ``sessions``: none on a cancelled one."""
        cancelled = sessions.filtered("cancelled")[:1]
        if cancelled:
            raise UserError(_("Session “%s” is cancelled: no attendance is recorded on it.")
                            % cancelled.display_name)
        return self.env["school.activity.session"]._guard_facts([(s.course_id, s.date) for s in sessions],
                                                                scope=SCOPE_ATTENDANCE)

    @api.model
    def create(self, vals):
        self.check_access_rights("create")
        session = self.env["school.activity.session"].sudo().browse(vals.get("session_id"))
        if not session.exists():
            raise ValidationError(_("Choose the session of the attendance row."))
        if vals.get("student_id") not in session.course_id.student_ids.ids:
            raise ValidationError(_("Only the pupils of course “%s” are on its sessions’ rosters.")
                                  % session.course_id.name)
        self._guard_sessions(session)
        line = super(SchoolActivitySessionLine, self).create(vals)
        line._journal_log("create")
        return line

    def write(self, vals):
        with self._journal_writing(vals):
            return super(SchoolActivitySessionLine, self).write(vals)

    def unlink(self):
        if not self:
            return True
        self._journal_guard()
        self._journal_log("unlink")
        return super(SchoolActivitySessionLine, self).unlink()
