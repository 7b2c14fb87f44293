"""Clean-up of committed test data for the concurrency and backup tests (issue 10).

Closings, seals, events and the change log are append-only by database trigger;
the superuser's replica mode skips those triggers — and with them the ON DELETE
CASCADE actions — so the children are deleted explicitly, and only the
trigger-protected tables are touched in replica mode."""


def undo_closing(cr, period_id):
    """Remove every closing of ``period_id`` (locks, events, seals) and open it."""
    cr.execute("SELECT id FROM school_period_seal WHERE period_id = %s", (period_id,))
    seals = tuple(r[0] for r in cr.fetchall()) or (0,)
    cr.execute("SELECT id FROM school_period_event WHERE period_id = %s", (period_id,))
    events = tuple(r[0] for r in cr.fetchall()) or (0,)
    cr.execute("SET LOCAL session_replication_role = replica")
    cr.execute("DELETE FROM school_period_event_grade_level_rel WHERE event_id IN %s", (events,))
    cr.execute("DELETE FROM school_period_event WHERE id IN %s", (events,))
    cr.execute("DELETE FROM school_period_lock WHERE period_id = %s", (period_id,))
    cr.execute("DELETE FROM school_period_seal_check_line WHERE seal_id IN %s", (seals,))
    cr.execute("DELETE FROM school_period_seal_school_period_seal_check_rel WHERE school_period_seal_id IN %s",
               (seals,))
    cr.execute("DELETE FROM school_period_seal_item WHERE seal_id IN %s", (seals,))
    cr.execute("DELETE FROM school_period_seal_grade_level_rel WHERE seal_id IN %s", (seals,))
    cr.execute("DELETE FROM school_period_seal WHERE id IN %s", (seals,))
    cr.execute("SET LOCAL session_replication_role = DEFAULT")
    cr.execute("UPDATE school_period SET state = 'open' WHERE id = %s", (period_id,))
    # the closing's chatter notes (cascades apply again: their recipients go with them)
    cr.execute("DELETE FROM mail_message WHERE model = 'school.period' AND res_id = %s "
               "AND create_date > now() - interval '1 hour'", (period_id,))


def remove_lesson(cr, lesson_id):
    """Remove a lesson the test committed, with its roster, grades and change log."""
    cr.execute("DELETE FROM school_violation WHERE lesson_id = %s", (lesson_id,))
    cr.execute("SET LOCAL session_replication_role = replica")
    cr.execute("DELETE FROM school_change_log WHERE lesson_id = %s", (lesson_id,))
    cr.execute("SET LOCAL session_replication_role = DEFAULT")
    cr.execute("DELETE FROM school_grade WHERE lesson_id = %s", (lesson_id,))
    cr.execute("DELETE FROM school_attendance WHERE lesson_id = %s", (lesson_id,))
    cr.execute("DELETE FROM school_lesson WHERE id = %s", (lesson_id,))
