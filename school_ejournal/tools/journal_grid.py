"""The grid «Журнал класса» with no database environment: its rows and cells,
and the SQL texts school.attendance reads them with (models/attendance.py)."""
from collections import namedtuple

from .grading import GRADE_LABELS

# one cell of «Журнал класса»: a roster row with its text, column title and pupil
GridRow = namedtuple("GridRow", "id cell lesson_label lesson_id student_id student_name absent")


class GridRows(list):
    """The grid's rows, and the teachers (and substitutes) of their lessons."""
    teacher_ids = frozenset()


def cell_text(code, grade_1, grade_2, tag_1="", tag_2=""):
    """The grid's text of a row: «н», «5», «4/5», «о 4»; a mark of another kind
    of work than the lesson's carries the kind's tag: «5/3ур»."""
    parts = [code] if code else []
    grades = [GRADE_LABELS[g] + (t or "") for g, t in ((grade_1, tag_1), (grade_2, tag_2)) if g]
    if grades:
        parts.append("/".join(grades))
    return " ".join(parts)


def grid_sql(from_clause, where_clause):
    """The grid's rows (id, date, lesson number, lesson, pupil, code, absent,
    grade 1, grade 2, kind 1, kind 2 — a mark's kind only when it is not the lesson's) of the attendance rows ``from_clause``/``where_clause``
    select (the user's record rules applied); the grades found through the
    grid's ~50 lessons (index on lesson_id), not probed row by row; unsorted
    (one sort of ~1,300 rows by text in PostgreSQL took longer than the rest
    of the query)."""
    return """
            WITH visible AS (
                SELECT "school_attendance".id, "school_attendance".date, "school_attendance".lesson_number,
                       "school_attendance".lesson_id, "school_attendance".student_id, "school_attendance".code_id
                  FROM """ + from_clause + """ WHERE """ + where_clause + """
            ), grades AS (
                SELECT g.attendance_id, max(g.value) FILTER (WHERE g.sequence = 1) AS grade_1,
                       max(g.value) FILTER (WHERE g.sequence = 2) AS grade_2,
                       max(g.work_kind_id) FILTER (WHERE g.sequence = 1
                                                   AND g.work_kind_id IS DISTINCT FROM l.work_kind_id) AS kind_1,
                       max(g.work_kind_id) FILTER (WHERE g.sequence = 2
                                                   AND g.work_kind_id IS DISTINCT FROM l.work_kind_id) AS kind_2
                  FROM school_grade g JOIN school_lesson l ON l.id = g.lesson_id
                 WHERE g.lesson_id IN (SELECT DISTINCT lesson_id FROM visible)
                 GROUP BY g.attendance_id
            )
            SELECT v.id, v.date, v.lesson_number, v.lesson_id, v.student_id, c.code,
                   coalesce(c.counts_as_absence, false), gr.grade_1, gr.grade_2, gr.kind_1, gr.kind_2
              FROM visible v
              LEFT JOIN grades gr ON gr.attendance_id = v.id
              LEFT JOIN school_attendance_code c ON c.id = v.code_id
        """


# The pupils %s in name order.
PUPILS_SQL = """
            SELECT id, name FROM school_student WHERE id IN %s ORDER BY last_name, first_name, middle_name, id
        """


# (lesson, date, lessons of the subject before it that day, another one that day, teacher,
# substitute) of the lessons %s.
LESSON_TITLES_SQL = """
            SELECT l.id, l.date,
                   (SELECT count(*) FROM school_lesson o
                     WHERE o.class_id = l.class_id AND COALESCE(o.subgroup_id, 0) = COALESCE(l.subgroup_id, 0)
                       AND o.date = l.date AND o.subject_id = l.subject_id AND o.lesson_number < l.lesson_number),
                   EXISTS (SELECT 1 FROM school_lesson o
                            WHERE o.class_id = l.class_id AND COALESCE(o.subgroup_id, 0) = COALESCE(l.subgroup_id, 0)
                              AND o.date = l.date AND o.subject_id = l.subject_id AND o.id <> l.id),
                   l.teacher_id, l.substitute_teacher_id
              FROM school_lesson l WHERE l.id IN %s
        """
