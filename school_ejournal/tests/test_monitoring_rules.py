"""Monitoring rules on crafted data: grade accumulation, parents'
use, journal-keeping violations, escalations to the right people, the
committee list, crons registered, active and idempotent."""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError

from .common import MODULE, MonitoringCase

DAY = "2026-10-09"       # a Friday inside I quarter with lessons before it
LATER = "2026-10-12"     # three days later


class TestAccumulation(MonitoringCase):
    def setUp(self):
        super(TestAccumulation, self).setUp()
        self.company.write({"school_mon_no_grade_lessons": 3, "school_mon_escalation_days": 3,
                            "school_min_grades": 3})
        self.math_lessons = self.lessons()
        self.Grade.search([("student_id", "=", self.artem.id), ("subject_id", "=", self.math.id)]).unlink()

    def lines(self, reason=None):
        domain = [("student_id", "=", self.artem.id), ("subject_id", "=", self.math.id)]
        if reason:
            domain.append(("reason", "=", reason))
        return self.env["school.monitoring.alert.line"].search(domain)

    def test_no_grades_over_last_lessons_reaches_class_teacher(self):
        result = self.Monitoring._cron_grade_accumulation(DAY)
        self.assertTrue(self.lines("no_recent"), "Артём без отметок по математике должен попасть в список")
        alert = self.Alert.search([("kind", "=", "accumulation"), ("class_id", "=", self.class_5a.id)])
        self.assertEqual(len(alert), 1)
        self.assertIn(self.artem.name, alert.note)
        acts = self.activities(alert)
        self.assertEqual(acts.mapped("user_id"), self.class_teacher, "одна задача — классному руководителю 5А")
        # idempotent: a second run creates nothing
        again = self.Monitoring._cron_grade_accumulation(DAY)
        self.assertEqual(again["alerts"], 0)
        self.assertEqual(len(self.Alert.search([("kind", "=", "accumulation")])), result["alerts"])
        self.assertEqual(len(self.activities(alert)), 1)

    def test_graded_recently_is_not_listed(self):
        last = self.math_lessons[-1]
        for lesson in self.math_lessons[-3:]:
            self.Grade.create({"lesson_id": lesson.id, "student_id": self.artem.id, "value": "4"})
        self.Monitoring._cron_grade_accumulation(DAY)
        self.assertFalse(self.lines(), "три отметки на последних уроках: ни одной проблемы")
        self.assertTrue(last)

    def test_pace_below_minimum(self):
        # one grade on the last lesson: no «no recent» problem, but 1 grade in 39 days of a
        # 55-day quarter will not reach the minimum of 3
        self.Grade.create({"lesson_id": self.math_lessons[-1].id, "student_id": self.artem.id, "value": "5"})
        self.Monitoring._cron_grade_accumulation(DAY)
        self.assertFalse(self.lines("no_recent"))
        pace = self.lines("pace")
        self.assertEqual(pace.grade_count, 1)
        self.assertLess(pace.projected, 3)

    def test_unresolved_after_k_days_reaches_deputy_once(self):
        self.Monitoring._cron_grade_accumulation(DAY)
        self.Monitoring._cron_grade_accumulation("2026-10-10")
        self.assertFalse(self.Alert.search([("kind", "=", "accumulation_summary")]), "K дней ещё не прошло")
        self.Monitoring._cron_grade_accumulation(LATER)
        summary = self.Alert.search([("kind", "=", "accumulation_summary")])
        self.assertEqual(len(summary), 1)
        self.assertIn(self.artem.name, summary.note)
        self.assertEqual(self.activities(summary).mapped("user_id"), self.deputy)
        self.assertTrue(self.lines("no_recent").escalated)
        self.Monitoring._cron_grade_accumulation(LATER)
        self.assertEqual(len(self.Alert.search([("kind", "=", "accumulation_summary")])), 1)

    def test_solved_problem_closes_line(self):
        self.Monitoring._cron_grade_accumulation(DAY)
        self.assertTrue(self.lines("no_recent"))
        self.Grade.create({"lesson_id": self.math_lessons[-1].id, "student_id": self.artem.id, "value": "4"})
        self.Monitoring._cron_grade_accumulation(DAY)
        self.assertFalse(self.lines("no_recent"))


class TestParentUsage(MonitoringCase):
    def test_idle_parent_reported_per_class_and_summary(self):
        self.company.write({"school_mon_parent_idle_days": 7, "school_mon_parent_idle_percent": 50})
        result = self.Monitoring._cron_parent_usage(DAY)
        alert = self.Alert.search([("kind", "=", "parent_usage"), ("class_id", "=", self.class_5a.id)])
        self.assertEqual(len(alert), 1)
        self.assertIn(self.parent.name, alert.note)
        self.assertEqual(self.activities(alert).mapped("user_id"), self.class_teacher)
        summary = self.Alert.search([("kind", "=", "parent_usage_summary")])
        self.assertEqual(self.activities(summary).mapped("user_id"), self.deputy)
        self.assertIn("5А", summary.note)
        again = self.Monitoring._cron_parent_usage(DAY)
        self.assertEqual(again["alerts"], 0)
        self.assertEqual(len(self.Alert.search([("kind", "like", "parent_usage")])), result["alerts"] + 1)

    def test_visiting_parent_is_not_reported(self):
        # the portal helper calls _log_visit as the parent; a visit today counts
        self.assertTrue(self.env["school.portal.visit"].sudo(self.parent)._log_visit(student=self.artem))
        self.env.cr.execute("UPDATE school_portal_visit SET visit_date = '2026-10-08 10:00', day = '2026-10-08'")
        result = self.Monitoring._cron_parent_usage(DAY)
        self.assertEqual(result["alerts"], 0)
        self.assertFalse(self.Alert.search([("kind", "like", "parent_usage")]))

    def test_visit_log_own_only_and_unreadable_for_portal(self):
        Visit = self.env["school.portal.visit"]
        Visit.sudo(self.parent)._log_visit(student=self.artem)
        Visit.sudo(self.parent)._log_visit(student=self.artem)
        Visit.sudo(self.parent)._log_visit(student=self.env.ref(MODULE + ".demo_student_transferred"))
        rows = Visit.search([("user_id", "=", self.parent.id)])
        self.assertEqual(sorted(rows.mapped("hits")), [1, 2])
        self.assertEqual(rows.mapped("student_id"), self.artem, "чужой ребёнок не записывается")
        self.assertFalse(self.env["school.portal.visit"].sudo(self.parent).check_access_rights(
            "read", raise_exception=False))
        self.assertFalse(Visit.sudo(self.teacher)._log_visit(), "сотрудники посещения не пишут")


class TestViolations(MonitoringCase):
    def setUp(self):
        super(TestViolations, self).setUp()
        self.company.write({"school_mon_lookback_days": 30, "school_mon_control_days": 3,
                            "school_mon_late_entry_days": 3, "school_mon_violation_limit": 100,
                            "school_mon_homework_required": True})
        self.lesson = self.lessons()[-2]

    def find(self, rule, lesson=None):
        return self.Violation.search([("rule", "=", rule), ("lesson_id", "=", (lesson or self.lesson).id)])

    def test_lesson_without_topic(self):
        self.lesson.write({"topic": False})
        other = self.lessons()[-3]
        other.write({"topic": "Десятичные дроби"})
        self.Violation._cron_journal_control(DAY)
        violation = self.find("no_topic")
        self.assertEqual(len(violation), 1)
        self.assertEqual(violation.teacher_id, self.teacher)
        self.assertEqual(violation.period_id, self.q1)
        self.assertFalse(self.find("no_topic", other))
        # idempotent, and the topic written later resolves it
        self.assertEqual(self.Violation._cron_journal_control(DAY)["created"], 0)
        self.lesson.write({"topic": "Смешанные числа"})
        self.Violation._cron_journal_control(DAY)
        self.assertEqual(violation.state, "resolved")

    def test_homework_missing(self):
        self.lesson.write({"homework": False})
        # the demo's homework depends on the day it was built: both others have one now
        other, lesson2 = self.lessons()[-3], self.lessons()[-4]
        (other | lesson2).write({"homework": "№ 112"})
        self.Violation._cron_journal_control(DAY)
        self.assertTrue(self.find("no_homework"))
        self.assertFalse(self.find("no_homework", other))
        self.company.school_mon_homework_required = False
        lesson2.write({"homework": False})
        self.Violation._cron_journal_control(DAY)
        self.assertFalse(self.find("no_homework", lesson2), "правило отключено настройкой")

    def test_control_without_grades(self):
        lessons = self.lessons()
        missing, graded = lessons[-6], lessons[-7]
        missing.write({"work_kind_id": self.kind_control.id})
        self.Grade.search([("lesson_id", "=", missing.id)]).unlink()
        graded.write({"work_kind_id": self.kind_control.id})
        if not graded.grade_ids:
            self.Grade.create({"lesson_id": graded.id, "student_id": self.artem.id, "value": "4"})
        # not yet D days after the lesson: no violation
        self.Violation._cron_journal_control(fields.Date.to_string(
            fields.Date.from_string(missing.date) + timedelta(days=2)))
        self.assertFalse(self.find("control_no_grades", missing))
        self.Violation._cron_journal_control("2026-10-20")
        self.assertTrue(self.find("control_no_grades", missing))
        self.assertFalse(self.find("control_no_grades", graded))

    def test_grades_entered_late(self):
        on_time, late = self.lessons()[-5], self.lesson
        for lesson in (on_time, late):
            self.Grade.search([("lesson_id", "=", lesson.id), ("student_id", "=", self.artem.id)]).unlink()
            self.Grade.sudo(self.teacher).create({"lesson_id": lesson.id, "student_id": self.artem.id,
                                                  "value": "4", "sequence": 1})
        self.env.cr.execute("UPDATE school_lesson SET create_date = '2026-08-30' WHERE id IN %s",
                            ((on_time.id, late.id),))
        self.env.cr.execute("""UPDATE school_grade g SET create_date = l.date + %s
                                 FROM school_lesson l WHERE l.id = g.lesson_id AND g.lesson_id = %s
                                  AND g.student_id = %s""", (1, on_time.id, self.artem.id))
        self.env.cr.execute("""UPDATE school_grade g SET create_date = l.date + %s
                                 FROM school_lesson l WHERE l.id = g.lesson_id AND g.lesson_id = %s
                                  AND g.student_id = %s""", (5, late.id, self.artem.id))
        self.env.cr.execute("""UPDATE school_grade SET create_date = '2026-08-31'
                                WHERE lesson_id IN %s AND student_id <> %s""", ((on_time.id, late.id), self.artem.id))
        self.Violation._cron_journal_control("2026-10-20")
        self.assertTrue(self.find("late_grades"))
        self.assertFalse(self.find("late_grades", on_time))

    def test_period_without_period_grades(self):
        self.company.school_mon_lookback_days = 14
        self.Violation._cron_journal_control("2026-10-28")
        found = self.Violation.search([("rule", "=", "period_no_grades"), ("period_id", "=", self.q1.id),
                                       ("class_id", "=", self.class_5a.id), ("subject_id", "=", self.math.id)])
        self.assertEqual(len(found), 1)
        self.assertEqual(found.teacher_id, self.teacher)
        # all grades of the quarter put: resolved on the next run
        self.env.cr.execute("""
            INSERT INTO school_period_grade (student_id, subject_id, period_id, class_id, kind, value, state)
            SELECT DISTINCT a.student_id, a.subject_id, a.period_id, a.class_id, 'quarter', '4', 'confirmed'
              FROM school_attendance a WHERE a.period_id = %s AND a.class_id = %s AND a.subject_id = %s
            ON CONFLICT DO NOTHING""", (self.q1.id, self.class_5a.id, self.math.id))
        self.env.cr.execute("""UPDATE school_period_grade SET value = '4' WHERE period_id = %s AND class_id = %s
                                AND subject_id = %s""", (self.q1.id, self.class_5a.id, self.math.id))
        self.Violation._cron_journal_control("2026-10-28")
        self.assertEqual(found.state, "resolved")

    def test_excuse_and_resolve(self):
        self.lesson.write({"topic": False})
        self.Violation._cron_journal_control(DAY)
        violation = self.find("no_topic").sudo(self.deputy)
        with self.assertRaises(UserError):
            violation.action_excuse()
        violation.write({"excuse": "Учитель был на больничном, урок провёл заменяющий"})
        violation.action_excuse()
        self.assertEqual(violation.state, "excused")
        self.assertEqual(violation.decided_by, self.deputy)
        violation.action_reopen()
        violation.action_resolve()
        self.assertEqual(violation.state, "resolved")


class TestDirectorEscalation(MonitoringCase):
    def setUp(self):
        super(TestDirectorEscalation, self).setUp()
        self.company.write({"school_mon_lookback_days": 30, "school_mon_violation_limit": 3,
                            "school_mon_homework_required": False})
        self.Violation.search([]).unlink()
        self.env.cr.execute("UPDATE school_lesson SET topic = 'Тема' WHERE coalesce(topic, '') = ''")
        self.mine = self.lessons()[-4:-1]

    def test_repeat_offender_reaches_director_and_committee_list(self):
        director = self.env["res.users"].create({
            "name": "Директоров Иван Иванович", "login": "director_h6",
            "groups_id": [(6, 0, [self.env.ref(MODULE + ".group_director").id])]})
        self.company.school_director_id = False
        self.company.school_mon_violation_limit = 100
        self.Violation._cron_journal_control(DAY)
        base = self.Violation.search_count([("teacher_id", "=", self.teacher.id), ("period_id", "=", self.q1.id),
                                            ("state", "!=", "excused")])
        self.company.school_mon_violation_limit = base + 3
        mine = lambda: self.Alert.search([("kind", "=", "violations"), ("teacher_id", "=", self.teacher.id)])
        self.mine[:2].write({"topic": False})
        self.Violation._cron_journal_control(DAY)
        self.assertFalse(mine(), "на одно нарушение меньше порога")
        self.mine.write({"topic": False})
        self.Violation._cron_journal_control(DAY)
        alert = mine()
        self.assertEqual(len(alert), 1)
        self.assertEqual(alert.period_id, self.q1)
        self.assertEqual(self.activities(alert).mapped("user_id"), director)
        self.assertEqual(self.Violation._cron_journal_control(DAY)["escalated"], 0)
        self.assertEqual(len(mine()), 1)
        # the committee list of the quarter names the teacher, until a violation is excused
        self.assertIn(self.teacher, [r["teacher"] for r in self.q1._commission_rows()])
        html = self.env.ref(MODULE + ".action_report_violation_commission").render_qweb_html(self.q1.ids)[0]
        self.assertIn("Список для комиссии по стимулирующим выплатам", html.decode())
        self.assertIn(self.teacher.name, html.decode())
        first = self.Violation.search([("teacher_id", "=", self.teacher.id), ("period_id", "=", self.q1.id)],
                                      limit=1)
        first.write({"excuse": "Сбой электроснабжения"})
        first.action_excuse()
        self.assertNotIn(self.teacher, [r["teacher"] for r in self.q1._commission_rows()])

    def test_without_director_role_the_company_director_or_admin(self):
        self.company.school_director_id = self.admin
        self.assertEqual(self.Alert._directors(), self.admin)
        self.company.school_director_id = False
        self.assertIn(self.admin, self.Alert._directors())

    def test_pdf_renders(self):
        # Odoo 11 returns the HTML instead of the PDF while tests run (test_enable)
        content, kind = self.env.ref(MODULE + ".action_report_violation_commission").render_qweb_pdf(self.q1.ids)
        self.assertIn(kind, ("pdf", "html"))
        self.assertTrue(content)


class TestCronsAndReports(MonitoringCase):
    def test_crons_registered_and_active(self):
        for xmlid, method in (("cron_monitoring_grade_accumulation", "_cron_grade_accumulation"),
                              ("cron_monitoring_journal_control", "_cron_journal_control"),
                              ("cron_monitoring_parent_usage", "_cron_parent_usage"),
                              ("cron_monitoring_weekly_digest", "_cron_weekly_digest")):
            cron = self.env.ref("%s.%s" % (MODULE, xmlid))
            self.assertTrue(cron.active, xmlid)
            self.assertEqual(cron.numbercall, -1)
            self.assertIn(method, cron.code)

    def test_crons_run_through_ir_cron_twice(self):
        """Each scheduled action run twice (as the scheduler does, today's date)
        creates nothing the second time."""
        for xmlid in ("cron_monitoring_grade_accumulation", "cron_monitoring_journal_control",
                      "cron_monitoring_parent_usage", "cron_monitoring_weekly_digest"):
            cron = self.env.ref("%s.%s" % (MODULE, xmlid))
            cron.method_direct_trigger()
            counts = (self.Alert.search_count([]), self.env["mail.activity"].search_count([]),
                      self.Violation.search_count([]), self.env["school.digest.log"].search_count([]),
                      self.env["mail.mail"].search_count([]))
            cron.method_direct_trigger()
            self.assertEqual(counts, (self.Alert.search_count([]), self.env["mail.activity"].search_count([]),
                                      self.Violation.search_count([]),
                                      self.env["school.digest.log"].search_count([]),
                                      self.env["mail.mail"].search_count([])), xmlid)

    def test_staff_usage_report(self):
        lesson = self.lessons()[-1]
        self.Grade.search([("lesson_id", "=", lesson.id), ("student_id", "=", self.artem.id)]).unlink()
        self.Grade.sudo(self.teacher).create({"lesson_id": lesson.id, "student_id": self.artem.id, "value": "5"})
        self.env["res.users.log"].sudo(self.teacher).create({})
        self.env["school.staff.usage.report"].invalidate_cache()
        rows = self.env["school.staff.usage.report"].sudo(self.admin).search([("user_id", "=", self.teacher.id)])
        self.assertTrue(rows)
        self.assertGreaterEqual(sum(rows.mapped("login_count")), 1)
        self.assertGreaterEqual(sum(rows.mapped("grade_count")), 1)
        self.assertGreater(sum(rows.mapped("topic_count")), 0)
        groups = self.env["school.staff.usage.report"].sudo(self.admin).read_group(
            [], ["user_id", "grade_count", "late_grade_count"], ["user_id"])
        self.assertTrue(groups)


class TestFirstGradeIsNotControlledForMarks(MonitoringCase):
    """Безотметочное обучение (the first grade): no homework is expected and no
    marks, so its teachers collect no «no homework», «control work without marks»
    or «no period grades» violations and its pupils no accumulation alerts; a
    missing topic is still a violation."""
    find = TestViolations.find

    def setUp(self):
        super(TestFirstGradeIsNotControlledForMarks, self).setUp()
        self.company.write({"school_mon_lookback_days": 30, "school_mon_control_days": 3,
                            "school_mon_violation_limit": 100, "school_mon_homework_required": True})
        self.lesson = self.lessons()[-2]

    def test_first_grade_lessons_raise_no_marks_or_homework_violations_but_a_missing_topic(self):
        class_1a = self.env.ref(MODULE + ".demo_class_1a")
        self.assertFalse(class_1a.grade_level_id.marks_used)
        lessons = self.Lesson.search([("class_id", "=", class_1a.id), ("date", "<=", DAY)],
                                     order="date desc", limit=2)
        self.assertEqual(len(lessons), 2)
        lessons.write({"homework": False, "work_kind_id": self.kind_control.id})
        lessons[0].write({"topic": False})
        self.Violation._cron_journal_control("2026-10-20")
        for rule in ("no_homework", "control_no_grades"):
            self.assertFalse(self.Violation.search([("rule", "=", rule), ("lesson_id", "in", lessons.ids)]), rule)
        self.assertFalse(self.Violation.search([("rule", "=", "period_no_grades"), ("class_id", "=", class_1a.id)]))
        self.assertTrue(self.find("no_topic", lessons[0]))
        # the same omissions in 5А are violations
        self.lesson.write({"homework": False})
        self.Violation._cron_journal_control(DAY)
        self.assertTrue(self.find("no_homework"))
        # and no accumulation alert for a pupil of 1А
        self.env["school.monitoring"]._cron_grade_accumulation(DAY)
        self.assertFalse(self.env["school.monitoring.alert.line"].search([("class_id", "=", class_1a.id)]))
