"""The SQL texts of models/attendance.py (school.attendance): its index, the
rows' grades and codes, the batch update of codes, the change log's look-up."""

# The grid and the reports read a class × subject × date range of rows.
INDEX_SQL = """
            CREATE INDEX IF NOT EXISTS school_attendance_class_subject_date_index
                ON school_attendance (class_id, subject_id, date)
        """

# (row, sequence, value, comment, kind of work) of the grades of the rows %s.
GRADES_SQL = """
                SELECT attendance_id, sequence, value, comment, work_kind_id FROM school_grade
                 WHERE attendance_id IN %s
            """

# (row, lesson, attendance code) of the rows %s.
ROW_CODES_SQL = """
            SELECT a.id, a.lesson_id, coalesce(c.code, '')
              FROM school_attendance a LEFT JOIN school_attendance_code c ON c.id = a.code_id
             WHERE a.id IN %s
        """

# Set the codes of many rows: (user, [row ids], [code ids]).
UPDATE_CODES_SQL = """
            UPDATE school_attendance a SET code_id = x.code_id, write_uid = %s,
                   write_date = now() AT TIME ZONE 'UTC'
              FROM unnest(%s::int[], %s::int[]) AS x(id, code_id)
             WHERE a.id = x.id
        """

# The stored values of the rows %s a form or the grid sends (_current_values).
CURRENT_VALUES_SQL = """
            SELECT a.id, a.code_id, a.comment, g1.value, g2.value, g1.comment, a.lesson_id, a.student_id,
                   g1.work_kind_id, g2.work_kind_id
              FROM school_attendance a
              LEFT JOIN school_grade g1 ON g1.attendance_id = a.id AND g1.sequence = 1
              LEFT JOIN school_grade g2 ON g2.attendance_id = a.id AND g2.sequence = 2
             WHERE a.id IN %s
        """

# (row, lesson, pupil, date, code) of the rows %s for the change log.
LOG_FACTS_SQL = """
            SELECT a.id, a.lesson_id, a.student_id, coalesce(a.date, l.date), coalesce(c.code, '')
              FROM school_attendance a JOIN school_lesson l ON l.id = a.lesson_id
              LEFT JOIN school_attendance_code c ON c.id = a.code_id
             WHERE a.id IN %s
        """

# Whether the roster row ``a`` of the lesson ``l`` is out of the lesson: its pupil exempt from
# the subject on the date, or taught at home and this is not his own group's lesson
# (school.subject.exemption). No mark is expected there.
OUT_OF_LESSON_SQL = """EXISTS (
    SELECT 1 FROM school_subject_exemption e
     WHERE e.student_id = a.student_id AND e.subject_id = l.subject_id AND l.date BETWEEN e.date_from AND e.date_to
       AND (e.subgroup_id IS NULL OR l.subgroup_id IS DISTINCT FROM e.subgroup_id))"""

# the roster rows %s out of their lessons
EXEMPT_ROWS_SQL = """
    SELECT a.id FROM school_attendance a JOIN school_lesson l ON l.id = a.lesson_id
     WHERE a.id IN %s AND """ + OUT_OF_LESSON_SQL
