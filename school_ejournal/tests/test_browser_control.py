"""The deputy director's control and the monitoring screens, in a real browser
(headless Chromium, tests/browser.py) and as ORM twins:

- the deputy opens «Нарушения по учителям» (a row per teacher and period with
  the counts of each kind, repeated violations marked), runs «Проверить сейчас»
  and sends a teacher's repeated violations to the director;
- an «@» in a violation's note suggests the school's staff, never a parent, and
  a note naming a parent is refused;
- the deputy reads СОУ and % качества in «Показатели успеваемости»;
- the class teacher checks the grade accumulation of his class now and tells
  the deputy; he checks now which parents do not read the journal.

The journal the checks look at is made here: lessons of 5А, Математика on the
last school days before today (the monitoring runs on today's date)."""
import contextlib
import re
import time
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from selenium.webdriver.common.keys import Keys

from .browser import BrowserCase
from .common import MODULE, DemoSchoolCase


def recent_journal(case, n=4):
    """``n`` lessons of 5А, Математика (the demo teacher's) on the last school
    days before today inside the current period, without a topic; no marks in
    5А, Математика in that period. The school's rules: 3 lessons without a mark,
    3 violations make them repeated. Returns (lessons, period)."""
    env = case.env
    school_class = env.ref(MODULE + ".demo_class_5a")
    level = school_class.grade_level_id
    today = fields.Date.from_string(fields.Date.context_today(env["school.lesson"]))
    period = env["school.period"].search([("kind", "=", level.period_kind), ("grade_level_ids", "in", level.ids),
                                          ("date_start", "<=", fields.Date.to_string(today)),
                                          ("date_end", ">=", fields.Date.to_string(today))], limit=1)
    if not period:
        case.skipTest("today (%s) is outside the demo's periods of 5А" % today)
    holidays = env["school.holiday"].search([("date_end", ">=", period.date_start)])
    days, day = [], today
    while len(days) < n and day > fields.Date.from_string(period.date_start) and (today - day).days < 13:
        day -= timedelta(days=1)
        off = any(fields.Date.from_string(h.date_start) <= day <= fields.Date.from_string(h.date_end)
                  for h in holidays)
        if day.weekday() < 5 and not off:
            days.append(fields.Date.to_string(day))
    if len(days) < n:
        case.skipTest("fewer than %s school days of the current period before today" % n)
    env.user.company_id.write({"school_mon_no_grade_lessons": 3, "school_mon_violation_limit": 3,
                               "school_mon_lookback_days": 14})
    math = env.ref(MODULE + ".subject_math")
    teacher = env.ref(MODULE + ".user_teacher")
    env["school.grade"].search([("class_id", "=", school_class.id), ("subject_id", "=", math.id),
                                ("date", ">=", period.date_start), ("date", "<=", period.date_end)]).unlink()
    lessons = env["school.lesson"]
    for day in days:
        taken = env["school.lesson"].search([("class_id", "=", school_class.id), ("date", "=", day)])
        number = max(n for n in range(1, 8) if n not in taken.mapped("lesson_number"))
        lessons |= env["school.lesson"].create({
            "date": day, "lesson_number": number, "class_id": school_class.id, "subject_id": math.id,
            "teacher_id": teacher.id, "topic": False})
    return lessons, period


def metrics_grades(case):
    """Quarter grades of 5А, Математика, I четверть: 5, 4, 4, 3, 2 (hand-computed
    % качества 60, СОУ 52,8)."""
    env = case.env
    school_class = env.ref(MODULE + ".demo_class_5a")
    math = env.ref(MODULE + ".subject_math")
    q1 = env["school.period"].search([("kind", "=", "quarter"), ("number", "=", 1),
                                      ("grade_level_ids", "in", school_class.grade_level_id.ids)], limit=1)
    PG = env["school.period.grade"]
    PG.search([("period_id", "=", q1.id), ("subject_id", "=", math.id)]).unlink()
    pupils = env["school.student"].search([("current_class_id", "=", school_class.id)], order="name", limit=5)
    for pupil, value in zip(pupils, ["5", "4", "4", "3", "2"]):
        PG.create({"student_id": pupil.id, "subject_id": math.id, "period_id": q1.id, "class_id": school_class.id,
                   "kind": "quarter", "value": value, "teacher_id": env.ref(MODULE + ".user_teacher").id})
    return q1


class TestControlServerSide(DemoSchoolCase):
    """The ORM twins of the browser scenarios below."""

    def setUp(self):
        super(TestControlServerSide, self).setUp()
        self.Monitoring = self.env["school.monitoring"]
        self.Alert = self.env["school.monitoring.alert"]
        self.Violation = self.env["school.violation"]

    def test_violations_by_teacher_and_escalation_to_the_director(self):
        lessons, period = recent_journal(self)
        result = self.Monitoring.sudo(self.deputy).action_check_now(["violations"])
        self.assertGreaterEqual(result["violations"]["created"], len(lessons))
        self.assertIn("Проверено", result["message"])
        Row = self.env["school.violation.teacher"]
        row = Row.sudo(self.deputy).search([("teacher_id", "=", self.teacher.id), ("period_id", "=", period.id)])
        self.assertEqual(len(row), 1)
        self.assertGreaterEqual(row.no_topic_count, len(lessons))
        self.assertEqual(row.violation_count, self.Violation.search_count([
            ("teacher_id", "=", self.teacher.id), ("period_id", "=", period.id), ("state", "!=", "excused")]))
        self.assertTrue(row.repeated, "3 or more violations are repeated")
        self.assertFalse(row.escalated_date)
        with self.assertRaises(AccessError):
            Row.sudo(self.teacher).search([])

        action = row.sudo(self.deputy).action_escalate()
        alert = self.Alert.browse(action["res_id"])
        director = self.Alert._directors()
        self.assertEqual(director, self.env.user.company_id.school_director_id, "the demo's director is set")
        self.assertEqual((alert.kind, alert.teacher_id, alert.period_id, alert.escalated_by),
                         ("violations", self.teacher, period, self.deputy), "who sent what")
        self.assertEqual(alert.recipient_ids, director, "to whom")
        self.assertEqual(alert.date, fields.Date.context_today(alert))
        activities = self.env["mail.activity"].search([("res_model", "=", alert._name), ("res_id", "=", alert.id)])
        self.assertEqual(activities.mapped("user_id"), director)
        message = alert.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertEqual(message.author_id, self.deputy.partner_id)
        self.assertEqual(message.partner_ids, director.partner_id, "the director is notified")
        violations = self.Violation.search([("teacher_id", "=", self.teacher.id), ("period_id", "=", period.id),
                                            ("state", "!=", "excused")])
        self.assertEqual(violations.mapped("escalation_id"), alert)
        Row.invalidate_cache()
        self.assertTrue(row.escalated_date)
        # the night's check does not send the same again; a second decision is a new signal
        sent = [("kind", "=", "violations"), ("teacher_id", "=", self.teacher.id), ("period_id", "=", period.id)]
        before = self.Alert.search_count(sent)
        self.Violation._cron_journal_control()
        self.assertEqual(self.Alert.search_count(sent), before)
        again = self.Alert.browse(violations[:1].sudo(self.deputy).action_escalate()["res_id"])
        self.assertNotEqual(again, alert)
        self.assertTrue(again.key.endswith(":2"))
        # a teacher cannot
        with self.assertRaises(AccessError):
            violations[:1].sudo(self.teacher).action_escalate()

    def test_mention_suggests_staff_never_parents(self):
        parent = self.parent_user.partner_id
        self.assertIn("Соколов", parent.name)
        Partner = self.env["res.partner"]
        for user in (self.deputy, self.class_teacher, self.teacher):
            users, partners = Partner.sudo(user).get_mention_suggestions("Соколов")
            ids = [p["id"] for p in users + partners]
            self.assertNotIn(parent.id, ids, "a parent is not suggested")
            self.assertNotIn(self.student_user.partner_id.id, ids, "a pupil is not suggested")
        users, partners = Partner.sudo(self.deputy).get_mention_suggestions("Петров")
        self.assertIn(self.teacher.partner_id.id, [p["id"] for p in users])

    def test_a_note_naming_a_parent_is_refused(self):
        recent_journal(self)
        self.Violation._cron_journal_control()
        violation = self.Violation.search([("teacher_id", "=", self.teacher.id)], limit=1)
        before = len(violation.message_ids)
        with self.assertRaises(UserError) as refusal:
            violation.sudo(self.deputy).message_post(body="Проверьте", subtype="mail.mt_note",
                                                     message_type="comment",
                                                     partner_ids=[self.parent_user.partner_id.id])
        self.assertIn("только сотрудника", str(refusal.exception.name))
        violation.invalidate_cache()
        self.assertEqual(len(violation.message_ids), before, "nothing written")
        violation.sudo(self.deputy).message_post(body="Проверьте", subtype="mail.mt_note", message_type="comment",
                                                 partner_ids=[self.teacher.partner_id.id])
        violation.invalidate_cache()
        self.assertEqual(violation.message_ids[0].partner_ids, self.teacher.partner_id)

    def test_check_now_rights_from_groups(self):
        recent_journal(self)
        self.env["school.portal.visit"].search([]).unlink()
        Line = self.env["school.monitoring.alert.line"]
        result = self.Monitoring.sudo(self.class_teacher).action_check_now()
        self.assertEqual(set(result) - {"message"}, {"accumulation", "parent_usage"})
        lines = Line.search([])
        self.assertTrue(lines)
        self.assertEqual(lines.mapped("class_id"), self.class_5a, "the class teacher's own class only")
        usage = self.Alert.search([("kind", "=", "parent_usage")])
        self.assertEqual(usage.mapped("class_id"), self.class_5a)
        self.assertIn(self.class_teacher, usage.recipient_ids)
        # again: nothing twice
        self.Monitoring.sudo(self.class_teacher).action_check_now()
        self.assertEqual(self.Alert.search([("kind", "=", "parent_usage")]), usage)
        self.assertEqual(len(self.Alert.search([("kind", "=", "accumulation")])), 1)
        with self.assertRaises(AccessError):
            self.Monitoring.sudo(self.class_teacher).action_check_now(["violations"])
        for user in (self.teacher, self.parent_user):
            with self.assertRaises(AccessError):
                self.Monitoring.sudo(user).action_check_now()
        with self.assertRaises(UserError):
            self.Monitoring.sudo(self.deputy).action_check_now(["drop table"])
        # the deputy: the whole school
        self.Monitoring.sudo(self.deputy).action_check_now(["accumulation"])
        self.assertTrue(Line.search([]).mapped("class_id") >= self.class_5a)


class ControlBrowserCase(BrowserCase):
    """The test reads the database through the cursor the browser's requests
    share: names are read before the login, the checks inside ``db()``, which
    holds the cursor's lock while they run."""

    @contextlib.contextmanager
    def db(self):
        self.wait_idle()
        self.cr.acquire()
        try:
            self.fresh()
            yield
        finally:
            self.cr.release()

    def click_row(self, text):
        """A click on the list row showing ``text`` (the list may still be redrawn)."""
        from selenium.common.exceptions import StaleElementReferenceException
        self.wait_css(".o_list_view tbody tr.o_data_row")
        for attempt in range(3):
            try:
                return self.click_text(".o_list_view tbody tr.o_data_row td", text)
            except StaleElementReferenceException:
                time.sleep(0.3)
        self.fail("the row «%s» kept being redrawn" % text)


class TestDeputyInBrowser(ControlBrowserCase):
    def test_deputy_opens_violations_by_teacher_and_escalates_to_the_director(self):
        lessons, period = recent_journal(self)
        teacher = self.env.ref(MODULE + ".user_teacher")
        deputy = self.env.ref(MODULE + ".user_deputy")
        teacher_name, period_name = teacher.name, period.name
        self.login("deputy")
        self.menu("menu_reports_violations")
        self.click_css(".o_school_check_now")
        row = self.wait(lambda: [r for r in self.visible(".o_list_view tbody tr.o_data_row")
                                 if teacher_name in r.text and period_name in r.text], "the teacher's row")[0]
        self.assertIn("text-danger", row.get_attribute("class"), "repeated violations are marked")
        self.click(row.find_element("css selector", "button[title='Сообщить директору']"))
        self.wait_css(".o_form_view .o_field_widget[name='escalated_by']")
        self.assertIn("Неоднократные нарушения", self.text())
        self.report("deputy: violations by teacher, escalation to the director", max_clicks=4, max_keys=0)
        with self.db():
            alert = self.env["school.monitoring.alert"].search([("kind", "=", "violations"),
                                                                ("teacher_id", "=", teacher.id)])
            self.assertEqual(len(alert), 1)
            self.assertEqual(alert.escalated_by, deputy)
            self.assertEqual(alert.recipient_ids, self.env["school.monitoring.alert"]._directors())
            self.assertTrue(self.env["mail.activity"].search([("res_model", "=", alert._name),
                                                              ("res_id", "=", alert.id)]))
            self.assertIn(alert, self.env["school.violation"].search([("lesson_id", "in", lessons.ids)])
                          .mapped("escalation_id"))

    def test_deputy_writes_a_note_to_the_teacher_with_a_mention(self):
        recent_journal(self, n=3)
        self.env["school.violation"]._cron_journal_control()
        teacher_partner = self.env.ref(MODULE + ".user_teacher").partner_id
        teacher_partner_id = teacher_partner.id
        self.login("deputy")
        self.menu("menu_control_violations")
        self.click_row("Не записана тема урока")
        self.wait_css(".o_form_view")
        violation_id = int(re.search(r"[#&]id=(\d+)", self.driver.current_url).group(1))
        self.click_css(".o_chatter_button_log_note")
        box = self.wait_css(".o_composer_text_field")
        self.type(box, "@Петров")
        self.click_css(".o_mention_proposition[data-id='%s']" % teacher_partner_id)
        self.type(box, " тема урока не записана")
        self.click_css(".o_composer_button_send")
        self.wait(lambda: "тема урока не записана" in self.text(), "the note in the chatter")
        self.report("deputy: a note to the teacher with «@»", max_clicks=6, max_keys=30)
        with self.db():
            violation = self.env["school.violation"].browse(violation_id)
            note = violation.message_ids.filtered(lambda m: "тема урока не записана" in (m.body or ""))
            self.assertEqual(len(note), 1)
            self.assertEqual(note.partner_ids, teacher_partner)
            self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))

    def test_deputy_reads_sou_and_quality(self):
        q1 = metrics_grades(self)
        school_class = self.env.ref(MODULE + ".demo_class_5a")
        deputy = self.env.ref(MODULE + ".user_deputy")
        math = self.env.ref(MODULE + ".subject_math")
        words = ("СОУ", "% качества", "Средний балл", school_class.name, q1.name)
        self.login("deputy")
        self.menu("menu_report_metrics")
        self.wait_css(".o_pivot")
        text = self.text()
        for word in words:
            self.assertIn(word, text)
        self.report("deputy: performance metrics (СОУ, % качества)", max_clicks=2, max_keys=0)
        with self.db():
            row = self.env["school.report.metrics"].sudo(deputy).read_group(
                [("class_id", "=", school_class.id), ("period_id", "=", q1.id), ("subject_id", "=", math.id)],
                ["quality_pct", "sou"], ["class_id"])[0]
        self.assertAlmostEqual(row["quality_pct"], 60.0, places=1)
        self.assertTrue("60,0" in text or "60.0" in text, "% качества of 5А is shown")


class TestClassTeacherMonitoringInBrowser(ControlBrowserCase):
    def test_class_teacher_checks_accumulation_now_and_tells_the_deputy(self):
        recent_journal(self)
        school_class = self.env.ref(MODULE + ".demo_class_5a")
        artem = self.env.ref(MODULE + ".demo_student_sokolov_artem")
        deputy = self.env.ref(MODULE + ".user_deputy")
        artem_name, class_name = artem.name, school_class.name  # read before the browser shares the cursor
        parent_id = self.env.ref(MODULE + ".user_parent").partner_id.id
        deputy_partner_id = deputy.partner_id.id
        self.login("class_teacher")
        self.menu("menu_class_teacher_accumulation")
        self.click_css(".o_school_check_now")
        # the list fills (the whole class's lines: the pupil may be on a later page)
        self.wait(lambda: self.visible(".o_list_view tr.o_data_row"), "the pupils without marks")
        self.report("class teacher: accumulation checked now", max_clicks=3, max_keys=0)
        with self.db():
            lines = self.env["school.monitoring.alert.line"].search([])
            self.assertIn(artem, lines.mapped("student_id"))
            self.assertEqual(lines.mapped("class_id"), school_class)
            alert = self.env["school.monitoring.alert"].search([("kind", "=", "accumulation"),
                                                                ("class_id", "=", school_class.id)])
            self.assertEqual(len(alert), 1)
            alert_name = alert.name

        # tells the deputy: a message on the class's signal naming him
        self.menu("menu_class_teacher_alerts")
        self.click_row(alert_name)
        self.click_css(".o_chatter_button_new_message")
        box = self.wait_css(".o_composer_text_field")
        # Odoo's «@» offered the parents of his class first; a staff-only list here
        self.type(box, "@Соколова")
        time.sleep(1.5)  # the composer's throttled search
        self.wait_idle()
        offered = [int(e.get_attribute("data-id")) for e in self.visible(".o_mention_proposition")]
        self.assertNotIn(parent_id, offered, "a parent is offered in «@»")
        box.send_keys(Keys.CONTROL, "a")
        self.keys += 1
        self.type(box, "@Кузнецов")
        self.click_css(".o_mention_proposition[data-id='%s']" % deputy_partner_id)
        self.type(box, " прошу проверить накопляемость в %s" % class_name)
        self.click_css(".o_composer_button_send")
        self.wait(lambda: "прошу проверить накопляемость" in self.text(), "the message in the chatter")
        self.report("class teacher: tells the deputy", max_clicks=5, max_keys=60)
        with self.db():
            message = alert.message_ids.filtered(lambda m: "прошу проверить" in (m.body or ""))
            self.assertEqual(len(message), 1)
            self.assertIn(deputy.partner_id, message.partner_ids)

    def test_class_teacher_checks_that_parents_read_the_journal(self):
        self.env["school.portal.visit"].search([]).unlink()
        school_class = self.env.ref(MODULE + ".demo_class_5a")
        parent = self.env.ref(MODULE + ".user_parent")
        class_teacher = self.env.ref(MODULE + ".user_class_teacher")
        parent_name, class_name = parent.name, school_class.name  # read before the browser shares the cursor
        self.login("class_teacher")
        self.menu("menu_class_teacher_parent_usage")
        self.click_css(".o_school_check_now")
        self.click_row("Родители не читают журнал: %s" % class_name)
        self.wait(lambda: parent_name in self.text(), "the parents who did not open the journal")
        self.report("class teacher: parents' use checked now", max_clicks=4, max_keys=0)
        with self.db():
            alert = self.env["school.monitoring.alert"].search([("kind", "=", "parent_usage")])
            self.assertEqual(alert.class_id, school_class)
            self.assertIn(parent_name, alert.note)
            self.assertIn(class_teacher, alert.recipient_ids)
