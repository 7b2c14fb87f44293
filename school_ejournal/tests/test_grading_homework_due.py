"""Rule 11 «Домашнее задание показывается в день, на который задано»: each
lesson's homework has «задано на» — by default the next lesson of the subject
for the class (subgroup), kept by the server in SQL; the teacher may set
another day, never one before the lesson; the diary shows the homework on
that day («Д/з на 14.10»), the digest and the printed journal show the date.
The demo 9А has algebra on Mon, Wed and Fri."""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests.common import HttpCase

from .common import MODULE, PeriodCase
from .common import PortalFacts


class HomeworkDueCase(PeriodCase):
    def setUp(self):
        super(HomeworkDueCase, self).setUp()
        self.Lesson = self.env["school.lesson"]
        self.alg = self.env.ref(MODULE + ".subject_alg")

    def lesson_on(self, school_class, subject, day, subgroup=None):
        return self.Lesson.search([("class_id", "=", school_class.id), ("subject_id", "=", subject.id),
                                   ("date", "=", day), ("subgroup_id", "=", subgroup.id if subgroup else False)],
                                  order="lesson_number", limit=1)


class TestRule11HomeworkDue(HomeworkDueCase):
    def test_rule11_due_is_the_next_lesson_mon_12_10_gives_wed_14_10(self):
        monday = self.lesson_on(self.class_9a, self.alg, "2026-10-12")
        self.assertTrue(monday and self.lesson_on(self.class_9a, self.alg, "2026-10-14"))
        self.assertFalse(self.lesson_on(self.class_9a, self.alg, "2026-10-13"))
        self.assertEqual(monday.homework_due_date, "2026-10-14")
        self.assertFalse(monday.homework_due_manual)

    def test_rule11_a_new_lesson_moves_the_due_date_of_the_one_before_and_back(self):
        monday = self.lesson_on(self.class_9a, self.alg, "2026-10-12")
        extra = self.Lesson.create({"date": "2026-10-13", "lesson_number": 7, "class_id": self.class_9a.id,
                                    "subject_id": self.alg.id, "teacher_id": monday.teacher_id.id})
        monday.invalidate_cache()
        self.assertEqual(monday.homework_due_date, "2026-10-13")
        self.assertEqual(extra.homework_due_date, "2026-10-14")
        extra.unlink()
        monday.invalidate_cache()
        self.assertEqual(monday.homework_due_date, "2026-10-14")

    def test_rule11_generation_fills_due_dates_for_all_new_lessons_in_one_pass(self):
        # the demo's journal ends today: its last lesson is due on the timetable's next day
        last = self.Lesson.search([("class_id", "=", self.class_9a.id), ("subject_id", "=", self.alg.id)],
                                  order="date desc", limit=1)
        from_timetable = last.homework_due_date
        self.assertGreater(from_timetable, last.date)
        start = fields.Date.from_string(last.date)
        day = lambda offset: fields.Date.to_string(start + timedelta(days=offset))  # noqa: E731
        self.Lesson._generate_from_timetable(day(1), day(28), [self.class_9a.id])
        lessons = self.Lesson.search([("class_id", "=", self.class_9a.id), ("subject_id", "=", self.alg.id),
                                      ("date", ">=", last.date)], order="date")
        self.assertGreaterEqual(len(lessons), 4, "three algebra lessons a week, a holiday at most")
        self.assertEqual(lessons[1].date, from_timetable)
        self.assertEqual(lessons.mapped("homework_due_date")[:-1], lessons.mapped("date")[1:])
        # the new last lesson is due on the day the next generation brings
        due = lessons[-1].homework_due_date
        self.Lesson._generate_from_timetable(day(29), day(60), [self.class_9a.id])
        following = self.Lesson.search([("class_id", "=", self.class_9a.id), ("subject_id", "=", self.alg.id),
                                        ("date", ">", lessons[-1].date)], order="date", limit=1)
        self.assertEqual(following.date, due)

    def test_rule11_the_last_lesson_before_the_winter_break_is_due_after_it_wed_30_12_gives_mon_11_01(self):
        # Fri 01.01 is the timetable's next algebra day, but it lies in the winter break
        self.Lesson._generate_from_timetable(self.today_or("2026-12-30"), "2026-12-30", [self.class_9a.id])
        wednesday = self.lesson_on(self.class_9a, self.alg, "2026-12-30")
        self.assertEqual(wednesday.homework_due_date, "2027-01-11")

    def test_rule11_a_holiday_added_on_the_due_day_moves_it_and_back(self):
        last = self.Lesson.search([("class_id", "=", self.class_9a.id), ("subject_id", "=", self.alg.id)],
                                  order="date desc", limit=1)
        due = last.homework_due_date
        holiday = self.env["school.holiday"].create({
            "name": "Карантин", "kind": "other", "academic_year_id": self.year.id, "date_start": due,
            "date_end": due, "grade_level_ids": [(6, 0, self.class_9a.grade_level_id.ids)]})
        last.invalidate_cache()
        self.assertGreater(last.homework_due_date, due)
        holiday.write({"grade_level_ids": [(6, 0, self.class_5a.grade_level_id.ids)]})   # not 9А's any more
        last.invalidate_cache()
        self.assertEqual(last.homework_due_date, due)
        holiday.write({"grade_level_ids": [(5,)]})   # the whole school
        last.invalidate_cache()
        self.assertGreater(last.homework_due_date, due)
        holiday.unlink()
        last.invalidate_cache()
        self.assertEqual(last.homework_due_date, due)

    def today_or(self, day):
        """The day after the demo's journal, or ``day`` when that is earlier."""
        last = self.Lesson.search([("class_id", "=", self.class_9a.id)], order="date desc", limit=1).date
        following = fields.Date.to_string(fields.Date.from_string(last) + timedelta(days=1))
        return min(following, day)

    def test_rule11_teachers_own_date_is_kept_and_cleared_back_to_the_default(self):
        lesson = self.lessons(self.class_5a, self.math, self.q2, limit=1)
        self.assertEqual(lesson.teacher_id, self.teacher)
        default = lesson.homework_due_date
        self.assertTrue(default and default > lesson.date)
        lesson.sudo(self.teacher).write({"homework": "№ 15, 16", "homework_due_date": "2026-11-30"})
        self.assertEqual((lesson.homework_due_date, lesson.homework_due_manual), ("2026-11-30", True))
        # a new lesson between does not move a date the teacher chose
        self.Lesson._update_homework_due({(self.class_5a.id, self.math.id)})
        lesson.invalidate_cache()
        self.assertEqual(lesson.homework_due_date, "2026-11-30")
        lesson.sudo(self.teacher).write({"homework_due_date": False})
        self.assertEqual((lesson.homework_due_date, lesson.homework_due_manual), (default, False))

    def test_rule11_a_date_before_the_lesson_is_refused(self):
        lesson = self.lessons(self.class_5a, self.math, self.q2, limit=1)
        before = lesson.homework_due_date
        with self.assertRaises(ValidationError) as refused:
            with self.env.cr.savepoint():
                lesson.sudo(self.teacher).write({"homework_due_date": "2026-11-01"})
        self.assertIn("раньше самого урока", str(refused.exception))
        lesson.invalidate_cache()
        self.assertEqual((lesson.homework_due_date, lesson.homework_due_manual), (before, False))

    def test_rule11_subgroup_lesson_is_due_at_the_subgroups_next_lesson(self):
        english = self.env.ref(MODULE + ".subject_eng")
        group1, group2 = self.class_5a.subgroup_ids.sorted("id")[:2]
        make = lambda day, group: self.Lesson.create({   # noqa: E731
            "date": day, "lesson_number": 7, "class_id": self.class_5a.id, "subgroup_id": group.id,
            "subject_id": english.id, "teacher_id": self.teacher.id})
        # IV четверть has no lessons yet: Mon group 1, Tue group 2, Thu group 1, Fri group 2
        monday, tuesday = make("2027-04-05", group1), make("2027-04-06", group2)
        make("2027-04-08", group1)
        make("2027-04-09", group2)
        (monday | tuesday).invalidate_cache()
        self.assertEqual(monday.homework_due_date, "2027-04-08")    # not group 2's Tuesday
        self.assertEqual(tuesday.homework_due_date, "2027-04-09")   # not group 1's Thursday

    def test_rule11_printed_journal_and_digest_show_the_due_date(self):
        monday = self.lesson_on(self.class_9a, self.alg, "2026-10-12")
        monday.write({"homework": "§ 12, № 301"})
        data = self.env["report.school_ejournal.report_class_journal"]._journal_data(
            self.class_9a, "2026-10-01", "2026-10-31")
        row = [l for s in data["subjects"] for l in s["lessons"] if l["id"] == monday.id][0]
        self.assertEqual(row["due"], "14.10")
        digest = self.env["school.monitoring"]._digest_data([self.darya.id], "2026-10-12", "2026-10-18")
        item = [h for h in digest[self.darya.id]["homework"] if h["text"] == "§ 12, № 301"][0]
        self.assertEqual(item["due"], "14.10.2026")

class TestRule11Diary(PortalFacts, HttpCase):
    def setUp(self):
        super(TestRule11Diary, self).setUp()
        self._portal_setup()

    def test_rule11_the_diary_shows_homework_on_the_day_it_is_due(self):
        math = self.env.ref(MODULE + ".subject_math")
        lessons = self.env["school.lesson"].search([("class_id", "=", self.class_5a.id),
                                                    ("subject_id", "=", math.id),
                                                    ("date", ">=", "2026-10-12")], order="date", limit=2)
        given, due = lessons
        given.write({"homework": "Задача про два поезда"})
        self.assertEqual(given.homework_due_date, due.date)
        self.authenticate("student", "student")
        html = self.url_open("/my/diary?student=%s&date=%s" % (self.artem.id, due.date), timeout=120).text
        day, month = due.date[8:10], due.date[5:7]
        self.assertIn("Д/з на %s.%s" % (day, month), html)
        self.assertIn("Задача про два поезда", html)
        self.assertIn("задано %s.%s" % (given.date[8:10], given.date[5:7]), html)
