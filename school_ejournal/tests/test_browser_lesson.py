"""The lesson form at the speed of a paper journal, in a real browser (headless
Chromium, tests/browser.py): the teacher opens a lesson of 25 pupils,
takes the topic, the kind of work and the homework from the thematic plan (КТП),
marks 3 absences and 12 marks by keyboard only, and saves — at most 5 clicks and
40 keys. Header fields are read-only once the lesson has marks; «Править» and
«Удалить» are not offered on a lesson the user may not change. The ORM twins of
the server rules the form relies on are in TestLessonFormServerSide."""
import odoo
from odoo.exceptions import UserError
from odoo.tests.common import TransactionCase

from .browser import BrowserCase

PUPILS = 25
# the roster position (0-based, in the order of the form) → what the teacher types
ABSENT = {4: "н", 12: "б", 20: "у"}
MARKS = {0: "5", 2: "4", 5: "3", 7: "5", 9: "4", 11: "2", 14: "5", 16: "4", 18: "3", 21: "5", 23: "4", 24: "5"}


def lesson_of_25(env):
    """A lesson of the demo teacher in 5А, Математика, on today (or on the last day
    of his lessons when today is outside the school year), empty, with 25 pupils in
    its roster (pupils enrolled for it when the class is smaller), and a КТП of
    5А, Математика with a topic still to be taught. Returns (lesson, plan line)."""
    teacher = env.ref("school_ejournal.user_teacher")
    school_class = env.ref("school_ejournal.demo_class_5a")
    subject = env["school.subject"].search([("name", "=", "Математика")], limit=1)
    Lesson = env["school.lesson"]
    year = school_class.academic_year_id
    today = odoo.fields.Date.context_today(Lesson)
    if not year.date_start <= today <= year.date_end:
        today = Lesson.search([("teacher_id", "=", teacher.id)], limit=1, order="date desc").date
    lesson = Lesson.search([("teacher_id", "=", teacher.id), ("class_id", "=", school_class.id),
                            ("subject_id", "=", subject.id), ("date", "=", today),
                            ("subgroup_id", "=", False)], limit=1)
    if lesson:  # the demo's lesson of the day: emptied
        lesson.grade_ids.unlink()
        lesson.attendance_ids.filtered("code_id").write({"code_id": False})
        lesson.write({"topic": False, "homework": False, "plan_line_id": False,
                      "work_kind_id": env.ref("school_ejournal.work_kind_lesson").id})
    else:
        taken = set(Lesson.search([("class_id", "=", school_class.id), ("date", "=", today)]).mapped("lesson_number"))
        bells = env["school.bell.schedule"].search([]).mapped("line_ids.lesson_number") or list(range(1, 13))
        number = min(n for n in bells if n not in taken and n > 0)
        lesson = Lesson.create({"date": today, "lesson_number": number, "class_id": school_class.id,
                                "subject_id": subject.id, "teacher_id": teacher.id})
    arrivals = 0
    while len(lesson.attendance_ids) < PUPILS:
        arrivals += 1
        pupil = env["school.student"].create({"last_name": "Яковлев%s" % "абвгдеж"[arrivals], "first_name": "Илья"})
        env["school.student.movement"].create({"student_id": pupil.id, "date": year.date_start,
                                               "movement_type": "arrival", "to_class_id": school_class.id})
        lesson.invalidate_cache()
    env.cr.execute("UPDATE school_attendance SET comment = NULL WHERE lesson_id = %s", (lesson.id,))
    plan = env["school.thematic.plan"].search([("class_id", "=", school_class.id), ("subject_id", "=", subject.id),
                                               ("subgroup_id", "=", False)], limit=1) or \
        env["school.thematic.plan"].create({"class_id": school_class.id, "subject_id": subject.id,
                                            "teacher_id": teacher.id})
    lesson.invalidate_cache()
    if not lesson.plan_line_next_id:
        env["school.thematic.plan.line"].create({
            "plan_id": plan.id, "number": max(plan.line_ids.mapped("number") or [0]) + 1,
            "topic": "Сложение и вычитание дробей с одинаковыми знаменателями", "hours": 1,
            "work_kind_id": env.ref("school_ejournal.work_kind_independent").id,
            "homework": "№ 245, 247 (стр. 58)"})
        lesson.invalidate_cache()
    line = lesson.plan_line_next_id
    if not line.work_kind_id or not line.homework:
        line.write({"work_kind_id": line.work_kind_id.id or env.ref("school_ejournal.work_kind_independent").id,
                    "homework": line.homework or "№ 245, 247 (стр. 58)"})
    assert len(lesson.attendance_ids) == PUPILS and line
    return lesson, line


class TestLessonFormInBrowser(BrowserCase):
    def _open_lesson(self, lesson):
        """«Мои уроки сегодня» (or «Уроки» when the lesson is not today's), then the
        lesson's row. Returns the lesson's facts read before the browser starts: the
        test and the server share one cursor."""
        facts = {"today": lesson.date == odoo.fields.Date.context_today(lesson), "class": lesson.class_id.name,
                 "subject": lesson.subject_id.name, "date": "%s.%s.%s" % tuple(reversed(lesson.date.split("-")))}
        self.login("teacher")
        self.menu("menu_journal_today" if facts["today"] else "menu_journal_lessons")
        self.wait_idle()
        row = self.wait(lambda: [r for r in self.visible(".o_list_view tr.o_data_row")
                                 if facts["class"] in r.text and facts["subject"] in r.text
                                 and facts["date"] in r.text], "the lesson in the list")[0]
        self.click(row)
        self.wait_css(".o_form_view .o_school_roster")

    def _pupils_in_form(self):
        return [int(r.get_attribute("data-id")) for r in self.visible(".o_school_roster tr.o_roster_row")]

    def test_teacher_fills_a_lesson_of_25_by_keyboard(self):
        from selenium.webdriver.common.keys import Keys
        lesson, line = lesson_of_25(self.env)
        teacher = self.env.ref("school_ejournal.user_teacher")
        self._open_lesson(lesson)
        # the lesson of the teacher opens ready for marks: no «Править»
        self.wait_css(".o_form_view.o_form_editable .o_school_roster")
        self.click_css("button[name='action_take_plan_line']")
        self.wait(lambda: line.topic in (self.wait_css(".o_field_widget[name='topic']").get_attribute("value") or ""),
                  "the topic from the КТП")
        rows = self._pupils_in_form()
        self.assertEqual(len(rows), PUPILS, "the roster shows all pupils")
        # the first pupil has the keyboard: a key per pupil, the last one with a mark
        self.wait(lambda: self.driver.switch_to.active_element.get_attribute("data-id") == str(rows[0]),
                  "the first pupil focused")
        last = max(list(ABSENT) + list(MARKS))
        for index in range(last + 1):
            key = ABSENT.get(index) or MARKS.get(index) or Keys.ARROW_DOWN
            self.driver.switch_to.active_element.send_keys(key)
            self.keys += 1
        self.wait_idle()
        self.click_css(".o_form_button_save")
        self.wait(lambda: self.visible(".o_form_view.o_form_readonly") or self.visible(
            ".modal .o_dialog_warning, .modal .o_error_detail, .o_notification.o_error"), "the save")
        self.wait_idle()

        self.fresh()
        self.assertEqual(lesson.topic, line.topic)
        self.assertEqual(lesson.homework, line.homework)
        self.assertEqual(lesson.work_kind_id, line.work_kind_id)
        self.assertEqual(lesson.plan_line_id, line)
        by_id = {row.id: row for row in lesson.attendance_ids}
        codes = {by_id[rows[i]].student_id: c for i, c in ABSENT.items()}
        marks = {by_id[rows[i]].student_id: m for i, m in MARKS.items()}
        self.assertEqual({r.student_id: r.code_id.code for r in lesson.attendance_ids if r.code_id}, codes)
        self.assertEqual({g.student_id: g.value for g in lesson.grade_ids}, marks)
        self.assertEqual(set(lesson.grade_ids.mapped("create_uid")), {teacher}, "the teacher is the author")
        self.assertEqual(set(lesson.grade_ids.mapped("work_kind_id")), {line.work_kind_id})
        self.assertEqual(set(lesson.grade_ids.mapped("sequence")), {1})
        self.assertEqual(set(lesson.attendance_ids.filtered("code_id").mapped("write_uid")), {teacher})
        self.report("lesson of %s pupils: topic, kind, homework, 3 absences, 12 marks" % PUPILS,
                    max_clicks=5, max_keys=40)

        # header fields are read-only now that the lesson has marks
        self.click_css(".o_form_button_edit")
        for name in ("date", "lesson_number", "class_id", "subject_id", "teacher_id"):
            self.assertFalse(self.visible(".o_form_view .o_field_widget[name='%s'] input, "
                                          "input.o_field_widget[name='%s']" % (name, name)), name)

    def test_teacher_fills_a_lesson_of_25_without_a_plan(self):
        """Without a КТП the topic and the homework are typed: the figure for it."""
        from selenium.webdriver.common.keys import Keys
        lesson, line = lesson_of_25(self.env)
        line.plan_id.line_ids.unlink()
        topic, homework = "Сравнение дробей", "№ 245"
        self._open_lesson(lesson)
        self.assertFalse(self.visible("button[name='action_take_plan_line']"))
        self.type_field("topic", topic)
        self.type_field("homework", homework)
        self.click_css(".o_school_roster tr.o_roster_row .o_roster_name")  # the first pupil
        for index in range(max(list(ABSENT) + list(MARKS)) + 1):
            self.driver.switch_to.active_element.send_keys(ABSENT.get(index) or MARKS.get(index) or Keys.ENTER)
            self.keys += 1
        self.wait_idle()
        self.click_css(".o_form_button_save")
        self.wait_css(".o_form_view.o_form_readonly")
        self.wait_idle()
        self.fresh()
        self.assertEqual((lesson.topic, lesson.homework), (topic, homework))
        self.assertEqual(len(lesson.grade_ids), len(MARKS))
        self.assertEqual(len(lesson.attendance_ids.filtered("code_id")), len(ABSENT))
        self.report("lesson of %s pupils without a КТП (topic and homework typed)" % PUPILS,
                    max_clicks=7, max_keys=25 + len(topic) + len(homework))

    def test_tablet_marks_with_one_tap(self):
        lesson, _line = lesson_of_25(self.env)
        self._open_lesson(lesson)
        rows = self._pupils_in_form()
        self.click_css("tr.o_roster_row[data-id='%s'] button[data-mark='4']" % rows[1])
        self.click_css("tr.o_roster_row[data-id='%s'] button[data-code='н']" % rows[3])
        self.click_css("tr.o_roster_row[data-id='%s'] button[data-mark='5']" % rows[3])
        self.click_css("tr.o_roster_row[data-id='%s'] button[data-mark='5']" % rows[3])  # a second tap: off
        self.click_css(".o_form_button_save")
        self.wait_css(".o_form_view.o_form_readonly")
        self.wait_idle()
        self.fresh()
        by_id = {row.id: row for row in lesson.attendance_ids}
        self.assertEqual(by_id[rows[1]].grade_ids.mapped("value"), ["4"])
        self.assertEqual(by_id[rows[3]].code_id.code, "н")
        self.assertFalse(by_id[rows[3]].grade_ids)
        self.report("tablet: a mark and an absence by taps", max_clicks=8, max_keys=0)

    def test_no_edit_or_delete_on_a_lesson_the_user_may_not_change(self):
        teacher = self.env.ref("school_ejournal.user_teacher")
        other = self.env["school.lesson"].search([("teacher_id", "!=", teacher.id),
                                                  ("substitute_teacher_id", "=", False)], limit=1, order="date desc")
        self.assertTrue(other, "the demo has lessons of other teachers")
        own, _line = lesson_of_25(self.env)
        names = {other.id: other.name, own.id: own.name}
        day = own.date
        self.login("teacher")
        for lesson_id in (other.id, own.id):
            # a page of its own: a changed hash alone races the action the client is still restoring
            self.driver.get(self.base + "/web#model=school.lesson&view_type=form&id=%s" % lesson_id)
            self.driver.refresh()
            self.wait_css(".o_form_view .o_school_roster")
            self.wait_idle()
            mine = lesson_id == own.id
            self.assertEqual(bool(self.visible(".o_form_view.o_form_editable")), mine, names[lesson_id])
            self.assertFalse(self.visible(".o_form_button_edit"), "«Править» is not needed or not allowed")
            if not mine:
                self.assertFalse(self.visible(".o_school_roster button[data-mark]"))
                self.assertFalse(self.visible("tr.o_roster_row[tabindex]"))
                for button in self.visible(".o_cp_sidebar button.dropdown-toggle"):
                    self.click(button)
                    self.assertNotIn("Удалить", self.text())
        # a closed period: read-only for its own teacher too
        self.driver.get(self.base + "/web#model=school.lesson&view_type=list")
        self.wait_idle()
        self.env.cr.execute("UPDATE school_period SET state = 'closed' WHERE %s BETWEEN date_start AND date_end",
                            (day,))
        self.env["school.period"].invalidate_cache()
        self.cr.commit()  # TestCursor: a savepoint, kept whatever a request of the browser rolls back
        self.driver.get(self.base + "/web#model=school.lesson&view_type=form&id=%s" % own.id)
        self.driver.refresh()
        self.wait_css(".o_form_view.o_form_readonly .o_school_roster")
        self.wait_idle()
        self.assertFalse(self.visible(".o_form_button_edit"))
        self.assertFalse(self.visible(".o_school_roster button[data-mark]"))


class TestLessonFormServerSide(TransactionCase):
    """The server rules behind the form, as the web client calls them."""

    def setUp(self):
        super(TestLessonFormServerSide, self).setUp()
        self.teacher = self.env.ref("school_ejournal.user_teacher")
        self.lesson, self.line = lesson_of_25(self.env)

    def test_plan_line_fills_topic_kind_and_homework(self):
        lesson = self.lesson.sudo(self.teacher)
        self.assertEqual(lesson.edit_scope, "lesson")
        lesson.action_take_plan_line()
        self.assertEqual((lesson.topic, lesson.work_kind_id, lesson.homework, lesson.plan_line_id),
                         (self.line.topic, self.line.work_kind_id, self.line.homework, self.line))
        # the onchange of a line picked by hand does the same in the form
        new = self.env["school.lesson"].sudo(self.teacher).new({"plan_line_id": self.line.id})
        new._onchange_plan_line()
        self.assertEqual((new.topic, new.work_kind_id, new.homework),
                         (self.line.topic, self.line.work_kind_id, self.line.homework))

    def test_header_frozen_once_the_lesson_has_marks(self):
        lesson = self.lesson.sudo(self.teacher)
        self.assertFalse(lesson.has_marks)
        lesson.write({"lesson_number": lesson.lesson_number})  # no marks yet: allowed (same value)
        row = lesson.attendance_ids[0]
        lesson.write({"attendance_ids": [(1, row.id, {"grade_1": "5"})]})
        lesson.invalidate_cache()
        self.assertTrue(lesson.has_marks)
        for vals in ({"date": lesson.period_id.date_start}, {"lesson_number": lesson.lesson_number + 1}):
            with self.assertRaisesRegex(UserError, "уже есть отметки"):
                lesson.write(vals)
        lesson.write({"topic": "Тема"})  # the rest of the lesson stays editable
        # the school admin corrects a lesson recorded under the wrong number
        admin_lesson = self.lesson.sudo(self.env.ref("school_ejournal.user_school_admin"))
        taken = self.env["school.lesson"].search([("class_id", "=", lesson.class_id.id),
                                                  ("date", "=", lesson.date)]).mapped("lesson_number")
        moved = max(taken) + 1
        admin_lesson.write({"lesson_number": moved})
        admin_lesson.invalidate_cache()
        self.assertEqual(admin_lesson.lesson_number, moved)

    def test_edit_scope_of_each_role(self):
        ref = self.env.ref
        lesson = self.lesson
        self.assertEqual(lesson.sudo(ref("school_ejournal.user_class_teacher")).edit_scope, "attendance")
        self.assertEqual(lesson.sudo(ref("school_ejournal.user_deputy")).edit_scope, False)
        self.assertEqual(lesson.sudo(ref("school_ejournal.user_school_admin")).edit_scope, "lesson")
        self.env.cr.execute("UPDATE school_period SET state = 'closed' WHERE %s BETWEEN date_start AND date_end",
                            (lesson.date,))
        self.env["school.period"].invalidate_cache()
        lesson.invalidate_cache()
        self.assertEqual(lesson.sudo(self.teacher).edit_scope, False)
