"""Subjects, teaching load and the weekly timetable."""
from odoo.exceptions import ValidationError

from .common import StructureCase


class TestTeachingLoad(StructureCase):
    def test_demo_load(self):
        Assignment = self.env["school.teaching.assignment"]
        math = self.env.ref("school_ejournal.subject_math")
        mine = Assignment.search([("teacher_id", "=", self.teacher.id)])
        self.assertEqual(set(mine.mapped("class_id.name")), {"5А", "5Б"})
        self.assertEqual(mine.mapped("subject_id"), math)
        self.assertEqual(self.class_5a.class_teacher_id, self.class_teacher)
        total = sum(Assignment.search([("class_id", "=", self.class_5a.id), ("subgroup_id", "=", False)])
                    .mapped("hours_per_week"))
        self.assertGreater(total, 20)

    def test_teacher_must_be_a_teacher_and_no_duplicate(self):
        Assignment = self.env["school.teaching.assignment"]
        with self.assertRefused(ValidationError, "не является учителем"):
            Assignment.create({"class_id": self.class_5a.id, "subject_id": self.env.ref("school_ejournal.subject_inf").id,
                               "teacher_id": self.deputy.id, "hours_per_week": 1})
        with self.assertRefused(ValidationError, "уже распределена"):
            Assignment.create({"class_id": self.class_5a.id, "subject_id": self.env.ref("school_ejournal.subject_math").id,
                               "teacher_id": self.teacher.id, "hours_per_week": 1})

    def test_subject_names(self):
        rus = self.env.ref("school_ejournal.subject_rus")
        self.assertEqual((rus.name, rus.short_name, rus.code), ("Русский язык", "Рус. яз.", "RUS"))


class TestTimetable(StructureCase):
    def setUp(self):
        super(TestTimetable, self).setUp()
        self.Timetable = self.env["school.timetable"]
        self.sub1 = self.env["school.class.subgroup"].search([("class_id", "=", self.class_5a.id),
                                                              ("name", "like", "группа 1")])
        self.sub2 = self.env["school.class.subgroup"].search([("class_id", "=", self.class_5a.id),
                                                              ("name", "like", "группа 2")])
        self.eng = self.env.ref("school_ejournal.subject_eng")
        self.math = self.env.ref("school_ejournal.subject_math")
        self.free_teacher = self.env["res.users"].create({
            "name": "Свободный Учитель", "login": "free_teacher", "school_role": "teacher"})

    def _entry(self, **vals):
        values = {"class_id": self.class_5a.id, "weekday": "0", "lesson_number": 9,
                  "subject_id": self.math.id, "teacher_id": self.free_teacher.id}
        values.update(vals)
        return self.Timetable.create(values)

    def test_demo_timetable_is_full_and_without_clashes(self):
        entries = self.Timetable.search([("academic_year_id", "=", self.year.id)])
        self.assertEqual(set(entries.mapped("class_id.name")), {"1А", "5А", "5Б", "9А", "11А"})
        for school_class in entries.mapped("class_id"):
            days = set(entries.filtered(lambda e: e.class_id == school_class).mapped("weekday"))
            self.assertEqual(days, {"0", "1", "2", "3", "4"}, school_class.name)
        seen = set()
        for entry in entries:
            key = (entry.teacher_id.id, entry.weekday, entry.lesson_number)
            self.assertNotIn(key, seen)
            seen.add(key)
        entries._check_conflicts()

    def test_defaults_to_the_class_year(self):
        entry = self._entry()
        self.assertEqual((entry.date_from, entry.date_to), ("2026-09-01", "2027-05-31"))

    def test_class_clash_refused(self):
        self._entry()
        other = self.env["res.users"].create({"name": "Другой Учитель", "login": "other_t", "school_role": "teacher"})
        with self.assertRefused(ValidationError, "У класса 5А уже есть урок"):
            self._entry(teacher_id=other.id)
        with self.assertRefused(ValidationError, "У класса 5А уже есть урок"):
            self._entry(teacher_id=other.id, subgroup_id=self.sub1.id, subject_id=self.eng.id)

    def test_subgroups_may_share_a_slot_but_not_a_pupil(self):
        other = self.env["res.users"].create({"name": "Другой Учитель", "login": "other_t", "school_role": "teacher"})
        self._entry(subgroup_id=self.sub1.id, subject_id=self.eng.id)
        self._entry(subgroup_id=self.sub2.id, subject_id=self.eng.id, teacher_id=other.id)
        third = self.env["school.class.subgroup"].create({
            "name": "Информатика, группа 1", "class_id": self.class_5a.id,
            "student_ids": [(6, 0, (self.sub1.student_ids & self.class_5a.current_student_ids)[:2].ids)]})
        third_teacher = self.env["res.users"].create({"name": "Третий Учитель", "login": "third_t",
                                                      "school_role": "teacher"})
        with self.assertRefused(ValidationError, "У класса 5А уже есть урок"):
            self._entry(subgroup_id=third.id, teacher_id=third_teacher.id)

    def test_teacher_in_two_places_refused(self):
        self._entry()
        with self.assertRefused(ValidationError, "не может вести два урока одновременно"):
            self._entry(class_id=self.class_9a.id)

    def test_timetable_change_from_a_date(self):
        entry = self._entry()
        with self.assertRefused(ValidationError, "не может вести два урока одновременно"):
            self._entry(class_id=self.class_9a.id, date_from="2027-01-01")
        other = self.env["res.users"].create({"name": "Другой Учитель", "login": "other_t", "school_role": "teacher"})
        new = entry.action_change_from("2027-01-11", {"teacher_id": other.id})
        self.assertEqual(entry.date_to, "2027-01-10")
        self.assertEqual((new.date_from, new.date_to, new.teacher_id), ("2027-01-11", "2027-05-31", other))
        # now the first teacher is free from 11 January
        self._entry(class_id=self.class_9a.id, date_from="2027-01-11")
        on_day = self.Timetable._get_entries_on("2027-01-11", class_ids=self.class_5a.ids)
        self.assertIn(new, on_day)
        self.assertNotIn(entry, on_day)

    def test_saturday_only_in_a_six_day_week(self):
        with self.assertRefused(ValidationError, "пятидневная неделя"):
            self._entry(weekday="5")
        self.env.ref("base.main_company").school_week_days = "6"
        self._entry(weekday="5")

    def test_validity_inside_the_year(self):
        with self.assertRefused(ValidationError, "выходит за учебный год"):
            self._entry(date_from="2026-08-01")
