"""Attendance report: lessons and days missed per pupil and class over a range,
split by reason (болезнь, уважительная, неуважительная), and late arrivals.

One SQL (``_attendance_stats``) serves this report, the printed journal and the
pupil's progress report. A lesson is missed when its mark counts as an absence
(н, б, у); a late arrival (о) is counted apart and is not a miss. What makes a
missed day is the school's setting: every lesson of the day (default), at least
N lessons, or more than half of them; a day missed by illness is one whose
misses are all «б»."""
from odoo import api, models
from odoo.exceptions import UserError

from ..tools.translate import _
from .class_journal import _d
from .ir_actions_report import readable_sql

EMPTY = {"lessons": 0, "missed": 0, "ill": 0, "excused": 0, "unexcused": 0, "late": 0,
         "days": 0, "days_ill": 0}


class ReportAttendance(models.AbstractModel):
    _name = "report.school_ejournal.report_attendance"
    _description = "Attendance Report"

    @api.model
    def _illness_code_id(self):
        code = self.env.ref("school_ejournal.attendance_code_b", raise_if_not_found=False)
        return code.id if code else 0

    @api.model
    def _attendance_stats(self, date_from, date_to, class_ids=None, student_ids=None, by_period=False,
                          readable=False):
        """{(student_id, class_id[, period_id]): {lessons, missed, ill, excused,
        unexcused, late, days, days_ill}} in one query. ``ill`` are misses marked
        «б», ``excused`` other excused misses («у»), ``unexcused`` the rest («н»).
        ``readable``: only the attendance rows the user's record rules show (prints)."""
        rules = self.env.user.company_id._school_grading_rules()
        where, params = ["a.date BETWEEN %(from)s AND %(to)s"], {
            "from": date_from, "to": date_to, "ill": self._illness_code_id(),
            "day_rule": rules["missed_day_rule"], "day_lessons": rules["missed_day_lessons"]}
        if readable:
            where.append(readable_sql(self.env, "school.attendance", "a.id"))
        if class_ids:
            where.append("a.class_id IN %(classes)s")
            params["classes"] = tuple(class_ids)
        if student_ids:
            where.append("a.student_id IN %(students)s")
            params["students"] = tuple(student_ids)
        key = "student_id, class_id" + (", period_id" if by_period else "")
        self.env.cr.execute("""
            WITH rows AS (
                SELECT a.student_id, a.class_id, a.date, a.period_id,
                       COALESCE(c.counts_as_absence, false) AS absent,
                       COALESCE(c.counts_as_absence AND c.id = %(ill)s, false) AS ill,
                       COALESCE(c.counts_as_absence AND c.is_excused AND c.id <> %(ill)s, false) AS excused,
                       COALESCE(c.counts_as_absence AND NOT c.is_excused, false) AS unexcused,
                       COALESCE(c.is_late, false) AS late
                  FROM school_attendance a
                  LEFT JOIN school_attendance_code c ON c.id = a.code_id
                 WHERE """ + " AND ".join(where) + """
            ), day_counts AS (
                SELECT """ + key + """, date, count(*) AS held, count(*) FILTER (WHERE absent) AS absent,
                       count(*) FILTER (WHERE ill) AS ill
                  FROM rows GROUP BY """ + key + """, date
            ), days AS (
                SELECT """ + key + """, date, missed, missed AND ill = absent AS ill
                  FROM (SELECT *, CASE %(day_rule)s WHEN 'at_least' THEN absent >= least(%(day_lessons)s, held)
                                                    WHEN 'half' THEN absent * 2 > held
                                                    ELSE absent = held END AS missed
                          FROM day_counts) x
            ), lessons AS (
                SELECT """ + key + """, count(*) AS lessons,
                       count(*) FILTER (WHERE absent) AS missed,
                       count(*) FILTER (WHERE ill) AS ill,
                       count(*) FILTER (WHERE excused) AS excused,
                       count(*) FILTER (WHERE unexcused) AS unexcused,
                       count(*) FILTER (WHERE late) AS late
                  FROM rows GROUP BY """ + key + """
            ), day_totals AS (
                SELECT """ + key + """, count(*) FILTER (WHERE missed) AS days,
                       count(*) FILTER (WHERE ill) AS days_ill
                  FROM days GROUP BY """ + key + """
            )
            SELECT l.*, d.days, d.days_ill FROM lessons l JOIN day_totals d USING (""" + key + """)
        """, params)
        names = [d[0] for d in self.env.cr.description]
        width = 3 if by_period else 2
        result = {}
        for row in self.env.cr.fetchall():
            values = dict(zip(names[width:], row[width:]))
            result[tuple(row[:width])] = values
        return result

    @api.model
    def _report_rows(self, date_from, date_to, class_ids=None):
        """Per class (by name): the pupils' rows and the class total, of the
        attendance rows and pupils the user's record rules show."""
        stats = self._attendance_stats(date_from, date_to, class_ids=class_ids, readable=True)
        student_ids = {k[0] for k in stats}
        class_ids_found = {k[1] for k in stats}
        # the pupils the user may read (his rules), by name
        students = {s.id: s.name for s in self.env["school.student"].search([("id", "in", list(student_ids))])}
        classes = self.env["school.class"].search([("id", "in", list(class_ids_found))]).sorted(
            lambda c: (c.grade, c.letter or ""))
        result = []
        for school_class in classes:
            rows = sorted(({"name": students.get(sid, ""), "stats": values}
                           for (sid, cid), values in stats.items()
                           if cid == school_class.id and sid in students), key=lambda r: r["name"])
            total = dict(EMPTY)
            for row in rows:
                for k in total:
                    total[k] += row["stats"][k]
            if rows:
                result.append({"name": school_class.name, "rows": rows, "total": total})
        return result

    @api.model
    def get_report_values(self, docids, data=None):
        wizards = self.env["school.report.attendance.wizard"].browse(docids)
        if not wizards:
            raise UserError(_("The attendance report is built from the “Attendance” wizard."))
        wizards.check_access_rights("read")
        wizards.check_access_rule("read")
        wizard = wizards[0]
        # the wizard's classes are checked now, as the user who prints
        journal = self.env["report.school_ejournal.report_class_journal"]
        for school_class in wizard.class_ids:
            journal._check_pupils_readable(school_class)
        return {
            "doc_ids": docids, "doc_model": wizards._name, "docs": wizards,
            "date_from": _d(wizard.date_from), "date_to": _d(wizard.date_to),
            "classes": self._report_rows(wizard.date_from, wizard.date_to, wizard.class_ids.ids or None),
            "company": self.env.user.company_id,
        }

    _get_report_values = get_report_values
