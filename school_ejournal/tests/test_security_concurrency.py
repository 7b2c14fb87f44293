"""Concurrency: real transactions on separate connections, committed
data of its own (a lesson in the II quarter of 5А, removed at the end, with the
closings it made), racing:

1. two teachers saving the same lesson at once (the same grade slot, the same grade);
2. grade entry racing the closing of its period, both orders;
3. the monitoring crons running during grade entry.

Nothing may be lost or duplicated, no grade may slip into a closed period, and
the seal of a closed period must verify. Odoo's transactions are REPEATABLE READ:
a transaction that loses a race fails with a serialization error (the RPC layer
retries it) or with a Russian refusal, never silently."""
import threading
import time

import psycopg2

import odoo
from odoo import api
from odoo.exceptions import UserError
from odoo.tests.common import TransactionCase

from .common import remove_lesson, undo_closing

MODULE = "school_ejournal"
RACE_DAY = "2026-11-16"        # a Monday of the II quarter: no demo lessons there
WAIT = 1.0                      # long enough for the other connection to block


class Worker(threading.Thread):
    """Runs ``job(env)`` in its own transaction (own connection) as ``uid``; keeps
    the result or the exception; commits unless ``hold`` (an Event) is given, in
    which case it waits for it before committing."""

    def __init__(self, registry, uid, job, hold=None):
        super().__init__(daemon=True)
        self.registry, self.uid, self.job, self.hold = registry, uid, job, hold
        self.result = self.error = None
        self.started_work = threading.Event()
        self.done_work = threading.Event()

    def run(self):
        with api.Environment.manage():
            cr = self.registry.cursor()
            try:
                env = api.Environment(cr, self.uid, {"lang": "ru_RU"})
                self.started_work.set()
                self.result = self.job(env)
                self.done_work.set()
                if self.hold is not None:
                    self.hold.wait(30)
                cr.commit()
            except Exception as error:  # kept for the test to judge
                import traceback
                self.error = error
                self.trace = traceback.format_exc()
                cr.rollback()
            finally:
                self.done_work.set()
                cr.close()


class TestConcurrency(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry_ = odoo.registry(odoo.tests.common.get_db_name())

    def setUp(self):
        super().setUp()
        ref = self.env.ref
        self.teacher = ref(MODULE + ".user_teacher")
        self.substitute = ref(MODULE + ".user_class_teacher")
        self.admin = ref(MODULE + ".user_school_admin")
        self.class_5a = ref(MODULE + ".demo_class_5a")
        self.level = self.class_5a.grade_level_id
        self.q2 = self.env["school.period"].search([("kind", "=", "quarter"), ("number", "=", 2),
                                                    ("grade_level_ids", "in", self.level.ids)], limit=1)
        self.math = self.env["school.teaching.assignment"].search([("teacher_id", "=", self.teacher.id),
                                                                   ("class_id", "=", self.class_5a.id)],
                                                                  limit=1).subject_id
        # committed data of our own, on a separate connection
        with self.registry_.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            lesson = env["school.lesson"].create({
                "date": RACE_DAY, "lesson_number": 7, "class_id": self.class_5a.id, "subject_id": self.math.id,
                "teacher_id": self.teacher.id, "substitute_teacher_id": self.substitute.id,
                "topic": "Гонка"})
            self.lesson_id = lesson.id
            self.student_ids = lesson.attendance_ids.mapped("student_id").ids
        self.addCleanup(self.cleanup)
        self.assertTrue(self.student_ids)

    def cleanup(self):
        """Remove everything the races committed: the closings of the II quarter,
        the lesson with its rows and log (tests/common.py)."""
        with self.registry_.cursor() as cr:
            undo_closing(cr, self.q2.id)
            remove_lesson(cr, self.lesson_id)

    # ------------------------------------------------------------------ helpers
    def sql(self, query, params=()):
        with self.registry_.cursor() as cr:
            cr.execute(query, params)
            return cr.fetchall()

    def grades(self):
        return self.sql("SELECT student_id, sequence, value FROM school_grade WHERE lesson_id = %s ORDER BY 1, 2",
                        (self.lesson_id,))

    def grade_job(self, student_id, value):
        lesson_id = self.lesson_id

        def job(env):
            return env["school.grade"].create({"lesson_id": lesson_id, "student_id": student_id,
                                               "value": value}).id
        return job

    def race(self, first, second):
        """``first`` does its work and holds its transaction open; ``second`` starts
        and must block on it; then ``first`` commits. Returns both workers."""
        release = threading.Event()
        first.hold = release
        first.start()
        self.assertTrue(first.done_work.wait(60), "the first transaction did not finish its work")
        self.assertIsNone(first.error, getattr(first, "trace", None))
        second.start()
        second.started_work.wait(10)
        time.sleep(WAIT)
        blocked = second.is_alive() and not second.done_work.is_set()
        release.set()
        first.join(60)
        second.join(60)
        self.assertFalse(first.is_alive() or second.is_alive(), "a transaction hangs")
        return blocked

    def verify_seals(self):
        with self.registry_.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            seals = env["school.period.seal"].search([("period_id", "=", self.q2.id)])
            return seals, seals._verify()

    # ------------------------------------------------------------------ 1. same lesson
    def test_two_teachers_enter_the_same_grade_slot(self):
        student = self.student_ids[0]
        a = Worker(self.registry_, self.teacher.id, self.grade_job(student, "5"))
        b = Worker(self.registry_, self.substitute.id, self.grade_job(student, "3"))
        # both pick sequence 1: the unique slot lets one in, the other waits and fails
        a_job, b_job = a.job, b.job
        a.job = lambda env: env["school.grade"].browse(a_job(env))
        b.job = lambda env: env["school.grade"].browse(b_job(env))
        blocked = self.race(a, b)
        grades = self.grades()
        self.assertIsNone(a.error)
        if b.error is None:
            # the second one went to the pupil's second slot: two grades, both kept
            self.assertEqual([(g[1], g[2]) for g in grades], [(1, "5"), (2, "3")])
        else:
            self.assertIsInstance(b.error, (psycopg2.Error, UserError), b.error)
            self.assertEqual(grades, [(student, 1, "5")])
        self.assertTrue(blocked or b.error is None)
        # the change log holds exactly the committed grades
        logged = self.sql("SELECT count(*) FROM school_change_log WHERE lesson_id = %s AND model = 'school.grade'",
                          (self.lesson_id,))[0][0]
        self.assertEqual(logged, len(grades))

    def test_two_teachers_change_the_same_grade(self):
        student = self.student_ids[1]
        Worker(self.registry_, self.teacher.id, self.grade_job(student, "4")).run()
        grade_id = self.sql("SELECT id FROM school_grade WHERE lesson_id = %s", (self.lesson_id,))[0][0]
        a = Worker(self.registry_, self.teacher.id, lambda env: env["school.grade"].browse(grade_id).write(
            {"value": "5"}))
        b = Worker(self.registry_, self.substitute.id, lambda env: env["school.grade"].browse(grade_id).write(
            {"value": "2"}))
        blocked = self.race(a, b)
        self.assertTrue(blocked, "the second save did not wait for the first")
        self.assertIsNone(a.error)
        # REPEATABLE READ: the later save fails instead of overwriting unseen (the web client retries it)
        self.assertIsInstance(b.error, psycopg2.extensions.TransactionRollbackError, b.error)
        self.assertEqual(self.grades(), [(student, 1, "5")])
        log = self.sql("SELECT old_value, new_value FROM school_change_log WHERE lesson_id = %s "
                       "AND model = 'school.grade' ORDER BY id", (self.lesson_id,))
        self.assertEqual(len(log), 2, log)  # the creation and the one committed change
        # the retry of the loser now sees the winner's value and is logged against it
        retry = Worker(self.registry_, self.substitute.id, lambda env: env["school.grade"].browse(grade_id).write(
            {"value": "2"}))
        retry.run()
        self.assertIsNone(retry.error)
        log = self.sql("SELECT old_value, new_value FROM school_change_log WHERE lesson_id = %s "
                       "AND model = 'school.grade' ORDER BY id", (self.lesson_id,))
        self.assertEqual(len(log), 3)

    # ------------------------------------------------------------------ 2. entry vs closing
    def close_job(self, touch_first=True):
        period_id, level_ids = self.q2.id, self.level.ids

        def job(env):
            period = env["school.period"].browse(period_id)
            if touch_first:
                period.name  # the closing wizard reads first: the snapshot starts here
            return period._close_levels(env["school.grade.level"].browse(level_ids)).id
        return job

    def test_grade_entry_then_closing(self):
        """The grade was written first (its transaction still open) when the
        administrator closes: the closing waits; then either the seal includes the
        grade, or the closing is refused in Russian and the next one includes it."""
        student = self.student_ids[0]
        writer = Worker(self.registry_, self.teacher.id, self.grade_job(student, "5"))
        closer = Worker(self.registry_, self.admin.id, self.close_job())
        blocked = self.race(writer, closer)
        self.assertTrue(blocked, "the closing did not wait for the open grade entry")
        self.assertIsNone(writer.error)
        self.assertEqual(self.grades(), [(student, 1, "5")])
        if closer.error is not None:
            self.assertIsInstance(closer.error, UserError)
            self.assertIn("Повторите закрытие", closer.error.name)
            again = Worker(self.registry_, self.admin.id, self.close_job())
            again.run()
            self.assertIsNone(again.error, again.error)
        seals, problems = self.verify_seals()
        self.assertEqual(len(seals), 1)
        self.assertFalse(problems, problems)
        sealed = self.sql("SELECT count(*) FROM school_period_seal_item i JOIN school_grade g ON g.id = i.res_id "
                          "WHERE i.model = 'school.grade' AND g.lesson_id = %s", (self.lesson_id,))[0][0]
        self.assertEqual(sealed, 1, "the grade is not in the seal")

    def test_closing_then_grade_entry(self):
        """The closing runs first (not committed yet) when a teacher saves a grade:
        the save waits, then fails; saved again it is refused in Russian. No grade
        slips into the closed period and the seal verifies."""
        student = self.student_ids[0]
        closer = Worker(self.registry_, self.admin.id, self.close_job())
        writer = Worker(self.registry_, self.teacher.id, self.grade_job(student, "2"))
        blocked = self.race(closer, writer)
        self.assertIsNone(closer.error, closer.error)
        self.assertTrue(blocked, "the grade entry did not wait for the closing")
        self.assertIsNotNone(writer.error, "a grade slipped into a closed period")
        self.assertIsInstance(writer.error, (psycopg2.extensions.TransactionRollbackError, UserError))
        retry = Worker(self.registry_, self.teacher.id, self.grade_job(student, "2"))
        retry.run()
        self.assertIsInstance(retry.error, UserError)
        self.assertIn("закрыт", retry.error.name)
        self.assertEqual(self.grades(), [])
        seals, problems = self.verify_seals()
        self.assertEqual(len(seals), 1)
        self.assertFalse(problems, problems)

    def test_closing_then_grade_change_and_attendance_mark(self):
        """The same with a change of an existing grade and an attendance mark: no
        foreign key to the period protects these, only the guard's lock does."""
        student = self.student_ids[2]
        Worker(self.registry_, self.teacher.id, self.grade_job(student, "4")).run()
        grade_id = self.sql("SELECT id FROM school_grade WHERE lesson_id = %s", (self.lesson_id,))[0][0]
        row_id = self.sql("SELECT id FROM school_attendance WHERE lesson_id = %s AND student_id = %s",
                          (self.lesson_id, student))[0][0]
        code_id = self.env["school.attendance.code"].search([], limit=1).id
        jobs = {
            "grade change": lambda env: env["school.grade"].browse(grade_id).write({"value": "2"}),
            "attendance mark": lambda env: env["school.attendance"].browse(row_id).write({"code_id": code_id}),
        }
        for index, (label, job) in enumerate(sorted(jobs.items())):
            if index:
                self.cleanup_closing()
            closer = Worker(self.registry_, self.admin.id, self.close_job())
            writer = Worker(self.registry_, self.teacher.id, job)
            blocked = self.race(closer, writer)
            self.assertIsNone(closer.error, closer.error)
            self.assertTrue(blocked, "%s did not wait for the closing" % label)
            self.assertIsNotNone(writer.error, "%s slipped into a closed period" % label)
            retry = Worker(self.registry_, self.teacher.id, job)
            retry.run()
            self.assertIsInstance(retry.error, UserError, label)
            self.assertIn("закрыт", retry.error.name)
            seals, problems = self.verify_seals()
            self.assertFalse(problems, "%s: %s" % (label, problems))
        self.assertEqual(self.grades(), [(student, 1, "4")])
        self.assertEqual(self.sql("SELECT code_id FROM school_attendance WHERE id = %s", (row_id,))[0][0], None)

    def test_closing_wins_against_a_teacher_who_keeps_saving(self):
        """A teacher saves grade after grade, each committed at once, while the
        administrator closes: the closing must not be refused because rows were
        committed after its transaction began («Повторите закрытие» every time);
        it takes the lock, waits only for the saves in flight and seals everything
        committed. The teacher's later saves are refused."""
        lesson_id, teacher_id, students = self.lesson_id, self.teacher.id, self.student_ids
        stop, saved_after_snapshot = threading.Event(), threading.Event()
        snapshot_taken = threading.Event()
        outcome = {"saved": 0, "refused": 0, "other": []}

        def keep_saving():
            index = 0
            while not stop.is_set() and index < 400:
                student = students[index % len(students)]
                index += 1
                with api.Environment.manage():
                    cr = self.registry_.cursor()
                    try:
                        env = api.Environment(cr, teacher_id, {"lang": "ru_RU"})
                        env["school.grade"].create({"lesson_id": lesson_id, "student_id": student, "value": "4"})
                        cr.commit()
                        outcome["saved"] += 1
                        if snapshot_taken.is_set():
                            saved_after_snapshot.set()
                    except (UserError, psycopg2.Error) as error:
                        cr.rollback()
                        if isinstance(error, UserError) and "закрыт" in error.name:
                            outcome["refused"] += 1
                        else:
                            outcome["other"].append(error)
                    finally:
                        cr.close()
                time.sleep(0.02)

        period_id, level_ids = self.q2.id, self.level.ids

        def close(env):
            period = env["school.period"].browse(period_id)
            period.name  # the snapshot starts here, as in the wizard
            snapshot_taken.set()
            assert saved_after_snapshot.wait(30), "the teacher saved nothing"
            started = time.time()
            seal = period._close_levels(env["school.grade.level"].browse(level_ids))
            return seal.id, time.time() - started

        teacher = threading.Thread(target=keep_saving, daemon=True)
        teacher.start()
        closer = Worker(self.registry_, self.admin.id, close)
        closer.start()
        closer.join(90)
        time.sleep(0.5)  # a few saves after the closing committed
        stop.set()
        teacher.join(90)
        self.assertFalse(closer.is_alive() or teacher.is_alive(), "a transaction hangs")
        self.assertIsNone(closer.error, getattr(closer, "trace", None))
        self.assertLess(closer.result[1], 20, "the closing took too long")
        self.assertGreater(outcome["refused"], 0, "saves after the closing were not refused")
        for error in outcome["other"]:  # a save caught in flight fails with a serialization error only
            self.assertIsInstance(error, psycopg2.extensions.TransactionRollbackError, error)
        seals, problems = self.verify_seals()
        self.assertEqual(len(seals), 1)
        self.assertFalse(problems, problems)
        committed = self.sql("SELECT count(*) FROM school_grade WHERE lesson_id = %s", (self.lesson_id,))[0][0]
        sealed = self.sql("SELECT count(*) FROM school_period_seal_item i JOIN school_grade g ON g.id = i.res_id "
                          "WHERE i.model = 'school.grade' AND g.lesson_id = %s", (self.lesson_id,))[0][0]
        self.assertEqual((sealed, committed), (outcome["saved"], outcome["saved"]))

    def cleanup_closing(self):
        """Undo a closing of the II quarter between two races."""
        with self.registry_.cursor() as cr:
            undo_closing(cr, self.q2.id)

    # ------------------------------------------------------------------ 3. crons during entry
    def test_crons_during_grade_entry(self):
        """The monitoring crons read the journal while a teacher enters grades:
        neither waits for the other for long, nothing is lost or doubled."""
        students = self.student_ids[:4]
        lesson_id = self.lesson_id

        def entry(env):
            for student in students:
                env["school.grade"].create({"lesson_id": lesson_id, "student_id": student, "value": "4"})
                env.cr.execute("SELECT pg_sleep(0.1)")
            return True

        def crons(env):
            env["school.monitoring"]._cron_grade_accumulation(today=RACE_DAY)
            env["school.violation"]._cron_journal_control(today=RACE_DAY)
            return True

        writer = Worker(self.registry_, self.teacher.id, entry)
        cron = Worker(self.registry_, odoo.SUPERUSER_ID, crons)
        writer.start()
        cron.start()
        writer.join(120)
        cron.join(120)
        self.assertIsNone(writer.error, writer.error)
        self.assertIsNone(cron.error, cron.error)
        self.assertEqual(self.grades(), [(s, 1, "4") for s in sorted(students)])
