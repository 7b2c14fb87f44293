"""The demo school is alive on the day it is built: its year is the school year
of today, its lessons and marks run up to today, the teacher's «Мои уроки
сегодня» and the class grid of the current period are not empty.

- in the browser: the teacher opens «Мои уроки сегодня» and «Журнал класса»
  (5А, Математика: the period is today's by default) on the real today;
- TestDemoToday: the same facts in the ORM, for the demo as built today;
- TestDemoOnAnotherDay: the demo's dates for other days (the date logic), and
  the journal rebuilt for a day in February and one in May (one class: small
  scale) runs to that day, not beyond.
"""
from datetime import date, timedelta

from odoo import fields
from odoo.tests.common import TransactionCase

from .browser import BrowserCase
from odoo.addons.school_ejournal.models.academic_year import standard_calendar
from odoo.addons.school_ejournal.populate.demo import demo_calendar, demo_today

MODULE = "school_ejournal"


def _d(value):
    return fields.Date.from_string(value)


def teacher_lessons_on(env, day):
    teacher = env.ref(MODULE + ".user_teacher")
    return env["school.lesson"].search([("date", "=", fields.Date.to_string(day)), "|",
                                        ("teacher_id", "=", teacher.id),
                                        ("substitute_teacher_id", "=", teacher.id)])


def current_grid(env, day, school_class=None, subject=None, user=None):
    """«Журнал класса» as the form opens it on ``day``: the class picked, the
    period set by the form (the attestation period of that day)."""
    school_class = school_class or env.ref(MODULE + ".demo_class_5a")
    subject = subject or env.ref(MODULE + ".subject_math")
    Book = env["school.gradebook"].with_context(tz="Europe/Moscow")
    if user:
        Book = Book.sudo(user)
    book = Book.new({"class_id": school_class.id, "subject_id": subject.id})
    period = env["school.period"]._get_attestation_period(fields.Date.to_string(day),
                                                          school_class.grade_level_id)
    book.period_id = period
    return book, period


def is_school_day_off(year, day, grade_level):
    """A weekend or a holiday of the year for ``grade_level``."""
    if day.weekday() >= 5:
        return True
    for holiday in year.holiday_ids:
        if _d(holiday.date_start) <= day <= _d(holiday.date_end) and (
                not holiday.grade_level_ids or grade_level in holiday.grade_level_ids):
            return True
    return False


class TestDemoCalendar(TransactionCase):
    """demo_calendar(today): the demo's year and the dates of its story."""

    def assertYear(self, today, name, journal_to):
        cal = demo_calendar(today)
        self.assertEqual(cal["name"], name, today)
        self.assertEqual(cal["journal_to"], journal_to, today)
        self.assertTrue(cal["start"] <= cal["journal_to"] <= cal["end"])
        self.assertLessEqual(cal["journal_to"], today)
        return cal

    def test_the_year_of_today(self):
        self.assertYear(date(2026, 12, 2), "2026/2027", date(2026, 12, 2))
        self.assertYear(date(2026, 9, 1), "2026/2027", date(2026, 9, 1))
        self.assertYear(date(2027, 2, 17), "2026/2027", date(2027, 2, 17))
        self.assertYear(date(2027, 5, 20), "2026/2027", date(2027, 5, 20))
        self.assertYear(date(2027, 5, 31), "2026/2027", date(2027, 5, 31))
        # summer: the year just ended, whole
        self.assertYear(date(2027, 6, 1), "2026/2027", date(2027, 5, 31))
        self.assertYear(date(2027, 8, 31), "2026/2027", date(2027, 5, 31))
        # from 1 September the next one
        self.assertYear(date(2027, 9, 1), "2027/2028", date(2027, 9, 1))
        self.assertYear(date(2028, 2, 29), "2027/2028", date(2028, 2, 29))
        self.assertYear(date(2031, 1, 15), "2030/2031", date(2031, 1, 15))

    def test_the_story_keeps_its_place_in_any_year(self):
        # the year the tests were written for: the same dates as ever
        cal = demo_calendar(date(2026, 12, 2))
        self.assertEqual((cal["transfer"], cal["departure"], cal["arrival"], cal["consent"],
                          cal["revocation"], cal["enrolment_order"]),
                         (date(2026, 11, 9), date(2026, 12, 15), date(2027, 1, 11), date(2026, 9, 3),
                          date(2026, 10, 20), date(2026, 8, 28)))
        self.assertEqual(cal["first_born"], 2018)
        for today in (date(2027, 10, 1), date(2029, 3, 3), date(2032, 12, 31), date(2033, 7, 1)):
            cal = demo_calendar(today)
            holidays, periods = standard_calendar(cal["start"], cal["end"])
            quarters = periods["quarter"]
            for key in ("transfer", "departure", "arrival"):
                self.assertLess(cal[key].weekday(), 5, "%s on %s: a working day" % (key, today))
                self.assertLess(cal[key + "_order"], cal[key])
            # transfer and departure in the II quarter, the newcomer on the III quarter's first day
            self.assertTrue(quarters[1][0] <= cal["transfer"] < cal["departure"] <= quarters[1][1], today)
            self.assertEqual(cal["arrival"], quarters[2][0], today)
            self.assertTrue(cal["start"] < cal["consent"] < cal["revocation"] < quarters[0][1], today)
            self.assertEqual(cal["first_born"], cal["start"].year - 8)


class TestDemoToday(TransactionCase):
    """The demo as built: alive up to the day it was built (today for a fresh one)."""

    def setUp(self):
        super(TestDemoToday, self).setUp()
        self.year = self.env.ref(MODULE + ".demo_year_2026")  # its historic name, whatever the year
        self.Lesson = self.env["school.lesson"]
        self.cr.execute("SELECT max(date) FROM school_lesson WHERE academic_year_id = %s", (self.year.id,))
        self.last_day = _d(self.cr.fetchone()[0])
        # the day the demo was built (Moscow time), not beyond its year
        built = fields.Datetime.context_timestamp(self.year.with_context(tz="Europe/Moscow"),
                                                  fields.Datetime.from_string(self.year.create_date))
        self.built = min(built.date(), _d(self.year.date_end))

    def test_the_year_is_the_school_year_of_the_day_it_was_built(self):
        self.assertEqual(self.env.ref(MODULE + ".demo_year"), self.year)
        cal = demo_calendar(self.last_day)
        self.assertEqual((self.year.name, self.year.date_start, self.year.date_end),
                         (cal["name"], fields.Date.to_string(cal["start"]), fields.Date.to_string(cal["end"])))

    def test_lessons_run_up_to_the_day_it_was_built_not_beyond(self):
        self.assertLessEqual(self.last_day, self.built)
        # no school day between the last lesson and the day it was built
        if self.built > self.last_day and demo_calendar(self.built)["name"] == self.year.name:
            level = self.env.ref(MODULE + ".demo_class_5a").grade_level_id
            day = self.last_day + timedelta(days=1)
            while day <= self.built:
                self.assertTrue(is_school_day_off(self.year, day, level),
                                "the demo has no lessons on %s, a school day" % day)
                day += timedelta(days=1)
        # marks and absences before the day it was built: that day's lessons wait for the teacher
        self.cr.execute("""SELECT max(g.date) FROM school_grade g JOIN school_lesson l ON l.id = g.lesson_id
                            WHERE l.academic_year_id = %s""", (self.year.id,))
        last_mark = _d(self.cr.fetchone()[0])
        self.assertLess(last_mark, self.built)
        self.assertGreaterEqual(last_mark, self.last_day - timedelta(days=14))
        last = self.Lesson.search([("date", "=", fields.Date.to_string(self.last_day))])
        self.assertTrue(last)
        if self.last_day == self.built:
            self.assertFalse(last.mapped("grade_ids"))
            self.assertFalse(last.mapped("attendance_ids").filtered("code_id"))
            self.assertFalse(last.filtered("homework"))

    def test_teacher_has_lessons_on_the_last_school_day_and_a_full_grid(self):
        teacher = self.env.ref(MODULE + ".user_teacher")
        self.assertTrue(teacher_lessons_on(self.env, self.last_day),
                        "the teacher (math in 5А, 5Б, every day) teaches on %s" % self.last_day)
        book, period = current_grid(self.env, self.last_day, user=teacher)
        self.assertTrue(period)
        rows = book._rows()
        self.assertTrue(rows, "the grid of 5А, Математика, %s is not empty" % period.name)
        if _d(period.date_start) + timedelta(days=14) <= self.last_day:
            self.assertTrue(rows.mapped("grade_ids"), "and has marks")


class TestDemoOnAnotherDay(TransactionCase):
    """The journal of the demo rebuilt as if built on another day, for 5А only."""

    def rebuild(self, today):
        year = self.env.ref(MODULE + ".demo_year")
        self.cr.execute("DELETE FROM school_lesson WHERE academic_year_id = %s", (year.id,))
        self.cr.execute("UPDATE school_class SET active = (id = %s) WHERE academic_year_id = %s",
                        (self.env.ref(MODULE + ".demo_class_5a").id, year.id))
        self.env["school.lesson"].invalidate_cache()
        self.env["school.class"].invalidate_cache()
        self.assertTrue(self.env["school.journal.demo"]._create_demo_journal(today=today))
        self.cr.execute("SELECT min(date), max(date) FROM school_lesson")
        first, last = self.cr.fetchone()
        self.cr.execute("SELECT max(date) FROM school_grade")
        return year, first, _d(last), _d(self.cr.fetchone()[0])

    def check(self, today, last_expected, period_number):
        year, first, last, last_mark = self.rebuild(today)
        self.assertEqual(first, year.date_start)
        self.assertEqual(last, last_expected)
        self.assertLess(last_mark, _d(today))
        self.assertGreaterEqual(last_mark, last - timedelta(days=3))
        book, period = current_grid(self.env, _d(today))
        self.assertEqual((period.kind, period.number), ("quarter", period_number))
        self.assertTrue(book._rows().mapped("grade_ids"), "the grid of %s has marks" % period.name)

    def test_a_day_in_february_and_one_in_may(self):
        self.check("2027-02-17", date(2027, 2, 17), 3)  # a Wednesday
        self.check("2027-05-16", date(2027, 5, 14), 4)  # a Sunday: the journal stops on Friday
        # in summer the whole year
        year, _first, last, last_mark = self.rebuild("2027-07-10")
        self.assertEqual(last, date(2027, 5, 31))
        self.assertEqual(last_mark, date(2027, 5, 31))


class TestDemoTodayInBrowser(BrowserCase):
    def test_teacher_sees_todays_lessons_and_the_grid_of_the_current_period(self):
        today = demo_today(self.env)
        lessons = teacher_lessons_on(self.env, today)
        teacher = self.env.ref(MODULE + ".user_teacher")
        book, period = current_grid(self.env, today, user=teacher)
        rows = book._rows()
        year = self.env["school.academic.year"]._find_by_date(fields.Date.to_string(today))
        school_day = bool(year) and self.env["school.timetable"].search_count([
            ("teacher_id", "=", teacher.id), ("weekday", "=", str(today.weekday())),
            ("date_from", "<=", fields.Date.to_string(today)), ("date_to", ">=", fields.Date.to_string(today))]) \
            and not is_school_day_off(year, today, self.env.ref(MODULE + ".demo_class_5a").grade_level_id)
        if school_day:
            self.assertTrue(lessons, "today (%s) is a school day: the demo has the teacher's lessons" % today)
        self.login("teacher")

        self.menu("menu_journal_today")
        if lessons:
            self.wait(lambda: len(self.visible(".o_list_view tr.o_data_row")) == len(lessons),
                      "today's %s lessons of the teacher in «Мои уроки сегодня»" % len(lessons))
            for lesson in lessons:
                self.assertIn(lesson.class_id.name, self.text())
        else:  # a weekend or a holiday: the list says so
            self.wait(lambda: "Сегодня у вас нет уроков по расписанию" in self.text(), "the empty list")
        self.report("today's lessons opened")

        # «Журнал класса»: the period of today is the form's default
        self.menu("menu_journal_gradebook")
        self.pick("class_id", "5А")
        self.pick("subject_id", "Математика")
        if period:
            self.wait(lambda: period.name in self.wait_css(".o_field_widget[name='period_id'] input")
                      .get_attribute("value"), "today's period in the form")
        if period and _d(period.date_start) + timedelta(days=7) <= today:
            self.assertTrue(rows, "the demo has lessons in %s" % period.name)
        if rows:
            self.wait(lambda: self.visible("td[data-id]"), "the grid's cells")
        self.assertNotIn("Sorry no matrix data", self.text())
        self.report("the grid of the current period opened")
