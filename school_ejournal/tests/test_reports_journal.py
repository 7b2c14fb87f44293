"""The printed class journal of a demo class: subjects on the sheets, every
sheet numbered «Лист N», the last sheet certifying the real number of sheets."""
import io
import re
import time

from PyPDF2 import PdfFileReader

from odoo.exceptions import AccessError, ValidationError
from odoo.addons.school_ejournal.tools.number_words import certification_text

from .common import ReportsCase, flat, pdftotext


class TestClassJournal(ReportsCase):

    def render(self, school_class, data=None, user=None):
        self.enable_pdf()
        report = self.env.ref("school_ejournal.action_report_class_journal")
        if user:
            report = report.sudo(user)
        started = time.time()
        pdf, fmt = report.render_qweb_pdf(school_class.ids, data)
        return pdf, fmt, time.time() - started

    def test_journal_pdf_of_demo_class(self):
        pdf, fmt, seconds = self.render(self.class_5a, user=self.admin)
        self.assertEqual(fmt, "pdf")
        pages = PdfFileReader(io.BytesIO(pdf)).getNumPages()
        print("\nprinted journal 5А: %d sheets in %.1f s" % (pages, seconds))
        self.assertLess(seconds, 60)
        self.assertGreater(pages, 5)
        text = pdftotext(pdf)
        self.env.cr.execute("""SELECT DISTINCT s.name FROM school_lesson l JOIN school_subject s
                                ON s.id = l.subject_id WHERE l.class_id = %s""", (self.class_5a.id,))
        subjects = [r[0] for r in self.env.cr.fetchall()]
        self.assertTrue(subjects)
        for name in subjects:
            self.assertIn(name, text)
        self.assertIn("КЛАССНЫЙ ЖУРНАЛ", text)
        self.assertIn("Сводная ведомость", text)
        self.assertIn(self.artem.name, flat(text))
        # every sheet carries its number, numbering runs across the document
        for number in (1, 2, pages - 1, pages):
            self.assertRegex(pdftotext(pdf, number, number), r"Лист\s+%d\b" % number)
        last = flat(pdftotext(pdf, pages, pages))
        self.assertIn(certification_text(pages), last)
        self.assertIn("Заверительный лист", last)
        self.assertIn("М.П.", last)
        # the count in the sentence is the real page count of the PDF
        count = int(re.search(r"скреплено печатью (\d+) \(", last).group(1))
        self.assertEqual(count, pages)

    def test_journal_for_one_period_from_the_wizard(self):
        Wizard = self.env["school.report.journal.wizard"].sudo(self.admin)
        action = Wizard.create({"class_id": self.class_5b.id, "scope": "period",
                                "period_id": self.q1.id}).action_print()
        self.assertEqual(action["report_name"], "school_ejournal.report_class_journal")
        # the web client sends the wizard's data without ids in the URL
        self.enable_pdf()
        pdf, _fmt = self.env.ref("school_ejournal.action_report_class_journal").sudo(self.admin) \
            .render_qweb_pdf(None, action["data"])
        pages = PdfFileReader(io.BytesIO(pdf)).getNumPages()
        self.assertIn("I четверть", flat(pdftotext(pdf, 1, 1)))
        self.assertIn(certification_text(pages), flat(pdftotext(pdf, pages, pages)))

    def test_wizard_refuses_a_period_of_another_level(self):
        class_11a = self.env.ref("school_ejournal.demo_class_11a")
        wizard = self.env["school.report.journal.wizard"].sudo(self.admin).create(
            {"class_id": class_11a.id, "scope": "period", "period_id": self.q1.id})
        with self.assertRaisesRegex(ValidationError, "не относится к параллели"):
            wizard.action_print()

    def test_journal_data_in_few_queries(self):
        """The data of a class-year are read in a bounded number of queries,
        whatever the number of lessons and grades."""
        Report = self.env["report.school_ejournal.report_class_journal"]
        queries = []
        cr = self.env.cr
        original = type(cr).execute

        def counting(this, query, params=None, log_exceptions=None):
            queries.append(query)
            return original(this, query, params) if log_exceptions is None else \
                original(this, query, params, log_exceptions)
        self.patch(type(cr), "execute", counting)
        values = Report.get_report_values(self.class_5a.ids, {})
        self.assertLess(len(queries), 30, queries)
        journal = values["journals"][0]
        cells = sum(len(r["cells"]) for s in journal["subjects"] for gs in s["grade_sheets"] for r in gs["rows"])
        self.assertGreater(cells, 1000)

    def test_cells_show_grades_and_absences(self):
        Report = self.env["report.school_ejournal.report_class_journal"]
        grade = self.env["school.grade"].search([("class_id", "=", self.class_5a.id)], limit=1)
        data = Report._journal_data(self.class_5a, self.year.date_start, self.year.date_end)
        self.assertIn(dict(self.env["school.grade"]._fields["value"].selection)[grade.value],
                      data["cells"][(grade.lesson_id.id, grade.student_id.id)])
        absent = self.env["school.attendance"].search([("class_id", "=", self.class_5a.id),
                                                       ("code_id", "!=", False)], limit=1)
        self.assertTrue(data["cells"][(absent.lesson_id.id, absent.student_id.id)]
                        .startswith(absent.code_id.code))

    def test_rights(self):
        Report = self.env["report.school_ejournal.report_class_journal"]
        for user in (self.admin, self.deputy, self.class_teacher):
            Report.sudo(user).get_report_values(self.class_5a.ids, {"part": "certification",
                                                                   "total_sheets": 3})
        for user in (self.parent_user, self.student_user):
            with self.assertRaises(AccessError):
                Report.sudo(user).get_report_values(self.class_5a.ids, {})
