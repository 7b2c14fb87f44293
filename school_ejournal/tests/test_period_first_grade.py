"""The first grade is taught without marks: no period grades, no «н/а» in the metrics."""
from odoo.tests.common import TransactionCase


class TestFirstGradeWithoutMarks(TransactionCase):
    def test_no_period_grades_suggested_for_first_grade(self):
        level = self.env.ref("school_ejournal.grade_level_1")
        self.assertFalse(level.marks_used)
        class_1a = self.env.ref("school_ejournal.demo_class_1a")
        quarter = self.env["school.period"]._get_attestation_period("2026-10-01", level)
        self.assertTrue(quarter)
        PeriodGrade = self.env["school.period.grade"]
        PeriodGrade.suggest(quarter, [class_1a.id], None)
        self.assertFalse(PeriodGrade.search([("class_id", "=", class_1a.id)]))
        # a school that does mark its first grade gets suggestions again
        level.marks_used = True
        PeriodGrade.suggest(quarter, [class_1a.id], None)
        self.assertTrue(PeriodGrade.search([("class_id", "=", class_1a.id)]))
