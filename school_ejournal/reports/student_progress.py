"""Progress and attendance report of one pupil for one period («отчёт об
успеваемости и посещаемости» for the family; the portal links to it).

Who may print it: the report's groups, then the record rules of school.student
(staff by their rules; a portal parent his own children, a pupil himself: see
security/portal_rules.xml): get_report_values checks read access on the pupils
first, then reads only these pupils' grades, attendance and period grades in
SQL, each row filtered by the user's record rules (a parent sees confirmed
period grades only, nothing while the consent is revoked)."""
from collections import OrderedDict

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.translate import _
from ..models.grade import GRADE_LABELS
from .attendance_report import EMPTY
from .class_journal import _d
from .ir_actions_report import readable_sql


class ReportStudentProgress(models.AbstractModel):
    _name = "report.school_ejournal.report_student_progress"
    _description = "Student Academic Performance and Attendance"

    @api.model
    def _period_for(self, student_id, period_id=None):
        """(id, name, date_start, date_end) of the requested period, or of the
        attestation period of the pupil's class that covers today (the latest one
        that has begun, else the first)."""
        cr = self.env.cr
        if period_id:
            try:
                period = self.env["school.period"].browse(int(period_id)).exists()
            except (TypeError, ValueError):
                period = None
            if not period:
                raise UserError(_("Academic period not found."))
            period.check_access_rights("read")
            period.check_access_rule("read")
            return period.id, period.name, period.date_start, period.date_end
        today = fields.Date.context_today(self)
        cr.execute("""
            SELECT p.id, p.name, p.date_start, p.date_end
              FROM school_student s
              JOIN school_class c ON c.id = s.current_class_id
              JOIN school_grade_level gl ON gl.id = c.grade_level_id
              JOIN school_grade_level_school_period_rel r ON r.school_grade_level_id = gl.id
              JOIN school_period p ON p.id = r.school_period_id AND p.kind = gl.period_kind
                                  AND p.academic_year_id = c.academic_year_id
             WHERE s.id = %s
             ORDER BY (p.date_start <= %s) DESC,
                      CASE WHEN p.date_start <= %s THEN p.date_start END DESC NULLS LAST, p.date_start
             LIMIT 1
        """, (student_id, today, today))
        row = cr.fetchone()
        if not row:
            raise UserError(_("The student has no class with academic periods: select a period."))
        return row

    @api.model
    def _student_data(self, student, period_id=None):
        cr = self.env.cr
        pid, pname, start, end = self._period_for(student.id, period_id)
        ok_grade = readable_sql(self.env, "school.grade", "g.id")
        ok_period_grade = readable_sql(self.env, "school.period.grade", "pg.id")
        cr.execute("""
            SELECT g.subject_id, s.name, g.date, g.value, COALESCE(wk.short_name, wk.name), g.weight,
                   """ + ok_grade + """
              FROM school_grade g
              JOIN school_subject s ON s.id = g.subject_id
              LEFT JOIN school_work_kind wk ON wk.id = g.work_kind_id
             WHERE g.student_id = %s AND g.date BETWEEN %s AND %s
             ORDER BY s.sequence, s.name, g.date, g.sequence
        """, (student.id, start, end))
        subjects = OrderedDict()
        hidden = set()  # subjects with marks the user's rules hide: no average shown
        for subject_id, name, day, value, kind, weight, readable in cr.fetchall():
            if not readable:
                hidden.add(subject_id)
                continue
            entry = subjects.setdefault(subject_id, {"name": name, "grades": [], "average": "",
                                                     "period_grade": ""})
            entry["grades"].append({"date": _d(day)[:5], "value": GRADE_LABELS.get(value, value),
                                    "kind": kind or ""})
        # The one weighted-average calculation of the journal (SQL twin).
        averages = self.env["school.grade"]._weighted_averages([student.id], date_from=start, date_to=end)
        cr.execute("""
            SELECT pg.subject_id, s.name, pg.value FROM school_period_grade pg
              JOIN school_subject s ON s.id = pg.subject_id
             WHERE pg.student_id = %s AND pg.period_id = %s AND pg.value IS NOT NULL
               AND """ + ok_period_grade + """
        """, (student.id, pid))
        for subject_id, name, value in cr.fetchall():
            entry = subjects.setdefault(subject_id, {"name": name, "grades": [], "average": "",
                                                     "period_grade": ""})
            entry["period_grade"] = GRADE_LABELS.get(value, value)
        for subject_id, entry in subjects.items():
            average = averages.get((student.id, subject_id)) if subject_id not in hidden else None
            entry["average"] = ("%.2f" % average).replace(".", ",") if average is not None else "—"
        stats = self.env["report.school_ejournal.report_attendance"]._attendance_stats(
            start, end, student_ids=[student.id], readable=True)
        total = dict(EMPTY)
        for values in stats.values():
            for k in total:
                total[k] += values[k]
        # remarks and praise of the period that the user's rules let him read
        ok_remark = readable_sql(self.env, "school.student.remark", "r.id")
        cr.execute("""
            SELECT count(*) FILTER (WHERE r.kind = 'remark'), count(*) FILTER (WHERE r.kind = 'praise')
              FROM school_student_remark r
             WHERE r.student_id = %s AND r.date BETWEEN %s AND %s AND """ + ok_remark + """
        """, (student.id, start, end))
        remarks, praise = cr.fetchone()
        cr.execute("""SELECT c.name FROM school_student s JOIN school_class c ON c.id = s.current_class_id
                       WHERE s.id = %s""", (student.id,))
        row = cr.fetchone()
        return {"name": student.name, "class_name": row[0] if row else "", "period": pname,
                "date_from": _d(start), "date_to": _d(end), "subjects": list(subjects.values()),
                "attendance": total, "remarks": remarks, "praise": praise}

    @api.model
    def get_report_values(self, docids, data=None):
        data = data or {}
        students = self.env["school.student"].browse(docids)
        # The record rules decide: a parent reads his children, a pupil himself.
        students.check_access_rights("read")
        students.check_access_rule("read")
        period_id = data.get("period_id") or self.env.context.get("period_id")
        return {
            "doc_ids": docids, "doc_model": "school.student", "docs": students,
            "reports": [self._student_data(student, period_id) for student in students],
            "today": _d(fields.Date.context_today(self)),
            # company name via SQL-free sudo: the school's name is public on every page
            "school_name": self.env.user.company_id.sudo().name,
        }

    _get_report_values = get_report_values
