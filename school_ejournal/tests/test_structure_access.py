"""Who may read and change what: administrator, deputy, class teacher (own class
vs another), teacher, and portal pupils/parents refused."""
from odoo.exceptions import AccessError

from .common import StructureCase


class AccessCase(StructureCase):
    def setUp(self):
        super(AccessCase, self).setUp()
        self.pupil_5a = self.class_5a._get_roster("2026-10-01")[0]
        self.pupil_5b = self.class_5b._get_roster("2026-10-01")[0]
        self.pupil_9a = self.class_9a._get_roster("2026-10-01")[0]

    def as_user(self, user, model):
        return self.env[model].sudo(user)


class TestStudentAccess(AccessCase):
    def test_admin_reads_and_changes_everyone(self):
        Student = self.as_user(self.admin, "school.student")
        self.assertEqual(Student.search_count([]), self.Student.search_count([]))
        Student.browse(self.pupil_9a.id).write({"health_group": "special"})
        new = Student.create({"last_name": "Админов", "first_name": "Пётр"})
        new.unlink()

    def test_deputy_reads_all_but_changes_nothing(self):
        Student = self.as_user(self.deputy, "school.student")
        self.assertEqual(Student.search_count([]), self.Student.search_count([]))
        # the health group for the school's reports; no СНИЛС, address or parents' contacts
        self.assertTrue(Student.browse(self.pupil_9a.id).read(["health_group"])[0]["health_group"])
        with self.assertRaises(AccessError):
            Student.browse(self.pupil_9a.id).read(["snils"])
        with self.assertRaises(AccessError):
            Student.browse(self.pupil_9a.id).write({"health_group": "special"})
        with self.assertRaises(AccessError):
            Student.create({"last_name": "Замов", "first_name": "Иван"})
        Guardian = self.as_user(self.deputy, "school.student.guardian")
        self.assertTrue(Guardian.search_count([("student_id", "=", self.pupil_9a.id)]))
        with self.assertRaises(AccessError):
            Guardian.search([("student_id", "=", self.pupil_9a.id)]).write({"notify_by": "none"})

    def test_class_teacher_edits_own_class_only(self):
        Student = self.as_user(self.class_teacher, "school.student")
        own = Student.browse(self.pupil_5a.id)
        own.write({"health_group": "preparatory", "address": "г. Тверь, ул. Новая, д. 1"})
        self.assertEqual(own.health_group, "preparatory")
        # 5Б: she teaches Russian there, so she reads but may not edit
        taught = Student.browse(self.pupil_5b.id)
        self.assertTrue(taught.name)
        with self.assertRaises(AccessError):
            taught.write({"health_group": "special"})
        # 9А: neither her class nor taught by her
        self.assertNotIn(self.pupil_9a, Student.search([]))
        with self.assertRaises(AccessError):
            Student.browse(self.pupil_9a.id).read(["name"])
        with self.assertRaises(AccessError):
            Student.browse(self.pupil_9a.id).write({"health_group": "special"})
        with self.assertRaises(AccessError):
            own.unlink()

    def test_class_teacher_enrols_a_new_pupil_into_own_class(self):
        Student = self.as_user(self.class_teacher, "school.student")
        pupil = Student.create({"last_name": "Новиков", "first_name": "Глеб", "birth_date": "2015-01-01"})
        self.assertTrue(pupil.read(["name"]), "she sees the pupil she created before enrolment")
        self.as_user(self.class_teacher, "school.student.movement").create({
            "student_id": pupil.id, "movement_type": "arrival", "date": "2026-10-01",
            "to_class_id": self.class_5a.id, "order_number": "160-у"})
        self.assertEqual(pupil.current_class_id, self.class_5a)
        with self.assertRaises(AccessError):
            other = Student.create({"last_name": "Чужой", "first_name": "Ученик"})
            self.as_user(self.class_teacher, "school.student.movement").create({
                "student_id": other.id, "movement_type": "arrival", "date": "2026-10-01",
                "to_class_id": self.class_9a.id})

    def test_teacher_reads_taught_classes_without_parents(self):
        Student = self.as_user(self.teacher, "school.student")
        visible = Student.search([])
        self.assertEqual(set(visible.mapped("current_class_id.name")), {"5А", "5Б"})
        self.assertIn(self.pupil_5b, visible)
        self.assertNotIn(self.pupil_9a, visible)
        with self.assertRaises(AccessError):
            Student.browse(self.pupil_9a.id).read(["name"])
        with self.assertRaises(AccessError):
            Student.browse(self.pupil_5a.id).write({"health_group": "special"})
        with self.assertRaises(AccessError):
            Student.create({"last_name": "Учителев", "first_name": "Иван"})
        # parents' data are not for subject teachers
        record = Student.browse(self.pupil_5a.id).read()[0]
        for field in ("guardian_ids", "snils", "address", "parent1_phone", "movement_ids", "consent_ids"):
            self.assertNotIn(field, record)
        with self.assertRaises(AccessError):
            Student.browse(self.pupil_5a.id).read(["guardian_ids"])
        with self.assertRaises(AccessError):
            self.as_user(self.teacher, "school.student.guardian").search([])
        with self.assertRaises(AccessError):
            self.as_user(self.teacher, "school.student.movement").search([])
        with self.assertRaises(AccessError):
            self.as_user(self.teacher, "school.pd.consent").search([])
        # nor the health group (the class teacher, the admin and the deputy see it)
        self.assertNotIn("health_group", record)

    def test_teacher_pupils_follow_teaching_load(self):
        """The rule lists the teacher's classes once per user (cached by ir.rule):
        a new teaching load or class leadership shows at once, a removed one hides."""
        Student = self.as_user(self.teacher, "school.student")
        self.assertFalse(Student.search([("id", "=", self.pupil_9a.id)]))
        load = self.env["school.teaching.assignment"].create({
            "class_id": self.class_9a.id, "subject_id": self.env.ref("school_ejournal.subject_math").id,
            "teacher_id": self.teacher.id, "hours_per_week": 1})
        self.assertTrue(Student.search([("id", "=", self.pupil_9a.id)]), "new load: 9А pupils visible")
        load.unlink()
        self.assertFalse(Student.search([("id", "=", self.pupil_9a.id)]), "load removed: hidden again")
        with self.assertRaises(AccessError):
            Student.browse(self.pupil_9a.id).read(["name"])
        previous = self.class_9a.class_teacher_id
        self.class_9a.write({"class_teacher_id": self.class_teacher.id})
        self.assertTrue(self.as_user(self.class_teacher, "school.student").search(
            [("id", "=", self.pupil_9a.id)]), "the new class teacher sees the class")
        self.class_9a.write({"class_teacher_id": previous.id})

    def test_portal_users_refused(self):
        for user in (self.student_user, self.parent_user):
            # the portal diary reads own students, class and timetable (portal
            # tests); parents' links, movements and consents stay closed
            for model in ("school.student.guardian", "school.student.movement", "school.pd.consent"):
                with self.assertRaises(AccessError, msg="%s on %s" % (user.login, model)):
                    self.as_user(user, model).search([])
            students = self.as_user(user, "school.student").search([])
            self.assertTrue(students)
            self.assertLessEqual(len(students), 2, user.login)


class TestGuardianMovementConsentAccess(AccessCase):
    def test_class_teacher_manages_parents_of_own_class(self):
        Guardian = self.as_user(self.class_teacher, "school.student.guardian")
        links = Guardian.search([])
        self.assertEqual(set(links.mapped("student_id.current_class_id.name")), {"5А"})
        partner = self.env["res.partner"].sudo(self.class_teacher).create(
            {"name": "Бабушкина Нина Петровна", "phone": "+7 900 000-00-01"})
        link = Guardian.create({"student_id": self.pupil_5a.id, "partner_id": partner.id,
                                "relation": "grandmother", "is_legal_representative": False})
        link.write({"notify_by": "none"})
        link.unlink()
        with self.assertRaises(AccessError):
            Guardian.create({"student_id": self.pupil_9a.id, "partner_id": partner.id, "relation": "other"})
        with self.assertRaises(AccessError):
            Guardian.create({"student_id": self.pupil_5b.id, "partner_id": partner.id, "relation": "other"})

    def test_class_teacher_edits_contacts_of_own_class_parents_only(self):
        own_link = self.pupil_5a.guardian_ids[:1]
        self.as_user(self.class_teacher, "school.student.guardian").browse(own_link.id).write(
            {"phone": "+7 900 123-45-67"})
        self.assertEqual(own_link.partner_id.phone, "+7 900 123-45-67")
        foreign = self.pupil_9a.guardian_ids[:1].partner_id
        with self.assertRaises(AccessError):
            self.env["res.partner"].sudo(self.class_teacher).browse(foreign.id).write({"phone": "0"})
        with self.assertRaises(AccessError):
            self.env["res.partner"].sudo(self.teacher).browse(own_link.partner_id.id).write({"phone": "0"})
        self.env["res.partner"].sudo(self.admin).browse(foreign.id).write({"phone": "+7 900 000-00-00"})

    def test_class_teacher_moves_pupils_out_of_own_class_only(self):
        Movement = self.as_user(self.class_teacher, "school.student.movement")
        transfer = Movement.create({"student_id": self.pupil_5a.id, "movement_type": "transfer",
                                    "date": "2026-11-16", "to_class_id": self.class_5b.id,
                                    "order_number": "170-у"})
        self.assertEqual(transfer.from_class_id, self.class_5a)
        with self.assertRaises(AccessError):
            Movement.create({"student_id": self.pupil_9a.id, "movement_type": "departure", "date": "2026-11-16"})
        with self.assertRaises(AccessError):
            transfer.unlink()
        self.as_user(self.admin, "school.student.movement").browse(transfer.id).unlink()
        with self.assertRaises(AccessError):
            self.as_user(self.deputy, "school.student.movement").create({
                "student_id": self.pupil_9a.id, "movement_type": "departure", "date": "2026-11-16"})
        self.assertTrue(self.as_user(self.deputy, "school.student.movement").search_count([]))

    def test_consents_of_own_class(self):
        Consent = self.as_user(self.class_teacher, "school.pd.consent")
        self.assertEqual(set(Consent.search([]).mapped("student_id.current_class_id.name")), {"5А"})
        pupil = self.pupil_5a
        link = pupil.guardian_ids.filtered("is_legal_representative")[:1]
        Consent.create({"student_id": pupil.id, "date": "2026-11-20", "signer_type": "representative",
                        "guardian_id": link.id})
        other_link = self.pupil_9a.guardian_ids.filtered("is_legal_representative")[:1]
        with self.assertRaises(AccessError):
            Consent.create({"student_id": self.pupil_9a.id, "date": "2026-11-20",
                            "signer_type": "representative", "guardian_id": other_link.id,
                            "co_signed_by_student": True})
        self.assertTrue(self.as_user(self.deputy, "school.pd.consent").search_count([]))
        with self.assertRaises(AccessError):
            self.as_user(self.deputy, "school.pd.consent").create({
                "student_id": self.pupil_9a.id, "date": "2026-11-20", "signer_type": "student"})

    def test_reference_data_read_by_staff_changed_by_admin(self):
        for user in (self.teacher, self.deputy, self.class_teacher):
            self.assertTrue(self.as_user(user, "school.class").search_count([]))
            self.assertTrue(self.as_user(user, "school.timetable").search_count([]))
            self.assertTrue(self.as_user(user, "school.teaching.assignment").search_count([]))
            self.assertTrue(self.as_user(user, "school.period").search_count([]))
            with self.assertRaises(AccessError):
                self.as_user(user, "school.class").browse(self.class_5a.id).write({"room": "99"})
            with self.assertRaises(AccessError):
                self.as_user(user, "school.timetable").search([], limit=1).write({"room": "99"})
            with self.assertRaises(AccessError):
                self.as_user(user, "school.academic.year").create(
                    {"name": "2030/2031", "date_start": "2030-09-01", "date_end": "2031-05-31"})
        self.as_user(self.admin, "school.class").browse(self.class_5a.id).write({"room": "99"})

    def test_class_teacher_edits_subgroups_of_own_class(self):
        Subgroup = self.as_user(self.class_teacher, "school.class.subgroup")
        own = Subgroup.search([("class_id", "=", self.class_5a.id)], limit=1)
        own.write({"student_ids": [(4, self.pupil_5a.id)]})
        other = Subgroup.search([("class_id", "!=", self.class_5a.id)], limit=1)
        self.assertTrue(other.name, "subgroups are readable")
        with self.assertRaises(AccessError):
            other.write({"name": "Переименована"})
