"""Shared set-up for the period tests (issue 5): the demo school's I quarter,
its users, and a way to give one pupil exactly the grades a test needs."""
from contextlib import contextmanager

from demo_school_case import MODULE, DemoSchoolCase  # noqa: F401


class PeriodCase(DemoSchoolCase):
    def setUp(self):
        super(PeriodCase, self).setUp()
        Period = self.env["school.period"]
        self.q1 = Period.search([("academic_year_id", "=", self.year.id), ("kind", "=", "quarter"),
                                 ("number", "=", 1)])
        self.q2 = Period.search([("academic_year_id", "=", self.year.id), ("kind", "=", "quarter"),
                                 ("number", "=", 2)])
        self.year_period = Period.search([("academic_year_id", "=", self.year.id), ("kind", "=", "year")])
        self.company = self.year.company_id or self.env.user.company_id
        self.PeriodGrade = self.env["school.period.grade"]
        self.Grade = self.env["school.grade"]
        # the rule tests count marks against one minimum whatever the subject's hours
        # (the table by weekly hours: test_grading_rules.py)
        self.company.write({"school_min_grades_2h": self.company.school_min_grades,
                            "school_min_grades_3h": self.company.school_min_grades})
        # the period tests build their own year, exam and final grades: not the demo's ОГЭ of 9А
        self.env.cr.execute("DELETE FROM school_period_grade WHERE kind IN ('year', 'exam', 'final')")
        self.PeriodGrade.invalidate_cache()

    # ------------------------------------------------------------------ data
    def lessons(self, school_class, subject, period=None, limit=None):
        period = period or self.q1
        return self.env["school.lesson"].search([
            ("class_id", "=", school_class.id), ("subject_id", "=", subject.id),
            ("date", ">=", period.date_start), ("date", "<=", period.date_end)],
            order="date, lesson_number", limit=limit)

    def set_grades(self, student, subject, grades, school_class=None):
        """Replace the pupil's grades in ``subject`` during I quarter with
        ``grades`` [(value, work kind)], one per lesson in date order."""
        school_class = school_class or self.class_5a
        self.Grade.search([("student_id", "=", student.id), ("subject_id", "=", subject.id),
                           ("date", ">=", self.q1.date_start), ("date", "<=", self.q1.date_end)]).unlink()
        lessons = self.lessons(school_class, subject)
        self.assertGreaterEqual(len(lessons), len(grades), "demo journal has too few lessons")
        created = self.Grade
        for lesson, (value, kind) in zip(lessons, grades):
            created |= self.Grade.create({"lesson_id": lesson.id, "student_id": student.id, "value": value,
                                          "work_kind_id": kind.id})
        return created

    def suggest_one(self, student=None, subject=None, school_class=None, period=None):
        student, subject = student or self.artem, subject or self.math
        school_class, period = school_class or self.class_5a, period or self.q1
        self.PeriodGrade.suggest(period, [school_class.id], [subject.id])
        return self.PeriodGrade.search([("student_id", "=", student.id), ("subject_id", "=", subject.id),
                                        ("period_id", "=", period.id)])

    def close(self, period=None, levels=None, user=None):
        """Close ``period`` through the wizard as the school admin (ticking «close anyway»)."""
        period = period or self.q1
        wizard = self.env["school.period.close"].sudo(user or self.admin).create({
            "period_id": period.id, "scope": "levels" if levels else "all",
            "grade_level_ids": [(6, 0, levels.ids)] if levels else [], "confirm_incomplete": True})
        wizard.action_close()
        period.invalidate_cache()
        return period.seal_ids.sorted("sequence")[-1:]

    @contextmanager
    def assertRefused(self, exception, regex=None):
        """The operation raises (message matching ``regex``) and whatever it wrote is rolled back."""
        if regex:
            with self.assertRaisesRegex(exception, regex), self.env.cr.savepoint():
                yield
        else:
            with self.assertRaises(exception), self.env.cr.savepoint():
                yield
        self.env.cache.invalidate()
