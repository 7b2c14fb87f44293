"""A profile group in grades 10–11 (ФГОС СОО: a subject at the advanced or the
basic level): the demo's 11А learns algebra in two groups at the same times,
«углублённый уровень» with Новиков and «базовый уровень» with Соловьёв."""
from odoo.exceptions import AccessError, UserError

from .common import MODULE, DemoSchoolCase


class TestProfileGroup(DemoSchoolCase):

    def setUp(self):
        super().setUp()
        self.class_11a = self.env.ref(MODULE + ".demo_class_11a")
        self.alg = self.env.ref(MODULE + ".subject_alg")
        Group = self.env["school.class.subgroup"]
        self.advanced = Group.search([("class_id", "=", self.class_11a.id), ("subject_id", "=", self.alg.id),
                                      ("name", "like", "углублённый")])
        self.basic = Group.search([("class_id", "=", self.class_11a.id), ("subject_id", "=", self.alg.id),
                                   ("name", "like", "базовый")])
        self.novikov = self.env.ref(MODULE + ".demo_user_novikov")
        self.solovyov = self.env.ref(MODULE + ".demo_user_solovyov")

    def members(self, group, day):
        return {pupil for pupil in self.class_11a._get_roster(day).ids if group._has_member(pupil, day)}

    def lesson_of(self, group):
        return self.env["school.lesson"].search([("subgroup_id", "=", group.id), ("date", ">=", self.q1.date_start),
                                                 ("date", "<=", self.q1.date_end)], order="date", limit=1)

    def test_11a_learns_algebra_at_two_levels_in_the_same_slots(self):
        self.assertEqual((len(self.advanced), len(self.basic)), (1, 1))
        day = self.q1.date_start
        roster = set(self.class_11a._get_roster(day).ids)
        advanced, basic = self.members(self.advanced, day), self.members(self.basic, day)
        self.assertFalse(advanced & basic, "a pupil learns at one level")
        self.assertEqual(advanced | basic, roster, "every pupil of 11А in one of them")
        entries = self.env["school.timetable"].search([("class_id", "=", self.class_11a.id),
                                                       ("subject_id", "=", self.alg.id)])
        self.assertFalse(entries.filtered(lambda e: not e.subgroup_id), "no algebra lesson of the whole class")
        slots = {}
        for entry in entries:
            slots.setdefault((entry.weekday, entry.lesson_number), {})[entry.subgroup_id] = entry.teacher_id
        self.assertEqual(len(slots), 3, "3 hours a week")
        for slot, groups in slots.items():
            self.assertEqual(groups, {self.advanced: self.novikov, self.basic: self.solovyov}, slot)

    def test_a_level_groups_lesson_lists_its_pupils_and_only_its_teacher_keeps_it(self):
        lesson = self.lesson_of(self.basic)
        members = self.members(self.basic, lesson.date)
        self.assertEqual(set(lesson.attendance_ids.mapped("student_id").ids), members)
        pupil = lesson.attendance_ids[0].student_id
        Grade = self.env["school.grade"]
        Grade.search([("lesson_id", "=", lesson.id), ("student_id", "=", pupil.id)]).sudo().unlink()
        grade = Grade.sudo(self.solovyov).create({"lesson_id": lesson.id, "student_id": pupil.id, "value": "4"})
        self.assertEqual(grade.sudo().lesson_id.teacher_id, self.solovyov)
        other = self.lesson_of(self.advanced)
        with self.assertRaises((AccessError, UserError)), self.env.cr.savepoint():
            Grade.sudo(self.solovyov).create({"lesson_id": other.id, "value": "4",
                                              "student_id": other.attendance_ids[0].student_id.id})
        # the other group's pupils are not his to read on his lessons
        self.assertFalse(set(other.attendance_ids.mapped("student_id").ids) & members)

    def test_each_pupil_gets_one_half_year_grade_from_his_own_group(self):
        half = self.env["school.period"].search([("academic_year_id", "=", self.year.id), ("kind", "=", "half_year"),
                                                 ("grade_level_ids", "in", self.class_11a.grade_level_id.id)],
                                                order="number", limit=1)
        PeriodGrade = self.env["school.period.grade"]
        PeriodGrade.suggest(half, [self.class_11a.id], [self.alg.id])
        rows = PeriodGrade.search([("class_id", "=", self.class_11a.id), ("subject_id", "=", self.alg.id),
                                   ("period_id", "=", half.id)])
        students = rows.mapped("student_id")
        self.assertEqual(len(rows), len(students), "one grade per pupil, not one per group")
        taught = self.env["school.attendance"].search([
            ("lesson_id.class_id", "=", self.class_11a.id), ("lesson_id.subject_id", "=", self.alg.id),
            ("date", ">=", half.date_start), ("date", "<=", half.date_end)]).mapped("student_id")
        self.assertTrue(taught)
        self.assertEqual(students, taught, "every pupil taught in either group, once")

    def test_the_newcomer_of_the_third_quarter_learns_at_the_basic_level_from_his_first_day(self):
        from datetime import timedelta

        from odoo import fields
        newcomer = self.env.ref(MODULE + ".demo_student_arrived")
        arrival = self.env["school.student.movement"].search([("student_id", "=", newcomer.id),
                                                              ("movement_type", "=", "arrival")]).date
        before = fields.Date.to_string(fields.Date.from_string(arrival) - timedelta(days=1))
        self.assertEqual((self.basic._has_member(newcomer.id, arrival), self.basic._has_member(newcomer.id, before),
                          self.advanced._has_member(newcomer.id, arrival)), (True, False, False))
