"""Teaching groups across classes («учебная группа»): English of 5А+5Б in two
groups led by 5А. The group's lessons, rosters, grid, timetable clash check,
period grades, printed journal, the class's day and the families' timetable
follow the group, each pupil staying in his own class."""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import MODULE, DemoSchoolCase
from .test_security_login_takeover import token_of


class TestTeachingGroup(DemoSchoolCase):

    def setUp(self):
        super().setUp()
        self.eng = self.env.ref(MODULE + ".subject_eng")
        Group = self.env["school.class.subgroup"]
        self.group1 = Group.search([("class_id", "=", self.class_5a.id), ("subject_id", "=", self.eng.id),
                                    ("name", "like", "1")])
        self.group2 = Group.search([("class_id", "=", self.class_5a.id), ("subject_id", "=", self.eng.id),
                                    ("name", "like", "2")])
        self.fedorova = self.env.ref(MODULE + ".demo_user_fedorova")
        self.kozlova = self.env.ref(MODULE + ".demo_user_kozlova")
        self.Lesson = self.env["school.lesson"]
        self.today = self.q1.date_end

    def group_lessons(self, group, period=None):
        period = period or self.q1
        return self.Lesson.search([("subgroup_id", "=", group.id), ("date", ">=", period.date_start),
                                   ("date", "<=", period.date_end)], order="date, lesson_number")

    def pupils_of(self, group, school_class, day):
        return set(school_class._get_roster(day).ids) & set(group.student_ids.ids)

    def test_the_demo_groups_join_5a_and_5b(self):
        for group, teacher in ((self.group1, self.fedorova), (self.group2, self.kozlova)):
            self.assertEqual(group.class_ids, self.class_5a | self.class_5b)
            self.assertEqual(group.display_name.split(":")[0], "5А+5Б")
            self.assertTrue(self.pupils_of(group, self.class_5a, self.today))
            self.assertTrue(self.pupils_of(group, self.class_5b, self.today))
            load = self.env["school.teaching.assignment"].search([("subgroup_id", "=", group.id)])
            self.assertEqual(load.teacher_id, teacher)
        self.assertFalse(self.group1.student_ids & self.group2.student_ids)
        # 5Б has no English of its own: its pupils learn it in the groups
        self.assertFalse(self.Lesson.search_count([("class_id", "=", self.class_5b.id),
                                                   ("subject_id", "=", self.eng.id)]))

    def test_a_group_lesson_lists_its_pupils_of_both_classes_in_their_own_class(self):
        lesson = self.group_lessons(self.group1)[0]
        rows = lesson.attendance_ids
        in_5a, in_5b = self.pupils_of(self.group1, self.class_5a, lesson.date), \
            self.pupils_of(self.group1, self.class_5b, lesson.date)
        self.assertEqual(set(rows.mapped("student_id").ids), in_5a | in_5b)
        for row in rows:
            self.assertEqual(row.class_id, self.class_5a if row.student_id.id in in_5a else self.class_5b)
        # the pupils of the other group are not on the list, and 5Б has no other lesson then
        self.assertFalse(rows.mapped("student_id") & self.group2.student_ids)
        self.assertFalse(self.Lesson.search([("class_id", "=", self.class_5b.id), ("date", "=", lesson.date),
                                             ("lesson_number", "=", lesson.lesson_number)]))

    def test_the_transferred_pupil_stays_in_his_group_and_changes_class(self):
        # demo: a pupil of 5Б transferred to 5А in November keeps his English group
        pupil = self.env.ref(MODULE + ".demo_student_transferred")
        group = self.group1 if pupil in self.group1.student_ids else self.group2
        rows = self.env["school.attendance"].search([("student_id", "=", pupil.id),
                                                     ("lesson_id.subgroup_id", "=", group.id)], order="date")
        move = self.env["school.student.movement"].search([("student_id", "=", pupil.id),
                                                           ("movement_type", "=", "transfer"),
                                                           ("date", ">", self.year.date_start)])
        before = rows.filtered(lambda r: r.date < move.date)
        after = rows.filtered(lambda r: r.date >= move.date)
        self.assertTrue(before and after)
        self.assertEqual(before.mapped("class_id"), self.class_5b)
        self.assertEqual(after.mapped("class_id"), self.class_5a)

    def test_the_grid_of_the_group_and_of_the_class(self):
        Book = self.env["school.gradebook"].sudo(self.fedorova)
        book = Book.create({"class_id": self.class_5b.id, "subject_id": self.eng.id,
                            "subgroup_id": self.group1.id, "period_id": self.q1.id})
        rows = book._grid_rows()
        lessons = self.group_lessons(self.group1)
        self.assertEqual({r.lesson_id for r in rows}, set(lessons.ids))
        self.assertTrue({self.class_5a.id, self.class_5b.id} <= set(
            self.env["school.attendance"].browse([r.id for r in rows]).mapped("class_id").ids))
        # the teacher writes a mark for a pupil of 5Б in her group's lesson
        target = self.env["school.attendance"].search([("lesson_id", "=", lessons[-1].id),
                                                       ("class_id", "=", self.class_5b.id)], limit=1)
        book.grid_set_cell(target.id, "5", self.q1.id)
        self.assertEqual(target.grade_ids.mapped("value"), ["5"])
        # the class's grid (no group): 5Б's pupils only, in both groups' lessons
        book = self.env["school.gradebook"].create({"class_id": self.class_5b.id, "subject_id": self.eng.id,
                                                    "period_id": self.q1.id})
        rows = self.env["school.attendance"].browse([r.id for r in book._grid_rows()])
        self.assertEqual(rows.mapped("class_id"), self.class_5b)
        self.assertEqual(set(rows.mapped("lesson_id.subgroup_id").ids), {self.group1.id, self.group2.id})

    def test_period_grades_of_5b_pupils_come_from_the_group(self):
        PeriodGrade = self.env["school.period.grade"]
        lesson = self.group_lessons(self.group1)[-1]
        target = self.env["school.attendance"].search([("lesson_id", "=", lesson.id),
                                                       ("class_id", "=", self.class_5b.id)], limit=1)
        PeriodGrade.suggest(self.q1, [self.class_5b.id], [self.eng.id])
        grades = PeriodGrade.search([("period_id", "=", self.q1.id), ("class_id", "=", self.class_5b.id),
                                     ("subject_id", "=", self.eng.id)])
        on_roll = set(self.class_5b._get_roster(self.q1.date_end).ids)
        self.assertEqual(set(grades.mapped("student_id").ids), on_roll)
        mine = grades.filtered(lambda g: g.student_id == target.student_id)
        self.assertIn(mine.teacher_id, self.fedorova | self.kozlova)
        # the group's teacher keeps the period grades of her 5Б pupils (the one guard)
        self.assertIn(mine, PeriodGrade.sudo(self.fedorova).search([("id", "in", grades.ids)]))
        mine.sudo(self.fedorova).write({"value": "4", "override_comment": "Устный ответ"})
        self.assertEqual(mine.value, "4")

    def test_the_timetable_refuses_a_class_lesson_at_the_groups_time(self):
        entry = self.env["school.timetable"].search([("subgroup_id", "=", self.group1.id)], limit=1)
        with self.assertRefused(ValidationError, "5Б"):
            self.env["school.timetable"].create({
                "class_id": self.class_5b.id, "weekday": entry.weekday, "lesson_number": entry.lesson_number,
                "subject_id": self.math.id, "teacher_id": self.admin.id})

    def test_a_group_joins_parallel_classes_only(self):
        Group = self.env["school.class.subgroup"].sudo(self.admin)
        with self.assertRefused(ValidationError, "одной параллели"):
            Group.create({"name": "Смешанная", "class_id": self.class_5a.id,
                          "extra_class_ids": [(6, 0, self.class_9a.ids)]})
        with self.assertRefused(ValidationError, "не из класса"):
            Group.create({"name": "Смешанная", "class_id": self.class_5a.id, "student_ids": [(6, 0, self.darya.ids)]})

    def test_the_group_teacher_reads_the_pupils_of_her_group_in_the_other_class(self):
        pupils = self.env["school.student"].sudo(self.fedorova).search([("current_class_id", "=", self.class_5b.id)])
        self.assertTrue(pupils)
        self.assertEqual(set(pupils.ids), set(self.group1.student_ids.ids) & set(
            self.class_5b.current_student_ids.ids))
        # the teacher of a lesson of 5Б reads all of 5Б, the class teacher of 5Б too
        self.assertEqual(set(self.env["school.student"].sudo(self.teacher).search(
            [("current_class_id", "=", self.class_5b.id)]).ids), set(self.class_5b.current_student_ids.ids))

    def test_a_change_of_the_group_reaches_the_lessons_still_to_come(self):
        pupil = (self.group1.student_ids & self.class_5b.current_student_ids)[:1]
        today = fields.Date.context_today(self.group1)
        past = self.group_lessons(self.group1, self.q1)[-1]
        # a lesson of each group next week (the timetable's slot of the groups, both at once)
        entry = self.env["school.timetable"].search([("subgroup_id", "=", self.group1.id)], limit=1)
        day = fields.Date.from_string(today) + timedelta(days=7 + int(entry.weekday)
                                                         - fields.Date.from_string(today).weekday())
        future = {}
        for group, teacher in ((self.group1, self.fedorova), (self.group2, self.kozlova)):
            future[group] = self.Lesson.search([("subgroup_id", "=", group.id), ("date", "=", day),
                                                ("lesson_number", "=", entry.lesson_number)]) or \
                self.Lesson.sudo(self.admin).create({
                    "date": fields.Date.to_string(day), "lesson_number": entry.lesson_number,
                    "class_id": self.class_5a.id, "subgroup_id": group.id, "subject_id": self.eng.id,
                    "teacher_id": teacher.id})
        self.assertIn(pupil, future[self.group1].attendance_ids.mapped("student_id"))
        self.group1.sudo(self.admin).write({"student_ids": [(3, pupil.id)]})
        self.group2.sudo(self.admin).write({"student_ids": [(4, pupil.id)]})
        self.Lesson.invalidate_cache()
        # the lessons he was taught in keep him; from today he is on the other group's lists
        self.assertIn(pupil, past.attendance_ids.mapped("student_id"))
        self.assertNotIn(pupil, future[self.group1].attendance_ids.mapped("student_id"))
        self.assertIn(pupil, future[self.group2].attendance_ids.mapped("student_id"))

    def test_the_class_journal_and_the_class_day_of_5b_show_its_english(self):
        report = self.env["report.school_ejournal.report_class_journal"]
        data = report._journal_data(self.class_5b, self.q1.date_start, self.q1.date_end)
        english = [s for s in data["subjects"] if s["id"] == self.eng.id]
        self.assertTrue(english and english[0]["lessons"])
        lesson = self.group_lessons(self.group1)[0]
        day = self.env["school.class.day"].create({"class_id": self.class_5b.id, "date": lesson.date})
        self.assertIn(lesson, day._lessons())

    def test_the_family_of_a_5b_pupil_sees_the_group_in_the_timetable(self):
        pupil = (self.group1.student_ids & self.class_5b.current_student_ids).filtered(
            lambda s: s.consent_state == "given" and not s.user_id)[:1]
        wizard = self.env["school.login.wizard"].sudo(self.admin).create({"student_ids": [(6, 0, pupil.ids)]})
        wizard._print_slips(token_of(wizard.action_issue()))
        pupil.invalidate_cache()
        user = pupil.user_id
        self.assertTrue(user)
        entries = self.env["school.timetable"].sudo(user).search([("subject_id", "=", self.eng.id)])
        self.assertTrue(entries)
        self.assertEqual(entries.mapped("subgroup_id"), self.group1)
        lessons = self.Lesson.sudo(user).search([("subject_id", "=", self.eng.id)])
        self.assertTrue(lessons)
        self.assertEqual(lessons.mapped("subgroup_id"), self.group1)


    def move(self, pupil, day, user=None):
        """Move ``pupil`` from group 1 to group 2 from ``day`` on, as the class teacher of 5А (the lead class)."""
        for group, command in ((self.group1, 3), (self.group2, 4)):
            group.sudo(user or self.class_teacher).write({"student_ids": [(command, pupil.id)], "members_from": day})
        self.Lesson.invalidate_cache()

    def test_a_move_between_groups_is_dated(self):
        pupil = (self.group1.student_ids & self.class_5b.current_student_ids)[:1]
        day = self.q2.date_start
        self.move(pupil, day)
        Member = self.env["school.class.subgroup.member"]
        dates = lambda group: [(m.date_from, m.date_to) for m in Member.search(  # noqa: E731
            [("student_id", "=", pupil.id), ("subgroup_id", "=", group.id)])]
        self.assertEqual(dates(self.group1), [(self.year.date_start, fields.Date.to_string(
            fields.Date.from_string(day) - timedelta(days=1)))])
        self.assertEqual(dates(self.group2), [(day, False)])
        # his lessons of the I quarter stay with group 1; from the II quarter he is on group 2's lists
        for lesson in self.group_lessons(self.group1, self.q1):
            self.assertIn(pupil, lesson.attendance_ids.mapped("student_id"))
        for lesson in self.group_lessons(self.group2, self.q1):
            self.assertNotIn(pupil, lesson.attendance_ids.mapped("student_id"))
        q2_group2 = self.group_lessons(self.group2, self.q2)
        self.assertTrue(q2_group2)
        for lesson in q2_group2:
            self.assertIn(pupil, lesson.attendance_ids.mapped("student_id"))
        # in group 1's lessons of the II quarter only a row with a mark or a grade stays (never lost silently)
        for row in self.group_lessons(self.group1, self.q2).mapped("attendance_ids").filtered(
                lambda r: r.student_id == pupil):
            self.assertTrue(row.code_id or row.grade_ids or row.comment)
        # one period grade per subject, with the marks of both groups
        PeriodGrade = self.env["school.period.grade"]
        PeriodGrade.suggest(self.q2, [self.class_5b.id], [self.eng.id])
        self.assertEqual(PeriodGrade.search_count([("student_id", "=", pupil.id), ("period_id", "=", self.q2.id),
                                                   ("subject_id", "=", self.eng.id)]), 1)

    def test_a_move_inside_a_closed_period_is_refused(self):
        pupil = (self.group1.student_ids & self.class_5b.current_student_ids)[:1]
        level = self.class_5a.grade_level_id
        self.env["school.period.close"].sudo(self.admin).create({
            "period_id": self.q1.id, "scope": "levels", "grade_level_ids": [(6, 0, level.ids)],
            "confirm_incomplete": True}).action_close()
        with self.assertRefused(UserError, "закрыт"):
            self.move(pupil, self.q1.date_start, user=self.admin)
        self.move(pupil, self.q2.date_start, user=self.admin)
        self.assertIn(pupil, self.group2.student_ids)

    def test_the_class_teacher_of_a_joined_class_reads_but_does_not_keep_the_group(self):
        popova = self.class_5b.class_teacher_id
        group = self.group1.sudo(popova)
        self.assertTrue(group.name and group.member_ids)
        with self.assertRefused(AccessError):
            group.write({"name": "Английский язык, сильная группа"})
        for user in (self.teacher, self.student_user, self.parent_user, popova):
            with self.assertRefused(AccessError):
                self.env["school.class.subgroup.member"].sudo(user).create({
                    "subgroup_id": self.group1.id, "student_id": self.artem.id, "date_from": self.year.date_start})

    def test_groups_listed_before_dated_membership_are_dated_from_the_year_start(self):
        Member = self.env["school.class.subgroup.member"]
        Member.search([("subgroup_id", "=", self.group1.id)]).unlink()
        Member.init()
        rows = Member.search([("subgroup_id", "=", self.group1.id)])
        self.assertEqual(rows.mapped("student_id"), self.group1.student_ids)
        self.assertEqual(set(rows.mapped("date_from")), {self.year.date_start})
        self.assertEqual(set(rows.mapped("date_to")), {False})
