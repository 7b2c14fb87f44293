"""The SQL texts of models/lesson.py (school.lesson): roster sync, the closed
period's rosters, generation from the timetable, counts and checks."""

# The header of a lesson, frozen once it has marks or attendance.
HEADER_FIELDS = ("date", "lesson_number", "class_id", "subgroup_id", "subject_id", "teacher_id")

# What the change log keeps of the lessons %s (school.journal.mixin): their header
# and substitute, as the journal shows them.
LOG_FACTS_SQL = """
            SELECT l.id, l.id, NULL, l.date, l.date, l.lesson_number, c.name, coalesce(g.name, ''), s.name, tp.name,
                   coalesce(sp.name, '')
              FROM school_lesson l
              JOIN school_class c ON c.id = l.class_id
              JOIN school_subject s ON s.id = l.subject_id
              JOIN res_users tu ON tu.id = l.teacher_id JOIN res_partner tp ON tp.id = tu.partner_id
              LEFT JOIN school_class_subgroup g ON g.id = l.subgroup_id
              LEFT JOIN res_users su ON su.id = l.substitute_teacher_id
              LEFT JOIN res_partner sp ON sp.id = su.partner_id
             WHERE l.id IN %s
        """

# One lesson per class/subgroup/date/number; a NULL subgroup (the whole class)
# counts as one value, hence an index on an expression.
SLOT_INDEX_SQL = """
            CREATE UNIQUE INDEX IF NOT EXISTS school_lesson_slot_unique
                ON school_lesson (class_id, COALESCE(subgroup_id, 0), date, lesson_number)
        """

# (lesson, rows, absences) of the lessons %s.
COUNTS_SQL = """
                SELECT a.lesson_id, count(*), count(*) FILTER (WHERE c.counts_as_absence)
                  FROM school_attendance a LEFT JOIN school_attendance_code c ON c.id = a.code_id
                 WHERE a.lesson_id IN %s GROUP BY a.lesson_id
            """

# (lesson, change-log entries) of the lessons %s.
LOG_COUNTS_SQL = """
                SELECT lesson_id, count(*) FROM school_change_log WHERE lesson_id IN %s GROUP BY lesson_id
            """

# The lessons of %s with an attendance mark or a grade.
MARKED_SQL = """
                SELECT lesson_id FROM school_attendance WHERE lesson_id IN %s AND code_id IS NOT NULL
                 UNION SELECT lesson_id FROM school_grade WHERE lesson_id IN %s
            """

# The shifts of the classes of the lessons %s.
SHIFTS_SQL = """SELECT DISTINCT COALESCE(c.shift, '1') FROM school_lesson l
                                    JOIN school_class c ON c.id = l.class_id WHERE l.id IN %s"""

# Whether the class %s × subject %s is in teacher %s's load (for the whole class or subgroup %s).
TEACHING_LOAD_SQL = """
            SELECT 1 FROM school_teaching_assignment
             WHERE class_id = %s AND subject_id = %s AND teacher_id = %s
               AND (subgroup_id IS NULL OR subgroup_id IS NOT DISTINCT FROM %s)
             LIMIT 1
        """

# school_load_class: the teaching load by every class it covers (a teaching
# group's load once per class of the group).
LOAD_CLASSES_VIEW_SQL = """
            CREATE OR REPLACE VIEW school_load_class AS
            SELECT t.id AS assignment_id, t.class_id, t.subgroup_id, t.subject_id, t.teacher_id, t.hours_per_week
              FROM school_teaching_assignment t
             UNION
            SELECT t.id, r.class_id, t.subgroup_id, t.subject_id, t.teacher_id, t.hours_per_week
              FROM school_teaching_assignment t
              JOIN school_class_subgroup_class_rel r ON r.subgroup_id = t.subgroup_id
        """

# Lock FOR SHARE the periods the lessons %s fall into (as the journal guard does).
LOCK_PERIODS_SQL = """
            SELECT p.id FROM school_period p
             WHERE EXISTS (SELECT 1 FROM school_lesson l JOIN school_class c ON c.id = l.class_id
                             JOIN school_grade_level_school_period_rel r
                               ON r.school_grade_level_id = c.grade_level_id AND r.school_period_id = p.id
                            WHERE l.id IN %s AND l.date BETWEEN p.date_start AND p.date_end)
               FOR SHARE
        """

# (lesson, closed period) of the lessons %s in a closed period (school_period_locked_id, period.py).
LOCKED_LESSONS_SQL = """
            SELECT l.id, school_period_locked_id(l.date, c.grade_level_id)
              FROM school_lesson l JOIN school_class c ON c.id = l.class_id
             WHERE l.id IN %s AND school_period_locked_id(l.date, c.grade_level_id) IS NOT NULL
        """

# After MEMBERS_SQL: the lessons whose roster would change for the pupils %(student_ids)s
# (a member missing, or a row of a non-member without data).
ROSTER_CHANGED_SQL = """
            SELECT m.lesson_id FROM members m
             WHERE m.student_id IN %(student_ids)s
               AND NOT EXISTS (SELECT 1 FROM school_attendance a
                                WHERE a.lesson_id = m.lesson_id AND a.student_id = m.student_id)
             UNION
            SELECT a.lesson_id FROM school_attendance a
             WHERE a.lesson_id IN %(lesson_ids)s AND a.student_id IN %(student_ids)s
               AND a.code_id IS NULL AND COALESCE(a.comment, '') = ''
               AND NOT EXISTS (SELECT 1 FROM members m WHERE m.lesson_id = a.lesson_id AND m.student_id = a.student_id)
               AND NOT EXISTS (SELECT 1 FROM school_grade g WHERE g.attendance_id = a.id)
        """

# Date, class, subject and id of the first of the lessons %s.
FIRST_LESSON_SQL = """
                SELECT l.date, c.name, s.name, l.id FROM school_lesson l
                  JOIN school_class c ON c.id = l.class_id JOIN school_subject s ON s.id = l.subject_id
                 WHERE l.id IN %s ORDER BY l.date, l.id LIMIT 1
            """

# After MEMBERS_SQL (or with a table of members): insert the members missing from the rosters.
ROSTER_INSERT_SQL = """
            INSERT INTO school_attendance (create_uid, create_date, write_uid, write_date,
                                           lesson_id, student_id, date, lesson_number, class_id,
                                           subject_id, teacher_id, period_id)
            SELECT %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC',
                   l.id, m.student_id, l.date, l.lesson_number, m.class_id,
                   l.subject_id, l.teacher_id, l.period_id
              FROM {members} m JOIN school_lesson l ON l.id = m.lesson_id
             ORDER BY m.lesson_id, m.student_id
            ON CONFLICT DO NOTHING
        """

# After MEMBERS_SQL (or with a table of members): delete the rows of non-members that carry no
# mark, comment or grade.
ROSTER_DELETE_SQL = """
            DELETE FROM school_attendance a
             WHERE a.lesson_id IN %(lesson_ids)s
               AND a.code_id IS NULL AND COALESCE(a.comment, '') = ''
               AND NOT EXISTS (SELECT 1 FROM {members} m
                                WHERE m.lesson_id = a.lesson_id AND m.student_id = a.student_id)
               AND NOT EXISTS (SELECT 1 FROM school_grade g WHERE g.attendance_id = a.id)
        """

# The lessons, from a date on, of every class the pupils ever entered, and their own rows'.
STUDENT_LESSONS_SQL = """
            SELECT l.id FROM school_lesson l
             WHERE (l.class_id IN (SELECT to_class_id FROM school_student_movement
                                    WHERE student_id IN %s AND to_class_id IS NOT NULL)
                    OR l.subgroup_id IN (SELECT r.subgroup_id FROM school_class_subgroup_class_rel r
                                           JOIN school_student_movement m ON m.to_class_id = r.class_id
                                          WHERE m.student_id IN %s))
               AND (%s::date IS NULL OR l.date >= %s::date)
               UNION
            SELECT a.lesson_id FROM school_attendance a
             WHERE a.student_id IN %s AND (%s::date IS NULL OR a.date >= %s::date)
        """

# A day of the range in a closed period for a class's grade level (one is enough).
CLOSED_DAYS_SQL = """
            SELECT DISTINCT d::date, c.grade_level_id
              FROM generate_series(%(date_from)s::date, %(date_to)s::date, interval '1 day') d
              JOIN school_class c ON (%(no_filter)s OR c.id IN %(classes)s)
             WHERE school_period_locked_id(d::date, c.grade_level_id) IS NOT NULL
             LIMIT 1
        """


def members_sql(intervals):
    """The WITH clause of the pupils (lesson_id, student_id, class_id: the pupil's class) of the lessons
    %(lesson_ids)s on each lesson's date, from the membership ``intervals``
    (student_movement.py), a lesson of a teaching group counting the group's pupils
    on that date only (their dated membership), from every class of the group."""
    return """
    WITH lessons AS (
        SELECT id, date, class_id, subgroup_id FROM school_lesson WHERE id IN %(lesson_ids)s
        UNION
        SELECT l.id, l.date, r.class_id, l.subgroup_id
          FROM school_lesson l JOIN school_class_subgroup_class_rel r ON r.subgroup_id = l.subgroup_id
         WHERE l.id IN %(lesson_ids)s
    ), intervals AS (""" + intervals + """
    ), members AS (
        SELECT DISTINCT l.id AS lesson_id, i.student_id, i.to_class_id AS class_id
          FROM lessons l
          JOIN intervals i ON i.to_class_id = l.class_id AND i.date_from <= l.date
                          AND (i.date_to IS NULL OR l.date < i.date_to)
         WHERE l.subgroup_id IS NULL
            OR EXISTS (SELECT 1 FROM school_class_subgroup_member gm
                        WHERE gm.subgroup_id = l.subgroup_id AND gm.student_id = i.student_id
                          AND gm.date_from <= l.date AND (gm.date_to IS NULL OR gm.date_to >= l.date))
    )
"""

# The pupils listed in a teaching group without a dated membership (a group
# from before memberships were dated): members from the start of its year.
MEMBER_BACKFILL_SQL = """
            INSERT INTO school_class_subgroup_member (create_uid, create_date, write_uid, write_date,
                                                      subgroup_id, student_id, date_from)
            SELECT 1, now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC', r.subgroup_id, r.student_id, y.date_start
              FROM school_class_subgroup_student_rel r
              JOIN school_class_subgroup g ON g.id = r.subgroup_id
              JOIN school_class c ON c.id = g.class_id
              JOIN school_academic_year y ON y.id = c.academic_year_id
             WHERE NOT EXISTS (SELECT 1 FROM school_class_subgroup_member m
                                WHERE m.subgroup_id = r.subgroup_id AND m.student_id = r.student_id)
        """

# Whether {day} is a holiday (каникулы, a day off) of class ``c``: one of its year's holidays
# for all levels or for its level.
HOLIDAY_SQL = """EXISTS (
                        SELECT 1 FROM school_holiday h
                         WHERE h.academic_year_id = c.academic_year_id
                           AND {day} BETWEEN h.date_start AND h.date_end
                           AND (NOT EXISTS (SELECT 1 FROM school_grade_level_school_holiday_rel hr
                                             WHERE hr.school_holiday_id = h.id)
                                OR EXISTS (SELECT 1 FROM school_grade_level_school_holiday_rel hr
                                            WHERE hr.school_holiday_id = h.id
                                              AND hr.school_grade_level_id = c.grade_level_id)))"""


def generate_sql(period):
    """The lessons of the timetable between %(date_from)s and %(date_to)s for the
    classes %(classes)s (all: %(no_filter)s), on the school's working weekdays,
    skipping holidays and the class's cancelled lessons, in one INSERT … SELECT (ON CONFLICT DO NOTHING on the
    lesson slot) RETURNING the new ids; ``period``: the attestation period of a
    slot ``s`` (period.py)."""
    return """
            WITH days AS (
                SELECT d::date AS day
                  FROM generate_series(%(date_from)s::date, %(date_to)s::date, interval '1 day') d
            ), slots AS (
                SELECT days.day, t.id AS timetable_id, t.lesson_number, t.class_id, t.subgroup_id,
                       t.subject_id, t.teacher_id, c.academic_year_id, c.grade_level_id
                  FROM days
                  JOIN school_timetable t
                    ON t.weekday = (extract(isodow FROM days.day)::int - 1)::varchar
                   AND days.day BETWEEN t.date_from AND t.date_to
                  JOIN school_class c ON c.id = t.class_id AND c.active
                  JOIN school_academic_year y ON y.id = c.academic_year_id
                  JOIN res_company co ON co.id = y.company_id
                 WHERE days.day BETWEEN y.date_start AND y.date_end
                   AND extract(isodow FROM days.day) <= (CASE WHEN co.school_week_days = '6' THEN 6 ELSE 5 END)
                   AND (%(no_filter)s OR t.class_id IN %(classes)s)
                   AND NOT """ + HOLIDAY_SQL.format(day="days.day") + """
                   -- a lesson cancelled that day (карантин…) is not created again under another number
                   AND NOT EXISTS (
                        SELECT 1 FROM school_lesson x
                         WHERE x.class_id = t.class_id AND x.subject_id = t.subject_id AND x.date = days.day
                           AND x.subgroup_id IS NOT DISTINCT FROM t.subgroup_id AND x.cancelled)
            )
            INSERT INTO school_lesson (create_uid, create_date, write_uid, write_date, date,
                                       lesson_number, class_id, subgroup_id, subject_id, teacher_id,
                                       timetable_id, academic_year_id, period_id, work_kind_id)
            SELECT %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC', s.day,
                   s.lesson_number, s.class_id, s.subgroup_id, s.subject_id, s.teacher_id,
                   s.timetable_id, s.academic_year_id, """ + period + """,
                   %(kind)s
              FROM slots s
             ORDER BY s.day, s.class_id, s.lesson_number, s.timetable_id
            ON CONFLICT DO NOTHING
            RETURNING id
        """

# «Задано на», the default due date of lesson ``t`` of class ``c``: the next lesson (not
# cancelled) of the same subject for the same class (a subgroup's lesson: the next lesson of
# that subgroup or of the whole class), else the timetable's next day of it that is not a
# holiday (after the winter break, not in it), looked for up to a term ahead; a timetable
# whose next day is farther gives that day (weekday '0' = Monday, as extract(isodow) - 1).
DUE_SQL = """COALESCE(
    (SELECT min(n.date) FROM school_lesson n
      WHERE n.class_id = t.class_id AND n.subject_id = t.subject_id AND n.date > t.date
        AND NOT coalesce(n.cancelled, false)
        AND (t.subgroup_id IS NULL OR n.subgroup_id IS NULL OR n.subgroup_id = t.subgroup_id)),
    (SELECT min(d.day)
       FROM school_timetable tt
       CROSS JOIN LATERAL (SELECT t.date + k AS day FROM generate_series(1, 120) k) d
      WHERE tt.class_id = t.class_id AND tt.subject_id = t.subject_id
        AND (t.subgroup_id IS NULL OR tt.subgroup_id IS NULL OR tt.subgroup_id = t.subgroup_id)
        AND tt.weekday = (extract(isodow FROM d.day)::int - 1)::varchar
        AND d.day BETWEEN COALESCE(tt.date_from, t.date) AND COALESCE(tt.date_to, '9999-12-31'::date)
        AND NOT """ + HOLIDAY_SQL.format(day="d.day") + """),
    (SELECT min(t.date + ((tt.weekday::int - extract(isodow FROM t.date)::int + 7) %% 7 + 1))
       FROM school_timetable tt
      WHERE tt.class_id = t.class_id AND tt.subject_id = t.subject_id
        AND (t.subgroup_id IS NULL OR tt.subgroup_id IS NULL OR tt.subgroup_id = t.subgroup_id)
        AND t.date + ((tt.weekday::int - extract(isodow FROM t.date)::int + 7) %% 7 + 1)
            BETWEEN COALESCE(tt.date_from, t.date) AND COALESCE(tt.date_to, '9999-12-31'::date)))"""

# The index for «the next lesson of a class and subject»: one probe per lesson.
DUE_INDEX_SQL = """
            CREATE INDEX IF NOT EXISTS school_lesson_class_subject_date
                ON school_lesson (class_id, subject_id, date)
        """

# (class, subject) of the lessons from before «задано на» (or whose class had no timetable then);
# not those of a closed period, which keep theirs (update_homework_due): else every update
# would find them again.
DUE_MISSING_SQL = """
            SELECT DISTINCT t.class_id, t.subject_id
              FROM school_lesson t JOIN school_class c ON c.id = t.class_id
             WHERE t.homework_due_date IS NULL AND NOT COALESCE(t.homework_due_manual, FALSE)
               AND school_period_locked_id(t.date, c.grade_level_id) IS NULL
        """

# (class, subject) whose default «задано на» came from the timetable (no lesson on that day) in
# the years %(years)s (all: %(all_years)s): a holiday added or moved may shift those days.
DUE_FROM_TIMETABLE_SQL = """
            SELECT DISTINCT t.class_id, t.subject_id
              FROM school_lesson t JOIN school_class c ON c.id = t.class_id
             WHERE (%(all_years)s OR c.academic_year_id IN %(years)s)
               AND t.homework_due_date IS NOT NULL AND NOT COALESCE(t.homework_due_manual, FALSE)
               AND NOT EXISTS (SELECT 1 FROM school_lesson n
                                WHERE n.class_id = t.class_id AND n.subject_id = t.subject_id
                                  AND n.date = t.homework_due_date)
        """

# (day, grade level, period) of the days × levels %s, %s; {period}: PERIOD_SQL (period.py) over x.
PERIODS_OF_DAYS_SQL = """
                SELECT x.day, x.grade_level_id, {period}
                  FROM unnest(%s::date[], %s::int[]) AS x(day, grade_level_id)
            """
