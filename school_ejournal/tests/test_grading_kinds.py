"""Rules 10 and 13 of the grading review: the kind of work (and its weight) of
each mark, chosen per mark in the lesson's roster and the grid; «отметка
обязательна всем» enforced (a warning in the lesson form, a violation after the
school's grace period) and printed in the «Положение» only when it is on. Each
test names its rule and its numbers (the demo's weights: К/р 2, Ур. 1)."""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from . import test_browser_lesson as browser_lesson
from .browser import BrowserCase
from odoo.addons.school_ejournal.tools.grading import weighted_average
from .common import MODULE, PeriodCase
from .common import ReportsCase, pdftotext

REFUSED = (AccessError, UserError, ValidationError)


class KindsCase(PeriodCase):
    def setUp(self):
        super(KindsCase, self).setUp()
        ref = self.env.ref
        self.kind_homework = ref(MODULE + ".work_kind_homework")
        self.kind_practical = ref(MODULE + ".work_kind_practical")
        self.Attendance = self.env["school.attendance"]
        # a math lesson of 5А in I quarter that its teacher may still change
        lessons = self.lessons(self.class_5a, self.math)
        editable = [l for l in lessons if l.sudo(self.teacher).edit_scope == "lesson"]
        self.assertTrue(editable, "the demo has 5А math lessons the teacher may change")
        self.lesson = editable[-1]
        self.lesson.write({"work_kind_id": self.kind_control.id})
        self.Grade.search([("student_id", "=", self.artem.id), ("subject_id", "=", self.math.id),
                           ("date", ">=", self.q1.date_start), ("date", "<=", self.q1.date_end)]).unlink()
        self.row = self.Attendance.search([("lesson_id", "=", self.lesson.id), ("student_id", "=", self.artem.id)])
        self.assertEqual(len(self.row), 1)
        # present at that lesson, whatever the demo's random absences of the day it was built
        self.row.write({"code_id": False})

    def marks(self, row=None):
        return self.Grade.search([("attendance_id", "=", (row or self.row).id)], order="sequence")


class TestKindOfWorkPerGrade(KindsCase):
    def test_kind_per_grade_control_5_weight_2_and_oral_3_weight_1_average_4_33_not_4_00(self):
        """Rule 10: at a control-work lesson «5» for the control work (weight 2) and
        «3» for an oral answer (weight 1): (5·2 + 3·1) / 3 = 4.33; with the lesson's
        kind for both marks it would be (5·2 + 3·2) / 4 = 4.00."""
        self.assertEqual((self.kind_control.weight, self.kind_lesson.weight), (2.0, 1.0), "the demo's weights")
        self.lesson.sudo(self.teacher).write({"attendance_ids": [(1, self.row.id, {
            "grade_1": "5", "grade_2": "3", "grade_2_kind_id": self.kind_lesson.id})]})
        first, second = self.marks()
        self.assertEqual((first.value, first.work_kind_id, first.weight), ("5", self.kind_control, 2.0),
                         "default: the lesson's kind")
        self.assertEqual((second.value, second.work_kind_id, second.weight), ("3", self.kind_lesson, 1.0))
        self.row.invalidate_cache()
        self.assertEqual((self.row.grade_1_kind_id, self.row.grade_2_kind_id), (self.kind_control, self.kind_lesson))
        # one formula: the SQL average and the Python twin agree on 4.33
        sql = self.Grade._weighted_averages([self.artem.id], [self.math.id], period_ids=[self.q1.id])
        self.assertEqual(sql[(self.artem.id, self.math.id)], 4.33)
        self.assertEqual(weighted_average([(g.value, g.weight) for g in self.marks()]), 4.33)
        self.assertEqual(weighted_average([("5", 2.0), ("3", 2.0)]), 4.0)
        # the period grade's explanation names each mark's kind and weight
        text = self.suggest_one().explanation
        self.assertIn("5 (вес 2, К/р,", text)
        self.assertIn("3 (вес 1, Ур.,", text)
        self.assertIn("(5·2 + 3·1) / (2 + 1) = 13 / 3 = 4.33", text)
        # the change of a mark's kind is in the change log
        self.row.sudo(self.teacher).write({"grade_2_kind_id": self.kind_homework.id})
        self.assertEqual(self.marks()[1].work_kind_id, self.kind_homework)
        log = self.env["school.change.log"].search([("lesson_id", "=", self.lesson.id),
                                                    ("student_id", "=", self.artem.id),
                                                    ("field_name", "=", "work_kind_id")])
        self.assertEqual((log[:1].old_value, log[:1].new_value), ("Ответ на уроке", "Домашняя работа"))

    def test_kind_per_grade_in_the_grid_5_slash_3ur_is_control_5_and_oral_3(self):
        """Rule 10 in «Журнал класса»: the cell «5/3ур» = «5» of the lesson's kind
        (К/р, weight 2) and «3» as an oral answer (Ур., weight 1); the cell shows
        the tag only for a mark of another kind than the lesson's."""
        answer = self.env["school.gradebook"].sudo(self.teacher).grid_set_cell(self.row.id, "5/3ур", self.q1.id)
        self.assertEqual(answer["cell"], "5/3ур")
        self.assertEqual(answer["average"] and float(str(answer["average"]).replace(",", ".")), 4.33)
        first, second = self.marks()
        self.assertEqual((first.work_kind_id, second.work_kind_id), (self.kind_control, self.kind_lesson))
        # «5/3» again: both marks of the lesson's kind
        self.env["school.gradebook"].sudo(self.teacher).grid_set_cell(self.row.id, "5/3", self.q1.id)
        self.assertEqual(self.marks()[1].work_kind_id, self.kind_control)
        with self.assertRefused(ValidationError, "вид работы"):
            self.row.sudo(self.teacher).write({"cell": "5/3xyz"})

    def test_kind_per_grade_printed_journal_shows_5_slash_3ur_at_a_control_work(self):
        """Rule 10 on paper: the printed journal's cell carries the kind of a mark
        that is not the lesson's, as the grid does («5/3ур»)."""
        self.row.write({"grade_1": "5", "grade_2": "3", "grade_2_kind_id": self.kind_lesson.id})
        data = self.env["report.school_ejournal.report_class_journal"]._journal_data(
            self.class_5a, self.lesson.date, self.lesson.date)
        self.assertEqual(data["cells"][(self.lesson.id, self.artem.id)], "5/3ур")

    def test_kind_per_grade_rights_teacher_of_the_lesson_only_pupil_and_parent_refused(self):
        """Rule 10, rights: the lesson's teacher chooses a mark's kind; another
        teacher, a pupil and a parent are refused and nothing changes."""
        self.row.sudo(self.teacher).write({"grade_1": "4", "grade_1_kind_id": self.kind_lesson.id})
        grade = self.marks()
        self.assertEqual(grade.work_kind_id, self.kind_lesson)
        for user in (self.class_teacher, self.student_user, self.parent_user):
            with self.assertRefused(REFUSED):
                self.row.sudo(user).write({"grade_1_kind_id": self.kind_homework.id})
            with self.assertRefused(REFUSED):
                grade.sudo(user).write({"work_kind_id": self.kind_homework.id})
        self.assertEqual(self.marks().work_kind_id, self.kind_lesson)

    def test_kind_per_grade_closed_period_refused_and_the_seal_covers_the_kind(self):
        """Rule 10, closing: after I quarter is closed a mark's kind (its weight)
        cannot change, and the period's seal covers it (verifies clean)."""
        self.row.sudo(self.teacher).write({"grade_1": "5", "grade_2": "3", "grade_2_kind_id": self.kind_lesson.id})
        seal = self.close(levels=self.class_5a.grade_level_id)
        self.assertTrue(seal)
        self.assertEqual(seal._verify(), [])
        for user in (self.teacher, self.admin):
            with self.assertRefused(REFUSED):
                self.row.sudo(user).write({"grade_2_kind_id": self.kind_control.id})
        self.assertEqual(self.marks()[1].work_kind_id, self.kind_lesson)


class TestRequiredMarks(KindsCase):
    """Rule 13: «отметка обязательна всем» for practical, laboratory and control works."""

    def setUp(self):
        super(TestRequiredMarks, self).setUp()
        self.company.write({"school_mark_required": True, "school_mark_required_days": 7,
                            "school_mon_lookback_days": 30, "school_mon_violation_limit": 100})
        self.lesson.write({"work_kind_id": self.kind_practical.id})
        absent_code = self.env.ref(MODULE + ".attendance_code_n")
        rows = self.Attendance.search([("lesson_id", "=", self.lesson.id)])
        others = rows - self.row
        self.absent = others[0]
        self.absent.write({"code_id": absent_code.id})
        self.Grade.search([("attendance_id", "in", (self.row | self.absent).ids)]).unlink()
        for row in others - self.absent:  # everyone else has his mark
            if not self.Grade.search([("attendance_id", "=", row.id)]):
                self.Grade.create({"lesson_id": self.lesson.id, "student_id": row.student_id.id, "value": "4"})
        self.day = fields.Date.from_string(self.lesson.date)

    def cron(self, days_after):
        self.env["school.violation"]._cron_journal_control(fields.Date.to_string(self.day + timedelta(days=days_after)))
        return self.env["school.violation"].search([("rule", "=", "required_marks_missing"),
                                                    ("lesson_id", "=", self.lesson.id)])

    def test_required_mark_warning_names_the_present_pupil_without_mark_not_the_absent_one(self):
        warning = self.lesson.sudo(self.teacher).school_mark_warning
        self.assertIn("Практическая работа", warning)
        self.assertIn("нет отметки у 1 уч.: %s" % self.artem.name, warning)
        self.assertNotIn(self.absent.student_id.name, warning)
        self.assertIn("за 7 дн.", warning)
        # saving still works (the marks may come the next day); the mark clears the warning
        self.lesson.sudo(self.teacher).write({"topic": "Практическая работа № 1"})
        self.row.sudo(self.teacher).write({"grade_1": "5"})
        self.lesson.invalidate_cache()
        self.assertFalse(self.lesson.sudo(self.teacher).school_mark_warning)
        # a kind without the flag, or the setting off: no warning
        self.row.sudo(self.teacher).write({"grade_1": False})
        self.lesson.invalidate_cache()
        self.assertTrue(self.lesson.school_mark_warning)
        self.company.school_mark_required = False
        self.lesson.invalidate_cache()
        self.assertFalse(self.lesson.school_mark_warning)

    def test_required_mark_violation_after_7_days_lists_present_pupil_not_absent_one(self):
        self.assertFalse(self.cron(6), "within the 7 days of grace: no violation")
        violation = self.cron(8)
        self.assertEqual(len(violation), 1, "one violation per lesson")
        self.assertEqual(violation.detail, "1 уч. без отметки: %s" % self.artem.name)
        self.assertNotIn(self.absent.student_id.name, violation.detail)
        self.assertEqual(violation.teacher_id, self.lesson.substitute_teacher_id or self.lesson.teacher_id)
        self.assertEqual(self.cron(8), violation, "idempotent")
        # the mark entered later resolves it
        self.Grade.create({"lesson_id": self.lesson.id, "student_id": self.artem.id, "value": "4"})
        self.cron(9)
        self.assertEqual(violation.state, "resolved")

    def test_required_mark_violation_off_by_setting_and_skipped_for_first_grade_without_marks(self):
        self.company.school_mark_required = False
        self.assertFalse(self.cron(8), "правило отключено настройкой")
        self.company.school_mark_required = True
        class_1a = self.env.ref(MODULE + ".demo_class_1a")
        self.assertFalse(class_1a.grade_level_id.marks_used)
        first = self.env["school.lesson"].search([("class_id", "=", class_1a.id), ("date", "<=", self.lesson.date)],
                                                 order="date desc", limit=1)
        first.write({"work_kind_id": self.kind_practical.id})
        self.assertFalse(first.grade_ids)
        self.cron(8)
        self.assertFalse(self.env["school.violation"].search([("rule", "=", "required_marks_missing"),
                                                             ("lesson_id", "=", first.id)]))
        self.assertFalse(first.school_mark_warning, "безотметочное обучение")

    def test_required_mark_control_work_without_any_mark_is_one_violation_not_two(self):
        self.lesson.write({"work_kind_id": self.kind_control.id})
        self.Grade.search([("lesson_id", "=", self.lesson.id)]).unlink()
        self.cron(8)
        self.assertFalse(self.env["school.violation"].search([("rule", "=", "required_marks_missing"),
                                                             ("lesson_id", "=", self.lesson.id)]))
        self.assertTrue(self.env["school.violation"].search([("rule", "=", "control_no_grades"),
                                                            ("lesson_id", "=", self.lesson.id)]))

    def test_required_mark_is_not_expected_of_a_pupil_out_of_the_lesson(self):
        # an exempt pupil (or one taught at home) has no mark to miss in his class's lesson
        self.env["school.subject.exemption"].create({
            "student_id": self.artem.id, "subject_id": self.lesson.subject_id.id, "date_from": self.lesson.date,
            "date_to": self.lesson.date, "reason": "plan", "document": "Приказ № 12 об ИУП"})
        self.env["school.attendance"].invalidate_cache()  # all models
        self.assertFalse(self.lesson.sudo(self.teacher).school_mark_warning)
        self.assertFalse(self.cron(8))


class TestRequiredMarksInTheRegulation(ReportsCase):
    def test_regulation_prints_required_marks_rule_only_when_on_with_its_7_days(self):
        company = self.env.ref("base.main_company").sudo(self.env.ref(MODULE + ".user_school_admin"))
        report = self.env.ref("school_ejournal.action_report_school_regulation")
        self.enable_pdf()

        def render():
            pdf, _fmt = report.render_qweb_pdf(company.ids)
            return " ".join(pdftotext(pdf).split())

        company.write({"school_mark_required": True, "school_mark_required_days": 7})
        text = render()
        self.assertIn("Отметка обязательна всем", text)
        self.assertIn("отметка выставляется каждому присутствовавшему на уроке ученику", text)
        self.assertIn("через 7 дн.", text)
        self.assertIn("Практическая работа", text)
        self.assertIn("Вес отметки определяется видом работы этой отметки", text)
        company.write({"school_mark_required": False})
        text = render()
        self.assertNotIn("Отметка обязательна всем", text)
        self.assertNotIn("каждому присутствовавшему", text)


class TestKindOfWorkPerGradeInTheLessonForm(BrowserCase):
    """Rule 10 in the roster, by keyboard: at a control work «5» for the control
    work, then → (the second mark) «3» and Space to change that mark's kind; the
    saved lesson warns that the pupils without a mark must get one (rule 13)."""
    _open_lesson = browser_lesson.TestLessonFormInBrowser._open_lesson

    def test_kind_per_grade_roster_keyboard_5_control_and_3_of_another_kind_by_space(self):
        from selenium.webdriver.common.keys import Keys
        lesson, _line = browser_lesson.lesson_of_25(self.env)
        control = self.env.ref(MODULE + ".work_kind_control")
        lesson.write({"work_kind_id": control.id})
        kinds = self.env["school.work.kind"].search([])
        expected = kinds[(list(kinds).index(control) + 2) % len(kinds)]  # two steps after the lesson's kind
        self._open_lesson(lesson)
        self.wait_css(".o_form_view.o_form_editable .o_school_roster")
        rows = [int(r.get_attribute("data-id")) for r in self.visible(".o_school_roster tr.o_roster_row")]
        self.wait(lambda: self.driver.switch_to.active_element.get_attribute("data-id") == str(rows[0]),
                  "the first pupil focused")
        for key in ("5", Keys.ARROW_UP, Keys.ARROW_RIGHT, "3", Keys.ARROW_UP, Keys.SPACE, Keys.SPACE):
            self.driver.switch_to.active_element.send_keys(key)
        self.wait_idle()
        self.click_css(".o_form_button_save")
        self.wait_css(".o_form_view.o_form_readonly")
        self.wait_idle()
        warning = self.wait_css(".o_school_mark_warning")
        self.assertIn("нет отметки у %s уч." % (len(rows) - 1), warning.text)
        self.fresh()
        grades = lesson.grade_ids.filtered(lambda g: g.attendance_id.id == rows[0]).sorted("sequence")
        self.assertEqual([(g.value, g.work_kind_id) for g in grades], [("5", control), ("3", expected)])
        self.assertEqual(grades.mapped("weight"), [2.0, expected.weight])
