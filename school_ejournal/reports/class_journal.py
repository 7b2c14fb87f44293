"""The printed class journal («Классный журнал»): a class and an academic year
(or one attestation period), laid out like the paper journal, every sheet
numbered «Лист N», the last sheet certifying the number of sheets.

The number of sheets is known only after rendering, so the PDF is made in two
parts and merged (reports/ir_actions_report.py, render_qweb_pdf): the body with sheets
1…B numbered by wkhtmltopdf's footer, then the certification sheet alone,
numbered B+1 in the same footer, certifying B+1 sheets. The page count comes
from the PDF itself (PyPDF2), never from an estimate.

All data of the template are read in a handful of SQL queries (lessons, cells,
roster, period grades, attendance totals), so a class-year of ~15 subjects and
~35 weeks renders in seconds of Python; wkhtmltopdf takes the rest."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.translate import _
from ..models.council_decision import decision_label
from ..models.grade import GRADE_LABELS
from ..models.student_movement import membership_intervals_sql
from ..tools.journal_grid import _kind_tags
from ..tools.number_words import certification_text, number_in_words, sheet_count, sheets_word
from .ir_actions_report import readable_sql

# Lesson columns per sheet of grades (the paper journal has ~25 per spread).
DATES_PER_SHEET = 25
# Subjects per sheet of the сводная ведомость.
SUBJECTS_PER_SUMMARY_SHEET = 6
MONTHS = ["", "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
          "сентября", "октября", "ноября", "декабря"]


# The lessons ``l`` of the class %s and of the teaching groups drawing on it (%s).
CLASS_LESSON_SQL = """(l.class_id = %s OR l.subgroup_id IN (SELECT r.subgroup_id FROM school_class_subgroup_class_rel r
                                                          WHERE r.class_id = %s))"""


def _d(value):
    """'2026-09-01' → '01.09.2026'"""
    if not value:
        return ""
    value = fields.Date.to_string(value) if not isinstance(value, str) else value
    return "%s.%s.%s" % (value[8:10], value[5:7], value[0:4])


def _chunks(items, size):
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def date_in_words(day):
    """date(2027, 5, 31) → «31 мая 2027 г.»"""
    return "«%02d» %s %d г." % (day.day, MONTHS[day.month], day.year)


class ReportClassJournal(models.AbstractModel):
    _name = "report.school_ejournal.report_class_journal"
    _description = "Printed Class Journal"

    @api.model
    def _journal_range(self, school_class, data):
        """(from, to, title) of the print; the data come from the URL, so the
        period is read through the user's rules and the dates are parsed."""
        data = data or {}
        if data.get("period_id"):
            try:
                period = self.env["school.period"].browse(int(data["period_id"]))
            except (TypeError, ValueError):
                raise UserError(_("Invalid academic period."))
            period.check_access_rights("read")
            period.check_access_rule("read")
            return period.date_start, period.date_end, period.name
        year = school_class.academic_year_id
        try:
            date_from = fields.Date.to_string(fields.Date.from_string(data.get("date_from") or year.date_start))
            date_to = fields.Date.to_string(fields.Date.from_string(data.get("date_to") or year.date_end))
        except (TypeError, ValueError):
            raise UserError(_("Invalid journal print dates."))
        return date_from, date_to, _("%s Academic Year") % year.name

    @api.model
    def _check_pupils_readable(self, school_class):
        """A class-wide print needs the class's pupils: refused (in Russian) when
        the class has pupils and the user's rules let him read none of them."""
        school_class.check_access_rights("read")
        school_class.check_access_rule("read")
        ok_student = readable_sql(self.env, "school.student", "m.student_id")
        if ok_student == "TRUE":
            return
        self.env.cr.execute("""
            SELECT count(DISTINCT m.student_id), count(DISTINCT m.student_id) FILTER (WHERE """ + ok_student + """)
              FROM school_student_movement m WHERE m.to_class_id = %s""", (school_class.id,))
        total, readable = self.env.cr.fetchone()
        if total and not readable:
            raise AccessError(_("Students of class %s are not available to you: its journal and sheets are "
                                "printed by the teachers of this class, the class teacher and the administration.")
                              % school_class.name)

    @api.model
    def _journal_data(self, school_class, date_from, date_to):
        """Everything one class's journal shows, in six queries, limited to the
        rows the user's record rules let him read (pupils, lessons, marks,
        attendance, period grades)."""
        cr = self.env.cr
        env = self.env
        ok_student = readable_sql(env, "school.student", "s.id")
        ok_lesson = readable_sql(env, "school.lesson", "l.id")
        ok_attendance = readable_sql(env, "school.attendance", "a.id")
        ok_grade = readable_sql(env, "school.grade", "g.id")
        ok_period_grade = readable_sql(env, "school.period.grade", "pg.id")
        # the council's decisions: a subject teacher prints the journal without them
        ok_decision = (readable_sql(env, "school.council.decision", "d.id")
                       if env["school.council.decision"].check_access_rights("read", raise_exception=False)
                       else "FALSE")
        # 1. The class list over the range, from the membership intervals of the
        # movement model (student_movement.py).
        cr.execute("""
            WITH intervals AS (""" + membership_intervals_sql("(%(cls)s)") + """
            )
            SELECT s.id, s.name, s.birth_date, s.gender, min(i.date_from), max(i.date_to),
                   bool_or(i.date_to IS NULL),
                   (SELECT d.decision FROM school_council_decision d
                     WHERE d.student_id = s.id AND d.class_id = %(cls)s AND """ + ok_decision + """),
                   (SELECT string_agg(sub.name, ', ' ORDER BY sub.sequence, sub.name)
                      FROM school_council_decision d
                      JOIN school_council_decision_debt_subject_rel r ON r.decision_id = d.id
                      JOIN school_subject sub ON sub.id = r.subject_id
                     WHERE d.student_id = s.id AND d.class_id = %(cls)s AND """ + ok_decision + """),
                   (SELECT ARRAY[d.protocol_number, d.protocol_date::text] FROM school_council_decision d
                     WHERE d.student_id = s.id AND d.class_id = %(cls)s AND d.protocol_number IS NOT NULL
                       AND """ + ok_decision + """)
              FROM intervals i JOIN school_student s ON s.id = i.student_id
             WHERE i.to_class_id = %(cls)s AND i.date_from <= %(to)s
               AND (i.date_to IS NULL OR i.date_to > %(from)s) AND """ + ok_student + """
             GROUP BY s.id, s.name, s.birth_date, s.gender, s.last_name, s.first_name, s.middle_name
             ORDER BY s.last_name, s.first_name, s.middle_name, s.id
        """, {"cls": school_class.id, "from": date_from, "to": date_to})
        rows = cr.fetchall()
        students = []
        protocols = set()
        labels = env["school.council.decision"]._school_selection_labels("decision") if any(
            row[7] for row in rows) else {}
        for number, (sid, name, birth, gender, since, until, still, decision, debts, protocol) \
                in enumerate(rows, 1):
            if protocol:
                protocols.add((protocol[1] or "", protocol[0]))
            students.append({
                "id": sid, "number": number, "name": name, "birth_date": _d(birth),
                "gender": {"male": "м", "female": "ж"}.get(gender, ""),
                "since": _d(since), "left": "" if still else _d(until),
                "decision": decision_label(decision, debts, labels) if decision else ""})
        # the council's protocols behind these decisions, printed under the сводная ведомость
        protocols = "; ".join(_("minutes No. %(number)s of %(date)s") % {"number": number, "date": _d(day)}
                              if day else _("minutes No. %s") % number for day, number in sorted(protocols))
        # 2. Lessons with their subject, teacher, kind of work.
        cr.execute("""
            SELECT l.id, l.date, l.lesson_number, l.subject_id, s.name, l.topic, l.homework,
                   COALESCE(wk.short_name, wk.name), p.name, sg.name, l.homework_due_date
              FROM school_lesson l
              JOIN school_subject s ON s.id = l.subject_id
              LEFT JOIN school_work_kind wk ON wk.id = l.work_kind_id
              LEFT JOIN res_users u ON u.id = COALESCE(l.substitute_teacher_id, l.teacher_id)
              LEFT JOIN res_partner p ON p.id = u.partner_id
              LEFT JOIN school_class_subgroup sg ON sg.id = l.subgroup_id
             WHERE """ + CLASS_LESSON_SQL + """ AND l.date BETWEEN %s AND %s AND NOT COALESCE(l.cancelled, FALSE)
               AND """ + ok_lesson + """
             ORDER BY s.sequence, s.name, s.id, l.date, l.lesson_number, l.id
        """, (school_class.id, school_class.id, date_from, date_to))
        subjects, by_subject = [], {}
        for lid, day, number, subj_id, subj, topic, homework, kind, teacher, subgroup, due in cr.fetchall():
            if subj_id not in by_subject:
                by_subject[subj_id] = {"id": subj_id, "name": subj, "lessons": [], "teachers": []}
                subjects.append(by_subject[subj_id])
            entry = by_subject[subj_id]
            if teacher and teacher not in entry["teachers"]:
                entry["teachers"].append(teacher)
            entry["lessons"].append({
                "id": lid, "date": _d(day), "short": _d(day)[:5], "number": number,
                "topic": topic or "", "homework": homework or "", "kind": kind or "",
                "due": _d(due)[:5] if homework and due else "",
                "subgroup": subgroup or ""})
        # 3. The cells: attendance mark and grades of each pupil at each lesson.
        cr.execute("""
            SELECT a.lesson_id, a.student_id, c.code,
                   -- a mark of another kind of work than the lesson's carries its kind («3ур»)
                   string_agg(g.value || '#' || coalesce(CASE WHEN g.work_kind_id IS DISTINCT FROM l.work_kind_id
                                                              THEN g.work_kind_id END::text, ''),
                              '/' ORDER BY g.sequence)
              FROM school_attendance a
              JOIN school_lesson l ON l.id = a.lesson_id
              LEFT JOIN school_attendance_code c ON c.id = a.code_id
              LEFT JOIN school_grade g ON g.attendance_id = a.id AND """ + ok_grade + """
             WHERE """ + CLASS_LESSON_SQL + """ AND l.date BETWEEN %s AND %s AND """ + ok_attendance + """
               AND (a.code_id IS NOT NULL OR g.id IS NOT NULL)
             GROUP BY a.lesson_id, a.student_id, c.code
        """, (school_class.id, school_class.id, date_from, date_to))
        cells = {}
        fetched = cr.fetchall()
        # the kinds' tags only when a mark has another kind than its lesson (one query less)
        tags = _kind_tags(cr)[0] if any(not mark.endswith("#") for _l, _s, _c, g in fetched if g
                                        for mark in g.split("/")) else {}
        for lesson_id, student_id, code, grades in fetched:
            marks = [g.split("#") for g in grades.split("/")] if grades else []
            text = "/".join(GRADE_LABELS.get(v, v) + (tags.get(int(k), "") if k else "") for v, k in marks)
            cells[(lesson_id, student_id)] = " ".join(p for p in (code, text) if p)
        # 4. Periods of the class's grade level in its year, and the period grades.
        # (ORM reads first: they would consume the cursor's pending result.)
        attestation_kind = school_class.grade_level_id.period_kind
        level_id, year_id = school_class.grade_level_id.id, school_class.academic_year_id.id
        cr.execute("""
            SELECT p.id, p.kind, p.number, p.name, p.date_start, p.date_end
              FROM school_period p
              JOIN school_grade_level_school_period_rel r ON r.school_period_id = p.id
             WHERE r.school_grade_level_id = %s AND p.academic_year_id = %s
             ORDER BY p.date_start, p.id
        """, (level_id, year_id))
        periods = [{"id": r[0], "kind": r[1], "number": r[2], "name": r[3],
                    "short": _("Q%s") % r[2] if r[1] == "quarter" else
                    (_("H%s") % r[2] if r[1] == "half_year" else _("T%s") % r[2])}
                   for r in cr.fetchall() if r[1] == attestation_kind]
        cr.execute("""
            SELECT pg.student_id, pg.subject_id, pg.period_id, pg.kind, pg.value
              FROM school_period_grade pg
              JOIN school_period p ON p.id = pg.period_id
             WHERE pg.class_id = %s AND p.academic_year_id = %s AND pg.value IS NOT NULL
               AND """ + ok_period_grade + """
        """, (school_class.id, school_class.academic_year_id.id))
        period_grades = {}
        kinds_present = set()
        for student_id, subject_id, period_id, kind, value in cr.fetchall():
            key = period_id if kind not in ("year", "exam", "final") else kind
            kinds_present.add(kind)
            period_grades[(student_id, subject_id, key)] = GRADE_LABELS.get(value, value)
        summary_columns = [(p["id"], p["short"]) for p in periods] + [("year", _("Year"))]
        summary_columns += [(k, label) for k, label in (("exam", _("Exam")), ("final", _("Final")))
                            if k in kinds_present]
        # Subjects that have period grades but no lesson in range still belong in
        # the сводная ведомость.
        cr.execute("""SELECT DISTINCT s.id, s.name, s.sequence FROM school_period_grade pg
                        JOIN school_subject s ON s.id = pg.subject_id
                        JOIN school_period p ON p.id = pg.period_id
                       WHERE pg.class_id = %s AND p.academic_year_id = %s AND """ + ok_period_grade + """
                       ORDER BY s.sequence, s.name""",
                   (school_class.id, school_class.academic_year_id.id))
        summary_subjects = [{"id": s["id"], "name": s["name"]} for s in subjects]
        known = {s["id"] for s in subjects}
        summary_subjects += [{"id": r[0], "name": r[1]} for r in cr.fetchall() if r[0] not in known]
        # 5. Attendance totals per pupil and period (one SQL, shared with the
        # attendance report).
        stats = self.env["report.school_ejournal.report_attendance"]._attendance_stats(
            date_from, date_to, class_ids=[school_class.id], by_period=True, readable=True)
        return {
            "students": students, "subjects": subjects, "cells": cells, "periods": periods,
            "period_grades": period_grades, "summary_columns": summary_columns,
            "summary_subjects": summary_subjects, "attendance": stats, "council_protocols": protocols,
        }

    @api.model
    def _sheets(self, school_class, date_from, date_to, title):
        """The template's data: sheets of grades per subject (lesson dates chunked),
        the topics per subject, the summary, attendance, class list."""
        data = self._journal_data(school_class, date_from, date_to)
        students, cells = data["students"], data["cells"]
        subjects = []
        for subject in data["subjects"]:
            grade_sheets = []
            for chunk in _chunks(subject["lessons"], DATES_PER_SHEET):
                rows = [{"number": s["number"], "name": s["name"],
                         "cells": [cells.get((l["id"], s["id"]), "") for l in chunk]} for s in students]
                grade_sheets.append({"lessons": chunk, "rows": rows,
                                     "pad": DATES_PER_SHEET - len(chunk)})
            subjects.append(dict(subject, grade_sheets=grade_sheets,
                                 teacher=", ".join(subject["teachers"])))
        summary_sheets = []
        # the last sheet of the сводная ведомость ends with the council's decision
        for chunk in _chunks(data["summary_subjects"], SUBJECTS_PER_SUMMARY_SHEET):
            rows = [{"number": s["number"], "name": s["name"], "decision": s["decision"],
                     "cells": [[data["period_grades"].get((s["id"], subj["id"], key), "")
                                for key, _label in data["summary_columns"]] for subj in chunk]}
                    for s in students]
            summary_sheets.append({"subjects": chunk, "rows": rows})
        summary_sheets[-1]["decision_column"] = True
        summary_sheets[-1]["protocols"] = data["council_protocols"]
        stats = data["attendance"]
        attendance_rows = []
        empty = {"missed": 0, "ill": 0, "excused": 0, "unexcused": 0, "late": 0, "days": 0}
        for s in students:
            per_period = []
            total = dict(empty)
            for p in data["periods"]:
                # key of _attendance_stats(by_period=True): (student, class, period)
                value = stats.get((s["id"], school_class.id, p["id"]), empty)
                per_period.append(value["missed"])
                for k in total:
                    total[k] += value[k]
            attendance_rows.append({"number": s["number"], "name": s["name"],
                                    "periods": per_period, "total": total})
        return {
            "title": title, "class_name": school_class.name,
            "year": school_class.academic_year_id.name,
            "class_teacher": school_class.class_teacher_id.name or "",
            "date_from": _d(date_from), "date_to": _d(date_to),
            "students": students, "subjects": subjects, "periods": data["periods"],
            "summary_columns": data["summary_columns"], "summary_sheets": summary_sheets,
            "attendance_rows": attendance_rows,
        }

    @api.model
    def _double_sided(self, data):
        """Printed on both sides: the wizard's choice, else the school's setting."""
        sides = (data or {}).get("print_sides") or self.env.user.company_id.school_print_sides
        return sides == "double"

    @api.model
    def get_report_values(self, docids, data=None):
        data = data or {}
        classes = self.env["school.class"].browse(docids)
        classes.check_access_rights("read")
        classes.check_access_rule("read")
        for school_class in classes:
            self._check_pupils_readable(school_class)
        company = self.env.user.company_id
        journals = []
        for school_class in classes:
            date_from, date_to, title = self._journal_range(school_class, data)
            journal = {"class_id": school_class.id, "class_name": school_class.name}
            if data.get("part") != "certification":
                journal.update(self._sheets(school_class, date_from, date_to, title))
            journals.append(journal)
        double = self._double_sided(data)
        pages = int(data.get("total_pages") or 0)
        total = sheet_count(pages, double) if pages else int(data.get("total_sheets") or 0)
        today = fields.Date.from_string(data.get("certify_date") or fields.Date.context_today(self))
        return {
            "doc_ids": docids, "doc_model": "school.class", "docs": classes,
            "journals": journals, "part": data.get("part") or "body", "company": company,
            "director": company.school_director_id.name or "",
            "total_sheets": total, "total_pages": pages or total, "double_sided": double,
            "certification": certification_text(total) if total else "",
            "total_words": number_in_words(total) if total else "", "sheets_word": sheets_word(total),
            "certify_date": date_in_words(today),
        }

    _get_report_values = get_report_values
