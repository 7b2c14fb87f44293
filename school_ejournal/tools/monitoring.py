"""What the monitoring crons (school.monitoring) need without an env: their two
school-wide SQL aggregates, dates and the HTML tables of the alerts' notes."""
from odoo import fields
from odoo.tools import html_escape

from .attendance_sql import OUT_OF_LESSON_SQL
from .dates import format_date


def as_date(value):
    return fields.Date.from_string(value) if isinstance(value, str) else value


def digest_data(cr, student_ids, date_from, date_to, labels):
    """Everything the parents' report needs for many pupils, in three queries:
    {student_id: {"grades": [...], "absences": [...], "homework": [...], "remarks": [...]}};
    ``labels``: the grade values' printed forms."""
    data = {sid: {"grades": [], "absences": [], "homework": [], "remarks": []} for sid in student_ids}
    if not student_ids:
        return data
    params = {"students": tuple(student_ids), "start": date_from, "end": date_to}
    cr.execute(DIGEST_GRADES_SQL, params)
    for sid, day, subject, value, kind, comment in cr.fetchall():
        data[sid]["grades"].append({"date": format_date(day), "subject": subject,
                                    "value": labels.get(value, value), "kind": kind, "comment": comment})
    cr.execute(DIGEST_ABSENCES_SQL, params)
    for sid, day, number, subject, code, comment in cr.fetchall():
        if code:
            data[sid]["absences"].append({"date": format_date(day), "lesson": number,
                                          "subject": subject, "code": code})
        if comment:
            data[sid]["remarks"].append({"date": format_date(day), "subject": subject, "text": comment})
    cr.execute(DIGEST_HOMEWORK_SQL, params)
    for sid, day, subject, homework, due in cr.fetchall():
        data[sid]["homework"].append({"date": format_date(day), "subject": subject, "text": homework,
                                      "due": format_date(due) if due else ""})
    return data


def html_table(headers, rows):
    head = "".join("<th style='text-align:left;padding:2px 6px'>%s</th>" % html_escape(h) for h in headers)
    body = "".join("<tr>%s</tr>" % "".join("<td style='padding:2px 6px'>%s</td>" % html_escape(
        "" if c is None else str(c)) for c in row) for row in rows)
    return "<table style='border-collapse:collapse'><tr>%s</tr>%s</table>" % (head, body)


# grade accumulation: pupils without marks on the last N lessons, or short of the
# minimum at the current pace (school.monitoring._accumulation_rows)
ACCUMULATION_SQL = """
    WITH members AS (
        SELECT * FROM unnest(%(students)s::int[], %(classes)s::int[]) AS m(student_id, class_id)
    ), cur AS (
        SELECT c.id AS class_id, p.id AS period_id, p.date_start, p.date_end
          FROM school_class c
          JOIN school_grade_level gl ON gl.id = c.grade_level_id
          JOIN school_grade_level_school_period_rel pr ON pr.school_grade_level_id = gl.id
          JOIN school_period p ON p.id = pr.school_period_id AND p.kind = gl.period_kind
         WHERE c.id IN (SELECT DISTINCT class_id FROM members)
           AND %(today)s::date BETWEEN p.date_start AND p.date_end
           AND gl.marks_used  -- a grade level taught without marks accumulates none
    ), rows AS (
        -- a row out of the lesson (exempt, or a home-schooled pupil in his class's lesson) expects no mark
        SELECT a.class_id, a.subject_id, a.student_id, cur.date_start, cur.date_end, a.date, a.lesson_number,
               (SELECT count(*) FROM school_grade g WHERE g.attendance_id = a.id) AS n_grades
          FROM school_attendance a
          JOIN cur ON cur.class_id = a.class_id AND a.period_id = cur.period_id
          JOIN members m ON m.student_id = a.student_id AND m.class_id = a.class_id
          -- a cancelled lesson was not held: no lesson without a mark
          JOIN school_lesson l ON l.id = a.lesson_id AND NOT coalesce(l.cancelled, false)
         WHERE a.date <= %(today)s::date
           AND NOT EXISTS (SELECT 1 FROM school_grade g WHERE g.attendance_id = a.id AND g.value = 'osv')
           AND NOT """ + OUT_OF_LESSON_SQL + """
    ), ranked AS (
        SELECT rows.*, row_number() OVER (PARTITION BY class_id, subject_id, student_id
                                          ORDER BY date DESC, lesson_number DESC) AS rn
          FROM rows
    ), agg AS (
        SELECT class_id, subject_id, student_id, min(date_start) AS date_start, min(date_end) AS date_end,
               count(*) AS lessons, sum(n_grades) AS grades,
               count(*) FILTER (WHERE rn <= %(n)s) AS recent,
               coalesce(sum(n_grades) FILTER (WHERE rn <= %(n)s), 0) AS recent_grades
          FROM ranked GROUP BY class_id, subject_id, student_id
    ), scored AS (
        SELECT agg.*, round((grades * ((date_end - date_start) + 1)::numeric
                             / greatest((%(today)s::date - date_start) + 1, 1)), 1) AS projected
          FROM agg
    )
    SELECT class_id, subject_id, student_id, 'no_recent' AS reason, grades, lessons, projected
      FROM scored WHERE recent >= %(n)s AND recent_grades = 0
    UNION ALL
    SELECT class_id, subject_id, student_id, 'pace', grades, lessons, projected
      FROM scored WHERE lessons >= %(n)s AND grades < %(min_grades)s AND projected < %(min_grades)s
"""


# parents who have not opened the journal, per class (school.monitoring._parent_usage_rows)
PARENT_USAGE_SQL = """
    WITH members AS (
        SELECT * FROM unnest(%(students)s::int[], %(classes)s::int[]) AS m(student_id, class_id)
    ), parents AS (
        SELECT DISTINCT m.class_id, u.id AS user_id, p.name
          FROM members m
          JOIN school_student_guardian g ON g.student_id = m.student_id
          JOIN res_users u ON u.partner_id = g.partner_id AND u.active AND u.share
          JOIN res_partner p ON p.id = u.partner_id
          JOIN res_groups_users_rel r ON r.uid = u.id AND r.gid = %(parent_group)s
    ), last AS (
        SELECT user_id, max(visit_date) AS last_visit FROM school_portal_visit
         WHERE user_id IN (SELECT user_id FROM parents) GROUP BY user_id
    )
    SELECT p.class_id, count(*) AS total,
           count(*) FILTER (WHERE l.last_visit IS NULL OR l.last_visit < %(since)s) AS idle,
           array_agg(p.name || '|' || coalesce(to_char(l.last_visit, 'DD.MM.YYYY'), '') ORDER BY p.name)
               FILTER (WHERE l.last_visit IS NULL OR l.last_visit < %(since)s) AS idle_names
      FROM parents p LEFT JOIN last l ON l.user_id = p.user_id
     GROUP BY p.class_id
"""


# the progress report to parents (school.monitoring._digest_data): grades, absences
# and remarks, homework of the pupils %(students)s from %(start)s to %(end)s
DIGEST_GRADES_SQL = """
    SELECT g.student_id, g.date, sub.name, g.value, coalesce(k.name, ''), coalesce(g.comment, '')
      FROM school_grade g JOIN school_subject sub ON sub.id = g.subject_id
      LEFT JOIN school_work_kind k ON k.id = g.work_kind_id
     WHERE g.student_id IN %(students)s AND g.date BETWEEN %(start)s AND %(end)s
     ORDER BY g.student_id, g.date, sub.name, g.sequence
"""
DIGEST_ABSENCES_SQL = """
    SELECT a.student_id, a.date, a.lesson_number, sub.name, c.name, coalesce(a.comment, '')
      FROM school_attendance a JOIN school_subject sub ON sub.id = a.subject_id
      LEFT JOIN school_attendance_code c ON c.id = a.code_id
     WHERE a.student_id IN %(students)s AND a.date BETWEEN %(start)s AND %(end)s
       AND (a.code_id IS NOT NULL OR coalesce(a.comment, '') <> '')
     ORDER BY a.student_id, a.date, a.lesson_number
"""
DIGEST_HOMEWORK_SQL = """
    SELECT a.student_id, l.date, sub.name, l.homework, l.homework_due_date
      FROM school_attendance a JOIN school_lesson l ON l.id = a.lesson_id
      JOIN school_subject sub ON sub.id = l.subject_id
     WHERE a.student_id IN %(students)s AND a.date BETWEEN %(start)s AND %(end)s
       AND coalesce(l.homework, '') <> ''
     ORDER BY a.student_id, l.date, l.lesson_number
"""

# the fields mail.template.generate_email renders (school.monitoring._template_renderer)
TEMPLATE_FIELDS = ("subject", "body_html", "email_from", "email_to", "partner_to", "email_cc", "reply_to",
                   "scheduled_date")
