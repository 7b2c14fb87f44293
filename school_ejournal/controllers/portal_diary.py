"""The families' diary (/my/diary): the pupil's week, his homework files, his
remarks and praise («Ознакомлен» by a legal representative) and the
announcements for him («Прочитано»). The security of every portal page:
controllers/portal.py."""
import base64
import logging
from datetime import timedelta

from werkzeug.exceptions import Forbidden, NotFound
from werkzeug.urls import url_encode

from odoo import fields, http
from odoo.exceptions import AccessError, UserError
from odoo.http import content_disposition, request

from ..tools.dates import day_label as _day_label, short_date as _short_date
from .portal import SchoolPortal

_logger = logging.getLogger(__name__)


class SchoolPortalDiary(SchoolPortal):

    @http.route(["/my/diary"], type="http", auth="user", website=True)
    def school_diary(self, student=None, date=None, **kw):
        students, child = self._school_pick(student)

        def values():
            return dict(self._diary_values(child, self._parse_date(date) or self._today()),
                        **self._behaviour_values(child, date))
        return self._school_render("diary", students, child, values)

    def _behaviour_values(self, child, date=None):
        """The pupil's latest remarks and praise, and today's announcements for
        the user, through his own rules."""
        Remark = request.env["school.student.remark"]
        remarks = Remark.search([("student_id", "=", child.id)], limit=20)
        teachers = self._link_names(remarks, "teacher_id")
        kinds = Remark._school_selection_labels("kind")
        announcements = request.env["school.announcement"]._portal_announcements()
        return {
            "remarks": [{"id": r.id, "kind": r.kind, "kind_label": kinds.get(r.kind, ""),
                         "date": _short_date(r.date), "text": r.text, "teacher": teachers[r.id]["teacher_id"],
                         "acknowledged": _short_date(r.acknowledged_at[:10]) if r.acknowledged_at else ""}
                        for r in remarks],
            "may_acknowledge": Remark._is_guardian_of(child),
            "announcements": [{"id": a.id, "title": a.name, "text": a.text, "read": read,
                               "date_from": _short_date(a.date_from)} for a, read in announcements],
            "back_date": date if self._parse_date(date) else "",
        }

    def _diary_back(self, child, date):
        back = {"student": child.id}
        if self._parse_date(date):
            back["date"] = date
        return "/my/diary?%s" % url_encode(back)

    @http.route(["/my/diary/remark/acknowledge"], type="http", auth="user", methods=["POST"], website=True)
    def school_remark_acknowledge(self, student=None, remark_id=None, date=None, **kw):
        """«Ознакомлен»: a remark of the chosen child only; any other id is 404."""
        students, child = self._school_pick(student)
        if not child or child.consent_state == "revoked":
            raise NotFound()
        try:
            wanted = int(remark_id)
        except (TypeError, ValueError):
            raise NotFound()
        remark = request.env["school.student.remark"].search([("id", "=", wanted), ("student_id", "=", child.id)])
        if not remark:
            raise NotFound()
        try:
            remark.action_acknowledge()
        except AccessError:
            raise Forbidden()
        except UserError as error:
            _logger.info("remark %s not acknowledged: %s", remark.id, error)  # already acknowledged: the page shows it
        return request.redirect(self._diary_back(child, date))

    @http.route(["/my/diary/announcement/read"], type="http", auth="user", methods=["POST"], website=True)
    def school_announcement_read(self, student=None, announcement_id=None, date=None, **kw):
        """«Прочитано»: an announcement the user's rules show him today; any other id is 404."""
        students, child = self._school_pick(student)
        if not child:
            raise NotFound()
        try:
            wanted = int(announcement_id)
        except (TypeError, ValueError):
            raise NotFound()
        announcement = request.env["school.announcement"].search([("id", "=", wanted)])
        if not announcement:
            raise NotFound()
        announcement.action_mark_read()
        return request.redirect(self._diary_back(child, date))

    def _diary_values(self, child, day):
        monday = day - timedelta(days=day.weekday())
        company = request.env.user.company_id
        days = [monday + timedelta(days=n) for n in range(company._school_last_weekday() + 1)]
        first, last = fields.Date.to_string(days[0]), fields.Date.to_string(days[-1])
        today = self._today()
        # the child's roster rows of the week carry the lessons, marks and grades
        rows = request.env["school.attendance"].search([
            ("student_id", "=", child.id), ("date", ">=", first), ("date", "<=", last)])
        lessons = rows.mapped("lesson_id").sorted(lambda l: (l.date, l.lesson_number))
        grades = request.env["school.grade"].search([
            ("student_id", "=", child.id), ("date", ">=", first), ("date", "<=", last)],
            order="date, lesson_id, sequence")
        grades_of = {}
        for grade in grades:
            grades_of.setdefault(grade.lesson_id.id, []).append(self._grade_info(grade))
        row_of = {row.lesson_id.id: row for row in rows}
        files = self._homework_files(lessons)
        teachers = self._link_names(lessons, "teacher_id", "substitute_teacher_id")
        school_class = child.current_class_id
        times = self._bell_times(school_class) if school_class else {}
        level = school_class.grade_level_id
        holidays = request.env["school.holiday"].search([
            ("date_start", "<=", last), ("date_end", ">=", first)])
        holidays = holidays.filtered(lambda h: not h.grade_level_ids or level in h.grade_level_ids)
        # homework shown on the day it is due («Д/з на 14.10»), with the lesson it was given at
        given = request.env["school.attendance"].search([
            ("student_id", "=", child.id), ("lesson_id.homework_due_date", ">=", first),
            ("lesson_id.homework_due_date", "<=", last), ("lesson_id.homework", "!=", False)]).mapped("lesson_id")
        due_on = {}
        for lesson in given.sorted(lambda l: (l.homework_due_date, l.subject_id.name or "", l.date)):
            due_on.setdefault(lesson.homework_due_date, []).append({
                "due": _short_date(lesson.homework_due_date)[:5], "subject": lesson.subject_id.name,
                "text": lesson.homework, "given": _short_date(lesson.date)[:5],
                "lesson": lesson.lesson_number})
        Timetable = request.env["school.timetable"]
        week = []
        for one_day in days:
            day_str = fields.Date.to_string(one_day)
            holiday = holidays.filtered(lambda h: h.date_start <= day_str <= h.date_end)[:1]
            items = []
            for lesson in lessons.filtered(lambda l: l.date == day_str):
                row = row_of.get(lesson.id)
                code = row.code_id if row else None
                items.append({
                    "number": lesson.lesson_number, "time": times.get(lesson.lesson_number, ""),
                    "subject": lesson.subject_id.name,
                    "teacher": teachers[lesson.id]["teacher_id"],
                    "substitute": teachers[lesson.id]["substitute_teacher_id"],
                    "topic": lesson.topic or "", "kind": lesson.work_kind_id.name or "",
                    "homework": lesson.homework or "", "homework_comment": lesson.homework_comment or "",
                    "homework_due": _short_date(lesson.homework_due_date)[:5] if lesson.homework_due_date else "",
                    "files": files.get(lesson.id, []),
                    "grades": grades_of.get(lesson.id, []),
                    "mark": code and {"code": code.code, "name": code.name, "late": code.is_late,
                                      "excused": code.is_excused, "comment": row.comment or ""},
                    "planned": False,
                })
            if not items and not holiday and one_day >= today and school_class:
                # no lesson in the journal yet: show what the timetable plans
                entries = Timetable._get_entries_on(day_str, [school_class.id]).filtered(
                    lambda e: not e.subgroup_id or e.subgroup_id in child.subgroup_ids)
                planned = self._link_names(entries, "teacher_id")
                for entry in entries.sorted(lambda e: e.lesson_number):
                    items.append({"number": entry.lesson_number, "time": times.get(entry.lesson_number, ""),
                                  "subject": entry.subject_id.name, "teacher": planned[entry.id]["teacher_id"],
                                  "room": entry.room or "", "planned": True, "grades": [], "files": []})
            week.append({"label": _day_label(one_day), "date": day_str, "is_today": one_day == today,
                         "holiday": holiday.name if holiday else "", "items": items,
                         "due": due_on.get(day_str, [])})
        return {
            "week": week,
            "week_label": "%s — %s" % (_short_date(days[0]), _short_date(days[-1])),
            "prev_url": "/my/diary?%s" % url_encode({"student": child.id, "date": fields.Date.to_string(
                monday - timedelta(days=7))}),
            "next_url": "/my/diary?%s" % url_encode({"student": child.id, "date": fields.Date.to_string(
                monday + timedelta(days=7))}),
            "today_url": "/my/diary?%s" % url_encode({"student": child.id}),
        }

    @http.route(["/my/diary/homework/<int:lesson_id>/<int:attachment_id>"], type="http", auth="user",
                website=True)
    def school_homework_file(self, lesson_id, attachment_id, **kw):
        students = self._school_students().filtered(lambda s: s.consent_state != "revoked")
        lesson = request.env["school.lesson"].search([
            ("id", "=", lesson_id), ("attendance_ids.student_id", "in", students.ids)]) if students else None
        if not lesson or attachment_id not in lesson.homework_attachment_ids.ids:
            raise NotFound()
        # sudo: this one file is linked to a lesson the user's own record rules let him read
        attachment = request.env["ir.attachment"].sudo().browse(attachment_id)
        # and it is a homework upload, not a file of another record linked to the lesson
        if attachment.res_field or (attachment.res_model or "school.lesson") != "school.lesson":
            raise NotFound()
        if attachment.type == "url":
            # links are shown as links to their site (_homework_files); never followed from here
            raise NotFound()
        content = base64.b64decode(attachment.datas or b"")
        return request.make_response(content, headers=[
            ("Content-Type", attachment.mimetype or "application/octet-stream"),
            ("Content-Length", len(content)),
            ("Content-Disposition", content_disposition(attachment.datas_fname or attachment.name or "file")),
            ("X-Content-Type-Options", "nosniff"),
        ])
