"""The large-school generator (bench/generate.py) on a tiny scale, inside the
test transaction: two classes, one month. What it writes in bulk SQL must be
exactly what the ORM would leave: stored computed and related fields unchanged
by a forced recomputation, rosters equal to class membership, constraints
holding, one change-log line per grade and per attendance mark."""
import os
import sys

from odoo.tests.common import TransactionCase

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench import generate  # noqa: E402

TINY = generate.Scale(grades=[5, 9], letters="Х", students=44, teachers=8,
                      date_from="2026-09-01", date_to="2026-09-30", prefix="h9s")

GRADE_COLS = "id, date, subject_id, class_id, period_id, numeric_value, weight, work_kind_id"
ROW_COLS = "id, lesson_id, student_id, date, lesson_number, class_id, subject_id, teacher_id, period_id"
LESSON_COLS = "id, period_id, academic_year_id"


class TestBenchGenerator(TransactionCase):

    def snapshot(self, class_ids):
        cr = self.env.cr
        out = {}
        for table, cols in (("school_grade", GRADE_COLS), ("school_attendance", ROW_COLS),
                            ("school_lesson", LESSON_COLS)):
            cr.execute("SELECT %s FROM %s WHERE class_id IN %%s ORDER BY id" % (cols, table), (tuple(class_ids),))
            out[table] = cr.fetchall()
        return out

    def test_tiny_school_is_what_the_orm_would_leave(self):
        env = self.env(context=dict(self.env.context, tracking_disable=True, no_reset_password=True))
        structure = generate.build_structure(env, TINY)
        class_ids = structure["class_ids"]
        self.assertEqual(len(class_ids), 2)
        self.assertEqual(len(structure["teacher_ids"]), 8)
        result = generate.build_journal(env, TINY, class_ids)
        self.assertGreater(result["lessons"], 80)
        self.assertGreater(result["grades"], 100)
        cr = self.env.cr
        Lesson = self.env["school.lesson"]
        lessons = Lesson.search([("class_id", "in", class_ids)])
        self.assertEqual(len(lessons), result["lessons"])

        # every pupil has a class and parents; English, and technology (5th) or
        # computer science (9th) are taught in two subgroups
        students = self.env["school.student"].search([("current_class_id", "in", class_ids)])
        self.assertEqual(len(students), 44)
        self.assertFalse(students.filtered(lambda s: not s.guardian_ids))
        self.assertEqual(len(self.env["school.class.subgroup"].search([("class_id", "in", class_ids)])), 8)

        # rosters are class membership: a re-sync has nothing to insert or delete
        self.assertEqual(Lesson._sync_roster(lessons.ids), (0, 0))
        # grades hang on roster rows of their lesson; marks and values are valid
        cr.execute("""
            SELECT count(*) FROM school_grade g JOIN school_attendance a ON a.id = g.attendance_id
             WHERE g.class_id IN %s AND (a.lesson_id <> g.lesson_id OR a.student_id <> g.student_id
                   OR g.numeric_value IS DISTINCT FROM g.value::float
                   OR g.weight <> (SELECT k.weight FROM school_lesson l JOIN school_work_kind k
                                    ON k.id = l.work_kind_id WHERE l.id = g.lesson_id))
        """, (tuple(class_ids),))
        self.assertEqual(cr.fetchone()[0], 0)

        # stored computed / related fields: a forced recomputation by the ORM changes nothing
        before = self.snapshot(class_ids)
        lessons.modified(["date", "class_id", "subject_id", "teacher_id", "lesson_number", "period_id"])
        lessons.recompute()
        grades = self.env["school.grade"].search([("class_id", "in", class_ids)])
        grades.modified(["lesson_id"])
        grades.recompute()
        self.env["school.attendance"].search([("class_id", "in", class_ids)]).modified(["lesson_id"])
        lessons.recompute()
        self.env.cr.flush() if hasattr(self.env.cr, "flush") else None
        self.assertEqual(self.snapshot(class_ids), before)

        # Python constraints of lessons and the database's own hold
        lessons._check_lesson()
        cr.execute("""SELECT count(*) FROM (SELECT 1 FROM school_grade WHERE class_id IN %s
                       GROUP BY lesson_id, student_id, sequence HAVING count(*) > 1) d""", (tuple(class_ids),))
        self.assertEqual(cr.fetchone()[0], 0)

        # the change log tells what the ORM path tells: one line per grade and per mark
        cr.execute("""
            SELECT (SELECT count(*) FROM school_grade WHERE class_id IN %(c)s),
                   (SELECT count(*) FROM school_change_log l JOIN school_grade g ON g.id = l.res_id
                     WHERE l.model = 'school.grade' AND g.class_id IN %(c)s AND l.operation = 'create'),
                   (SELECT count(*) FROM school_attendance WHERE class_id IN %(c)s AND code_id IS NOT NULL),
                   (SELECT count(*) FROM school_change_log l JOIN school_attendance a ON a.id = l.res_id
                     WHERE l.model = 'school.attendance' AND a.class_id IN %(c)s)
        """, {"c": tuple(class_ids)})
        n_grades, n_grade_logs, n_marks, n_mark_logs = cr.fetchone()
        self.assertEqual(n_grades, n_grade_logs)
        self.assertEqual(n_marks, n_mark_logs)
        self.assertGreater(n_marks, 0)
        # through the ORM path's function, with its labels (school.journal.mixin)
        cr.execute("""SELECT DISTINCT model, field_name, field_label FROM school_change_log
                       WHERE lesson_id IN %s""", (tuple(lessons.ids),))
        self.assertEqual(set(cr.fetchall()), {
            ("school.grade", "value", self.env["school.grade"]._school_field_label("value")),
            ("school.attendance", "code_id", self.env["school.attendance"]._school_field_label("code_id"))})

        # and the ORM reads it back the way the journal shows it
        row = self.env["school.attendance"].search([("class_id", "in", class_ids), ("grade_ids", "!=", False)],
                                                   limit=1)
        self.assertTrue(row.grade_1)
        self.assertIn(row.grade_1, row.cell)
