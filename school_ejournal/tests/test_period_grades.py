"""Period grades: the suggestion from the journal under the school's
settings, its explanation, confirmation, rights, and the cost in queries."""
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.school_ejournal.tools.grading import weighted_average
from .common import PeriodCase


class TestPeriodGradeSuggestion(PeriodCase):
    def test_thresholds_from_settings_change_the_suggestion(self):
        self.set_grades(self.artem, self.math, [("5", self.kind_control), ("3", self.kind_lesson),
                                                ("4", self.kind_lesson)])
        # (5·2 + 3·1 + 4·1) / 4 = 4.25
        pg = self.suggest_one()
        self.assertEqual((pg.average, pg.suggested_value, pg.value, pg.state), (4.25, "4", "4", "draft"))
        self.company.school_threshold_5 = 4.25
        pg = self.suggest_one()
        self.assertEqual((pg.suggested_value, pg.value), ("5", "5"))
        self.company.write({"school_threshold_5": 4.5, "school_threshold_4": 4.3, "school_threshold_3": 3.0})
        pg = self.suggest_one()
        self.assertEqual(pg.suggested_value, "3")

    def test_weights_from_the_kinds_of_work_change_the_suggestion(self):
        self.company.school_threshold_5 = 4.40
        self.kind_control.weight = 1.0
        self.set_grades(self.artem, self.math, [("5", self.kind_control), ("4", self.kind_lesson),
                                                ("3", self.kind_lesson)])
        pg = self.suggest_one()
        self.assertEqual((pg.average, pg.suggested_value), (4.0, "4"))
        self.kind_control.weight = 3.0   # (5·3 + 4 + 3) / 5 = 4.4
        self.set_grades(self.artem, self.math, [("5", self.kind_control), ("4", self.kind_lesson),
                                                ("3", self.kind_lesson)])
        pg = self.suggest_one()
        self.assertEqual((pg.average, pg.suggested_value), (4.4, "5"))

    def test_fewer_grades_than_the_minimum_give_na(self):
        self.set_grades(self.artem, self.math, [("5", self.kind_lesson), ("5", self.kind_lesson)])
        pg = self.suggest_one()
        self.assertEqual((pg.suggested_value, pg.grade_count), ("na", 2))
        self.assertIn("меньше минимума", pg.explanation)
        self.company.write({"school_min_grades": 2, "school_min_grades_2h": 2, "school_min_grades_3h": 2})
        pg = self.suggest_one()
        self.assertEqual(pg.suggested_value, "5")

    def test_a_two_rules_out_a_five_when_the_school_says_so(self):
        self.company.school_threshold_5 = 4.0
        grades = [("5", self.kind_control), ("5", self.kind_control), ("5", self.kind_lesson),
                  ("2", self.kind_lesson)]   # (10 + 10 + 5 + 2) / 6 = 4.5
        self.set_grades(self.artem, self.math, grades)
        self.assertEqual(self.suggest_one().suggested_value, "5")
        self.company.school_two_excludes_five = True
        pg = self.suggest_one()
        self.assertEqual(pg.suggested_value, "4")
        self.assertIn("«2» за период исключает «5»", pg.explanation)

    def test_explanation_matches_the_arithmetic(self):
        self.set_grades(self.artem, self.math, [("5", self.kind_control), ("3", self.kind_lesson),
                                                ("4", self.kind_lesson)])
        pg = self.suggest_one()
        text = pg.explanation
        self.assertIn("Отметки за I четверть: 3 шт.", text)
        self.assertIn("5 (вес 2,", text)
        self.assertIn("(5·2 + 3·1 + 4·1) / (2 + 1 + 1) = 17 / 4 = 4.25", text)
        self.assertIn("«5» от 4.60, «4» от 3.60, «3» от 2.60; 4.25 ≥ 3.60 → «4»", text)
        # One calculation: the journal's Python and SQL weighted averages agree with the suggestion.
        grades = self.Grade.search([("student_id", "=", self.artem.id), ("subject_id", "=", self.math.id),
                                    ("date", ">=", self.q1.date_start), ("date", "<=", self.q1.date_end)])
        self.assertEqual(weighted_average([(g.value, g.weight) for g in grades]), pg.average)
        sql = self.Grade._weighted_averages([self.artem.id], [self.math.id], self.q1.date_start,
                                            self.q1.date_end)
        self.assertEqual(sql[(self.artem.id, self.math.id)], pg.average)

    def test_suggestion_keeps_confirmed_grades_and_teachers_changes(self):
        self.set_grades(self.artem, self.math, [("4", self.kind_lesson)] * 3)
        pg = self.suggest_one()
        pg.sudo(self.teacher).write({"value": "5", "override_comment": "Олимпиада"})
        self.company.school_threshold_4 = 4.1    # the suggestion becomes «3»
        pg = self.suggest_one()
        self.assertEqual((pg.suggested_value, pg.value), ("3", "5"))  # the teacher's change stays
        pg.sudo(self.teacher).action_confirm()
        self.company.school_threshold_4 = 3.6
        pg = self.suggest_one()
        self.assertEqual((pg.suggested_value, pg.value, pg.state), ("3", "5", "confirmed"))

    def test_confirm_requires_a_comment_when_the_value_differs(self):
        self.set_grades(self.artem, self.math, [("4", self.kind_lesson)] * 3)
        pg = self.suggest_one()
        pg.sudo(self.teacher).write({"value": "5"})
        with self.assertRefused(UserError, "укажите обоснование"):
            pg.sudo(self.teacher).action_confirm()
        self.assertEqual(pg.state, "draft")
        pg.sudo(self.teacher).write({"override_comment": "Победитель олимпиады"})
        pg.sudo(self.teacher).action_confirm()
        self.assertEqual((pg.state, pg.confirm_uid), ("confirmed", self.teacher))
        with self.assertRefused(UserError, "утверждена"):
            pg.sudo(self.teacher).write({"value": "4"})
        log = self.env["school.change.log"].search([("model", "=", "school.period.grade"), ("res_id", "=", pg.id)])
        self.assertTrue(log.filtered(lambda l: l.field_name == "state" and l.new_value == "Утверждена"))

    def test_transferred_pupil_is_attested_by_the_new_class(self):
        transferred = self.env.ref("school_ejournal.demo_student_transferred")   # 5Б → 5А on 09.11
        q2_5a = self.PeriodGrade.suggest(self.q2, [self.class_5a.id], [self.math.id])
        self.assertTrue(q2_5a >= 0)
        self.PeriodGrade.suggest(self.q1, [self.class_5a.id, self.env.ref("school_ejournal.demo_class_5b").id],
                                 [self.math.id])
        rows = self.PeriodGrade.search([("student_id", "=", transferred.id), ("period_id", "=", self.q1.id),
                                        ("subject_id", "=", self.math.id)])
        self.assertEqual(rows.mapped("class_id.name"), ["5Б"])   # in I quarter he was in 5Б

    def test_year_and_final_grades(self):
        q = self.env["school.period"].search([("academic_year_id", "=", self.year.id), ("kind", "=", "quarter")],
                                             order="number")
        members = self.env["school.student.movement"]._get_membership_on("2026-09-10",
                                                                         class_ids=[self.class_9a.id])
        student = self.env["school.student"].browse(members[0][0])
        alg = self.env.ref("school_ejournal.subject_alg")
        for period, value in zip(q, ["5", "4", "4", "5"]):
            self.PeriodGrade.create({"student_id": student.id, "class_id": self.class_9a.id, "subject_id": alg.id,
                                     "period_id": period.id, "kind": "quarter", "value": value})
        self.PeriodGrade.suggest(self.year_period, [self.class_9a.id], [alg.id], kind="year")
        year = self.PeriodGrade.search([("student_id", "=", student.id), ("subject_id", "=", alg.id),
                                        ("kind", "=", "year"), ("period_id", "=", self.year_period.id)])
        # the mean 4.5 is a tie: in the pupil's favour by default (test_grading_rules.py)
        self.assertEqual((year.average, year.suggested_value), (4.5, "5"))
        self.assertIn("Среднее = (5 + 4 + 4 + 5) / 4 = 18 / 4 = 4.50", year.explanation)
        self.assertIn("(не утверждена)", year.explanation)
        year.write({"value": "5", "override_comment": "Решение педсовета"})
        self.PeriodGrade.create({"student_id": student.id, "class_id": self.class_9a.id, "subject_id": alg.id,
                                 "period_id": self.year_period.id, "kind": "exam", "value": "4"})
        self.PeriodGrade.suggest(self.year_period, [self.class_9a.id], [alg.id], kind="final")
        final = self.PeriodGrade.search([("student_id", "=", student.id), ("subject_id", "=", alg.id),
                                         ("kind", "=", "final"), ("period_id", "=", self.year_period.id)])
        # grade 9, exam subject: (5 + 4) / 2 = 4.5 → 5 (half up)
        self.assertEqual(final.suggested_value, "5")
        self.assertIn("(5 + 4) / 2 = 4.5", final.explanation)


class TestPeriodGradeInput(PeriodCase):
    def test_bad_input_is_refused_in_russian_and_nothing_is_written(self):
        count = self.PeriodGrade.search_count([])
        with self.assertRefused(ValidationError, "Недопустимая оценка"):
            self.PeriodGrade.create({"student_id": self.artem.id, "class_id": self.class_5a.id,
                                     "subject_id": self.math.id, "period_id": self.q1.id, "value": "6"})
        with self.assertRefused(ValidationError, "выставляется за период того же вида"):
            self.PeriodGrade.create({"student_id": self.artem.id, "class_id": self.class_5a.id,
                                     "subject_id": self.math.id, "period_id": self.year_period.id,
                                     "kind": "quarter", "value": "5"})
        with self.assertRefused(ValidationError, "не учился"):
            self.PeriodGrade.create({"student_id": self.artem.id, "class_id": self.class_9a.id,
                                     "subject_id": self.math.id, "period_id": self.q1.id, "value": "5"})
        self.assertEqual(self.PeriodGrade.search_count([]), count)
        pg = self.PeriodGrade.create({"student_id": self.artem.id, "class_id": self.class_5a.id,
                                      "subject_id": self.math.id, "period_id": self.q1.id, "value": "5"})
        with self.assertRefused(UserError, "заполняются только кнопкой"):
            pg.write({"suggested_value": "5"})
        with self.assertRefused(UserError, "нельзя сменить ученика"):
            pg.write({"subject_id": self.env.ref("school_ejournal.subject_rus").id})
        with self.assertRefused(ValidationError, "Недопустимая оценка"):
            pg.write({"value": "отл"})
        self.assertEqual(pg.value, "5")

    def test_settings_are_validated(self):
        before = (self.company.school_threshold_5, self.company.school_threshold_4, self.company.school_min_grades)
        with self.assertRefused(ValidationError, "Пороги округления должны убывать"):
            self.company.write({"school_threshold_5": 3.5, "school_threshold_4": 3.6})
        with self.assertRefused(ValidationError, "Минимум отметок"):
            self.company.write({"school_min_grades": 0})
        self.assertEqual((self.company.school_threshold_5, self.company.school_threshold_4,
                          self.company.school_min_grades), before)
        settings = self.env["res.config.settings"].create({"school_threshold_5": 4.65})
        settings.execute()
        self.assertEqual(self.company.school_threshold_5, 4.65)

    def test_rights(self):
        self.set_grades(self.artem, self.math, [("4", self.kind_lesson)] * 3)
        pg = self.suggest_one()
        # the class teacher (Russian) reads her class's math grades, cannot change them
        self.assertEqual(self.PeriodGrade.sudo(self.class_teacher).search([("id", "=", pg.id)]), pg)
        with self.assertRefused((AccessError, UserError)):
            pg.sudo(self.class_teacher).write({"value": "5", "override_comment": "x"})
        with self.assertRefused(AccessError):
            self.PeriodGrade.sudo(self.class_teacher).suggest(self.q1, [self.class_5a.id], [self.math.id])
        # the deputy reads all, writes nothing
        self.assertEqual(self.PeriodGrade.sudo(self.deputy).search([("id", "=", pg.id)]), pg)
        with self.assertRefused(AccessError):
            pg.sudo(self.deputy).write({"value": "5"})
        # a teacher of other subjects in other classes does not even see it
        other = self.env.ref("school_ejournal.demo_user_novikov")
        self.assertFalse(self.PeriodGrade.sudo(other).search([("id", "=", pg.id)]))
        # the math teacher suggests for his own class and subject, not for the whole school
        self.PeriodGrade.sudo(self.teacher).suggest(self.q1, [self.class_5a.id], [self.math.id])
        with self.assertRefused(AccessError):
            self.PeriodGrade.sudo(self.teacher).suggest_for_school(self.q1)
        # portal users read confirmed grades of their own only (portal_rules.xml)
        # and write nothing
        portal = self.env.ref("school_ejournal.user_student")
        own = self.env["school.student"].search([("user_id", "=", portal.id)])
        seen = self.PeriodGrade.sudo(portal).search([])
        self.assertFalse(seen.filtered(lambda g: g.student_id != own or g.state != "confirmed"))
        with self.assertRefused(AccessError):
            self.PeriodGrade.sudo(portal).create({"student_id": own.id})


class TestPeriodGradeQueries(PeriodCase):
    def test_whole_school_suggestion_takes_one_query_per_class_subject_or_fewer(self):
        cr = self.env.cr
        total_pairs = total_queries = 0
        for period in (self.q1, self.env["school.period"].search([
                ("academic_year_id", "=", self.year.id), ("kind", "=", "half_year"), ("number", "=", 1)])):
            cr.execute("""SELECT count(DISTINCT (l.class_id, l.subject_id)) FROM school_lesson l
                            JOIN school_class c ON c.id = l.class_id
                            JOIN school_grade_level_school_period_rel r ON r.school_grade_level_id = c.grade_level_id
                           WHERE r.school_period_id = %s AND l.date BETWEEN %s AND %s""",
                       (period.id, period.date_start, period.date_end))
            pairs = cr.fetchone()[0]
            self.env.cache.invalidate()
            count = [0]
            original = cr.execute

            def counting(query, params=None, log_exceptions=None):
                count[0] += 1
                return original(query, params)
            cr.execute = counting
            try:
                rows = self.PeriodGrade.suggest_for_school(period)
            finally:
                del cr.execute
            print("\nsuggest_for_school(%s): %s class×subject pairs, %s pupil×subject rows, %s SQL queries"
                  % (period.name, pairs, rows, count[0]))
            self.assertGreater(pairs, 10)
            self.assertLessEqual(count[0], pairs)
            total_pairs += pairs
            total_queries += count[0]
        print("whole demo school: %s class×subject pairs, %s queries" % (total_pairs, total_queries))
        rows = self.PeriodGrade.search([("period_id", "=", self.q1.id)])
        self.assertTrue(rows)
        self.assertTrue(all(r.explanation and r.suggested_value for r in rows))
