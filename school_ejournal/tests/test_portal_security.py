"""Record rules and ACLs of the families' diary: a parent reads only his own
children, a pupil only himself; lessons through the roster; grades, attendance
and period grades only while the consent is not revoked; read only."""
from odoo.exceptions import AccessError
from odoo.tests.common import TransactionCase

from .common import PortalFacts


class PortalRulesCase(PortalFacts, TransactionCase):
    def setUp(self):
        super(PortalRulesCase, self).setUp()
        self._portal_setup()

    def env_of(self, user, model):
        return self.env[model].sudo(user)


class TestPortalStudentsRule(PortalRulesCase):
    def test_parent_reads_own_children_only(self):
        Student = self.env_of(self.parent_user, "school.student")
        self.assertEqual(Student.search([]), self.artem | self.darya)
        self.assertEqual(Student._portal_students(), self.artem | self.darya)
        with self.assertRaises(AccessError):
            Student.browse(self.classmate.id).read(["name"])

    def test_student_reads_himself_only(self):
        Student = self.env_of(self.student_user, "school.student")
        self.assertEqual(Student.search([]), self.artem)
        # not even his sister
        with self.assertRaises(AccessError):
            Student.browse(self.darya.id).read(["name"])
        with self.assertRaises(AccessError):
            Student.browse(self.classmate.id).read(["name"])

    def test_personal_fields_stay_hidden(self):
        record = self.env_of(self.parent_user, "school.student").browse(self.artem.id)
        self.assertEqual(record.read(["name", "current_class_id"])[0]["name"], self.artem.name)
        visible = record.fields_get()
        for field in ("snils", "address", "guardian_ids", "consent_ids", "movement_ids", "user_id"):
            self.assertNotIn(field, visible)

    def test_a_non_legal_guardian_gets_nothing(self):
        # a grandmother linked without being a legal representative
        grandma = self.env["res.partner"].create({"name": "Бабушка Тестовая"})
        self.env["school.student.guardian"].create({
            "student_id": self.classmate.id, "partner_id": grandma.id, "relation": "grandmother",
            "is_legal_representative": False})
        user = self.env["res.users"].create({
            "name": grandma.name, "login": "grandma_test", "partner_id": grandma.id,
            "groups_id": [(6, 0, [self.env.ref("school_ejournal.group_parent").id])]})
        # (the pupil record itself is also readable through reports_rules.xml's
        # broader rule; the diary's pupils and all journal data are not)
        self.assertFalse(self.env["school.student"].sudo(user)._portal_students())
        for model in ("school.grade", "school.attendance", "school.lesson", "school.period.grade"):
            self.assertFalse(self.env[model].sudo(user).search([]), model)


class TestPortalJournalRules(PortalRulesCase):
    def test_parent_reads_lessons_of_the_childrens_rosters(self):
        Lesson = self.env_of(self.parent_user, "school.lesson")
        week = [("date", ">=", "2026-10-05"), ("date", "<=", "2026-10-09")]
        seen = Lesson.search(week)
        expected = self.lesson_of(self.artem) | self.lesson_of(self.darya)
        self.assertTrue(expected)
        self.assertEqual(seen, expected)
        other = self.env["school.lesson"].search(week + [("class_id", "=", self.class_5b.id)], limit=1)
        with self.assertRaises(AccessError):
            Lesson.browse(other.id).read(["topic", "homework"])

    def test_subgroup_lessons_only_of_own_subgroup(self):
        # English in 5А is taught in two subgroups: Артём sees his group's lessons only
        lessons = self.env["school.lesson"].search([("class_id", "=", self.class_5a.id),
                                                    ("subgroup_id", "!=", False)])
        if not lessons:
            self.skipTest("no subgroup lessons in the demo journal")
        mine = lessons.filtered(lambda l: self.artem in l.subgroup_id.student_ids)
        others = lessons - mine
        seen = self.env_of(self.student_user, "school.lesson").search([("id", "in", lessons.ids)])
        self.assertEqual(seen, mine)
        self.assertTrue(others)

    def test_grades_and_attendance_of_own_children_only(self):
        for user, students in ((self.parent_user, self.artem | self.darya), (self.student_user, self.artem)):
            grades = self.env_of(user, "school.grade").search([])
            self.assertTrue(grades)
            self.assertEqual(grades.mapped("student_id"), students)
            rows = self.env_of(user, "school.attendance").search([])
            self.assertEqual(rows.mapped("student_id"), students)
        foreign = self.env["school.grade"].search([("student_id", "=", self.classmate.id)], limit=1)
        with self.assertRaises(AccessError):
            self.env_of(self.parent_user, "school.grade").browse(foreign.id).read(["value"])

    def test_timetable_of_childrens_classes_and_subgroups(self):
        entries = self.env_of(self.parent_user, "school.timetable").search([])
        self.assertEqual(set(entries.mapped("class_id").ids), {self.class_5a.id, self.class_9a.id})
        children = self.artem | self.darya
        for entry in entries.filtered("subgroup_id"):
            self.assertTrue(entry.sudo().subgroup_id.student_ids & children)
        self.assertFalse(self.env_of(self.student_user, "school.timetable").search(
            [("class_id", "=", self.class_9a.id)]))

    def test_revoked_consent_hides_grades_and_attendance(self):
        self.revoke_consent(self.artem)
        Grade = self.env_of(self.parent_user, "school.grade")
        self.assertFalse(Grade.search([("student_id", "=", self.artem.id)]))
        self.assertTrue(Grade.search([("student_id", "=", self.darya.id)]))
        self.assertFalse(self.env_of(self.student_user, "school.attendance").search([]))
        # the pupil himself stays readable, so that the portal can explain why
        self.assertEqual(self.env_of(self.parent_user, "school.student").search([]), self.artem | self.darya)

    def test_period_grades_visible_once_confirmed(self):
        PeriodGrade = self.env["school.period.grade"]
        math = self.env.ref("school_ejournal.subject_math")
        PeriodGrade.suggest(self.q1, [self.class_5a.id], [math.id])
        grade = PeriodGrade.search([("student_id", "=", self.artem.id), ("period_id", "=", self.q1.id),
                                    ("subject_id", "=", math.id)])
        self.assertTrue(grade)
        seen = self.env_of(self.parent_user, "school.period.grade")
        # (the closed previous year's confirmed grades aside)
        self.assertFalse(seen.search([("period_id", "=", self.q1.id)]), "a suggestion is the teacher's draft")
        grade.write({"value": grade.suggested_value})
        grade.action_confirm()
        self.assertEqual(seen.search([("period_id", "=", self.q1.id)]), grade)
        self.assertFalse(self.env_of(self.student_user, "school.period.grade").search(
            [("student_id", "!=", self.artem.id)]))

    def test_portal_never_writes(self):
        lesson = self.lesson_of(self.artem)[:1]
        with self.assertRaises(AccessError):
            lesson.sudo(self.parent_user).write({"topic": "Подделка"})
        grade = self.env["school.grade"].search([("student_id", "=", self.artem.id)], limit=1)
        with self.assertRaises(AccessError):
            grade.sudo(self.student_user).write({"value": "5"})
        with self.assertRaises(AccessError):
            self.artem.sudo(self.parent_user).write({"first_name": "Подделка"})

    def test_homework_files_follow_the_lesson(self):
        lesson = self.lesson_of(self.artem)[:1]
        attachment = self.env["ir.attachment"].create({"name": "Задание.txt", "datas_fname": "Задание.txt",
                                                       "datas": "0JfQsNC00LDQvdC40LU=", "res_model": "school.lesson"})
        lesson.write({"homework_attachment_ids": [(4, attachment.id)]})
        # linked, the file is bound to the lesson: its readers (the child's family) read it
        self.assertEqual((attachment.res_model, attachment.res_id), ("school.lesson", lesson.id))
        self.assertIn(attachment.id, lesson.sudo(self.parent_user).homework_attachment_ids.ids)
        self.assertTrue(attachment.sudo(self.parent_user).read(["datas"]))
        children = self.env["school.student"].sudo(self.parent_user).search([])
        foreign = self.env["school.lesson"].search([
            ("attendance_ids.student_id", "not in", children.ids),
            ("class_id", "not in", children.mapped("current_class_id").ids)], limit=1)
        other = self.env["ir.attachment"].create({"name": "Чужое.txt", "datas": "eA==", "res_model": "school.lesson"})
        foreign.write({"homework_attachment_ids": [(4, other.id)]})
        with self.assertRaises(AccessError):
            other.sudo(self.parent_user).read(["datas"])

    def test_portal_may_post_on_own_child_only(self):
        self.artem.sudo(self.parent_user).message_post(body="Здравствуйте!", message_type="comment",
                                                       subtype="mail.mt_comment")
        with self.assertRaises(AccessError):
            self.classmate.sudo(self.parent_user).message_post(body="Чужой ребёнок", message_type="comment",
                                                               subtype="mail.mt_comment")
