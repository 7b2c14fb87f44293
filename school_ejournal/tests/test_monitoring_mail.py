"""E-mail to parents through a real SMTP server (aiosmtpd on 127.0.0.1): the
weekly digest's content for a child, the parent's opt-out honoured, the class
teacher's report on demand and the teachers' messages wizard."""
import importlib.util
import os

from odoo.exceptions import AccessError
from odoo.tests.common import TransactionCase

from .common import MonitoringCase, queued, run_jobs

WEEK_END = "2026-10-05"   # the digest covers 28.09–04.10.2026


class TestParentMail(MonitoringCase):
    def setUp(self):
        super(TestParentMail, self).setUp()
        self.sink = self.start_sink()
        self.env["mail.mail"].search([]).unlink()
        self.mother = self.parent.partner_id
        self.link = self.env["school.student.guardian"].search([("student_id", "=", self.artem.id),
                                                               ("partner_id", "=", self.mother.id)])
        self.link.write({"notify_by": "both", "digest_opt_out": False})
        self.mother.email = "sokolova.elena@school.example"
        # a grade with a comment, an absence and a remark in the week
        lessons = self.Lesson.search([("class_id", "=", self.class_5a.id), ("date", ">=", "2026-09-28"),
                                      ("date", "<=", "2026-10-02")], order="date, lesson_number")
        self.graded, self.missed = lessons[0], lessons[1]
        self.Grade.search([("lesson_id", "=", self.graded.id), ("student_id", "=", self.artem.id)]).unlink()
        self.Grade.create({"lesson_id": self.graded.id, "student_id": self.artem.id, "value": "5",
                           "comment": "Отличный ответ у доски"})
        self.graded.write({"homework": "Параграф 12, упражнение 7"})
        absent = self.env["school.attendance.code"].search([("counts_as_absence", "=", True)], limit=1)
        row = self.env["school.attendance"].search([("lesson_id", "=", self.missed.id),
                                                    ("student_id", "=", self.artem.id)])
        row.write({"code_id": absent.id, "comment": "Забыл тетрадь"})
        self.absent = absent

    def test_weekly_digest_content(self):
        result = self.Monitoring._cron_weekly_digest(WEEK_END)
        self.assertGreater(result["sent"], 0)
        self.flush_mail()
        mails = self.sink.to("sokolova.elena@school.example")
        artem = [m for m in mails if self.artem.name in str(m["msg"]["Subject"])]
        self.assertEqual(len(artem), 1, "одно письмо на ребёнка")
        text = self.sink.text(artem[0])
        for expected in ("Здравствуйте, %s" % self.mother.name, "28.09.2026", "04.10.2026",
                         self.graded.subject_id.name, "Отличный ответ у доски", "Параграф 12, упражнение 7",
                         self.absent.name, "Забыл тетрадь", "5А"):
            self.assertIn(expected, text)
        # the same week again: nothing is sent twice
        self.assertEqual(self.Monitoring._cron_weekly_digest(WEEK_END)["sent"], 0)
        self.assertFalse(self.env["mail.mail"].search([("state", "=", "outgoing")]))

    def test_weekly_digest_in_background_jobs_by_class_sent_once(self):
        """The scheduled action queues the week's reports in jobs of whole classes and ends;
        the jobs send what the direct run would, honour an opt-out made after queuing, and
        neither a job run again nor the action run again sends anything twice."""
        direct = self.Monitoring._cron_weekly_digest(WEEK_END)["sent"]
        self.env["mail.mail"].search([]).unlink()
        self.env["school.digest.log"].search([]).unlink()
        queuing = self.Monitoring._cron_weekly_digest(WEEK_END, in_jobs=True)
        self.assertEqual(queuing["queued"], direct)
        jobs = queued(self.env, model="school.digest.log")
        self.assertEqual(len(jobs), queuing["jobs"])
        self.assertIn("5А", " ".join(jobs.mapped("name")))
        self.assertFalse(self.env["mail.mail"].search([]), "nothing is sent by the scheduled action itself")
        # queued again before the jobs ran: the same jobs, not new ones
        self.Monitoring._cron_weekly_digest(WEEK_END, in_jobs=True)
        self.assertEqual(len(queued(self.env, model="school.digest.log")), len(jobs))
        self.link.digest_opt_out = True      # after queuing, before the job
        self.assertEqual(run_jobs(self.env, model="school.digest.log"), len(jobs))
        self.assertEqual(set(jobs.mapped("state")), {"done"})
        self.assertEqual(len(self.env["mail.mail"].search([])), direct - 1)
        self.assertEqual(self.env["school.digest.log"].search_count([("guardian_id", "=", self.link.id)]), 0)
        self.link.digest_opt_out = False
        again = self.Monitoring._cron_weekly_digest(WEEK_END, in_jobs=True)
        self.assertEqual((again["queued"], again["jobs"]), (1, 1), "only the mother, back in")
        self.env["school.digest.log"]._job_weekly(jobs[0].args[0], *jobs[0].args[1:])   # a job run twice
        run_jobs(self.env, model="school.digest.log")
        self.assertEqual(len(self.env["mail.mail"].search([])), direct)

    def test_opt_out_and_portal_only_honoured(self):
        self.link.digest_opt_out = True
        father = self.env["school.student.guardian"].search([("student_id", "=", self.artem.id),
                                                            ("id", "!=", self.link.id)], limit=1)
        father.write({"notify_by": "portal"})
        father.partner_id.email = "father.h6@mail.example"
        self.Monitoring._cron_weekly_digest(WEEK_END)
        self.flush_mail()
        self.assertTrue(self.sink.messages, "другие родители письма получили")
        received = [m for m in self.sink.messages if self.artem.name in str(m["msg"]["Subject"])]
        self.assertFalse(received, "мать отказалась, отец выбрал только портал")
        # Дарья's report still goes to the mother (opt-out is per child)
        self.assertTrue([m for m in self.sink.to("sokolova.elena@school.example")
                         if self.darya.name in str(m["msg"]["Subject"])])

    def test_report_on_demand_by_class_teacher(self):
        self.artem.sudo(self.class_teacher).action_send_progress_report(date_from="2026-09-28",
                                                                         date_to="2026-10-04")
        self.flush_mail()
        mails = self.sink.to("sokolova.elena@school.example")
        self.assertEqual(len(mails), 1)
        self.assertIn("Отличный ответ у доски", self.sink.text(mails[0]))
        log = self.env["school.digest.log"].search([("student_id", "=", self.artem.id)])
        self.assertEqual(log.kind, "on_demand")
        self.assertTrue(self.artem.message_ids.filtered(lambda m: "Отчёт об успеваемости" in (m.body or "")))
        with self.assertRaises(AccessError):
            self.artem.sudo(self.teacher).action_send_progress_report()
        with self.assertRaises(AccessError):
            self.darya.sudo(self.class_teacher).action_send_progress_report()

    def test_message_wizard_to_chosen_students(self):
        other = self.env["school.student"].search([("current_class_id", "=", self.class_5a.id),
                                                   ("id", "!=", self.artem.id)], limit=1)
        other_links = self.env["school.student.guardian"].search([("student_id", "=", other.id)])
        other_links.write({"notify_by": "none"})
        wizard = self.env["school.parent.message"].sudo(self.teacher).create({
            "student_ids": [(6, 0, [self.artem.id, other.id])], "subject": "Контрольная по математике",
            "body": "<p>В пятницу контрольная работа по теме «Дроби».</p>"})
        wizard.action_send()
        self.flush_mail()
        mails = self.sink.to("sokolova.elena@school.example")
        self.assertEqual(len(mails), 1)
        text = self.sink.text(mails[0])
        self.assertIn("Контрольная по математике", text)
        self.assertIn("Дроби", text)
        for partner in other_links.mapped("partner_id").filtered("email"):
            self.assertFalse(self.sink.to(partner.email), "родитель без уведомлений не получает писем")
        for student in (self.artem, other):
            logged = student.message_ids.filtered(lambda m: m.subject == "Контрольная по математике")
            self.assertEqual(len(logged), 1, "сообщение записано у ученика")
            self.assertEqual(logged.author_id, self.teacher.partner_id)

    def test_message_wizard_to_class_by_class_teacher(self):
        wizard = self.env["school.parent.message"].sudo(self.class_teacher).create({
            "class_id": self.class_5a.id, "subject": "Родительское собрание",
            "body": "<p>Собрание в четверг в 18:00.</p>"})
        wizard.action_send()
        self.flush_mail()
        roster = self.class_5a._get_roster(wizard.create_date[:10])
        links = self.env["school.student.guardian"].search([("student_id", "in", roster.ids),
                                                           ("notify_by", "in", ("email", "both"))])
        emails = set(links.mapped("partner_id").filtered("email").mapped("email"))
        received = {addr for m in self.sink.messages for addr in m["to"]
                    if "Родительское собрание" in str(m["msg"]["Subject"])}
        self.assertTrue(emails)
        self.assertTrue(emails <= received, emails - received)
        self.assertEqual(len(roster.filtered(lambda s: s.message_ids.filtered(
            lambda m: m.subject == "Родительское собрание"))), len(roster))

    def test_message_wizard_refuses_foreign_class(self):
        wizard = self.env["school.parent.message"].sudo(self.teacher).create({
            "class_id": self.class_9a.id, "subject": "Чужой класс", "body": "<p>Текст</p>"})
        with self.assertRaises(AccessError):
            wizard.action_send()
        self.assertFalse(self.env["mail.message"].search([("subject", "=", "Чужой класс")]))


class TestWeeklyCronMigration(TransactionCase):
    def test_an_installed_schools_weekly_cron_moves_to_jobs_unless_the_school_changed_it(self):
        """The cron record is noupdate: the update to 11.0.1.2.0 moves the old default code to
        the jobs, and leaves a code the school wrote itself."""
        path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "migrations", "11.0.1.2.0",
                            "post-migrate.py")
        spec = importlib.util.spec_from_file_location("weekly_cron_migration", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        cron = self.env.ref("school_ejournal.cron_monitoring_weekly_digest")
        old, jobs, own = ("model._cron_weekly_digest()", "model._cron_weekly_digest(in_jobs=True)",
                          "model._cron_weekly_digest('2026-10-05')")
        for stored, expected in ((old, jobs), (old + "\n", jobs), (own, own), (jobs, jobs)):
            cron.write({"code": stored})
            migration.migrate(self.env.cr, "11.0.1.1.0")
            cron.invalidate_cache()
            self.assertEqual(cron.code, expected)
