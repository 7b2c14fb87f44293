"""The demo school: the facts later issues and the role guides rely on."""
from .common import StructureCase


class TestDemoSchool(StructureCase):
    def test_year_and_classes(self):
        self.assertEqual((self.year.name, self.year.date_start, self.year.date_end),
                         ("2026/2027", "2026-09-01", "2027-05-31"))
        self.assertEqual(sorted(self.year.class_ids.mapped("name")), ["11А", "1А", "5А", "5Б", "9А"])
        self.assertEqual(len(self.year.holiday_ids.filtered(lambda h: h.kind == "vacation")), 4)

    def test_about_a_hundred_pupils_with_parents(self):
        rosters = self.year.class_ids._get_students_on("2026-09-01")
        total = sum(len(ids) for ids in rosters.values())
        self.assertTrue(90 <= total <= 110, total)
        pupils = self.Student.search([])
        self.assertTrue(all(p.guardian_ids for p in pupils))
        self.assertTrue(all(p.snils for p in pupils))
        # families with two children in different classes
        links = self.env["school.student.guardian"].search([("relation", "=", "mother")])
        per_mother = {}
        for link in links:
            per_mother.setdefault(link.partner_id, set()).add(link.student_id.current_class_id.name)
        self.assertGreaterEqual(len([m for m, c in per_mother.items() if len(c) == 2]), 5)

    def test_demo_users_in_their_places(self):
        self.assertEqual(self.artem.name, "Соколов Артём Дмитриевич")
        self.assertEqual(self.artem._get_class_on("2026-09-01"), self.class_5a)
        self.assertEqual(self.artem.user_id, self.student_user)
        mother = self.parent_user.partner_id
        self.assertEqual(set(mother._get_school_children().mapped(lambda s: s._get_class_on("2026-09-01").name)),
                         {"5А", "9А"})
        self.assertEqual(self.class_5a.class_teacher_id, self.class_teacher)
        teachers = self.env.ref("school_ejournal.group_teacher").users
        self.assertGreaterEqual(len(teachers - self.admin), 12)
        self.assertIn(self.teacher, teachers)
        self.assertIn(self.class_teacher, teachers)
        for school_class in self.year.class_ids:
            self.assertTrue(school_class.class_teacher_id.has_group("school_ejournal.group_class_teacher"))

    def test_generator_is_deterministic_and_idempotent(self):
        # a second call (module update reloads demo files) creates nothing
        count = self.Student.search_count([])
        self.assertFalse(self.env["school.demo"]._create_demo_school())
        self.assertEqual(self.Student.search_count([]), count)
        # the same seed gives the same timetable plan
        import random

        from ..populate import demo as demo_school
        order = ["9А", "11А", "5А", "5Б", "1А"]
        plan1 = demo_school.plan_timetable(random.Random(1), demo_school.CURRICULUM, order)
        plan2 = demo_school.plan_timetable(random.Random(1), demo_school.CURRICULUM, order)
        self.assertEqual(plan1, plan2)

    def test_movements_in_the_demo(self):
        kinds = set(self.Movement.search([]).mapped("movement_type"))
        self.assertEqual(kinds, {"arrival", "transfer", "departure"})
