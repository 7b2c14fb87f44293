"""The canonical lines of the integrity seal, with no database environment: which
columns of which records a seal covers (by version), the SQL that computes their
digests, the payload and the chain (models/period_seal.py applies them)."""
import hashlib

SEP = "chr(31)"  # unit separator between the fields of a canonical line

# model: (FROM … WHERE scope, [(expression, kind)]). The scope parameters are
# start, end (the period's dates at sealing) and levels (array of grade levels).
# Version 1: the seals made before the seal covered every column reports read.
SEAL_SPECS_V1 = [
    ("school.lesson", """
        FROM school_lesson t JOIN school_class c ON c.id = t.class_id
       WHERE t.date BETWEEN %(start)s AND %(end)s AND c.grade_level_id = ANY(%(levels)s)""", [
        ("t.id", "int"), ("t.date", "date"), ("t.lesson_number", "int"), ("t.class_id", "int"),
        ("t.subgroup_id", "int"), ("t.subject_id", "int"), ("t.teacher_id", "int"),
        ("t.substitute_teacher_id", "int"), ("t.topic", "text"), ("t.work_kind_id", "int"),
        ("t.homework", "text"), ("t.homework_comment", "text")]),
    ("school.attendance", """
        FROM school_attendance t JOIN school_lesson l ON l.id = t.lesson_id
        JOIN school_class c ON c.id = l.class_id
        LEFT JOIN school_attendance_code ac ON ac.id = t.code_id
       WHERE l.date BETWEEN %(start)s AND %(end)s AND c.grade_level_id = ANY(%(levels)s)""", [
        ("t.id", "int"), ("t.lesson_id", "int"), ("t.student_id", "int"), ("t.code_id", "int"),
        ("ac.code", "text"), ("t.comment", "text")]),
    ("school.grade", """
        FROM school_grade t JOIN school_lesson l ON l.id = t.lesson_id
        JOIN school_class c ON c.id = l.class_id
       WHERE l.date BETWEEN %(start)s AND %(end)s AND c.grade_level_id = ANY(%(levels)s)""", [
        ("t.id", "int"), ("t.lesson_id", "int"), ("t.student_id", "int"), ("t.attendance_id", "int"),
        ("t.sequence", "int"), ("t.value", "text"), ("t.numeric_value", "float"), ("t.work_kind_id", "int"),
        ("t.weight", "float"), ("t.comment", "text"), ("t.date", "date")]),
    ("school.period.grade", """
        FROM school_period_grade t JOIN school_period p ON p.id = t.period_id
        JOIN school_class c ON c.id = t.class_id
       WHERE p.date_end BETWEEN %(start)s AND %(end)s AND c.grade_level_id = ANY(%(levels)s)""", [
        ("t.id", "int"), ("t.student_id", "int"), ("t.subject_id", "int"), ("t.period_id", "int"),
        ("t.class_id", "int"), ("t.kind", "text"), ("t.value", "text"), ("t.suggested_value", "text"),
        ("t.average", "float"), ("t.grade_count", "int"), ("t.state", "text"), ("t.override_comment", "text"),
        ("t.explanation", "text"), ("t.teacher_id", "int")]),
]
# Tables joined into a record's line: their columns that change a figure of the
# period (a code's «counts as absence», a kind of work's code in the export).
SEALED_JOINS = {"ac": "school_attendance_code", "wk": "school_work_kind"}
# The homework files of a lesson: id, checksum and name of each, in id order (a
# UNION, not an OR, so that both lookups use their index: one lesson, not the table).
HOMEWORK_FILES_SQL = """(SELECT string_agg(a.id || ':' || coalesce(a.checksum, '') || ':' || coalesce(a.name, ''),
                                ',' ORDER BY a.id)
                           FROM ir_attachment a
                          WHERE a.id IN (SELECT f.id FROM ir_attachment f
                                          WHERE f.res_model = 'school.lesson' AND f.res_id = t.id
                                          UNION
                                         SELECT r.attachment_id FROM school_lesson_homework_attachment_rel r
                                          WHERE r.lesson_id = t.id))"""
# Version 2: every column of the four tables but the write stamps and the copy of
# the pupil's name that orders period grades (the pupil is sealed by id: a corrected
# name must not break the seal). A test lists the columns that reports and averages
# read and fails on an unsealed one.
SEAL_SPECS_V2 = [
    ("school.lesson", """
        FROM school_lesson t JOIN school_class c ON c.id = t.class_id
        LEFT JOIN school_work_kind wk ON wk.id = t.work_kind_id
       WHERE t.date BETWEEN %(start)s AND %(end)s AND c.grade_level_id = ANY(%(levels)s)""", [
        ("t.id", "int"), ("t.date", "date"), ("t.lesson_number", "int"), ("t.class_id", "int"),
        ("t.subgroup_id", "int"), ("t.subject_id", "int"), ("t.teacher_id", "int"),
        ("t.substitute_teacher_id", "int"), ("t.topic", "text"), ("t.work_kind_id", "int"),
        ("t.homework", "text"), ("t.homework_comment", "text"), ("t.plan_line_id", "int"),
        ("t.timetable_id", "int"), ("t.academic_year_id", "int"), ("t.period_id", "int"),
        ("t.create_uid", "int"), ("t.create_date", "datetime"), ("wk.code", "text"),
        ("wk.is_control", "text"), (HOMEWORK_FILES_SQL, "text")]),
    ("school.attendance", """
        FROM school_attendance t JOIN school_lesson l ON l.id = t.lesson_id
        JOIN school_class c ON c.id = l.class_id
        LEFT JOIN school_attendance_code ac ON ac.id = t.code_id
       WHERE l.date BETWEEN %(start)s AND %(end)s AND c.grade_level_id = ANY(%(levels)s)""", [
        ("t.id", "int"), ("t.lesson_id", "int"), ("t.student_id", "int"), ("t.code_id", "int"),
        ("ac.code", "text"), ("t.comment", "text"), ("t.date", "date"), ("t.lesson_number", "int"),
        ("t.class_id", "int"), ("t.subject_id", "int"), ("t.teacher_id", "int"), ("t.period_id", "int"),
        ("t.create_uid", "int"), ("t.create_date", "datetime"), ("ac.counts_as_absence", "text"),
        ("ac.is_excused", "text"), ("ac.is_late", "text")]),
    ("school.grade", """
        FROM school_grade t JOIN school_lesson l ON l.id = t.lesson_id
        JOIN school_class c ON c.id = l.class_id
        LEFT JOIN school_work_kind wk ON wk.id = t.work_kind_id
       WHERE l.date BETWEEN %(start)s AND %(end)s AND c.grade_level_id = ANY(%(levels)s)""", [
        ("t.id", "int"), ("t.lesson_id", "int"), ("t.student_id", "int"), ("t.attendance_id", "int"),
        ("t.sequence", "int"), ("t.value", "text"), ("t.numeric_value", "float"), ("t.work_kind_id", "int"),
        ("t.weight", "float"), ("t.comment", "text"), ("t.date", "date"), ("t.subject_id", "int"),
        ("t.class_id", "int"), ("t.period_id", "int"), ("t.create_uid", "int"),
        ("t.create_date", "datetime"), ("wk.code", "text"), ("wk.is_control", "text")]),
    ("school.period.grade", """
        FROM school_period_grade t JOIN school_period p ON p.id = t.period_id
        JOIN school_class c ON c.id = t.class_id
       WHERE p.date_end BETWEEN %(start)s AND %(end)s AND c.grade_level_id = ANY(%(levels)s)""", [
        ("t.id", "int"), ("t.student_id", "int"), ("t.subject_id", "int"), ("t.period_id", "int"),
        ("t.class_id", "int"), ("t.kind", "text"), ("t.value", "text"), ("t.suggested_value", "text"),
        ("t.average", "float"), ("t.grade_count", "int"), ("t.state", "text"), ("t.override_comment", "text"),
        ("t.explanation", "text"), ("t.teacher_id", "int"), ("t.academic_year_id", "int"),
        ("t.grade_level_id", "int"), ("t.date", "date"), ("t.confirm_uid", "int"), ("t.confirm_date", "datetime"),
        ("t.create_uid", "int"), ("t.create_date", "datetime")]),
]
# Version 3: year, exam and final grades belong to the year's seal only, not to the
# seal of the last quarter (half-year) that ends on the same day (param year_seal).
SEAL_SPECS_V3 = [spec if spec[0] != "school.period.grade" else (
    spec[0], spec[1] + " AND (t.kind NOT IN ('year', 'exam', 'final') OR %(year_seal)s)", spec[2])
    for spec in SEAL_SPECS_V2]
# Version 4: the ОГЭ primary score of an exam grade and the day a lesson's homework
# is due (the teacher's own date or the next lesson's) as well.
V4_COLUMNS = {"school.period.grade": [("t.exam_primary_score", "int")],
              "school.lesson": [("t.homework_due_date", "date"), ("t.homework_due_manual", "text")]}
SEAL_SPECS_V4 = [(model, scope, columns + V4_COLUMNS.get(model, [])) for model, scope, columns in SEAL_SPECS_V3]
# Version 5: whether a lesson was cancelled, and why (a cancelled lesson is not held).
V5_COLUMNS = {"school.lesson": [("t.cancelled", "text"), ("t.cancel_reason", "text"), ("t.cancel_comment", "text")]}
SEAL_SPECS_V5 = [(model, scope, columns + V5_COLUMNS.get(model, [])) for model, scope, columns in SEAL_SPECS_V4]
# Version 6: the sessions of внеурочная деятельность and their attendance, of the
# courses with a class of the sealed grade levels.
ACTIVITY_SCOPE = """ AND EXISTS (SELECT 1 FROM school_activity_course_class_rel r
                                   JOIN school_class c ON c.id = r.class_id
                                  WHERE r.course_id = %s AND c.grade_level_id = ANY(%%(levels)s))"""
SEAL_SPECS_V6 = SEAL_SPECS_V5 + [
    ("school.activity.session", """
        FROM school_activity_session t
       WHERE t.date BETWEEN %(start)s AND %(end)s""" + ACTIVITY_SCOPE % "t.course_id", [
        ("t.id", "int"), ("t.course_id", "int"), ("t.teacher_id", "int"), ("t.academic_year_id", "int"),
        ("t.date", "date"),
        ("t.time_from", "float"), ("t.time_to", "float"), ("t.room", "text"), ("t.topic", "text"),
        ("t.cancelled", "text"), ("t.create_uid", "int"), ("t.create_date", "datetime")]),
    ("school.activity.session.line", """
        FROM school_activity_session_line t JOIN school_activity_session s ON s.id = t.session_id
       WHERE s.date BETWEEN %(start)s AND %(end)s""" + ACTIVITY_SCOPE % "s.course_id", [
        ("t.id", "int"), ("t.session_id", "int"), ("t.student_id", "int"), ("t.presence", "text"),
        ("t.date", "date"), ("t.course_id", "int"), ("t.create_uid", "int"), ("t.create_date", "datetime")]),
]
SEAL_VERSIONS = {1: SEAL_SPECS_V1, 2: SEAL_SPECS_V2, 3: SEAL_SPECS_V3, 4: SEAL_SPECS_V4, 5: SEAL_SPECS_V5,
                 6: SEAL_SPECS_V6}
SEAL_VERSION = 6
SEAL_SPECS = SEAL_VERSIONS[SEAL_VERSION]
# Rows of the period (same scope as the seal) written by transactions that the
# given snapshot does not see: rows committed after that snapshot began.
UNSEEN_SQL = "\nUNION ALL\n".join(
    "SELECT count(*) %s AND NOT txid_visible_in_snapshot("
    "((txid_snapshot_xmax(txid_current_snapshot()) >> 32) << 32) + t.xmin::text::bigint, "
    "%%(snapshot)s::txid_snapshot)" % scope for _model, scope, _columns in SEAL_SPECS)


def _normalised(expression, kind):
    if kind == "date":
        value = "to_char(%s, 'YYYY-MM-DD')" % expression
    elif kind == "datetime":
        value = "to_char(%s, 'YYYY-MM-DD HH24:MI:SS')" % expression
    elif kind == "float":
        value = "to_char(round(%s::numeric, 2), 'FM999999999990.00')" % expression
    elif kind == "int":
        value = "%s::text" % expression
    else:
        value = "%s::text" % expression
    return "coalesce(%s, '')" % value


def current_digests_sql(version=SEAL_VERSION):
    """SELECT model, res_id, digest of every record in the scope (params start,
    end, levels): one UNION ALL over the journal's tables, as ``version`` of the seal
    lists their columns."""
    parts = []
    for model, scope, columns in SEAL_VERSIONS[version or 1]:
        line = (" || %s || " % SEP).join(["'%s'" % model] + [_normalised(e, k) for e, k in columns])
        parts.append("SELECT '%s'::varchar AS model, t.id AS res_id, "
                     "encode(sha256(convert_to(%s, 'UTF8')), 'hex')::varchar AS digest %s"
                     % (model, line, scope))
    return "\nUNION ALL\n".join(parts)


def sealed_join_columns(table):
    """The columns of a joined ``table`` (SEALED_JOINS) that the current seal covers."""
    aliases = {alias for alias, name in SEALED_JOINS.items() if name == table}
    return {expression.split(".")[1] for _model, _scope, columns in SEAL_SPECS for expression, _kind in columns
            if expression.split(".")[0] in aliases}


def chain_digest(prev_digest, payload_digest):
    return hashlib.sha256(((prev_digest or "") + payload_digest).encode("ascii")).hexdigest()


PAYLOAD_SQL = """
    SELECT count(*), encode(sha256(convert_to(coalesce(
               string_agg(model || ':' || res_id || ':' || digest, E'\\n' ORDER BY model COLLATE "C", res_id),
               ''), 'UTF8')), 'hex')
      FROM school_period_seal_item WHERE seal_id = %s
"""
