"""The class teacher's daily work in a real browser (headless Chromium, see
tests/browser.py), each scenario checked in the database afterwards:

- «День класса»: a pupil ill all day («б» on every lesson of the day) in a few
  clicks, and absences «по справке с … по …»;
- the pupil's card: his marks per subject and period, his absences;
- the class list, an arrival into the class and a departure from it.

TestClassDayServerSide holds the ORM twins: the same writes as the class teacher,
refused in a closed period and in another class."""
import time

import odoo
from odoo.exceptions import AccessError, UserError
from odoo.tests.common import TransactionCase

from .browser import BrowserCase


def class_day_facts(env):
    """5А, a day with lessons — today: the lessons of the demo's last day of 5А are
    copied to today when the demo has none today (the demo may end before today) —
    a pupil of the class with no code and no mark that day, and his lessons."""
    school_class = env.ref("school_ejournal.demo_class_5a")
    Lesson = env["school.lesson"]
    today = odoo.fields.Date.context_today(school_class)
    lessons = Lesson.search([("class_id", "=", school_class.id), ("date", "=", today)])
    if not lessons:
        last = Lesson.search([("class_id", "=", school_class.id), ("date", "<", today)],
                             order="date desc", limit=1)
        for lesson in Lesson.search([("class_id", "=", school_class.id), ("date", "=", last.date)]):
            lessons |= lesson.copy({"date": today})
    # the class's own pupils (a group's lesson of 5А lists its pupils of 5Б too)
    rows = env["school.attendance"].search([("lesson_id", "in", lessons.ids), ("class_id", "=", school_class.id)])
    busy = set((rows.filtered("code_id") | rows.filtered("grade_ids")).mapped("student_id").ids)
    pupil = (rows.mapped("student_id").filtered(lambda s: s.id not in busy)).sorted("name")[:1]
    # his lessons of the day: a teaching group's lesson lists only the group's pupils
    return school_class, today, rows.filtered(lambda r: r.student_id == pupil).mapped("lesson_id"), pupil


def pupil_codes(env, pupil, date_from, date_to):
    rows = env["school.attendance"].search([("student_id", "=", pupil.id), ("date", ">=", date_from),
                                            ("date", "<=", date_to)])
    return rows, [row.code_id.code or "" for row in rows]


class ClassTeacherBrowserCase(BrowserCase):
    """BrowserCase with two waits these scenarios need."""

    def menu(self, leaf):
        """The app's click may land while Discuss still loads after the login: once more then."""
        css = "a[data-menu-xmlid='school_ejournal.%s']" % leaf
        if not self.visible(css):
            self.click_css("a[data-menu-xmlid='school_ejournal.menu_root']")
            for _tick in range(50):
                if self.visible(css):
                    break
                time.sleep(0.2)
            else:
                self.click_css("a[data-menu-xmlid='school_ejournal.menu_root']")
        self.click_css(css)

    def settle(self):
        """Before the database is read: the page left, so that no request of the web
        client (the bus' long polling included) shares the test cursor with the test."""
        self.wait_idle()
        self.driver.get("about:blank")
        time.sleep(0.5)
        self.fresh()

    def back_to_the_journal(self):
        self.driver.get(self.base + "/web")
        self.wait_css(".o_main_navbar, .o_web_client")
        self.wait_idle()

    def tearDown(self):
        # no request of the page may run while the test's transaction is rolled back
        self.driver.get("about:blank")
        time.sleep(0.5)
        super(ClassTeacherBrowserCase, self).tearDown()


class TestClassDayInBrowser(ClassTeacherBrowserCase):
    # the test reads the database only while the page is idle (one cursor for both):
    # the names the waits look for are read before the login
    def _row(self, name):
        return self.wait(lambda: [r for r in self.visible(".o_field_one2many tr.o_data_row")
                                  if name in r.text], "the row of %s" % name)[0]

    def _cells(self, name):
        from selenium.common.exceptions import StaleElementReferenceException
        try:
            return [td.text.strip() for td in self._row(name).find_elements("css selector", "td.o_data_cell")]
        except StaleElementReferenceException:  # the day reloads
            return []

    def test_pupil_ill_all_day_in_the_class_day(self):
        school_class, today, lessons, pupil = class_day_facts(self.env)
        self.assertTrue(pupil and len(lessons) >= 3, "5А has lessons today and a pupil without marks")
        name, subjects, count = pupil.name, lessons.mapped("subject_id.name"), len(lessons)
        self.login("class_teacher")
        self.menu("menu_class_teacher_day")
        self.wait(lambda: all(subject in self.text() for subject in subjects), "the day's lessons")
        row = self._row(name)
        self.click(row.find_element("css selector", "button[title='Болел весь день']"))
        self.wait(lambda: self._cells(name).count("б") == count, "«б» in every lesson of the row")
        self.settle()
        rows, codes = pupil_codes(self.env, pupil, today, today)
        self.assertEqual(len(rows), len(lessons))
        self.assertEqual(codes, ["б"] * len(lessons), "«б» on every lesson of the day")
        self.assertEqual(set(rows.mapped("write_uid.login")), {"class_teacher"})
        logged = self.env["school.change.log"].search([("model", "=", "school.attendance"),
                                                       ("res_id", "in", rows.ids), ("new_value", "=", "б")])
        self.assertEqual(len(logged), len(lessons), "every mark is in the change log")
        self.report("class day: a pupil ill all day", max_clicks=5)

    def test_absence_by_certificate_over_two_days(self):
        school_class, today, lessons, pupil = class_day_facts(self.env)
        # the day before with lessons: the certificate covers both days
        before = self.env["school.lesson"].search([("class_id", "=", school_class.id), ("date", "<", today)],
                                                  order="date desc", limit=1).date
        name = pupil.name
        self.login("class_teacher")
        self.menu("menu_class_teacher_day")
        self.click(self._row(name).find_element("css selector", "button[title='По справке…']"))
        self.wait_css(".modal .o_field_widget[name='note_date_from']")
        from selenium.webdriver.common.keys import Keys
        self.click_text(".modal label", "Уважительная причина (у)")
        field = self.type_field("note_date_from", odoo.fields.Date.from_string(before).strftime("%d.%m.%Y"))
        field.send_keys(Keys.TAB)  # closes the calendar
        self.keys += 1
        self.click_text(".modal-footer button", "Отметить")
        self.wait(lambda: not self.visible(".modal"), "the dialog closes")
        self.assertNoError()
        self.settle()
        rows, codes = pupil_codes(self.env, pupil, before, today)
        marked = rows.filtered(lambda r: not r.grade_ids)
        self.assertTrue(marked.filtered(lambda r: r.date == before) and marked.filtered(lambda r: r.date == today))
        self.assertEqual(set(marked.mapped("code_id.code")), {"у"}, "«у» on every lesson without a mark")
        self.report("class day: absent by a certificate over a range", max_clicks=8)


class TestClassTeacherDutiesInBrowser(ClassTeacherBrowserCase):
    def test_pupil_card_shows_marks_per_subject(self):
        school_class = self.env.ref("school_ejournal.demo_class_5a")
        pupil = self.env["school.grade"].search([("class_id", "=", school_class.id)], limit=1).student_id
        grades = self.env["school.grade"].search([("student_id", "=", pupil.id)])
        subject = grades[0].subject_id
        marks = " ".join(grades.filtered(lambda g: g.subject_id == subject and g.period_id == grades[0].period_id)
                         .sorted(lambda g: (g.date, g.id)).mapped("value"))
        name, subject_name, count = pupil.name, subject.name, len(grades)
        self.login("class_teacher")
        self.menu("menu_class_teacher_students")
        self.click(self.wait(lambda: [r for r in self.visible(".o_list_view tr.o_data_row") if name in r.text],
                             name)[0])
        self.click_text(".o_notebook li a", "Успеваемость")
        table = self.wait_css(".o_school_student_journal")
        self.assertIn(subject_name, table.text)
        self.assertIn(marks, table.text, "his marks of the subject in the period, in order")
        self.assertIn("%s" % count, self.wait_css("button.oe_stat_button").text)
        self.report("pupil card: marks per subject", max_clicks=4)

    def test_class_list_arrival_and_departure(self):
        school_class = self.env.ref("school_ejournal.demo_class_5a")
        class_teacher = self.env.ref("school_ejournal.user_class_teacher")
        today = odoo.fields.Date.context_today(school_class)
        roster = school_class._get_roster(today)
        newcomer = self.env["school.student"].sudo(class_teacher).create({"last_name": "Прибывалова",
                                                                          "first_name": "Анна"})
        leaver = roster.sorted("name")[-1]
        names = roster[:10].mapped("name")
        other = self.env["school.class"].search([("id", "!=", school_class.id)], limit=1)
        stranger = other._get_roster(today)[:1].name or "—нет—"
        newcomer_name, class_name = newcomer.name, school_class.name
        leaver_last, leaver_name = leaver.last_name, leaver.name
        self.login("class_teacher")

        # the class list: his class's pupils
        self.menu("menu_class_teacher_students")
        self.wait_css(".o_list_view tr.o_data_row")
        shown = self.text()
        self.assertTrue(all(n in shown for n in names))
        self.assertNotIn(stranger, shown)
        self.report("class list", max_clicks=2)

        # an arrival into his class
        self.menu("menu_class_teacher_movements")
        self.click_css(".o_list_button_add")
        self.pick("student_id", "Прибывалова", newcomer_name)
        self.pick("to_class_id", "5А", class_name)
        self.type_field("from_school", "Школа № 7")
        self.type_field("order_number", "15-у")
        self.click_css(".o_form_button_save")
        self.wait_saved()
        self.settle()
        self.assertIn(newcomer, school_class._get_roster(today), "the newcomer is in 5А from today")
        self.assertEqual(newcomer.current_class_id, school_class)
        self.report("arrival into the class", max_clicks=9)
        self.back_to_the_journal()

        # a departure from his class
        self.menu("menu_class_teacher_movements")
        self.click_css(".o_list_button_add")
        self.pick("student_id", leaver_last, leaver_name)
        select = self.wait_css("select.o_field_widget[name='movement_type']")
        self.click(select)
        self.click(select.find_element("xpath", ".//option[contains(., 'Выбытие')]"))
        self.type_field("to_school", "Гимназия № 2")
        self.type_field("order_number", "16-у")
        # dated today (the default): the pupil leaves the class at once and stays readable to
        # his former class teacher, so that the saved form reloads without an access error
        self.click_css(".o_form_button_save")
        self.wait_saved()
        self.settle()
        movement = self.env["school.student.movement"].search([("student_id", "=", leaver.id)],
                                                              order="id desc", limit=1)
        self.assertEqual((movement.movement_type, movement.from_class_id), ("departure", school_class))
        self.assertEqual(movement.date, today)
        self.assertNotIn(leaver, school_class._get_roster(today))
        self.report("departure from the class", max_clicks=11)


class TestClassDayServerSide(TransactionCase):
    """«День класса» through the ORM as the class teacher: the same rules as the lesson form."""

    def setUp(self):
        super(TestClassDayServerSide, self).setUp()
        self.class_teacher = self.env.ref("school_ejournal.user_class_teacher")
        self.school_class, self.today, self.lessons, self.pupil = class_day_facts(self.env)

    def _day(self, user=None, **vals):
        Day = self.env["school.class.day"].sudo(user or self.class_teacher)
        return Day.browse(Day.action_open()["res_id"]) if not vals else Day.create(vals)

    def test_day_shows_lessons_as_columns_and_pupils_as_rows(self):
        day = self._day()
        self.assertEqual(day.class_id, self.school_class)
        self.assertEqual(day.date, self.today)
        self.assertEqual(day.line_ids.mapped("student_id"), self.school_class._get_roster(self.today))
        for lesson in self.lessons:
            self.assertTrue(day["has_lesson_%d" % lesson.lesson_number])
            self.assertIn(lesson.subject_id.name, day.lessons_text)
        # another day: its lessons and the class's pupils on that day
        before = self.env["school.lesson"].search([("class_id", "=", self.school_class.id),
                                                   ("date", "<", self.today)], order="date desc", limit=1)
        day.write({"date": before.date})
        self.assertEqual(day.line_ids.mapped("student_id"), self.school_class._get_roster(before.date))
        self.assertIn(before.subject_id.name, day.lessons_text)

    def test_ill_all_day_and_certificate_write_through_the_roster(self):
        day = self._day()
        line = day.line_ids.filtered(lambda l: l.student_id == self.pupil)
        line.action_ill_all_day()
        self.assertEqual(pupil_codes(self.env, self.pupil, self.today, self.today)[1], ["б"] * len(self.lessons))
        self.assertEqual(line.lesson_1, "б")
        line.write({"note_date_from": self.today, "note_date_to": self.today, "note_code": "у"})
        line.action_apply_note()
        self.assertEqual(pupil_codes(self.env, self.pupil, self.today, self.today)[1], ["у"] * len(self.lessons))
        line.write({"note_date_from": self.today, "note_date_to": "2000-01-01"})
        with self.assertRaises(UserError):
            line.action_apply_note()

    def test_closed_period_and_other_class_are_refused(self):
        # another class: the guard refuses the class teacher's marks there
        other = self.env["school.class"].search([("class_teacher_id", "!=", self.class_teacher.id),
                                                 ("academic_year_id", "=", self.school_class.academic_year_id.id)],
                                                limit=1)
        lesson = self.env["school.lesson"].search([("class_id", "=", other.id),
                                                   ("period_id.state", "=", "open")], limit=1)
        self.assertTrue(lesson)
        day = self._day(class_id=other.id, date=lesson.date)
        with self.assertRaises(AccessError) as refused:
            day.line_ids[:1].action_ill_all_day()
        self.assertIn("классный руководитель", str(refused.exception))
        # a closed period: refused in Russian, nothing written
        rows = pupil_codes(self.env, self.pupil, self.today, self.today)[0]
        periods = self.env["school.period"].search([("date_start", "<=", self.today), ("date_end", ">=", self.today)])
        self.env.cr.execute("UPDATE school_period SET state = 'closed' WHERE id IN %s", (tuple(periods.ids),))
        day = self._day()
        with self.assertRaises(UserError) as closed:
            day.line_ids.filtered(lambda l: l.student_id == self.pupil).action_ill_all_day()
        self.assertRegex(str(closed.exception), "[А-Яа-я]")
        rows.invalidate_cache()
        self.assertFalse(rows.mapped("code_id"), "nothing written")

    def test_pupil_card_counts_read_with_the_users_rules(self):
        pupil = self.env["school.grade"].search([("class_id", "=", self.school_class.id)], limit=1).student_id
        as_teacher = pupil.sudo(self.class_teacher)
        self.assertEqual(as_teacher.grade_count, self.env["school.grade"].search_count([("student_id", "=", pupil.id)]))
        self.assertIn("o_school_student_journal", as_teacher.journal_summary)
        subject = self.env["school.grade"].search([("student_id", "=", pupil.id)], limit=1).subject_id
        self.assertIn(subject.name, as_teacher.journal_summary)
