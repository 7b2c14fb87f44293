"""Backup and restore (docs/backup-restore.md): the test database with a
closed and sealed period is dumped by scripts/backup.sh, restored into a new
database by scripts/restore.sh; there the seal still verifies, the filestore is
back, and tampering after the restore is detected. A damaged backup is refused."""
import os
import shutil
import subprocess
import tempfile

import odoo
from odoo import api
from odoo.tests.common import TransactionCase, get_db_name

from .common import ROOT, remove_lesson, undo_closing

MODULE = "school_ejournal"
DAY = "2026-11-17"


class TestBackupRestore(TransactionCase):

    def run_script(self, *args, check=True):
        env = dict(os.environ, DATA_DIR=odoo.tools.config["data_dir"])
        return subprocess.run(["bash", os.path.join(ROOT, "scripts", args[0])] + list(args[1:]), env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
                              timeout=600, check=check)

    def setUp(self):
        super().setUp()
        self.db = get_db_name()
        self.registry_ = odoo.registry(self.db)
        ref = self.env.ref
        self.class_5a = ref(MODULE + ".demo_class_5a")
        self.teacher = ref(MODULE + ".user_teacher")
        self.q2 = self.env["school.period"].search([("kind", "=", "quarter"), ("number", "=", 2),
                                                    ("academic_year_id", "=", self.class_5a.academic_year_id.id),
                                                    ("grade_level_ids", "in", self.class_5a.grade_level_id.ids)])
        subject = self.env["school.teaching.assignment"].search([("teacher_id", "=", self.teacher.id),
                                                                 ("class_id", "=", self.class_5a.id)],
                                                                limit=1).subject_id
        # committed: a lesson with a grade in the II quarter, then the quarter closed and sealed
        with self.registry_.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            # a free slot of the bell schedule on that day
            taken = set(env["school.lesson"].search([("class_id", "=", self.class_5a.id),
                                                     ("date", "=", DAY)]).mapped("lesson_number"))
            number = max(set(range(1, 8)) - taken)
            lesson = env["school.lesson"].create({
                "date": DAY, "lesson_number": number, "class_id": self.class_5a.id, "subject_id": subject.id,
                "teacher_id": self.teacher.id, "topic": "Перед резервной копией"})
            self.lesson_id = lesson.id
            grade = env["school.grade"].sudo(self.teacher).create({
                "lesson_id": lesson.id, "student_id": lesson.attendance_ids[:1].student_id.id, "value": "5"})
            self.grade_id = grade.id
            period = env["school.period"].browse(self.q2.id)
            env.cr.commit()
            self.seal_id = period.sudo(self.env.ref(MODULE + ".user_school_admin"))._close_levels(
                self.class_5a.grade_level_id).id
        self.addCleanup(self.cleanup)
        self.tmp = tempfile.mkdtemp(prefix="h10_backup_")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.new_db = "%s_restored_%s" % (self.db, os.getpid())
        self.addCleanup(self.drop_new_db)

    def cleanup(self):
        with self.registry_.cursor() as cr:
            undo_closing(cr, self.q2.id)
            remove_lesson(cr, self.lesson_id)

    def drop_new_db(self):
        odoo.modules.registry.Registry.delete(self.new_db)
        odoo.sql_db.close_db(self.new_db)
        subprocess.run(["dropdb", "--if-exists", self.new_db], check=False)
        shutil.rmtree(odoo.tools.config.filestore(self.new_db), ignore_errors=True)

    def test_dump_restore_verify_and_detect_tampering(self):
        base = self.run_script("backup.sh", self.db, self.tmp).stdout.strip().splitlines()[-1]
        for suffix in (".dump", ".filestore.tar.gz", ".sha256"):
            self.assertTrue(os.path.getsize(base + suffix) > 0, suffix)
        self.cleanup()  # the test database is back as it was; the backup keeps the sealed quarter
        self.run_script("restore.sh", base, self.new_db)
        # the filestore came back, file for file
        source = odoo.tools.config.filestore(self.db)
        restored = odoo.tools.config.filestore(self.new_db)
        count = lambda path: sum(len(files) for _r, _d, files in os.walk(path))
        self.assertEqual(count(restored), count(source))
        with odoo.registry(self.new_db).cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            seal = env["school.period.seal"].browse(self.seal_id)
            self.assertTrue(seal.exists())
            self.assertEqual(seal.grade_count, env["school.grade"].search_count([
                ("lesson_id.date", ">=", self.q2.date_start), ("lesson_id.date", "<=", self.q2.date_end),
                ("lesson_id.class_id.grade_level_id", "=", self.class_5a.grade_level_id.id)]))
            self.assertEqual(seal._verify(), [], "the seal does not verify after the restore")
            self.assertIn(env["school.period"].browse(self.q2.id).state, ("partial", "closed"))
            # tampering after the restore, behind the application's back
            cr.execute("UPDATE school_grade SET value = '2', numeric_value = 2 WHERE id = %s", (self.grade_id,))
            env.invalidate_all() if hasattr(env, "invalidate_all") else env.clear()
            problems = seal._verify()
            self.assertEqual([(p[1], p[2], p[3]) for p in problems], [("school.grade", self.grade_id, "changed")])
            cr.rollback()
        # the test database itself: nothing of the backup's closing is left
        self.assertEqual(self.env["school.period"].browse(self.q2.id).state, "open")

    def test_damaged_backup_is_refused(self):
        base = self.run_script("backup.sh", self.db, self.tmp).stdout.strip().splitlines()[-1]
        with open(base + ".dump", "r+b") as f:
            f.seek(100)
            f.write(b"\x00tampered\x00")
        result = self.run_script("restore.sh", base, self.new_db, check=False)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("checksums", result.stderr)
        exists = subprocess.run(["psql", "-d", "postgres", "-tAc",
                                 "SELECT 1 FROM pg_database WHERE datname = '%s'" % self.new_db],
                                stdout=subprocess.PIPE, universal_newlines=True).stdout.strip()
        self.assertEqual(exists, "")
