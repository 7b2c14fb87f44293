"""Printed journals of a grade level or of the school, made by background jobs
(OCA queue_job, models/journal_print.py): a job per class, the archive when
the last one ends, a failure told in Russian and retried.

The jobs are run here as queue_job's runner runs them (its /queue_job/runjob
controller: load, started, perform, done), in the test's transaction."""
import base64
import io
import zipfile

from PyPDF2 import PdfFileReader

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import MODULE, ReportsCase, queued, run_jobs


class TestPrintJobs(ReportsCase):

    def setUp(self):
        super(TestPrintJobs, self).setUp()
        self.enable_pdf()
        self.level5 = self.class_5a.grade_level_id

    def new_print(self, user, **vals):
        values = {"academic_year_id": self.year.id, "grade_level_id": self.level5.id, "period_id": self.q1.id}
        values.update(vals)
        return self.env["school.journal.print"].sudo(user).create(values)

    def test_level_printed_by_jobs_into_one_archive(self):
        """The deputy prints grade 5 for the I quarter: a job per class (5А, 5Б),
        the counter moves job by job, the archive holds each class's PDF and the
        inventory of sheets, and he is told (chatter message with the archive,
        pop-up through the bus)."""
        batch = self.new_print(self.deputy)
        batch.action_start()
        self.assertEqual(batch.state, "running")
        self.assertEqual(batch.line_ids.mapped("class_id"), self.class_5a | self.class_5b)
        jobs = queued(self.env)
        self.assertEqual(len(jobs), 2)
        self.assertEqual(jobs.mapped("user_id"), self.deputy, "the jobs print with the deputy's rights")
        self.assertEqual(batch.progress_text, "0 из 2 журналов")

        self.assertEqual(run_jobs(self.env, limit=1), 1)
        self.assertEqual(batch.progress_text, "1 из 2 журналов")
        self.assertEqual(batch.state, "running")
        run_jobs(self.env)
        self.assertEqual(batch.state, "done")
        self.assertEqual(batch.progress_text, "2 из 2 журналов")
        self.assertEqual(batch.progress, 100.0)

        archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(batch.zip_file)))
        names = archive.namelist()
        self.assertEqual(len(names), 3, names)
        for line in batch.line_ids:
            self.assertEqual(line.state, "done")
            pdf = archive.read(line.pdf_name)
            pages = PdfFileReader(io.BytesIO(pdf)).getNumPages()
            self.assertEqual(line.page_count, pages)
            self.assertEqual(line.sheet_count, pages, "single-sided: a sheet is a page")
            self.assertIn(line.class_id.name, line.pdf_name)
        inventory = archive.read("опись.csv").decode("utf-8-sig").splitlines()
        self.assertEqual(inventory[0], "Класс;Страниц;Листов")
        self.assertIn("%s;%s;%s" % (self.class_5a.name, batch.line_ids[0].page_count, batch.line_ids[0].sheet_count),
                      inventory)
        self.assertEqual(inventory[-1], "Итого;;%s" % batch.sheet_total)
        self.assertEqual(batch.sheet_total, sum(batch.line_ids.mapped("sheet_count")))
        self.assertTrue(batch.zip_name.endswith(".zip"))

        done = batch.message_ids.filtered(lambda m: "Напечатано журналов" in (m.body or ""))
        self.assertTrue(done, batch.message_ids.mapped("body"))
        self.assertIn(self.deputy.partner_id, done.partner_ids)
        self.assertTrue(done.attachment_ids)
        notice = self.env["bus.bus"].sudo().search([("channel", "=", '"notify_info_%s"' % self.deputy.id)])
        self.assertTrue(notice, "web_notify's pop-up for the deputy")

    def test_failed_class_told_in_russian_and_retried(self):
        """A class whose journal cannot be printed (here: the deputy lost the
        right to print between the start and the job) fails with the reason in
        Russian; the others keep their PDFs, no archive is made; once the right
        is back, «Повторить» prints only the failed ones and the archive comes."""
        batch = self.new_print(self.deputy)
        batch.action_start()
        run_jobs(self.env, limit=1)  # 5А printed
        deputy_group = self.env.ref(MODULE + ".group_deputy")
        report = self.env.ref(MODULE + ".action_report_class_journal")
        report.write({"groups_id": [(3, deputy_group.id)]})
        run_jobs(self.env)
        self.assertEqual(batch.state, "failed")
        failed = batch.line_ids.filtered(lambda line: line.state == "failed")
        self.assertEqual(failed.mapped("class_id"), self.class_5b)
        self.assertIn("не напечатан", failed.error)
        self.assertIn("недоступен", failed.error)
        self.assertFalse(batch.zip_file, "nothing half-written: no archive without every class")
        printed = batch.line_ids - failed
        self.assertEqual(printed.state, "done")
        self.assertTrue(printed.pdf_file)
        self.assertTrue(self.env["bus.bus"].sudo().search([("channel", "=", '"notify_warning_%s"' % self.deputy.id)]))

        report.write({"groups_id": [(4, deputy_group.id)]})
        batch.sudo(self.deputy).action_retry()
        self.assertEqual(len(queued(self.env)), 1, "only the failed class is printed again")
        run_jobs(self.env)
        self.assertEqual(batch.state, "done")
        self.assertTrue(batch.zip_file)
        self.assertEqual(batch.progress_text, "2 из 2 журналов")

    def test_rights_and_bad_input(self):
        """Printing a whole level or school is the deputy's and the admin's; a
        teacher or a class teacher cannot even read the prints; a started print
        cannot be changed or started twice; the jobs' results are the server's."""
        for user in (self.teacher, self.class_teacher, self.student_user, self.parent_user):
            with self.assertRefused(AccessError):
                self.new_print(user)
        batch = self.new_print(self.admin, grade_level_id=False, period_id=False)
        with self.assertRefused(AccessError):
            batch.sudo(self.teacher).read(["state"])
        with self.assertRefused(AccessError):
            batch.sudo(self.admin).write({"state": "done"})
        batch.sudo(self.admin).action_start()
        self.assertEqual(batch.line_ids.mapped("class_id"),
                         self.env["school.class"].search([("academic_year_id", "=", self.year.id)]),
                         "the whole school: every class of the year")
        with self.assertRefused(UserError, "нельзя изменить"):
            batch.sudo(self.admin).write({"print_sides": "double"})
        with self.assertRefused(UserError, "уже запущена"):
            batch.sudo(self.admin).action_start()
        with self.assertRefused(UserError, "дождитесь"):
            batch.sudo(self.admin).unlink()
        with self.assertRefused(AccessError):
            batch.line_ids[0].sudo(self.admin).write({"state": "done"})
        # a period of another grade level is refused in Russian
        nine_q1 = self.env["school.period"].search([("kind", "=", "half_year"),
                                                    ("academic_year_id", "=", self.year.id)], limit=1)
        if nine_q1 and self.level5 not in nine_q1.grade_level_ids:
            with self.assertRefused(ValidationError, "не относится"):
                self.new_print(self.deputy, period_id=nine_q1.id)
