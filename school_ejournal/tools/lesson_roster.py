"""The rosters of lessons and their «задано на», kept in SQL with a cursor and
no environment (models/lesson.py calls these and refreshes its cache): the
pupils of each lesson from class membership, a closed period's rosters left as
they were sealed, the default due date of homework; the generation of lessons
from the timetable and the lessons' counts."""
from .lesson_sql import (CLOSED_DAYS_SQL, COUNTS_SQL, DUE_SQL, FIRST_LESSON_SQL, LOCK_PERIODS_SQL, LOCKED_LESSONS_SQL,
                         LOG_COUNTS_SQL, MARKED_SQL, ROSTER_CHANGED_SQL, ROSTER_DELETE_SQL, ROSTER_INSERT_SQL,
                         STUDENT_LESSONS_SQL, generate_sql)

# Above this many lessons sync_roster materialises the membership once in a
# temporary table; below, the two statements with the CTE are cheaper.
BULK_ROSTER = 200


def locked_lessons(cr, lesson_ids):
    """{lesson_id: period_id} of the lessons of ``lesson_ids`` that lie in a
    closed period (the lock rule, period.py). The periods the lessons fall
    into are locked FOR SHARE, as the journal guard does, so that a closing
    cannot interleave with a roster change."""
    cr.execute(LOCK_PERIODS_SQL, (tuple(lesson_ids),))
    cr.execute("SELECT 1 FROM school_period WHERE state != 'open' LIMIT 1")
    if not cr.fetchone():
        return {}
    cr.execute(LOCKED_LESSONS_SQL, (tuple(lesson_ids),))
    return dict(cr.fetchall())


def roster_change(cr, members_sql, locked, student_ids):
    """None if the membership of ``student_ids`` (``members_sql``: its WITH
    clauses) leaves the rosters of the lessons ``locked`` ({lesson_id:
    period_id}) as they are; else (period name, subject, class name, date) of
    the first lesson it would change, and how many it would."""
    cr.execute(members_sql + ROSTER_CHANGED_SQL,
               {"lesson_ids": tuple(locked), "student_ids": tuple(student_ids)})
    changed = {row[0] for row in cr.fetchall()}
    if not changed:
        return None
    # names in SQL: whoever records a movement may not read every lesson
    cr.execute(FIRST_LESSON_SQL, (tuple(changed),))
    day, class_name, subject, lesson_id = cr.fetchone()
    cr.execute("SELECT name FROM school_period WHERE id = %s", (locked[lesson_id],))
    period_name = cr.fetchone()[0]
    return period_name, subject, class_name, day, len(changed)


def sync_roster(cr, members_sql, lesson_ids, uid):
    """Bring the roster rows of ``lesson_ids`` in line with class (and subgroup)
    membership on each lesson's date (``members_sql``: its WITH clauses): insert
    the missing pupils, delete rows of non-members that carry no mark, comment or
    grade (rows with data stay: the journal never loses a grade silently).
    Returns (inserted, deleted)."""
    params = {"lesson_ids": tuple(lesson_ids), "uid": uid}
    if len(lesson_ids) > BULK_ROSTER:
        # Many lessons (a year's generation, a movement touching a whole year):
        # the membership rows go once into an indexed, analysed temporary table.
        # With the CTE, PostgreSQL (stale statistics right after a bulk INSERT)
        # anti-joined every roster row against the whole membership set:
        # quadratic, minutes for a school year (bench/).
        cr.execute("DROP TABLE IF EXISTS school_roster_members")
        cr.execute("CREATE TEMP TABLE school_roster_members ON COMMIT DROP AS " + members_sql
                   + " SELECT lesson_id, student_id, class_id FROM members", params)
        cr.execute("CREATE INDEX ON school_roster_members (lesson_id, student_id)")
        cr.execute("ANALYZE school_roster_members")
        prefix, members = "", "school_roster_members"
    else:
        prefix, members = members_sql, "members"
    cr.execute(prefix + ROSTER_INSERT_SQL.format(members=members), params)
    inserted = cr.rowcount
    cr.execute(prefix + ROSTER_DELETE_SQL.format(members=members), params)
    deleted = cr.rowcount
    if members == "school_roster_members":
        cr.execute("DROP TABLE school_roster_members")
    return inserted, deleted


def student_lessons(cr, student_ids, date_from):
    """The lessons, from ``date_from`` on, of every class these pupils ever entered
    and of the teaching groups drawing on those classes."""
    cr.execute(STUDENT_LESSONS_SQL, (tuple(student_ids), tuple(student_ids), date_from, date_from,
                                     tuple(student_ids), date_from, date_from))
    return [r[0] for r in cr.fetchall()]


def due_keys(cr, lesson_ids):
    """{(class_id, subject_id)} of the lessons (read in SQL: the caller may be a
    server path over lessons the user does not read)."""
    if not lesson_ids:
        return set()
    cr.execute("SELECT DISTINCT class_id, subject_id FROM school_lesson WHERE id IN %s",
               (tuple(lesson_ids),))
    return set(cr.fetchall())


def update_homework_due(cr, keys):
    """Recompute the default due date of every lesson of these (class, subject)
    pairs whose date the teacher did not set, in one statement; lessons of a
    closed period keep theirs, even a missing one (the seal covers it: filling it
    later would read as a change). Returns the number of lessons changed."""
    if not keys:
        return 0
    classes, subjects = zip(*sorted(keys))
    cr.execute("SELECT 1 FROM school_period WHERE state != 'open' LIMIT 1")
    locked = ("AND school_period_locked_id(t.date, c.grade_level_id) IS NULL"
              if cr.fetchone() else "")
    cr.execute("""
        WITH due AS (
            SELECT t.id, """ + DUE_SQL + """ AS day
              FROM school_lesson t JOIN school_class c ON c.id = t.class_id
             WHERE (t.class_id, t.subject_id) IN (SELECT * FROM unnest(%s::int[], %s::int[]))
               AND NOT COALESCE(t.homework_due_manual, FALSE) """ + locked + """
        )
        UPDATE school_lesson l SET homework_due_date = due.day
          FROM due WHERE due.id = l.id AND l.homework_due_date IS DISTINCT FROM due.day
    """, (list(classes), list(subjects)))
    return cr.rowcount


def closed_days(cr, params, class_ids):
    """The (day, class) of a generation's range (``params``) that lie in a closed period."""
    cr.execute(CLOSED_DAYS_SQL, dict(params, no_filter=not class_ids,
                                     classes=params["classes"] or (0,)))
    return cr.fetchall()


def generate_lessons(cr, params, class_ids, period_sql):
    """Insert the timetable's lessons of the range (``params``); returns their ids."""
    cr.execute(generate_sql(period_sql), dict(
        params, no_filter=not class_ids, classes=params["classes"] or (0,)))
    return [r[0] for r in cr.fetchall()]


def lesson_counts(cr, lesson_ids):
    """({lesson: (rows, absences)}, {lesson: change-log entries}) of the lessons."""
    counts, logs = {}, {}
    if lesson_ids:
        cr.execute(COUNTS_SQL, (tuple(lesson_ids),))
        counts = {r[0]: r[1:] for r in cr.fetchall()}
        cr.execute(LOG_COUNTS_SQL, (tuple(lesson_ids),))
        logs = dict(cr.fetchall())
    return counts, logs


def marked_lessons(cr, ids):
    """The lessons of ``ids`` (a tuple) with an attendance mark or a grade."""
    marked = set()
    if ids:
        cr.execute(MARKED_SQL, (ids, ids))
        marked = {row[0] for row in cr.fetchall()}
    return marked
