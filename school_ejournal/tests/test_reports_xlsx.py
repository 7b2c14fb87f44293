"""XLSX exports (OCA report_xlsx): gradebook, сводная ведомость, metrics table."""
import xlrd

from .common import ReportsCase


class TestXlsx(ReportsCase):

    def open(self, xmlid, wizard):
        report = self.env.ref(xmlid)
        content, fmt = report.with_context(active_model=wizard._name).render_xlsx(wizard.ids, {})
        self.assertEqual(fmt, "xlsx")
        self.assertTrue(content.startswith(b"PK"))
        return xlrd.open_workbook(file_contents=content)

    def test_gradebook(self):
        wizard = self.env["school.report.gradebook.wizard"].sudo(self.teacher).create({
            "class_id": self.class_5a.id, "subject_id": self.math.id, "period_id": self.q1.id})
        book = self.open("school_ejournal.action_report_gradebook_xlsx", wizard.sudo(self.teacher))
        sheet = book.sheet_by_index(0)
        self.assertIn("Математика", sheet.cell_value(0, 0))
        self.assertIn("5А", sheet.cell_value(0, 0))
        header = sheet.row_values(2)
        self.assertEqual(header[:2], ["№", "Ученик"])
        self.assertEqual(header[-2:], ["Средний балл", "За период"])
        lessons = self.env["school.lesson"].search([
            ("class_id", "=", self.class_5a.id), ("subject_id", "=", self.math.id),
            ("date", ">=", self.q1.date_start), ("date", "<=", self.q1.date_end)], order="date, lesson_number")
        self.assertEqual(len(header) - 4, len(lessons))
        # Artem's row holds his grades and the one weighted average
        names = sheet.col_values(1)
        row = names.index(self.artem.name)
        grades = self.env["school.grade"].search([("student_id", "=", self.artem.id),
                                                  ("lesson_id", "in", lessons.ids)])
        self.assertTrue(grades)
        labels = dict(self.env["school.grade"]._fields["value"].selection)
        for grade in grades.filtered(lambda g: g.sequence == 1):
            col = 2 + list(lessons.ids).index(grade.lesson_id.id)
            self.assertIn(labels[grade.value], sheet.cell_value(row, col))
        average = self.env["school.grade"]._weighted_averages(
            [self.artem.id], [self.math.id], self.q1.date_start, self.q1.date_end)[(self.artem.id, self.math.id)]
        self.assertAlmostEqual(sheet.cell_value(row, len(header) - 2), average)
        self.assertEqual(book.sheet_by_index(1).cell_value(0, 2), "Тема урока")

    def test_summary_with_period_grade(self):
        self.env["school.period.grade"].search([("student_id", "=", self.artem.id),
                                                ("subject_id", "=", self.math.id),
                                                ("period_id", "=", self.q1.id)]).unlink()
        self.env["school.period.grade"].create({
            "student_id": self.artem.id, "subject_id": self.math.id, "period_id": self.q1.id,
            "class_id": self.class_5a.id, "kind": "quarter", "value": "4"})
        wizard = self.env["school.report.gradebook.wizard"].sudo(self.class_teacher).create(
            {"class_id": self.class_5a.id})
        sheet = self.open("school_ejournal.action_report_summary_xlsx",
                          wizard.sudo(self.class_teacher)).sheet_by_index(0)
        self.assertIn("Сводная ведомость", sheet.cell_value(0, 0))
        subjects = sheet.row_values(2)
        col = subjects.index("Математика")
        self.assertEqual(sheet.cell_value(3, col), "1 ч.")
        row = sheet.col_values(1).index(self.artem.name)
        self.assertEqual(sheet.cell_value(row, col), "4")

    def test_metrics_table(self):
        self.env["school.period.grade"].search([("period_id", "=", self.q1.id)]).unlink()
        roster = self.roster(self.class_5a, self.q1.date_end)[:3]
        for student_id, value in zip(roster, ["5", "4", "2"]):
            self.env["school.period.grade"].create({
                "student_id": student_id, "subject_id": self.math.id, "period_id": self.q1.id,
                "class_id": self.class_5a.id, "kind": "quarter", "value": value})
        wizard = self.env["school.report.metrics.wizard"].sudo(self.deputy).create({"period_id": self.q1.id})
        book = self.open("school_ejournal.action_report_metrics_xlsx", wizard.sudo(self.deputy))
        sheet = book.sheet_by_name("По классам")
        self.assertEqual(sheet.row_values(2)[:3], ["Группа", "Учеников", "N"])
        self.assertEqual(sheet.row_values(3), ["5А", 3, 3, 1, 1, 0, 1, 0, 0, 3.67, 66.7, 66.7, 60.0])  # СОУ (100+64+16)/3
