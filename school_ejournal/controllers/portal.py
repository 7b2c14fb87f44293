"""The families' diary in the Odoo portal (/my/…): Дневник, Оценки,
Посещаемость, Расписание, Отчёт, Сообщения.

Security: every page reads through the portal user's own environment, so the
record rules of security/portal_rules.xml apply to each search; on top of that
every page first picks the pupil among those the user may see (the pupil
himself, or the children of a legal representative) and answers 404 for any
other id, before reading anything. sudo() is used twice and shows nothing the
rules hide: homework files whose ids come from a lesson the rules let the user
read (_homework_files, school_homework_file), and addressing a message to the
teacher (school_message_post: whether an author is staff, a contact id).
The pages: the diary in portal_diary.py, the messages in portal_messages.py,
the others here."""
from collections import OrderedDict

from werkzeug.exceptions import NotFound
from werkzeug.urls import url_encode

from odoo import fields, http
from odoo.http import content_disposition, request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..tools.translate import _
from ..models.activity_course import format_time
from ..models.grade import GRADE_LABELS, NUMERIC
from ..models.ir_http import is_web_url
from ..tools.dates import DAY_NAMES, short_date as _short_date

SESSION_KEY = "school_portal_student_id"
# A family's message to the teacher: characters, and posts per user and minute
# (each post e-mails a teacher).
REPORT_XMLID = "school_ejournal.action_report_student_progress"
VISIT_MODEL = "school.portal.visit"
PAGES = OrderedDict([
    ("diary", ("/my/diary", _("Diary"))),
    ("grades", ("/my/grades", _("My Grades"))),
    ("attendance", ("/my/attendance", _("Attendance"))),
    ("timetable", ("/my/timetable", _("Timetable"))),
    ("report", ("/my/report", _("Report"))),
    ("messages", ("/my/messages", _("Messages"))),
])


def _num(value):
    """4 → «4», 1.5 → «1.5», 4.666 → «4.67»."""
    text = "%.2f" % value
    return text.rstrip("0").rstrip(".")


def _time(value):
    hours, minutes = divmod(int(round((value or 0.0) * 60)), 60)
    return "%d:%02d" % (hours, minutes)


class SchoolPortal(CustomerPortal):

    # ------------------------------------------------------------------ home
    def _prepare_portal_layout_values(self):
        values = super(SchoolPortal, self)._prepare_portal_layout_values()
        values["school_students"] = self._school_students()
        values["school_pages"] = OrderedDict((key, (url, _(title))) for key, (url, title) in PAGES.items())
        if values["school_students"]:
            # the home page's badge: announcements shown to the user today and not yet marked read
            values["school_unread"] = len([a for a, read in request.env["school.announcement"]._portal_announcements()
                                           if not read])
        return values

    # ------------------------------------------------------------------ who
    def _school_students(self):
        """Pupils whose diary the user reads: himself, or his children as their
        legal representative. The user's own env: the record rules apply too."""
        return request.env["school.student"]._portal_students()

    def _school_pick(self, student=None):
        """(all pupils of the user, the chosen one). ``student`` from the URL
        must be one of them: any other id (a guess) is 404, nothing is read."""
        students = self._school_students()
        if student not in (None, ""):
            try:
                wanted = int(student)
            except (TypeError, ValueError):
                raise NotFound()
            chosen = students.filtered(lambda s: s.id == wanted)
            if not chosen:
                raise NotFound()
        else:
            remembered = request.session.get(SESSION_KEY)
            chosen = students.filtered(lambda s: s.id == remembered)[:1] or students[:1]
        if chosen and request.session.get(SESSION_KEY) != chosen.id:
            request.session[SESSION_KEY] = chosen.id
        return students, chosen

    def _school_log_visit(self, student):
        # The weekly parents'-usage monitor counts visits (when that model is installed).
        if VISIT_MODEL in request.env:
            request.env[VISIT_MODEL]._log_visit(student=student or None)

    def _school_render(self, page, students, student, values=None, template=None):
        """Render a diary page, or the explanation instead of the data when the
        pupil's consent to personal-data processing is revoked."""
        self._school_log_visit(student)
        args = {k: v for k, v in request.httprequest.args.items() if k != "student"}
        path = request.httprequest.path
        page_values = self._prepare_portal_layout_values()
        page_values.update({
            "page_name": "school_%s" % page,
            "school_page": page,
            "school_page_title": _(PAGES[page][1]),
            "school_students": students,
            "student": student,
            "school_switch_url": lambda sid: "%s?%s" % (path, url_encode(dict(args, student=sid))),
            "school_page_url": lambda name: "%s?%s" % (PAGES[name][0], url_encode({"student": student.id}))
            if student else PAGES[name][0],
            "short_date": _short_date,
        })
        if not student:
            template = "school_ejournal.portal_school_no_student"
        elif student.consent_state == "revoked":
            template = "school_ejournal.portal_school_consent_revoked"
        else:
            page_values.update(values() if callable(values) else (values or {}))
            template = template or "school_ejournal.portal_school_%s" % page
        return request.render(template, page_values)

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _parse_date(value):
        try:
            return fields.Date.from_string(value) if value else None
        except (TypeError, ValueError):
            return None

    def _today(self):
        return fields.Date.from_string(fields.Date.context_today(request.env.user))

    def _school_periods(self, student):
        """Attestation periods (quarters or half-years) of the pupil's class."""
        school_class = student.current_class_id
        level = school_class.grade_level_id
        if not level:
            return request.env["school.period"]
        return request.env["school.period"].search([
            ("academic_year_id", "=", school_class.academic_year_id.id),
            ("kind", "=", level.period_kind), ("grade_level_ids", "in", level.ids)],
            order="date_start")

    def _school_pick_period(self, student, period):
        periods = self._school_periods(student)
        if period not in (None, ""):
            try:
                wanted = int(period)
            except (TypeError, ValueError):
                raise NotFound()
            chosen = periods.filtered(lambda p: p.id == wanted)
            if not chosen:
                raise NotFound()
            return periods, chosen
        today = fields.Date.to_string(self._today())
        current = periods.filtered(lambda p: p.date_start <= today <= p.date_end)[:1]
        started = periods.filtered(lambda p: p.date_start <= today)
        return periods, current or (started[-1:] if started else periods[:1])

    def _bell_times(self, school_class):
        schedule = request.env["school.bell.schedule"].search(
            [("shift", "=", school_class.shift or "1")], limit=1)
        return {line.lesson_number: "%s–%s" % (_time(line.time_start), _time(line.time_end))
                for line in schedule.line_ids}

    def _homework_files(self, lessons):
        """{lesson_id: [(attachment_id, name)]}. Homework files are uploaded in
        the lesson form without res_id, and Odoo lets only employees read such
        attachments. Their ids here come from lessons read through the portal
        user's own record rules (lessons on his child's roster); sudo() reads the
        names of exactly these files and nothing else."""
        by_lesson = {lesson.id: lesson.homework_attachment_ids.ids for lesson in lessons}
        ids = sorted({a for files in by_lesson.values() for a in files})
        # homework uploads only, not files of other records linked to the lesson
        found = {a.id: a for a in request.env["ir.attachment"].sudo().browse(ids)
                 if not a.res_field and (a.res_model or "school.lesson") == "school.lesson"}
        result = {}
        for lid, files in by_lesson.items():
            result[lid] = []
            for aid in files:
                attachment = found.get(aid)
                if attachment is None:
                    continue
                if attachment.type == "url":
                    # a link is shown as the external link it is, and only to a web page
                    if is_web_url(attachment.url):
                        result[lid].append((attachment.url, attachment.name or attachment.url, True))
                    continue
                result[lid].append(("/my/diary/homework/%s/%s" % (lid, aid), attachment.name or _("file"), False))
        return result

    @staticmethod
    def _link_names(records, *names):
        """{record id: {field: display name}} of many2one fields, through read():
        the ORM shows the name of a linked record (a teacher on the child's
        lesson) to whoever may read the record holding the link, as the back
        office does; portal users may not read staff contacts themselves."""
        return {row["id"]: {name: (row[name] or [False, ""])[1] for name in names}
                for row in records.read(list(names))}

    @staticmethod
    def _grade_info(grade):
        return {
            "label": GRADE_LABELS.get(grade.value, grade.value),
            "value": grade.value,
            "comment": grade.comment or "",
            "kind": grade.work_kind_id.name or "",
            "weight": _num(grade.weight or 0.0),
            "date": _short_date(grade.date),
        }

    @staticmethod
    def _formula(grades):
        """«(5·2 + 4·1) / (2 + 1)» for the numeric grades, as the journal counts."""
        numeric = [g for g in grades if g.value in NUMERIC and g.weight and g.weight > 0]
        if not numeric:
            return ""
        return "(%s) / (%s)" % (" + ".join("%s·%s" % (g.value, _num(g.weight)) for g in numeric),
                                " + ".join(_num(g.weight) for g in numeric))

    # ------------------------------------------------------------------ Оценки
    @http.route(["/my/grades"], type="http", auth="user", website=True)
    def school_grades(self, student=None, period=None, **kw):
        students, child = self._school_pick(student)
        periods, chosen = self._school_pick_period(child, period) if child else (None, None)

        def values():
            return dict(self._grades_values(child, chosen), periods=periods, period=chosen,
                        period_url=lambda p: "/my/grades?%s" % url_encode({"student": child.id, "period": p.id}))
        return self._school_render("grades", students, child, values)

    def _grades_values(self, child, period):
        if not period:
            return {"subjects": []}
        grades = request.env["school.grade"].search(
            [("student_id", "=", child.id), ("period_id", "=", period.id)], order="date, lesson_id, sequence")
        rows = request.env["school.attendance"].read_group(
            [("student_id", "=", child.id), ("period_id", "=", period.id)], ["subject_id"], ["subject_id"])
        subjects = request.env["school.subject"].browse(
            [r["subject_id"][0] for r in rows if r["subject_id"]]) | grades.mapped("subject_id")
        # the journal's one calculation of the weighted average
        averages = request.env["school.grade"]._weighted_averages([child.id], period_ids=[period.id])
        period_grades = request.env["school.period.grade"].search(
            [("student_id", "=", child.id), ("period_id", "=", period.id)])
        result = []
        for subject in subjects.sorted(lambda s: (s.sequence, s.name)):
            own = grades.filtered(lambda g: g.subject_id == subject)
            final = period_grades.filtered(lambda p: p.subject_id == subject)[:1]
            average = averages.get((child.id, subject.id))
            result.append({
                "name": subject.name,
                "grades": [self._grade_info(g) for g in own],
                "average": "%.2f" % average if average is not None else "",
                "formula": self._formula(own),
                "final": final and {
                    "label": GRADE_LABELS.get(final.value, final.value or ""),
                    "explanation": final.explanation or "",
                    "override": final.override_comment if final.differs else "",
                    "kind": final._school_selection_labels("kind").get(final.kind, ""),
                },
            })
        return {"subjects": result}

    # ------------------------------------------------------------------ Посещаемость
    @http.route(["/my/attendance"], type="http", auth="user", website=True)
    def school_attendance(self, student=None, period=None, **kw):
        students, child = self._school_pick(student)
        periods, chosen = self._school_pick_period(child, period) if child else (None, None)

        def values():
            return dict(self._attendance_values(child, chosen), periods=periods, period=chosen,
                        period_url=lambda p: "/my/attendance?%s" % url_encode({"student": child.id,
                                                                                "period": p.id}))
        return self._school_render("attendance", students, child, values)

    def _attendance_values(self, child, period):
        if not period:
            return {"marks": [], "totals": {}}
        rows = request.env["school.attendance"].search(
            [("student_id", "=", child.id), ("period_id", "=", period.id)])
        marked = rows.filtered("code_id")
        absent = marked.filtered(lambda r: r.code_id.counts_as_absence and not r.code_id.is_late)
        late = marked.filtered(lambda r: r.code_id.is_late)
        by_day = {}
        for row in rows:
            by_day.setdefault(row.date, []).append(row in absent)
        whole_days = sorted(d for d, flags in by_day.items() if flags and all(flags))
        return {
            "marks": [{"date": _short_date(r.date), "number": r.lesson_number, "subject": r.subject_id.name,
                       "code": r.code_id.code, "name": r.code_id.name, "late": r.code_id.is_late,
                       "excused": r.code_id.is_excused, "comment": r.comment or ""}
                      for r in marked.sorted(lambda r: (r.date, r.lesson_number))],
            "totals": {"lessons": len(rows), "absent": len(absent),
                       "excused": len(absent.filtered(lambda r: r.code_id.is_excused)),
                       "unexcused": len(absent.filtered(lambda r: not r.code_id.is_excused)),
                       "late": len(late), "days": len(whole_days)},
        }

    # ------------------------------------------------------------------ Расписание
    @http.route(["/my/timetable"], type="http", auth="user", website=True)
    def school_timetable(self, student=None, **kw):
        students, child = self._school_pick(student)
        return self._school_render("timetable", students, child, lambda: self._timetable_values(child))

    def _timetable_values(self, child):
        school_class = child.current_class_id
        if not school_class:
            return {"days": [], "school_class": school_class}
        year = school_class.academic_year_id
        day = max(fields.Date.to_string(self._today()), year.date_start)
        Timetable = request.env["school.timetable"]
        entries = Timetable.search(Timetable._class_domain(school_class.ids) + [
            ("date_from", "<=", day), ("date_to", ">=", day)], order="weekday, lesson_number")
        entries = entries.filtered(lambda e: not e.subgroup_id or e.subgroup_id in child.subgroup_ids)
        times = self._bell_times(school_class)
        teachers = self._link_names(entries, "teacher_id")
        # the child's extracurricular courses of the year, after the lessons of each day
        activities = request.env["school.activity.course.line"].search([
            ("course_id.student_ids", "in", child.ids), ("course_id.academic_year_id", "=", year.id)],
            order="weekday, time_from")
        activity_teachers = self._link_names(activities.mapped("course_id"), "teacher_id")
        days = []
        for weekday in range(request.env.user.company_id._school_last_weekday() + 1):
            items = [{"number": e.lesson_number, "time": times.get(e.lesson_number, ""),
                      "subject": e.subject_id.name, "teacher": teachers[e.id]["teacher_id"], "room": e.room or "",
                      "subgroup": e.subgroup_id.name or ""}
                     for e in entries if e.weekday == str(weekday)]
            items += [{"number": "", "time": "%s–%s" % (format_time(a.time_from), format_time(a.time_to)),
                       "subject": a.course_id.name, "teacher": activity_teachers[a.course_id.id]["teacher_id"],
                       "room": a.room or "", "subgroup": "", "activity": True}
                      for a in activities if a.weekday == str(weekday)]
            days.append({"label": DAY_NAMES[weekday], "items": items})
        return {"days": days, "school_class": school_class,
                "valid_on": _short_date(day)}

    # ------------------------------------------------------------------ Отчёт
    def _school_report(self):
        return request.env.ref(REPORT_XMLID, raise_if_not_found=False)

    @http.route(["/my/report"], type="http", auth="user", website=True)
    def school_report(self, student=None, period=None, **kw):
        students, child = self._school_pick(student)
        periods, chosen = self._school_pick_period(child, period) if child else (None, None)

        def values():
            report = self._school_report()
            return dict(self._grades_values(child, chosen), **self._attendance_values(child, chosen),
                        periods=periods, period=chosen,
                        period_url=lambda p: "/my/report?%s" % url_encode({"student": child.id, "period": p.id}),
                        pdf_url="/my/report/pdf?%s" % url_encode({"student": child.id}) if report else "")
        return self._school_render("report", students, child, values)

    @http.route(["/my/report/pdf"], type="http", auth="user", website=True)
    def school_report_pdf(self, student=None, **kw):
        students, child = self._school_pick(student)
        report = self._school_report()
        if not child or not report or child.consent_state == "revoked":
            raise NotFound()
        self._school_log_visit(child)
        # rendered as the portal user: the report reads through his record rules
        pdf = report.render_qweb_pdf([child.id])[0]
        filename = "%s.pdf" % _("Progress Report — %s") % child.name
        return request.make_response(pdf, headers=[
            ("Content-Type", "application/pdf"), ("Content-Length", len(pdf)),
            ("Content-Disposition", content_disposition(filename))])
