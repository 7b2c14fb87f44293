"""Rule 14 «Печатные листы»: a «лист» is a physical sheet. The printed journal
is printed single- or double-sided (the wizard's choice, by default the
school's setting) and the certification counts sheets accordingly (double-sided:
pages / 2 rounded up; 7 pages → «4 листа», single-sided 7 → «7 листов»); the
сводная ведомость ends with the pedagogical council's decision
(school.council.decision): «условно переведён (алгебра)»."""
import tempfile

import odoo
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.school_ejournal.tools.number_words import certification_text, sheet_count

from .common import MODULE, PeriodCase


class PrintCase(PeriodCase):
    def setUp(self):
        super(PrintCase, self).setUp()
        self.Report = self.env["report.school_ejournal.report_class_journal"]
        self.Decision = self.env["school.council.decision"]
        self.alg = self.env.ref(MODULE + ".subject_alg")

    def certification(self, pages, sides, user=None):
        report = self.Report.sudo(user) if user else self.Report
        return report.get_report_values(self.class_5a.ids, {"part": "certification", "total_pages": pages,
                                                            "print_sides": sides})["certification"]


class TestRule14Sheets(PrintCase):
    def test_rule14_double_sided_7_pages_are_4_sheets_single_sided_7_sheets(self):
        self.assertEqual((sheet_count(7, True), sheet_count(7, False), sheet_count(8, True), sheet_count(1, True)),
                         (4, 7, 4, 1))
        self.assertEqual(self.certification(7, "double"),
                         "Прошито, пронумеровано и скреплено печатью 4 (четыре) листа.")
        self.assertEqual(self.certification(7, "single"),
                         "Прошито, пронумеровано и скреплено печатью 7 (семь) листов.")

    def test_rule14_the_sentence_is_grammatical_1_list_2_lista_5_listov(self):
        self.assertTrue(certification_text(1).endswith("1 (один) лист."))
        self.assertTrue(certification_text(2).endswith("2 (два) листа."))
        self.assertTrue(certification_text(5).endswith("5 (пять) листов."))
        self.assertIn("21 (двадцать один) лист.", self.certification(41, "double"))

    def test_rule14_the_wizard_offers_the_schools_setting_and_passes_the_choice(self):
        self.assertEqual(self.company.school_print_sides, "single")
        Wizard = self.env["school.report.journal.wizard"].sudo(self.class_teacher)
        self.assertEqual(Wizard.create({"class_id": self.class_5a.id}).print_sides, "single")
        self.company.write({"school_print_sides": "double"})
        wizard = Wizard.create({"class_id": self.class_5a.id})
        self.assertEqual(wizard.print_sides, "double")
        self.assertEqual(wizard._data()["print_sides"], "double")
        # without the wizard's choice the school's setting decides
        values = self.Report.get_report_values(self.class_5a.ids, {"part": "certification", "total_pages": 7})
        self.assertEqual((values["total_sheets"], values["double_sided"]), (4, True))
        wizard.print_sides = "single"
        self.assertEqual(wizard._data()["print_sides"], "single")

    def test_rule14_a_double_sided_pdf_certifies_half_its_pages_rounded_up(self):
        import io
        import re

        from PyPDF2 import PdfFileReader

        from .common import pdftotext
        wizard = self.env["school.report.journal.wizard"].sudo(self.admin).create({
            "class_id": self.class_5b.id, "scope": "period", "period_id": self.q1.id, "print_sides": "double"})
        action = wizard.action_print()
        # real wkhtmltopdf output inside the test transaction (reports_common.ReportsCase.enable_pdf)
        self.patch(odoo.tools.config, "options", dict(odoo.tools.config.options, test_enable=True,
                                                      test_report_directory=tempfile.gettempdir()))
        report = self.env.ref(MODULE + ".action_report_class_journal").sudo(self.admin)
        pdf, _fmt = report.render_qweb_pdf(None, action["data"])
        self.assertTrue(pdf.startswith(b"%PDF"))
        pages = PdfFileReader(io.BytesIO(pdf)).getNumPages()
        last = " ".join(pdftotext(pdf, pages, pages).split())
        count = int(re.search(r"скреплено печатью (\d+) \(", last).group(1))
        self.assertEqual(count, (pages + 1) // 2)
        self.assertIn("Стр. %d" % pages, last)

    def test_rule14_the_regulation_states_the_printing(self):
        report = self.env.ref(MODULE + ".action_report_school_regulation").sudo(self.admin)
        company = self.env.ref("base.main_company")
        html = report.render_qweb_html(company.ids)[0].decode()
        self.assertIn("печатается с одной стороны листа", html)
        company.write({"school_print_sides": "double"})
        html = report.render_qweb_html(company.ids)[0].decode()
        self.assertIn("печатается с двух сторон листа", html)
        self.assertIn("решение педагогического совета", html)
        self.assertIn("задано на", html)   # rule 11 as the act states it


class TestRule14CouncilDecision(PrintCase):
    def test_rule14_summary_sheet_shows_the_decision_conditional_algebra(self):
        self.Decision.sudo(self.deputy).create({
            "student_id": self.darya.id, "academic_year_id": self.year.id, "class_id": self.class_9a.id,
            "decision": "conditional", "debt_subject_ids": [(6, 0, self.alg.ids)],
            "retake_deadline": "2027-09-15", "protocol_number": "7", "protocol_date": "2027-05-30"})
        values = self.Report.sudo(self.deputy).get_report_values(self.class_9a.ids, {})
        sheet = values["journals"][0]["summary_sheets"][-1]
        self.assertTrue(sheet["decision_column"])
        row = [r for r in sheet["rows"] if r["name"] == self.darya.name][0]
        self.assertEqual(row["decision"], "условно переведён (алгебра)")
        html = self.env.ref(MODULE + ".action_report_class_journal").sudo(self.deputy).render_qweb_html(
            self.class_9a.ids, data={"part": "body"})[0].decode()
        self.assertIn("Решение педсовета", html)
        self.assertIn("условно переведён (алгебра)", html)

    def test_rule14_summary_xlsx_ends_with_the_decision_column(self):
        import xlrd
        self.Decision.sudo(self.deputy).create({
            "student_id": self.artem.id, "academic_year_id": self.year.id, "class_id": self.class_5a.id,
            "decision": "conditional", "debt_subject_ids": [(6, 0, self.math.ids)]})
        wizard = self.env["school.report.gradebook.wizard"].sudo(self.class_teacher).create(
            {"class_id": self.class_5a.id})
        content, _fmt = self.env.ref(MODULE + ".action_report_summary_xlsx").sudo(self.class_teacher).with_context(
            active_model=wizard._name).render_xlsx(wizard.ids, {})
        sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
        last = sheet.row_values(2).index("Решение педсовета")
        row = sheet.col_values(1).index(self.artem.name)
        self.assertEqual(sheet.cell_value(row, last), "условно переведён (математика)")

    def test_rule14_fill_from_year_grades_no_2_promoted_a_2_conditional(self):
        pupils = self.class_5a._get_roster(self.year.date_end)
        self.assertIn(self.artem, pupils)
        for pupil, value in ((self.artem, "2"), ((pupils - self.artem)[:1], "4")):
            self.PeriodGrade.create({"student_id": pupil.id, "class_id": self.class_5a.id,
                                     "subject_id": self.math.id, "period_id": self.year_period.id,
                                     "kind": "year", "value": value})
        wizard = self.env["school.council.decision.fill"].sudo(self.deputy).create({
            "class_id": self.class_5a.id, "protocol_number": "12", "protocol_date": "2027-05-28",
            "retake_deadline": "2027-09-20"})
        wizard.action_fill()
        decisions = self.Decision.search([("class_id", "=", self.class_5a.id)])
        self.assertEqual(decisions.filtered(lambda d: d.decision != "left").mapped("student_id"), pupils)
        artem = decisions.filtered(lambda d: d.student_id == self.artem)
        self.assertEqual((artem.decision, artem.label, artem.retake_deadline),
                         ("conditional", "условно переведён (математика)", "2027-09-20"))
        self.assertEqual(set((decisions - artem).mapped("decision")), {"promoted"})
        self.assertEqual(set(decisions.mapped("protocol_number")), {"12"})
        # a second fill keeps what the council recorded
        artem.sudo(self.deputy).write({"decision": "promoted", "debt_subject_ids": [(5,)],
                                       "retake_deadline": False})
        with self.assertRaises(UserError):
            wizard.action_fill()
        self.assertEqual(artem.decision, "promoted")

    def test_rule14_decision_checks(self):
        values = {"student_id": self.artem.id, "academic_year_id": self.year.id, "class_id": self.class_5a.id}
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.Decision.create(dict(values, decision="conditional"))      # no subjects of debt
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.Decision.create(dict(values, decision="conditional", debt_subject_ids=[(6, 0, self.math.ids)],
                                      retake_deadline="2027-05-01"))        # before the year ends
        decision = self.Decision.sudo(self.deputy).create(dict(values, decision="promoted"))
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.Decision.create(dict(values, decision="left"))             # one per pupil and year
        with self.assertRaises((AccessError, UserError)), self.env.cr.savepoint():
            decision.sudo(self.deputy).write({"student_id": self.darya.id})  # create-only


class TestRule14DecisionRights(PrintCase):
    def setUp(self):
        super(TestRule14DecisionRights, self).setUp()
        self.mine = self.Decision.create({"student_id": self.artem.id, "academic_year_id": self.year.id,
                                          "class_id": self.class_5a.id, "decision": "promoted"})
        self.sister = self.Decision.create({"student_id": self.darya.id, "academic_year_id": self.year.id,
                                            "class_id": self.class_9a.id, "decision": "graduated"})
        self.classmate = self.env["school.student"].search([("current_class_id", "=", self.class_5a.id),
                                                            ("id", "!=", self.artem.id)], limit=1)
        self.other = self.Decision.create({"student_id": self.classmate.id, "academic_year_id": self.year.id,
                                           "class_id": self.class_5a.id, "decision": "promoted"})

    def visible(self, user):
        return self.Decision.sudo(user).search([("id", "in", (self.mine | self.sister | self.other).ids)])

    def test_rule14_rights_deputy_and_admin_write_class_teacher_reads_his_class(self):
        for user in (self.deputy, self.admin):
            self.assertEqual(self.visible(user), self.mine | self.sister | self.other)
            self.mine.sudo(user).write({"protocol_number": "5"})
        with self.assertRaises(AccessError):
            self.mine.sudo(self.deputy).unlink()
        self.other.sudo(self.admin).unlink()
        # the class teacher of 5А: his class, read only; no filling either
        self.assertEqual(self.visible(self.class_teacher), self.mine)
        with self.assertRaises(AccessError):
            self.mine.sudo(self.class_teacher).write({"decision": "repeat"})
        with self.assertRaises(AccessError):
            self.Decision.sudo(self.class_teacher).create({
                "student_id": self.classmate.id, "academic_year_id": self.year.id,
                "class_id": self.class_5a.id, "decision": "promoted"})
        wizard = self.env["school.council.decision.fill"].sudo(self.class_teacher).create(
            {"class_id": self.class_5a.id})
        with self.assertRaises(AccessError):
            wizard.action_fill()
        # a subject teacher does not read decisions; his print of the journal has an empty column
        with self.assertRaises(AccessError):
            self.Decision.sudo(self.teacher).search([])
        data = self.Report.sudo(self.teacher)._journal_data(self.class_5a, self.year.date_start, self.year.date_end)
        row = [s for s in data["students"] if s["id"] == self.artem.id][0]
        self.assertEqual(row["decision"], "")
        data = self.Report.sudo(self.class_teacher)._journal_data(self.class_5a, self.year.date_start,
                                                                  self.year.date_end)
        self.assertEqual([s for s in data["students"] if s["id"] == self.artem.id][0]["decision"], "переведён")

    def test_rule14_rights_pupils_and_parents_read_their_own(self):
        self.assertEqual(self.visible(self.student_user), self.mine)
        self.assertEqual(self.visible(self.parent_user), self.mine | self.sister)
        for user in (self.student_user, self.parent_user):
            with self.assertRaises(AccessError):
                self.mine.sudo(user).write({"decision": "repeat"})
        with self.assertRaises(AccessError):
            self.other.sudo(self.student_user).read(["decision"])
