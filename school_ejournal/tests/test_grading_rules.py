"""Year and final grades by the rules a pedagogical council signs off:
приказ Минпросвещения России от 05.10.2020 № 546 (final grades in grades 9
and 11) and the school's local act («Положение о текущем контроле и
промежуточной аттестации») for the year grade's tie and «н/а» rules. Each test
names its rule and its numbers."""
from .common import PeriodCase


class GradingCase(PeriodCase):
    def setUp(self):
        super(GradingCase, self).setUp()
        self.alg = self.env.ref("school_ejournal.subject_alg")
        self.quarters = self.env["school.period"].search([("academic_year_id", "=", self.year.id),
                                                          ("kind", "=", "quarter")], order="number")
        self.pupil = self.darya  # 9А

    def period_grades(self, values, kind="quarter", periods=None, subject=None, school_class=None):
        for period, value in zip(periods or self.quarters, values):
            self.PeriodGrade.create({"student_id": self.pupil.id, "class_id": (school_class or self.class_9a).id,
                                     "subject_id": (subject or self.alg).id, "period_id": period.id,
                                     "kind": kind, "value": value})

    def suggested(self, kind, subject=None, school_class=None):
        subject, school_class = subject or self.alg, school_class or self.class_9a
        self.PeriodGrade.suggest(self.year_period, [school_class.id], [subject.id], kind=kind)
        return self.PeriodGrade.search([("student_id", "=", self.pupil.id), ("subject_id", "=", subject.id),
                                        ("period_id", "=", self.year_period.id), ("kind", "=", kind)])

    def year_of(self, values, **rules):
        self.company.write(rules)
        self.period_grades(values)
        return self.suggested("year")


class TestYearGrade(GradingCase):
    def test_year_grade_is_the_arithmetic_mean_of_quarters_not_the_thresholds(self):
        # 5, 4, 4, 4 → 4.25 → «4»; the school's thresholds for weighted averages play no part:
        # with «4» from 4.30 they would give «3»
        year = self.year_of(["5", "4", "4", "4"], school_threshold_4=4.3, school_threshold_5=4.8)
        self.assertEqual((year.average, year.suggested_value), (4.25, "4"))
        self.assertIn("по правилам математического округления 4.25 → «4»", year.explanation)

    def test_year_grade_3_75_rounds_to_4(self):
        year = self.year_of(["4", "4", "3", "4"])
        self.assertEqual((year.average, year.suggested_value), (3.75, "4"))

    def test_year_grade_tie_5_5_4_4_gives_5_in_the_pupils_favour_by_default(self):
        self.assertEqual(self.company.school_year_tie_rule, "favour")
        year = self.year_of(["5", "5", "4", "4"])
        self.assertEqual((year.average, year.suggested_value, year.value), (4.5, "5", "5"))
        self.assertIn("Среднее = (5 + 5 + 4 + 4) / 4 = 18 / 4 = 4.50", year.explanation)
        self.assertIn("в пользу ученика → «5»", year.explanation)

    def test_year_grade_tie_by_the_last_quarter_5_5_4_4_gives_4_and_4_4_5_5_gives_5(self):
        year = self.year_of(["5", "5", "4", "4"], school_year_tie_rule="last_period")
        self.assertEqual(year.suggested_value, "4")
        self.assertIn("решает отметка за последний период («4») → «4»", year.explanation)
        self.PeriodGrade.search([("student_id", "=", self.pupil.id), ("subject_id", "=", self.alg.id),
                                 ("academic_year_id", "=", self.year.id)]).unlink()
        year = self.year_of(["4", "4", "5", "5"])
        self.assertEqual(year.suggested_value, "5")

    def test_year_grade_tie_by_written_works_control_mean_4_gives_4_and_5_gives_5(self):
        self.company.school_year_tie_rule = "written"
        self.Grade.search([("student_id", "=", self.pupil.id), ("subject_id", "=", self.alg.id),
                           ("work_kind_id.is_control", "=", True)]).unlink()
        lessons = self.lessons(self.class_9a, self.alg, period=self.year_period, limit=2)
        self.assertEqual(len(lessons), 2, "the demo has algebra lessons in 9А")
        marks = [self.Grade.create({"lesson_id": lesson.id, "student_id": self.pupil.id, "value": value,
                                    "work_kind_id": self.kind_control.id})
                 for lesson, value in zip(lessons, ["4", "4"])]
        year = self.year_of(["5", "5", "4", "4"])
        self.assertEqual(year.suggested_value, "4")
        self.assertIn("письменные (контрольные) работы за год: 2 шт., средний балл 4.00 → «4»", year.explanation)
        for mark in marks:
            mark.write({"value": "5"})
        self.assertEqual(self.suggested("year").suggested_value, "5")

    def test_year_grade_tie_by_written_works_without_control_works_goes_to_the_pupil(self):
        self.company.school_year_tie_rule = "written"
        self.Grade.search([("student_id", "=", self.pupil.id), ("subject_id", "=", self.alg.id),
                           ("work_kind_id.is_control", "=", True)]).unlink()
        year = self.year_of(["5", "5", "4", "4"])
        self.assertEqual(year.suggested_value, "5")
        self.assertIn("письменных (контрольных) работ за год нет", year.explanation)

    def test_year_grade_5_5_5_na_is_na_by_default_never_a_silent_5(self):
        self.assertEqual(self.company.school_year_na_rule, "na")
        year = self.year_of(["5", "5", "5", "na"])
        self.assertEqual(year.suggested_value, "na")
        self.assertIn("Не аттестован за: IV четверть → годовая «н/а»", year.explanation)

    def test_year_grade_5_5_5_na_by_the_mean_of_certified_quarters_says_so(self):
        year = self.year_of(["5", "5", "5", "na"], school_year_na_rule="mean_rest")
        self.assertEqual((year.suggested_value, year.average), ("5", 5.0))
        self.assertIn("по правилу школы годовая считается по аттестованным периодам", year.explanation)


class TestFinalGrade(GradingCase):
    def year_and_exam(self, year_value, exam_value):
        self.PeriodGrade.create({"student_id": self.pupil.id, "class_id": self.class_9a.id,
                                 "subject_id": self.alg.id, "period_id": self.year_period.id, "kind": "year",
                                 "value": year_value})
        self.PeriodGrade.create({"student_id": self.pupil.id, "class_id": self.class_9a.id,
                                 "subject_id": self.alg.id, "period_id": self.year_period.id, "kind": "exam",
                                 "value": exam_value})
        return self.suggested("final")

    def test_grade9_final_is_the_mean_of_year_and_exam_4_and_5_give_5(self):
        final = self.year_and_exam("4", "5")
        self.assertEqual(final.suggested_value, "5")
        self.assertIn("(4 + 5) / 2 = 4.5", final.explanation)

    def test_grade9_final_year_4_exam_2_gives_no_final_grade_until_the_retake(self):
        final = self.year_and_exam("4", "2")
        self.assertEqual((final.suggested_value, final.value, final.state), (False, False, "draft"))
        self.assertIn("не выставляется до пересдачи", final.explanation)
        # the row waits with no value and says why
        final.invalidate_cache()
        self.assertFalse(final.value)

    def test_grade9_subject_finished_in_grade_8_takes_the_year_grade_of_grade_8(self):
        # ФГОС ООО: музыка is taught in grades 5–8; the demo's 9А was 8А of the closed 2025/2026
        music = self.env.ref("school_ejournal.subject_music")
        previous = self.env.ref("school_ejournal.demo_year_previous")
        grade8 = self.PeriodGrade.search([("student_id", "=", self.pupil.id), ("subject_id", "=", music.id),
                                          ("kind", "=", "year"), ("academic_year_id", "=", previous.id)])
        self.assertEqual((len(grade8), grade8.class_id.grade_level_id.number), (1, 8))
        self.assertFalse(self.lessons(self.class_9a, music, period=self.year_period), "music ends in grade 8")
        final = self.suggested("final", subject=music)
        self.assertEqual((final.suggested_value, final.class_id), (grade8.value, self.class_9a))
        self.assertIn("итоговая = годовая за 8 класс → «%s»" % grade8.value, final.explanation)


class TestFinalGradeRulesAsFunctions(GradingCase):
    """The grade-11 rule as the pure function the suggestion calls, and from the
    database (the demo's 11А was 10А of the closed 2025/2026, with year grades)."""

    def test_grade11_final_is_the_mean_of_half_years_or_quarters_and_years_of_grades_10_and_11(self):
        from ..tools.grading import suggest_final_value
        # 10: I, II полугодие 5, 4, год 5; 11: I, II полугодие 4, 4, год 4 → 26 / 6 = 4.33 → «4»
        grades = [("10 кл., I полугодие", "5"), ("10 кл., II полугодие", "4"), ("10 кл., год", "5"),
                  ("11 кл., I полугодие", "4"), ("11 кл., II полугодие", "4"), ("11 кл., год", "4")]
        value, average, count, text = suggest_final_value(11, "4", None, grades)
        self.assertEqual((value, average, count), ("4", 4.33, 6))
        # a school with quarters in grades 10–11: the quarter grades count the same way
        quarters = [("10 кл., I четверть", "5"), ("10 кл., II четверть", "5"), ("10 кл., III четверть", "4"),
                    ("10 кл., IV четверть", "5"), ("10 кл., год", "5"), ("11 кл., I четверть", "4")]
        value, average, _count, text = suggest_final_value(11, None, None, quarters)
        self.assertEqual((value, average), ("5", 4.67))
        self.assertIn("по правилам математического округления «5»", text)

    def test_grade11_final_from_the_database_counts_quarter_grades_of_grade_11(self):
        class_11a = self.env.ref("school_ejournal.demo_class_11a", raise_if_not_found=False) or \
            self.env["school.class"].search([("grade_level_id.number", "=", 11)], limit=1)
        members = self.env["school.student.movement"]._get_membership_on("2026-09-10", class_ids=[class_11a.id])
        self.pupil = self.env["school.student"].browse(members[0][0])
        subject = self.env["school.lesson"].search([("class_id", "=", class_11a.id)], limit=1).subject_id
        halves = self.env["school.period"].search([("academic_year_id", "=", self.year.id),
                                                   ("kind", "=", "half_year")], order="number")
        self.period_grades(["5", "4"], kind="half_year", periods=halves, subject=subject, school_class=class_11a)
        self.period_grades(["4"], kind="year", periods=self.year_period, subject=subject, school_class=class_11a)
        grade10 = self.PeriodGrade.search([
            ("student_id", "=", self.pupil.id), ("subject_id", "=", subject.id), ("kind", "=", "year"),
            ("academic_year_id", "=", self.env.ref("school_ejournal.demo_year_previous").id)])
        self.assertEqual(len(grade10), 1, "his year grade of grade 10, in the closed year")
        final = self.suggested("final", subject=subject, school_class=class_11a)
        # grade 10's year + grade 11's I, II полугодие and year: (g10 + 5 + 4 + 4) / 4
        average = round((int(grade10.value) + 13) / 4.0, 2)
        self.assertEqual(final.average, average)
        self.assertIn("10 кл., год — %s" % grade10.value, final.explanation)
        self.assertIn("11 кл., I полугодие — 5", final.explanation)


class TestResultsByPupils(GradingCase):
    """% успеваемости and % качества of a class by pupils (confirmed period
    grades only) and the period report of the school by pupils."""

    def setUp(self):
        super(TestResultsByPupils, self).setUp()
        self.PeriodGrade.search([("period_id", "=", self.q1.id), ("class_id", "=", self.class_5a.id)]).unlink()
        self.pupils = [s for s, _c in self.env["school.student.movement"]._get_membership_on(
            self.q1.date_end, class_ids=[self.class_5a.id])]
        self.rus = self.env.ref("school_ejournal.subject_rus")
        self.Results = self.env["school.report.pupil.results"]

    def grades(self, by_subject, confirm=True):
        rows = self.PeriodGrade
        for subject, values in by_subject.items():
            for student_id, value in zip(self.pupils, values):
                rows |= self.PeriodGrade.create({"student_id": student_id, "class_id": self.class_5a.id,
                                                 "subject_id": subject.id, "period_id": self.q1.id,
                                                 "kind": "quarter", "value": value})
        if confirm:
            rows.action_confirm()
        return rows

    def class_row(self):
        rows, behind = self.env["report.school_ejournal.report_metrics"].sudo(self.deputy)._pupil_rows(self.q1)
        return [r for r in rows if r["label"] == self.class_5a.name][0], behind

    def test_quality_by_pupils_every_pupil_with_one_3_gives_0_percent(self):
        n = len(self.pupils)
        self.grades({self.math: ["3"] * n, self.rus: ["5"] * n})
        row, _behind = self.class_row()
        self.assertEqual((row["pupils"], row.get("one_three")), (n, n))
        self.assertEqual((row["quality_pct"], row["success_pct"]), (0.0, 100.0))
        # by grades the same class shows 50 % quality (math 0 %, Russian 100 %): the figures differ on purpose
        metrics = self.env["school.report.metrics"].read_group(
            [("period_id", "=", self.q1.id), ("class_id", "=", self.class_5a.id)], ["quality_pct"], ["class_id"])
        self.assertAlmostEqual(metrics[0]["quality_pct"], 50.0)

    def test_success_by_pupils_a_2_or_na_in_any_subject_makes_the_pupil_unsuccessful(self):
        n = len(self.pupils)
        self.assertGreaterEqual(n, 4)
        self.grades({self.math: ["5", "2", "4", "5"] + ["4"] * (n - 4),
                     self.rus: ["5", "5", "na", "4"] + ["4"] * (n - 4)})
        row, behind = self.class_row()
        # pupil 1: отличник; 2: неуспевающий (математика); 3: не аттестован (русский); 4: с одной «4»; rest: хорошисты
        self.assertEqual((row.get("excellent"), row.get("failing"), row.get("not_attested"), row.get("one_four"),
                          row.get("good", 0)), (1, 1, 1, 1, n - 4))
        self.assertEqual(row["success_pct"], round(100.0 * (n - 2) / n, 1))
        self.assertEqual(row["quality_pct"], round(100.0 * (n - 2) / n, 1))
        names = {b["student_name"]: b for b in behind}
        second = self.env["school.student"].browse(self.pupils[1]).name
        self.assertEqual(names[second]["failed_subjects"], "Математика")

    def test_only_confirmed_period_grades_count(self):
        self.grades({self.math: ["3"] * len(self.pupils)}, confirm=False)
        self.assertFalse(self.Results.search([("period_id", "=", self.q1.id), ("class_id", "=", self.class_5a.id)]))

    def test_movement_of_pupils_over_the_period_adds_up(self):
        Movement = self.env["school.student.movement"]
        q2 = self.q2
        counts = Movement._class_movement_counts(q2.date_start, q2.date_end, [self.class_5a.id, self.class_5b.id])
        for school_class in (self.class_5a, self.class_5b):
            start, arrived, left, end = counts[school_class.id]
            self.assertEqual(start, len(Movement._get_membership_on(q2.date_start, class_ids=[school_class.id])))
            self.assertEqual(end, len(Movement._get_membership_on(q2.date_end, class_ids=[school_class.id])))
            self.assertEqual(start + arrived - left, end, school_class.name)
        # the demo transfers a pupil between the two classes on 09.11 (II четверть)
        self.assertEqual(counts[self.class_5a.id][2] + counts[self.class_5b.id][2] >= 1, True)

    def test_period_report_by_pupils_in_pdf_and_xlsx_for_the_deputy_only_the_class_for_its_teacher(self):
        n = len(self.pupils)
        self.grades({self.math: ["2"] + ["5"] * (n - 1)})
        wizard = self.env["school.report.metrics.wizard"].sudo(self.deputy).create({"period_id": self.q1.id})
        html = self.env.ref("school_ejournal.action_report_metrics").sudo(self.deputy).render_qweb_html(
            wizard.ids)[0].decode("utf-8")
        self.assertIn("Итоги по ученикам", html)
        self.assertIn("Неуспевающие и не аттестованные", html)
        self.assertIn(self.env["school.student"].browse(self.pupils[0]).name, html)
        import xlrd
        report = self.env.ref("school_ejournal.action_report_metrics_xlsx").sudo(self.deputy)
        content, fmt = report.with_context(active_model=wizard._name).render_xlsx(wizard.ids, {})
        self.assertEqual(fmt, "xlsx")
        sheet = xlrd.open_workbook(file_contents=content).sheet_by_name("По ученикам")
        values = [v for r in range(sheet.nrows) for v in sheet.row_values(r)]
        self.assertIn(self.class_5a.name, values)
        self.assertIn("% качества", values)
        # rights: the class teacher of 5А reads her class's pupils only; a plain teacher none
        self.assertEqual(set(self.Results.sudo(self.class_teacher).search([]).mapped("class_id")), {self.class_5a})
        self.assertFalse(self.Results.sudo(self.teacher).search([("class_id", "=", self.class_5a.id)]))


class TestYearClosing(GradingCase):
    """Year, exam and final grades have their own closing: closing IV четверть
    (II полугодие) at the end of May neither locks nor seals them; the year's
    closing does, with its own checklist and seal (ОГЭ/ЕГЭ results come in June)."""

    def sealed(self, seal):
        return self.env["school.period.seal.item"].search([("seal_id", "=", seal.id),
                                                           ("model", "=", "school.period.grade")]).mapped("res_id")

    def test_closing_iv_quarter_then_an_oge_result_is_entered_and_the_year_closing_locks_it(self):
        from odoo.exceptions import UserError
        q4 = self.quarters[-1]
        self.period_grades(["5"], periods=q4)
        year = self.PeriodGrade.create({"student_id": self.pupil.id, "class_id": self.class_9a.id,
                                        "subject_id": self.alg.id, "period_id": self.year_period.id,
                                        "kind": "year", "value": "4"})
        quarter_seal = self.close(q4)
        self.assertEqual(q4.state, "closed")
        self.assertNotIn(year.id, self.sealed(quarter_seal))
        q4_grade = self.PeriodGrade.search([("period_id", "=", q4.id), ("student_id", "=", self.pupil.id),
                                            ("subject_id", "=", self.alg.id)])
        with self.assertRefused(UserError, "закрыт"):
            q4_grade.sudo(self.admin).write({"value": "4", "override_comment": "ошибка"})
        # June: the ОГЭ result and the final grade, the year grade still correctable
        exam = self.PeriodGrade.sudo(self.admin).create({
            "student_id": self.pupil.id, "class_id": self.class_9a.id, "subject_id": self.alg.id,
            "period_id": self.year_period.id, "kind": "exam", "value": "5"})
        year.sudo(self.admin).write({"value": "5", "override_comment": "Решение педсовета"})
        self.assertFalse(quarter_seal._verify(), "the quarter's seal does not cover year grades")
        year_seal = self.close(self.year_period)
        self.assertIn(exam.id, self.sealed(year_seal))
        with self.assertRefused(UserError, "закрыт"):
            exam.sudo(self.admin).write({"value": "4"})
        with self.assertRefused(UserError, "закрыт"):
            self.PeriodGrade.sudo(self.admin).create({
                "student_id": self.pupil.id, "class_id": self.class_9a.id, "subject_id": self.alg.id,
                "period_id": self.year_period.id, "kind": "final", "value": "5"})


class TestMinimumGradesAndAbsences(GradingCase):
    """The school's «Положение»: the minimum number of marks grows with the
    subject's weekly hours (1 h → 3, 2 h → 5, ≥3 h → 7 per quarter); «н/а» is
    suggested when the pupil missed more than 50 % of the lessons; «н/а» and
    «осв.» are period results, never lesson marks."""

    def setUp(self):
        super(TestMinimumGradesAndAbsences, self).setUp()
        self.company.write({"school_min_grades": 3, "school_min_grades_2h": 5, "school_min_grades_3h": 7})

    def test_minimum_marks_by_weekly_hours_4_marks_pass_at_1_h_but_not_at_5_h(self):
        assignment = self.env["school.teaching.assignment"].search([("class_id", "=", self.class_5a.id),
                                                                    ("subject_id", "=", self.math.id)])
        self.assertTrue(assignment)
        self.set_grades(self.artem, self.math, [("5", self.kind_lesson)] * 4)
        assignment.write({"hours_per_week": 5})
        pg = self.suggest_one()
        self.assertEqual(pg.suggested_value, "na")
        self.assertIn("меньше минимума для аттестации (7)", pg.explanation)
        assignment.write({"hours_per_week": 1})
        self.assertEqual(self.suggest_one().suggested_value, "5")
        self.company.school_min_grades = 5
        self.assertEqual(self.suggest_one().suggested_value, "na")

    def test_pupil_who_missed_more_than_half_of_the_lessons_gets_na_with_the_reason(self):
        self.set_grades(self.artem, self.math, [("5", self.kind_lesson)] * 8)
        rows = self.env["school.attendance"].search([("student_id", "=", self.artem.id),
                                                     ("lesson_id", "in", self.lessons(self.class_5a, self.math).ids)])
        ill = self.env.ref("school_ejournal.attendance_code_b", raise_if_not_found=False) or \
            self.env["school.attendance.code"].search([("code", "=", "б")], limit=1)
        held = len(rows)
        self.assertGreater(held, 10)
        missed = rows[8:8 + held // 2 + 1]
        missed.write({"code_id": ill.id})
        pg = self.suggest_one()
        self.assertEqual(pg.suggested_value, "na")
        self.assertIn("Пропущено %s из %s уроков" % (len(missed) + len(rows.filtered(
            lambda r: r.code_id.counts_as_absence and not r.code_id.is_late and r not in missed)), held),
            pg.explanation)
        self.company.school_na_absence_pct = 90
        self.assertEqual(self.suggest_one().suggested_value, "5")

    def test_na_and_osv_are_period_results_only_not_lesson_marks(self):
        from odoo.exceptions import ValidationError
        lesson = self.lessons(self.class_5a, self.math, limit=1)
        for value in ("na", "osv"):
            with self.assertRefused(ValidationError, "только за период"):
                self.Grade.sudo(self.teacher).create({"lesson_id": lesson.id, "student_id": self.artem.id,
                                                      "value": value})
        self.assertNotIn("na", dict(self.Grade._fields["value"].selection))
        self.assertIn("na", dict(self.PeriodGrade._fields["value"].selection))


class TestFirstGradeWithoutMarks(GradingCase):
    """СанПиН and ФГОС НОО: the first grade is taught without marks
    (безотметочное обучение): a 1st-grade lesson refuses «5» by every way in."""

    def test_first_grade_lesson_refuses_a_5_by_create_write_and_the_roster(self):
        from odoo.exceptions import ValidationError
        level = self.class_1a.grade_level_id
        self.assertFalse(level.marks_used)
        lesson = self.env["school.lesson"].search([("class_id", "=", self.class_1a.id)], limit=1)
        row = lesson.attendance_ids[:1]
        before = self.Grade.search_count([("lesson_id", "=", lesson.id)])
        with self.assertRefused(ValidationError, "безотметочное"):
            self.Grade.create({"lesson_id": lesson.id, "student_id": row.student_id.id, "value": "5"})
        with self.assertRefused(ValidationError, "безотметочное"):
            self.Grade._create_batch([{"lesson_id": lesson.id, "student_id": row.student_id.id,
                                       "attendance_id": row.id, "sequence": 1, "value": "5"}])
        with self.assertRefused(ValidationError, "безотметочное"):
            row.write({"cell": "5"})
        self.assertEqual(self.Grade.search_count([("lesson_id", "=", lesson.id)]), before)
        # «зач» is no mark on the 5-point scale; a school that marks its first grade may
        zach = self.Grade.create({"lesson_id": lesson.id, "student_id": row.student_id.id, "value": "zach"})
        with self.assertRefused(ValidationError, "безотметочное"):
            zach.write({"value": "4"})
        level.marks_used = True
        zach.write({"value": "4"})
        self.assertEqual(zach.value, "4")


class TestMissedDays(GradingCase):
    """What counts as a missed day is the school's setting: all lessons of the
    day (default), at least N lessons, or more than half."""

    def test_missed_day_rule_3_of_5_lessons_missed_is_a_day_only_by_at_least_3_or_more_than_half(self):
        day_lessons = self.env["school.lesson"].read_group(
            [("class_id", "=", self.class_5a.id), ("subgroup_id", "=", False)], ["date"], ["date:day"])
        lessons = self.env["school.lesson"]
        for group in day_lessons:
            lessons = self.env["school.lesson"].search(group["__domain"] + [("class_id", "=", self.class_5a.id),
                                                                            ("subgroup_id", "=", False)])
            if len(lessons) >= 5:
                break
        self.assertGreaterEqual(len(lessons), 5)
        rows = self.env["school.attendance"].search([("lesson_id", "in", lessons.ids),
                                                     ("student_id", "=", self.artem.id)])
        rows.write({"code_id": False})
        ill = self.env["school.attendance.code"].search([("code", "=", "б")], limit=1)
        rows.sorted("lesson_number")[:3].write({"code_id": ill.id})
        day = lessons[0].date
        report = self.env["report.school_ejournal.report_attendance"]

        def days():
            stats = report._attendance_stats(day, day, class_ids=[self.class_5a.id])
            values = stats[(self.artem.id, self.class_5a.id)]
            return values["days"], values["days_ill"], values["missed"]
        self.assertEqual(self.company.school_missed_day_rule, "all")
        self.assertEqual(days(), (0, 0, 3))
        self.company.write({"school_missed_day_rule": "at_least", "school_missed_day_lessons": 3})
        self.assertEqual(days(), (1, 1, 3))
        self.company.school_missed_day_lessons = 4
        self.assertEqual(days(), (0, 0, 3))
        self.company.school_missed_day_rule = "half"
        self.assertEqual(days()[0], 1 if 3 * 2 > len(rows) else 0)
