"""The SQL texts of models/period_grade.py (school.period.grade): the suggestion's
aggregate queries and upsert, the checks' and the change log's look-ups. The
queries marked «after MEMBERS_SQL» continue its WITH clause (the pupils to attest,
period_grade.py, from the membership intervals of student_movement.py)."""


def in_class_sql(intervals):
    """Whether a pupil was in a class during a period, from the class's
    ``intervals`` (student_movement.py)."""
    return """
    SELECT 1 FROM (""" + intervals + """) i
     WHERE i.student_id = %(student)s AND i.to_class_id = %(class)s
       AND i.date_from <= %(end)s AND (i.date_to IS NULL OR i.date_to > %(start)s)
     LIMIT 1"""


def members_sql(intervals):
    """The WITH clauses (pairs, intervals, last_class, members) of the pupils to
    attest per class × subject in a period; ``intervals``: the membership
    intervals (student_movement.py). A pupil is attested in the class he was in last
    during the period (a pupil transferred mid-quarter is attested by his new
    class, with all his grades of the quarter; one who left the school during
    the period is not attested). Class × subject pairs are those with lessons in
    the period; a subject taught only to subgroups attests the pupils of those
    subgroups. Parameters: start, end, levels (tuple), all_classes/all_subjects
    (bool) and classes/subjects (tuples, used when the matching all_* is false)."""
    return """
    pairs AS (
        SELECT DISTINCT lc.class_id, l.subject_id, l.subgroup_id
          FROM school_lesson l
          -- a teaching group's lessons attest the pupils of each class of the group
          JOIN LATERAL (SELECT l.class_id UNION SELECT r.class_id FROM school_class_subgroup_class_rel r
                                                 WHERE r.subgroup_id = l.subgroup_id) lc ON TRUE
          JOIN school_class c ON c.id = lc.class_id
          JOIN school_grade_level gl ON gl.id = c.grade_level_id
         WHERE l.date BETWEEN %(start)s AND %(end)s
           AND c.grade_level_id IN %(levels)s
           AND gl.marks_used
           AND (%(all_classes)s OR lc.class_id IN %(classes)s)
           AND (%(all_subjects)s OR l.subject_id IN %(subjects)s)
    ), intervals AS (""" + intervals + """
    ), last_class AS (
        SELECT DISTINCT ON (i.student_id) i.student_id, i.to_class_id AS class_id
          FROM intervals i
         WHERE i.date_from <= %(end)s AND (i.date_to IS NULL OR i.date_to > %(start)s)
         ORDER BY i.student_id, i.date_from DESC, i.id DESC
    ), members AS (
        SELECT DISTINCT lc.student_id, p.class_id, p.subject_id
          FROM last_class lc
          JOIN pairs p ON p.class_id = lc.class_id
         WHERE p.subgroup_id IS NULL
            OR EXISTS (SELECT 1 FROM school_class_subgroup_member gm
                        WHERE gm.subgroup_id = p.subgroup_id AND gm.student_id = lc.student_id
                          AND gm.date_from <= %(end)s AND (gm.date_to IS NULL OR gm.date_to >= %(start)s))
    )
"""


# The responsible teacher of a member ``m``: the teaching load of the class ×
# subject (of his subgroup, if the subject is taught to subgroups).
TEACHER_SQL = """(SELECT min(t.teacher_id) FROM school_load_class t
                   WHERE t.class_id = m.class_id AND t.subject_id = m.subject_id
                     AND (t.subgroup_id IS NULL OR EXISTS (
                          SELECT 1 FROM school_class_subgroup_member gm
                           WHERE gm.subgroup_id = t.subgroup_id AND gm.student_id = m.student_id
                             AND gm.date_from <= %(end)s AND (gm.date_to IS NULL OR gm.date_to >= %(start)s))))"""

# Period grades of the class × subject pairs that the users %s teach.
TEACHER_USERS_SQL = """
            SELECT g.id FROM school_period_grade g
              JOIN school_load_class t ON t.class_id = g.class_id AND t.subject_id = g.subject_id
             WHERE t.teacher_id IN %s
        """

# (class, subject, [teachers]) of the teaching load for the pairs of two arrays.
ASSIGNMENT_TEACHERS_SQL = """
            SELECT t.class_id, t.subject_id, array_agg(DISTINCT t.teacher_id)
              FROM school_load_class t
              JOIN unnest(%s::int[], %s::int[]) AS x(class_id, subject_id)
                ON x.class_id = t.class_id AND x.subject_id = t.subject_id
             GROUP BY t.class_id, t.subject_id
        """

# What the change log needs of every period grade of %s.
LOG_FACTS_SQL = """
            SELECT pg.id, NULL, pg.student_id, p.date_end, pg.kind, s.name, p.name, pg.value, pg.state
              FROM school_period_grade pg
              JOIN school_subject s ON s.id = pg.subject_id
              JOIN school_period p ON p.id = pg.period_id
             WHERE pg.id IN %s
        """

# What «Утвердить» checks of every period grade of %s.
CONFIRM_FACTS_SQL = """
            SELECT pg.id, pg.state, pg.value, pg.suggested_value, pg.override_comment, s.name
              FROM school_period_grade pg JOIN school_student s ON s.id = pg.student_id
             WHERE pg.id IN %s
        """

# Quarter (half-year, trimester) suggestion: per member, his marks of the period in date order. After MEMBERS_SQL.
ATTESTATION_SQL = """
                SELECT m.student_id, m.class_id, m.subject_id, """ + TEACHER_SQL + """,
                       array_agg(g.value ORDER BY g.date, g.id) FILTER (WHERE g.id IS NOT NULL),
                       array_agg(g.weight ORDER BY g.date, g.id) FILTER (WHERE g.id IS NOT NULL),
                       array_agg(coalesce(coalesce(k.short_name, k.name) || ', ', '') || to_char(g.date, 'DD.MM')
                                 ORDER BY g.date, g.id) FILTER (WHERE g.id IS NOT NULL),
                       count(g.numeric_value), min(g.numeric_value)
                  FROM members m
                  LEFT JOIN school_grade g ON g.student_id = m.student_id AND g.subject_id = m.subject_id
                                          AND g.date BETWEEN %(start)s AND %(end)s
                  -- each mark's own kind of work, named in the explanation («5 (вес 2, К/р, 12.10)»)
                  LEFT JOIN school_work_kind k ON k.id = g.work_kind_id
                 GROUP BY m.student_id, m.class_id, m.subject_id
            """

# Year suggestion: per member, his period grades of the year in date order. After MEMBERS_SQL.
YEAR_SQL = """
                SELECT m.student_id, m.class_id, m.subject_id, """ + TEACHER_SQL + """,
                       array_agg(p.id ORDER BY p.date_start) FILTER (WHERE pg.id IS NOT NULL),
                       array_agg(pg.value ORDER BY p.date_start) FILTER (WHERE pg.id IS NOT NULL),
                       array_agg(pg.state ORDER BY p.date_start) FILTER (WHERE pg.id IS NOT NULL)
                  FROM members m
                  LEFT JOIN (school_period_grade pg JOIN school_period p ON p.id = pg.period_id)
                         ON pg.student_id = m.student_id AND pg.subject_id = m.subject_id
                        AND p.academic_year_id = %(year)s AND pg.kind IN ('quarter', 'half_year', 'trimester')
                 GROUP BY m.student_id, m.class_id, m.subject_id
            """

# Count and plain mean of each pupil's control-work marks of the year (the «written» tie rule).
WRITTEN_SQL = """
                    SELECT g.student_id, g.subject_id, count(*), avg(g.numeric_value)
                      FROM school_grade g
                      JOIN school_work_kind k ON k.id = g.work_kind_id AND k.is_control
                     WHERE g.numeric_value IS NOT NULL AND g.date BETWEEN %(start)s AND %(end)s
                       AND g.student_id IN %(students)s
                     GROUP BY g.student_id, g.subject_id
                """

# Final suggestion: per member (and, for the school admin, per subject finished in an earlier year),
# the year, exam and grade 10–11 grades. After MEMBERS_SQL.
FINAL_SQL = """, finals AS (
                  SELECT student_id, class_id, subject_id, bool_or(taught) AS taught FROM (
                    SELECT student_id, class_id, subject_id, true AS taught FROM members
                     WHERE %(pick_all)s OR subject_id IN %(pick)s
                    UNION ALL
                    SELECT pu.student_id, pu.class_id, pg.subject_id, false
                      FROM (SELECT DISTINCT student_id, class_id FROM members) pu
                      JOIN school_class c ON c.id = pu.class_id
                      JOIN school_grade_level gl ON gl.id = c.grade_level_id
                      JOIN school_period_grade pg ON pg.student_id = pu.student_id AND pg.kind = 'year'
                                                 AND pg.value IS NOT NULL AND pg.academic_year_id != %(year)s
                      JOIN school_class pc ON pc.id = pg.class_id
                      JOIN school_grade_level pgl ON pgl.id = pc.grade_level_id
                     WHERE %(earlier)s AND (gl.number = 9 OR gl.number = 11 AND pgl.number = 10)
                       AND (%(pick_all)s OR pg.subject_id IN %(pick)s)
                  ) x GROUP BY student_id, class_id, subject_id
                )
                SELECT m.student_id, m.class_id, m.subject_id, """ + TEACHER_SQL + """, gl.number,
                       max(pg.value) FILTER (WHERE pg.kind = 'year' AND pg.academic_year_id = %(year)s),
                       max(pg.value) FILTER (WHERE pg.kind = 'exam' AND pg.academic_year_id = %(year)s),
                       array_agg(pgl.number || ' кл., ' || CASE WHEN pg.kind = 'year' THEN 'год'
                                 ELSE p.name END || ':' || pg.value ORDER BY p.date_start, pg.kind)
                           FILTER (WHERE pgl.number IN (10, 11)
                                     AND pg.kind IN ('quarter', 'half_year', 'trimester', 'year')),
                       (array_agg(pgl.number || ' класс:' || pg.value ORDER BY p.date_start DESC)
                           FILTER (WHERE pg.kind = 'year' AND pg.academic_year_id != %(year)s
                                     AND NOT m.taught))[1]
                  FROM finals m
                  JOIN school_class c ON c.id = m.class_id
                  JOIN school_grade_level gl ON gl.id = c.grade_level_id
                  LEFT JOIN (school_period_grade pg
                             JOIN school_period p ON p.id = pg.period_id
                             JOIN school_class pc ON pc.id = pg.class_id
                             JOIN school_grade_level pgl ON pgl.id = pc.grade_level_id)
                         ON pg.student_id = m.student_id AND pg.subject_id = m.subject_id
                        AND pg.value IS NOT NULL
                 GROUP BY m.student_id, m.class_id, m.subject_id, m.taught, gl.number
            """

# Weekly hours of the teaching load per class × subject.
HOURS_SQL = """
            SELECT class_id, subject_id, max(hours_per_week) FROM school_load_class
             WHERE class_id IN %s AND subject_id IN %s GROUP BY class_id, subject_id
        """

# (lessons missed, lessons held) per pupil × subject in a period: absences of any reason, not lateness.
MISSED_SQL = """
            SELECT a.student_id, l.subject_id,
                   count(*) FILTER (WHERE ac.counts_as_absence AND NOT coalesce(ac.is_late, false)), count(*)
              FROM school_attendance a
              JOIN school_lesson l ON l.id = a.lesson_id
              LEFT JOIN school_attendance_code ac ON ac.id = a.code_id
             WHERE l.date BETWEEN %s AND %s AND a.student_id IN %s AND l.subject_id IN %s
             GROUP BY a.student_id, l.subject_id
        """

# One INSERT … ON CONFLICT DO UPDATE of suggested rows (execute_values): a draft keeps a value the
# teacher changed, a confirmed row is left alone.
UPSERT_SQL = """
            INSERT INTO school_period_grade AS pg
                   (create_uid, create_date, write_uid, write_date, student_id, student_name, subject_id,
                    period_id, academic_year_id, class_id, grade_level_id, date, kind, value,
                    suggested_value, average, grade_count, explanation, teacher_id, state)
            SELECT x.uid, now() AT TIME ZONE 'UTC', x.uid, now() AT TIME ZONE 'UTC', x.student_id,
                   s.name, x.subject_id, x.period_id, x.year_id, x.class_id, x.level_id, x.day,
                   x.kind, x.value, x.value, x.average, x.grade_count, x.explanation, x.teacher_id, 'draft'
              FROM (VALUES %s) AS x(uid, period_id, year_id, day, kind, student_id, class_id, level_id,
                                    subject_id, teacher_id, value, average, grade_count, explanation)
              JOIN school_student s ON s.id = x.student_id
            ON CONFLICT (student_id, subject_id, period_id, kind) DO UPDATE SET
                   value = CASE WHEN pg.value IS NULL OR pg.value IS NOT DISTINCT FROM pg.suggested_value
                                THEN EXCLUDED.value ELSE pg.value END,
                   suggested_value = EXCLUDED.suggested_value, average = EXCLUDED.average,
                   grade_count = EXCLUDED.grade_count, explanation = EXCLUDED.explanation,
                   class_id = EXCLUDED.class_id, grade_level_id = EXCLUDED.grade_level_id,
                   teacher_id = COALESCE(pg.teacher_id, EXCLUDED.teacher_id),
                   write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
             WHERE pg.state = 'draft'
        """

# The row template of UPSERT_SQL.
UPSERT_TEMPLATE = ("(%s::int, %s::int, %s::int, %s::date, %s::varchar, %s::int, %s::int, %s::int, %s::int, "
                   "%s::int, %s::varchar, %s::float, %s::int, %s::text)")

# Members without a period grade of the period and kind, or with an unconfirmed one. After MEMBERS_SQL.
MISSING_SQL = """
            SELECT c.name, sub.name, s.name, CASE WHEN pg.id IS NULL OR pg.value IS NULL THEN 'missing'
                                                  ELSE 'draft' END
              FROM members m
              JOIN school_class c ON c.id = m.class_id
              JOIN school_subject sub ON sub.id = m.subject_id
              JOIN school_student s ON s.id = m.student_id
              LEFT JOIN school_period_grade pg ON pg.student_id = m.student_id AND pg.subject_id = m.subject_id
                                              AND pg.period_id = %(period)s AND pg.kind = %(kind)s
             WHERE pg.id IS NULL OR pg.value IS NULL OR pg.state != 'confirmed'
             ORDER BY c.name, sub.name, s.name
        """

# Final grades of the pupils whose exam in the same subject and year is unsatisfactory.
WAITING_SQL = """
        SELECT f.id FROM school_period_grade f
          JOIN school_period_grade e ON e.student_id = f.student_id AND e.subject_id = f.subject_id
                                    AND e.period_id = f.period_id AND e.kind = 'exam' AND e.value IN ('1', '2')
         WHERE f.kind = 'final'"""

# The distinct (period, class, subject) of the period grades %s (the guard's facts).
TRIPLES_SQL = """SELECT DISTINCT period_id, class_id, subject_id FROM school_period_grade
                                WHERE id IN %s"""
