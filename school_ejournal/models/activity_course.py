"""Внеурочная деятельность, one of the five documents a teacher keeps (приказ
№ 582): a course — a кружок, «Разговоры о важном», профориентация — with its
teacher, its group of pupils drawn from one or several classes, its own weekly
timetable (the lines) and its sessions (activity_session.py: topic and
attendance, no marks). The deputy and the administrator keep the courses; the
course's teacher keeps its sessions; the families see it in the diary's
timetable."""
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..tools.translate import _
from .timetable import WEEKDAYS

ACTIVITY_KINDS = [("talks", "Conversations about What Matters"), ("career", "Career Guidance"),
                  ("club", "Club"), ("other", "Other Activity")]


def format_time(value):
    """14.5 → «14:30»."""
    hours, minutes = divmod(int(round((value or 0.0) * 60)), 60)
    return "%02d:%02d" % (hours, minutes)


class SchoolActivityCourse(models.Model):
    _name = "school.activity.course"
    _description = "Extracurricular Course"
    _order = "academic_year_id desc, name"
    # client_gate.py: the sessions are made by their button and kept in their own form
    _school_server_fields = ("session_ids",)

    name = fields.Char(required=True)
    kind = fields.Selection(ACTIVITY_KINDS, required=True, default="club")
    academic_year_id = fields.Many2one("school.academic.year", required=True, index=True, ondelete="restrict")
    teacher_id = fields.Many2one("res.users", required=True, index=True, ondelete="restrict",
                                 domain=lambda self: [("groups_id", "in", self.env.ref(
                                     "school_ejournal.group_teacher").id)])
    class_ids = fields.Many2many("school.class", "school_activity_course_class_rel", "course_id", "class_id",
                                 string="Classes", help="The classes the course’s pupils come from.")
    student_ids = fields.Many2many("school.student", "school_activity_course_student_rel", "course_id",
                                   "student_id", string="Pupils")
    hours_planned = fields.Integer(string="Planned Hours per Year")
    line_ids = fields.One2many("school.activity.course.line", "course_id", string="Timetable")
    session_ids = fields.One2many("school.activity.session", "course_id", string="Sessions")
    hours_held = fields.Integer(compute="_compute_hours")
    hours_cancelled = fields.Integer(string="Sessions Cancelled", compute="_compute_hours")
    student_count = fields.Integer(string="Pupil Count", compute="_compute_hours")
    active = fields.Boolean(default=True)

    def _compute_hours(self):
        held = self._session_counts()
        for course in self:
            course.hours_held, course.hours_cancelled = held.get(course.id, (0, 0))
            course.student_count = len(course.student_ids)

    def _session_counts(self, date_to=None):
        """{course id: (held, cancelled)} of the sessions up to ``date_to`` (today),
        one query; a session is held when it took place (not cancelled)."""
        ids = [cid for cid in self.ids if isinstance(cid, int)]
        if not ids:
            return {}
        self.env.cr.execute("""
            SELECT course_id, count(*) FILTER (WHERE NOT cancelled), count(*) FILTER (WHERE cancelled)
              FROM school_activity_session WHERE course_id IN %s AND date <= %s GROUP BY course_id
        """, (tuple(ids), date_to or fields.Date.context_today(self)))
        return {row[0]: row[1:] for row in self.env.cr.fetchall()}

    @api.constrains("student_ids", "class_ids", "academic_year_id")
    def _check_group(self):
        for course in self.sudo():
            if course.class_ids.filtered(lambda c: c.academic_year_id != course.academic_year_id):
                raise ValidationError(_("The classes of course “%s” must be of its academic year.") % course.name)
            if not course.student_ids:
                continue
            year = course.academic_year_id
            day = min(max(fields.Date.context_today(self), year.date_start), year.date_end)
            # the one membership query: each pupil's class on the day, among the course's classes
            members = dict(self.env["school.student.movement"]._get_membership_on(
                day, student_ids=course.student_ids.ids))
            strangers = course.student_ids.filtered(lambda s: members.get(s.id) not in course.class_ids.ids)
            if strangers:
                raise ValidationError(_("Pupils of course “%(course)s” must study in its classes: %(names)s.")
                                      % {"course": course.name, "names": ", ".join(strangers.mapped("name"))})

    def write(self, vals):
        result = super(SchoolActivityCourse, self).write(vals)
        if "student_ids" in vals:
            self._sync_rosters()
        return result

    def _sync_rosters(self):
        """The rosters of the sessions still to come follow the course's group; the
        past keep who was there."""
        today = fields.Date.context_today(self)
        # sudo: the rosters are the server's copy of the group the deputy changed
        sessions = self.env["school.activity.session"].sudo().search([
            ("course_id", "in", self.ids), ("date", ">=", today)])
        for session in sessions:
            session._fill_roster()

    def action_generate_sessions(self):
        """The sessions of the course's timetable over its academic year: a date of
        a holiday for its grade levels, in a closed period or with its session is
        skipped, so the button may be pressed again after a change."""
        self.ensure_one()
        course = self.sudo()
        if self.env.uid != course.teacher_id.id and not self.env["school.journal.guard"]._is_school_admin():
            raise AccessError(_("Only the course’s teacher or the school administrator creates the sessions of "
                                "“%s”.") % course.name)
        year = course.academic_year_id
        levels = course.class_ids.mapped("grade_level_id").ids
        holidays = self.env["school.holiday"].sudo().search([
            ("date_start", "<=", year.date_end), ("date_end", ">=", year.date_start)])
        holidays = holidays.filtered(lambda h: not h.grade_level_ids or set(h.grade_level_ids.ids) & set(levels))
        self.env.cr.execute("""
            SELECT x.day FROM generate_series(%s::date, %s::date, '1 day') AS x(day), unnest(%s::int[]) AS l(id)
             WHERE school_period_locked_id(x.day::date, l.id, false) IS NOT NULL
        """, (year.date_start, year.date_end, levels or [0]))
        locked = {fields.Date.to_string(row[0]) for row in self.env.cr.fetchall()}
        existing = {(s.date, s.time_from) for s in course.session_ids}
        Session = self.env["school.activity.session"]
        day, end = fields.Date.from_string(year.date_start), fields.Date.from_string(year.date_end)
        while day <= end:
            text = fields.Date.to_string(day)
            if text not in locked and not holidays.filtered(lambda h: h.date_start <= text <= h.date_end):
                for line in course.line_ids.filtered(lambda l: l.weekday == str(day.weekday())):
                    if (text, line.time_from) not in existing:
                        Session.create({"course_id": self.id, "date": text, "time_from": line.time_from,
                                        "time_to": line.time_to, "room": line.room})
            day += timedelta(days=1)
        return self._open_sessions()

    def _open_sessions(self):
        action = self.env.ref("school_ejournal.action_activity_session").read()[0]
        action.update(domain=[("course_id", "=", self.id)], context={"default_course_id": self.id})
        return action


class SchoolActivityCourseLine(models.Model):
    _name = "school.activity.course.line"
    _description = "Extracurricular Course Timetable"
    _order = "course_id, weekday, time_from"
    _school_create_only_fields = ("course_id",)

    course_id = fields.Many2one("school.activity.course", required=True, index=True, ondelete="cascade")
    weekday = fields.Selection(WEEKDAYS, required=True)
    time_from = fields.Float(string="Start", required=True)
    time_to = fields.Float(string="End", required=True)
    room = fields.Char()

    @api.constrains("time_from", "time_to")
    def _check_times(self):
        for line in self:
            if not 0 <= line.time_from < line.time_to < 24:
                raise ValidationError(_("A session starts before it ends, within the day (%(start)s — %(end)s).")
                                      % {"start": format_time(line.time_from), "end": format_time(line.time_to)})

    def name_get(self):
        days = self._school_selection_labels("weekday")
        return [(line.id, "%s %s–%s" % (days.get(line.weekday, ""), format_time(line.time_from),
                                        format_time(line.time_to))) for line in self]
