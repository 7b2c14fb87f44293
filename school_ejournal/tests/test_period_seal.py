"""The integrity seal: per-record digests, the company's hash chain,
and a verification that finds changes made behind Odoo's back."""
import hashlib

import psycopg2

from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from ..tools.seal import SEAL_VERSIONS, current_digests_sql
from .common import PeriodCase, queued, run_jobs


class TestPeriodSeal(PeriodCase):
    def setUp(self):
        super(TestPeriodSeal, self).setUp()
        self.set_grades(self.artem, self.math, [("4", self.kind_lesson)] * 3)
        self.suggest_one()
        self.seal = self.close()

    def test_seal_covers_the_period_and_chains(self):
        seal = self.seal
        cr = self.env.cr
        cr.execute("""SELECT count(*) FROM school_lesson l JOIN school_class c ON c.id = l.class_id
                       JOIN school_grade_level_school_period_rel r ON r.school_grade_level_id = c.grade_level_id
                      WHERE r.school_period_id = %s AND l.date BETWEEN %s AND %s""",
                   (self.q1.id, self.q1.date_start, self.q1.date_end))
        self.assertEqual(seal.lesson_count, cr.fetchone()[0])
        self.assertGreater(seal.grade_count, 0)
        self.assertGreater(seal.attendance_count, seal.lesson_count)
        self.assertGreaterEqual(seal.period_grade_count, 1)
        self.assertEqual(seal.record_count, seal.lesson_count + seal.grade_count + seal.attendance_count
                         + seal.period_grade_count + seal.activity_count)
        self.assertEqual(seal.digest, hashlib.sha256(((seal.prev_digest or "") + seal.payload_digest)
                                                     .encode()).hexdigest())
        # the next seal of the school chains to this one
        half = self.env["school.period"].search([("academic_year_id", "=", self.year.id),
                                                 ("kind", "=", "half_year"), ("number", "=", 1)])
        second = self.close(half)
        self.assertEqual((second.prev_seal_id, second.prev_digest, second.sequence),
                         (seal, seal.digest, seal.sequence + 1))
        check = second.sudo(self.deputy).action_verify()
        result = self.env["school.period.seal.check"].browse(check["res_id"])
        self.assertTrue(result.ok, result.report)

    def test_verification_names_a_grade_changed_directly_in_the_database(self):
        check = self.env["school.period.seal.check"].browse(self.seal.sudo(self.deputy).action_verify()["res_id"])
        self.assertTrue(check.ok, check.report)
        grade = self.Grade.search([("student_id", "=", self.artem.id), ("subject_id", "=", self.math.id),
                                   ("date", "<=", self.q1.date_end)], limit=1)
        self.env.cr.execute("UPDATE school_grade SET value = '5', numeric_value = 5 WHERE id = %s", (grade.id,))
        # not even the ORM cache knows about it
        check = self.env["school.period.seal.check"].browse(self.seal.sudo(self.deputy).action_verify()["res_id"])
        self.assertFalse(check.ok)
        self.assertEqual([(l.model, l.res_id, l.problem) for l in check.line_ids],
                         [("school.grade", grade.id, "changed")])
        self.assertIn("school.grade id %s" % grade.id, check.report)
        self.assertFalse(self.seal.last_check_ok)

    def test_verification_finds_added_and_deleted_records(self):
        lesson = self.lessons(self.class_5a, self.math, limit=1)
        row = self.env["school.attendance"].search([("lesson_id", "=", lesson.id)], limit=1)
        cr = self.env.cr
        cr.execute("ALTER TABLE school_attendance DISABLE TRIGGER school_period_refuse_locked_delete")
        cr.execute("ALTER TABLE school_grade DISABLE TRIGGER school_period_refuse_locked_delete")
        cr.execute("DELETE FROM school_grade WHERE attendance_id = %s RETURNING id", (row.id,))
        deleted_grades = [r[0] for r in cr.fetchall()]
        cr.execute("DELETE FROM school_attendance WHERE id = %s", (row.id,))
        cr.execute("""INSERT INTO school_lesson (date, lesson_number, class_id, subject_id, teacher_id, topic)
                      VALUES (%s, 11, %s, %s, %s, 'Вписан задним числом') RETURNING id""",
                   (lesson.date, self.class_5a.id, self.math.id, self.teacher.id))
        added = cr.fetchone()[0]
        problems = {(p[1], p[2], p[3]) for p in self.seal._verify()}
        self.assertIn(("school.attendance", row.id, "deleted"), problems)
        self.assertIn(("school.lesson", added, "added"), problems)
        for grade_id in deleted_grades:
            self.assertIn(("school.grade", grade_id, "deleted"), problems)

    def test_seal_and_items_are_immutable_and_tampering_is_found(self):
        with self.assertRefused(AccessError):
            self.seal.sudo(self.admin).unlink()
        with self.assertRefused(AccessError):
            self.seal.write({"digest": "0" * 64})
        with mute_logger("odoo.sql_db"), self.assertRefused(psycopg2.Error):
            self.env.cr.execute("UPDATE school_period_seal SET digest = %s WHERE id = %s", ("0" * 64, self.seal.id))
        with mute_logger("odoo.sql_db"), self.assertRefused(psycopg2.Error):
            self.env.cr.execute("DELETE FROM school_period_seal_item WHERE seal_id = %s", (self.seal.id,))
        # a database owner who switches the triggers off is still caught by the verification
        cr = self.env.cr
        cr.execute("ALTER TABLE school_period_seal_item DISABLE TRIGGER school_period_seal_item_immutable")
        cr.execute("""UPDATE school_period_seal_item SET digest = md5(digest) || md5(digest)
                       WHERE id = (SELECT min(id) FROM school_period_seal_item WHERE seal_id = %s)""",
                   (self.seal.id,))
        problems = {p[3] for p in self.seal._verify()}
        self.assertIn("items", problems)
        cr.execute("ALTER TABLE school_period_seal DISABLE TRIGGER school_period_seal_immutable")
        cr.execute("UPDATE school_period_seal SET prev_digest = 'x' WHERE id = %s", (self.seal.id,))
        self.seal.invalidate_cache()
        self.assertIn("chain", {p[3] for p in self.seal._verify()})

    def test_only_deputy_and_admin_verify(self):
        self.seal.sudo(self.admin).action_verify()
        with self.assertRefused(AccessError):
            self.seal.sudo(self.teacher).action_verify()
        self.assertFalse(self.env["school.period.seal"].sudo(self.teacher).search([]).exists()
                         if self.env["school.period.seal"].sudo(self.teacher).check_access_rights(
                             "read", raise_exception=False) else False)

    def test_verification_in_background_jobs_one_per_seal_with_what_is_left(self):
        """The deputy checks the year's seals in background: a job per seal, run as he would
        run it; each end is told to him with the seals still to check; a grade changed behind
        Odoo's back is found; a teacher may not start it."""
        half = self.env["school.period"].search([("academic_year_id", "=", self.year.id),
                                                 ("kind", "=", "half_year"), ("number", "=", 1)])
        second = self.close(half)
        seals = self.seal | second
        grade = self.Grade.search([("student_id", "=", self.artem.id), ("subject_id", "=", self.math.id),
                                   ("date", "<=", self.q1.date_end)], limit=1)
        self.env.cr.execute("UPDATE school_grade SET value = '5', numeric_value = 5 WHERE id = %s", (grade.id,))
        with self.assertRefused(AccessError):
            seals.sudo(self.teacher).action_verify_in_background()
        self.assertTrue(seals.sudo(self.deputy).action_verify_in_background())
        seals.sudo(self.deputy).action_verify_in_background()   # asked twice: the same jobs
        jobs = queued(self.env, model="school.period.seal")
        self.assertEqual(len(jobs), 2)
        self.assertEqual(set(jobs.mapped("user_id")), {self.deputy})
        self.assertEqual(seals.mapped("check_queued_uid"), self.deputy)
        self.assertEqual(run_jobs(self.env, limit=1, model="school.period.seal"), 1)
        self.assertEqual(jobs[0].result, "Печать № %s (%s): найдено расхождений: 1. Осталось проверить печатей: 1."
                         % (self.seal.sequence, self.q1.name))
        run_jobs(self.env, model="school.period.seal")
        self.assertEqual(set(jobs.mapped("state")), {"done"})
        self.assertFalse(seals.mapped("check_queued_uid"))
        self.assertEqual(jobs[1].result, "Печать № %s (%s): все данные совпадают с печатью."
                         % (second.sequence, half.name))   # the half-year's seal holds its own grades
        self.assertEqual([(s.last_check_ok, bool(s.last_check_date)) for s in seals], [(False, True), (True, True)])
        self.assertIn("school.grade id %s" % grade.id, self.seal.last_check_report)

    def test_a_background_check_that_fails_says_why_and_is_queued_again(self):
        """The deputy queues a check, then loses the role before it runs: the job refuses as he
        would be refused, says why in Russian, writes no result and frees the seal; queued again
        once he has the role back, it checks and clears the reason."""
        self.seal.sudo(self.deputy).action_verify_in_background()
        deputy_group = self.env.ref("school_ejournal.group_deputy")
        self.deputy.write({"groups_id": [(3, deputy_group.id)]})
        job = queued(self.env, model="school.period.seal")
        with mute_logger("odoo.addons.school_ejournal.models.period_seal"):
            self.assertEqual(run_jobs(self.env, model="school.period.seal"), 1)
        self.assertEqual(job.state, "done")
        self.assertEqual(job.result, "Печать № %s (%s): проверка не выполнена: Проверять целостность может "
                         "заместитель директора или администратор школы." % (self.seal.sequence, self.q1.name))
        self.assertEqual((self.seal.check_queued_uid, self.seal.last_check_date), (self.env["res.users"], False))
        self.assertEqual(self.seal.check_failure,
                         "Проверять целостность может заместитель директора или администратор школы.")
        self.deputy.write({"groups_id": [(4, deputy_group.id)]})
        self.seal.sudo(self.deputy).action_verify_in_background()
        self.assertFalse(self.seal.check_failure)
        run_jobs(self.env, model="school.period.seal")
        self.assertEqual((self.seal.check_failure, self.seal.last_check_ok, self.seal.check_queued_uid),
                         (False, True, self.env["res.users"]))

    def test_every_lookup_of_every_seal_version_uses_an_index(self):
        """A per-record lookup in a seal line that no index can serve scans its whole table once per sealed
        record (a lesson's homework files found by «… OR id IN (…)»: 18 s of a 1,200-pupil school's quarter).
        With sequential scans disabled, the planner still shows one where no index can serve the lookup.
        Generated over every seal version (verification recomputes old seals by their version)."""
        cr = self.env.cr
        cr.execute("SET LOCAL enable_seqscan = off")
        self.addCleanup(cr.execute, "RESET enable_seqscan")
        params = {"start": self.q1.date_start, "end": self.q1.date_end,
                  "levels": list(self.q1.grade_level_ids.ids), "seal": self.seal.id, "year_seal": False}
        for version in sorted(SEAL_VERSIONS):
            cr.execute("EXPLAIN " + current_digests_sql(version), params)
            scans, subplan_depth = [], None
            for (line,) in cr.fetchall():
                depth = len(line) - len(line.lstrip())
                if subplan_depth is not None and depth <= subplan_depth:
                    subplan_depth = None
                if "SubPlan" in line:
                    subplan_depth = depth
                elif subplan_depth is not None and "Seq Scan on" in line:
                    scans.append(line.strip())
            self.assertEqual(scans, [], "seal version %s: a per-record lookup scans a whole table" % version)
