"""Who may print the reports, finding by finding: a pupil or a parent got the
whole class's marks and absences (incl. «б») from the Excel gradebook and
сводная ведомость; a teacher printed the journal of a class he does not teach
(birth dates, marks his rules hide). Plus: the rows of a print follow the
printing user's record rules, one real PDF through the portal's path, the
report wizards refused in Russian, the barcode image still drawn."""
from odoo.exceptions import AccessError
from odoo.tests.common import HOST, PORT, HttpCase

from .common import MODULE, ReportsCase, http_browser, pdftotext, set_demo_refs

TIMEOUT = 300


class TestReportProbes(HttpCase):

    def setUp(self):
        super().setUp()
        set_demo_refs(self)
        self.class_9a = self.env["school.class"].search([("name", "=", "9А")], limit=1)
        self.classmate = self.env["school.student"].search([
            ("current_class_id", "=", self.class_5a.id), ("id", "!=", self.artem.id)], limit=1)
        self.pupil_9a = self.env["school.student"].search([
            ("current_class_id", "=", self.class_9a.id), ("id", "!=", self.darya.id),
            ("birth_date", "!=", False)], limit=1)

    def get(self, user, path):
        self.cr.commit()  # a savepoint: the request rolls back to it
        return http_browser(self, user).get("http://%s:%s%s" % (HOST, PORT, path), timeout=TIMEOUT,
                                            allow_redirects=False)

    def own_wizard(self, user, values):
        """The gradebook wizard as the portal user would have it (created by him)."""
        Wizard = self.env["school.report.gradebook.wizard"]
        with self.assertRaises(AccessError) as caught:
            Wizard.sudo(user).create(values)
        self.assertRegex(str(caught.exception), "[А-Яа-я]")
        wizard = Wizard.sudo().create(values)
        self.env.cr.execute("UPDATE school_report_gradebook_wizard SET create_uid = %s WHERE id = %s",
                            (user.id, wizard.id))
        wizard.invalidate_cache()
        return wizard

    def assert_refused(self, response, *secrets):
        self.assertEqual(response.status_code, 403, response.text[:300])
        self.assertFalse(response.content.startswith(b"PK"))
        self.assertRegex(response.text, "[А-Яа-я]")
        for secret in secrets:
            self.assertNotIn(secret, response.text)

    def test_pupil_gets_no_class_gradebook_xlsx(self):
        student = self.env.ref(MODULE + ".user_student")
        wizard = self.own_wizard(student, {"class_id": self.class_5a.id, "subject_id": self.math.id,
                                           "period_id": self.q1.id})
        response = self.get(student, "/report/xlsx/school_ejournal.xlsx_gradebook/%s" % wizard.id)
        self.assert_refused(response, self.classmate.name)

    def test_parent_gets_no_class_summary_xlsx(self):
        parent = self.env.ref(MODULE + ".user_parent")
        wizard = self.own_wizard(parent, {"class_id": self.class_5a.id})
        response = self.get(parent, "/report/xlsx/school_ejournal.xlsx_summary/%s" % wizard.id)
        self.assert_refused(response, self.classmate.name)

    def test_teacher_gets_no_journal_of_a_foreign_class(self):
        teacher = self.env.ref(MODULE + ".user_teacher")
        self.assertNotIn(self.class_9a, self.env["school.teaching.assignment"].search(
            [("teacher_id", "=", teacher.id)]).mapped("class_id"))
        birth = self.pupil_9a.birth_date  # 'YYYY-MM-DD' → printed as DD.MM.YYYY
        printed_birth = "%s.%s.%s" % (birth[8:10], birth[5:7], birth[0:4])
        for fmt in ("html", "pdf"):
            response = self.get(teacher, "/report/%s/school_ejournal.report_class_journal/%s"
                                % (fmt, self.class_9a.id))
            self.assert_refused(response, self.pupil_9a.name, printed_birth)
        # his own class prints
        response = self.get(teacher, "/report/html/school_ejournal.report_class_journal/%s" % self.class_5a.id)
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.artem.name, response.text)

    def test_barcode_is_still_drawn(self):
        response = self.get(None, "/report/barcode/QR/%s?width=200&height=200" % "school")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers.get("Content-Type"), "image/png")


class TestReportRows(ReportsCase):
    """The rows of a print are the rows the printing user's rules show."""

    def period_grade(self, subject, value, state="draft"):
        PeriodGrade = self.env["school.period.grade"]
        PeriodGrade.search([("student_id", "=", self.artem.id), ("subject_id", "=", subject.id),
                            ("period_id", "=", self.q1.id)]).unlink()
        grade = PeriodGrade.create({"student_id": self.artem.id, "subject_id": subject.id, "period_id": self.q1.id,
                                    "class_id": self.class_5a.id, "kind": "quarter", "value": value})
        if state != "draft":
            self.env.cr.execute("UPDATE school_period_grade SET state = %s WHERE id = %s", (state, grade.id))
            grade.invalidate_cache()
        return grade

    def test_teacher_journal_has_only_his_period_grades(self):
        russian = self.env.ref(MODULE + ".subject_rus")
        self.period_grade(self.math, "4")
        self.period_grade(russian, "5")
        Report = self.env["report.school_ejournal.report_class_journal"]
        key_math, key_russian = (self.artem.id, self.math.id, self.q1.id), (self.artem.id, russian.id, self.q1.id)
        seen = Report.sudo(self.teacher)._journal_data(self.class_5a, self.year.date_start, self.year.date_end)
        self.assertEqual(seen["period_grades"].get(key_math), "4")
        self.assertNotIn(key_russian, seen["period_grades"])  # not his subject: his rules hide it
        seen = Report.sudo(self.class_teacher)._journal_data(self.class_5a, self.year.date_start, self.year.date_end)
        self.assertEqual(seen["period_grades"].get(key_russian), "5")  # his own class

    def test_parent_progress_has_no_draft_period_grade(self):
        self.period_grade(self.math, "4")
        Report = self.env["report.school_ejournal.report_student_progress"]
        math = self.math.name
        by_parent = {s["name"]: s for s in Report.sudo(self.parent_user)._student_data(self.artem, self.q1.id)["subjects"]}
        by_staff = {s["name"]: s for s in Report.sudo(self.class_teacher)._student_data(self.artem, self.q1.id)["subjects"]}
        self.assertEqual(by_staff[math]["period_grade"], "4")
        self.assertEqual(by_parent[math]["period_grade"], "")  # a draft: the portal shows confirmed ones only
        self.assertEqual(by_parent[math]["grades"], by_staff[math]["grades"])

    def test_progress_pdf_as_the_portal_prints_it(self):
        """One real PDF (wkhtmltopdf), printed as the parent the way /my/report/pdf does."""
        self.enable_pdf()
        report = self.env.ref(MODULE + ".action_report_student_progress")
        pdf, fmt = report.sudo(self.parent_user).render_qweb_pdf([self.artem.id])
        self.assertEqual(fmt, "pdf")
        self.assertIn(self.artem.name.split()[0], pdftotext(pdf))
        other = self.env["school.student"].search([("id", "not in", (self.artem | self.darya).ids)], limit=1)
        with self.assertRaises(AccessError):
            report.sudo(self.parent_user).render_qweb_pdf([other.id])
        with self.assertRaises(AccessError):
            self.env.ref(MODULE + ".action_report_class_journal").sudo(self.parent_user).render_qweb_pdf(
                [self.class_5a.id])

    def test_report_wizards_refused_in_russian(self):
        employee = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Сотрудник без роли", "login": "reports_access_employee",
            "groups_id": [(6, 0, [self.env.ref("base.group_user").id])]})
        wizards = {
            "school.report.journal.wizard": {"class_id": self.class_5a.id},
            "school.report.attendance.wizard": {"date_from": self.q1.date_start, "date_to": self.q1.date_end},
            "school.report.metrics.wizard": {"period_id": self.q1.id},
            "school.report.gradebook.wizard": {"class_id": self.class_5a.id},
            "school.period.export.wizard": {"period_id": self.q1.id},
        }
        for model, values in wizards.items():
            for user in (self.student_user, self.parent_user, employee):
                with self.assertRaises(AccessError, msg="%s %s" % (model, user.login)) as caught:
                    self.env[model].sudo(user).create(values)
                self.assertRegex(str(caught.exception), "[А-Яа-я]")
        with self.assertRaises(AccessError):
            self.env["school.report.metrics.wizard"].sudo(self.teacher).create({"period_id": self.q1.id})
        with self.assertRaises(AccessError):
            self.env["school.period.export.wizard"].sudo(self.teacher).create({"period_id": self.q1.id})
        # the roles that print them still can
        self.env["school.report.gradebook.wizard"].sudo(self.teacher).create({"class_id": self.class_5a.id})
        self.env["school.report.metrics.wizard"].sudo(self.deputy).create({"period_id": self.q1.id})

    def test_gradebook_wizard_of_a_foreign_class_is_refused_at_print(self):
        """The wizard's class is checked when printing, as the user who prints."""
        class_9a = self.env["school.class"].search([("name", "=", "9А")], limit=1)
        wizard = self.env["school.report.gradebook.wizard"].sudo(self.teacher).create({
            "class_id": class_9a.id, "subject_id": self.math.id, "period_id": self.q1.id})
        report = self.env.ref(MODULE + ".action_report_gradebook_xlsx")
        with self.assertRaises(AccessError):
            report.sudo(self.teacher).with_context(active_model=wizard._name).render_xlsx(wizard.ids, {})
