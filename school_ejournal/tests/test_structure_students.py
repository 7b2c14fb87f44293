"""Pupils, СНИЛС, guardians, movements and the class membership derived from them."""
from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests.common import TransactionCase

from .common import StructureCase, valid_snils
from odoo.addons.school_ejournal.tools.snils import normalize_snils, snils_control


class TestSnils(StructureCase):
    def test_control_number_algorithm(self):
        # 112-233-445 95 is the Pension Fund's own example
        self.assertEqual(snils_control("112233445"), 95)
        self.assertEqual(normalize_snils("11223344595"), "112-233-445 95")
        self.assertEqual(normalize_snils(" 112-233-445 95 "), "112-233-445 95")
        # sums of 100 and 101 give 00; above 101 the remainder mod 101
        self.assertEqual(snils_control("001508815"), 0)       # Σ = 100
        self.assertEqual(snils_control("001437544"), 0)       # Σ = 101
        self.assertEqual(snils_control("123456789"), 64)      # Σ = 165 → 165 mod 101
        self.assertEqual(normalize_snils("001-437-544 00"), "001-437-544 00")
        # numbers up to 001-001-998 had no control number
        self.assertEqual(normalize_snils("001-001-998 77"), "001-001-998 77")

    def test_valid_snils_is_stored_formatted(self):
        student = self.make_student(snils="112 233 445 95")
        self.assertEqual(student.snils, "112-233-445 95")

    def test_bad_snils_refused_with_russian_message_and_nothing_written(self):
        count = self.Student.search_count([])
        partners = self.env["res.partner"].search_count([])
        with self.assertRefused(ValidationError, "контрольное число"):
            self.make_student(snils="112-233-445 96")
        with self.assertRefused(ValidationError, "11 цифр"):
            self.make_student(snils="112-233-445")
        with self.assertRefused(ValidationError, "три раза подряд"):
            self.make_student(snils=valid_snils("111234567"))
        self.assertEqual(self.Student.search_count([]), count)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)
        student = self.make_student()
        with self.assertRefused(ValidationError, "контрольное число"):
            student.snils = "112-233-445 00"
        self.assertFalse(student.snils)

    def test_snils_is_unique(self):
        self.make_student(snils=valid_snils("234567891"))
        with self.assertRefused(Exception):
            self.make_student(last_name="Другой", snils=valid_snils("234567891"))

    def test_all_demo_snils_are_valid(self):
        for student in self.Student.search([]):
            self.assertEqual(normalize_snils(student.snils), student.snils)


class TestStudentRecord(StructureCase):
    def test_partner_follows_the_name(self):
        student = self.make_student(last_name="Орлова", first_name="Анна", middle_name="Игоревна",
                                    gender="female")
        self.assertEqual(student.name, "Орлова Анна Игоревна")
        self.assertEqual(student.partner_id.name, "Орлова Анна Игоревна")
        student.last_name = "Соколова"
        self.assertEqual(student.partner_id.name, "Соколова Анна Игоревна")

    def test_age_and_birth_date(self):
        student = self.make_student(birth_date="2012-09-10")
        self.assertEqual(student._age_on("2026-09-09"), 13)
        self.assertEqual(student._age_on("2026-09-10"), 14)
        with self.assertRefused(ValidationError, "Дата рождения"):
            student.birth_date = "2999-01-01"

    def test_parent_with_two_children(self):
        mother = self.parent_user.partner_id
        children = mother._get_school_children()
        self.assertEqual(children, self.artem | self.darya)
        self.assertEqual(self.artem.current_class_id, self.class_5a)
        self.assertEqual(self.darya._get_class_on("2026-10-01"), self.class_9a)
        self.assertEqual(self.artem.user_id, self.student_user)
        self.assertEqual(self.artem.partner_id, self.student_user.partner_id)
        link = self.artem.guardian_ids.filtered(lambda g: g.partner_id == mother)
        self.assertTrue(link.is_legal_representative)
        self.assertEqual(link.relation, "mother")
        self.assertEqual(link.user_id, self.parent_user)

    def test_guardian_link_unique_and_not_self(self):
        mother = self.parent_user.partner_id
        with self.assertRefused(Exception):
            self.env["school.student.guardian"].create(
                {"student_id": self.artem.id, "partner_id": mother.id, "relation": "mother"})
        with self.assertRefused(ValidationError, "своим собственным"):
            self.env["school.student.guardian"].create(
                {"student_id": self.artem.id, "partner_id": self.artem.partner_id.id, "relation": "other"})


class TestClassMembership(StructureCase):
    def test_roster_before_and_after_transfer(self):
        pupil = self.make_student(school_class=self.class_5b)
        before = (self.class_5a | self.class_5b)._get_students_on("2026-10-01")
        self.assertIn(pupil.id, before[self.class_5b.id])
        self.assertNotIn(pupil.id, before[self.class_5a.id])
        transfer = self.Movement.create({"student_id": pupil.id, "movement_type": "transfer",
                                         "date": "2026-10-12", "to_class_id": self.class_5a.id,
                                         "order_number": "150-у", "reason": "Заявление родителей"})
        self.assertEqual(transfer.from_class_id, self.class_5b, "filled from the membership on that date")
        self.assertEqual(pupil._get_class_on("2026-10-11"), self.class_5b)
        self.assertEqual(pupil._get_class_on("2026-10-12"), self.class_5a)
        self.assertEqual(pupil._get_class_on("2026-08-31"), self.env["school.class"])
        after = (self.class_5a | self.class_5b)._get_students_on("2026-10-12")
        self.assertIn(pupil.id, after[self.class_5a.id])
        self.assertNotIn(pupil.id, after[self.class_5b.id])
        # the history is kept: both movements remain
        self.assertEqual(pupil.movement_ids.mapped("movement_type"), ["transfer", "arrival"])

    def test_roster_is_ordered_by_name_and_one_query_for_many_classes(self):
        classes = self.env["school.class"].search([("academic_year_id", "=", self.year.id)])
        queries_before = self.env.cr.sql_log_count
        rosters = classes._get_students_on("2026-10-01")
        self.assertEqual(self.env.cr.sql_log_count - queries_before, 1)
        self.assertEqual(set(rosters), set(classes.ids))
        self.assertEqual(sum(len(v) for v in rosters.values()), 99)
        names = self.Student.browse(rosters[self.class_5a.id]).mapped("name")
        self.assertEqual(names, sorted(names))
        self.assertEqual(self.class_5a._get_roster("2026-10-01").ids, rosters[self.class_5a.id])

    def test_departure_and_later_arrival(self):
        departed = self.env.ref("school_ejournal.demo_student_departed")
        self.assertEqual(departed._get_class_on("2026-12-14"), self.class_9a)
        self.assertFalse(departed._get_class_on("2026-12-15"))
        newcomer = self.env.ref("school_ejournal.demo_student_arrived")
        self.assertFalse(newcomer._get_class_on("2027-01-10"))
        self.assertEqual(newcomer._get_class_on("2027-01-11").name, "11А")
        rosters = self.class_9a._get_students_on("2026-12-15")
        self.assertNotIn(departed.id, rosters[self.class_9a.id])

    def test_current_class_follows_movements(self):
        pupil = self.make_student(school_class=self.class_1a, date="2026-09-01")
        self.assertEqual(pupil.current_class_id, self.class_1a)
        self.Movement.create({"student_id": pupil.id, "movement_type": "departure", "date": "2026-09-05"})
        self.assertFalse(pupil.current_class_id)
        self.assertIn(pupil, self.Student.search([("current_class_id", "=", False)]))

    def test_cron_applies_movements_dated_in_the_future(self):
        pupil = self.make_student(school_class=self.class_1a, date="2026-09-01")
        self.Movement.create({"student_id": pupil.id, "movement_type": "departure", "date": "2099-01-01"})
        self.assertEqual(pupil.current_class_id, self.class_1a)
        self.env.cr.execute("UPDATE school_student_movement SET date = '2026-09-02' "
                            "WHERE student_id = %s AND movement_type = 'departure'", (pupil.id,))
        self.assertGreaterEqual(self.Student._cron_refresh_current_class(), 1)
        pupil.invalidate_cache()
        self.assertFalse(pupil.current_class_id)


class TestMovementRules(StructureCase):
    def test_no_transfer_to_the_same_class(self):
        pupil = self.make_student(school_class=self.class_5a)
        with self.assertRefused(ValidationError, "тот же класс"):
            self.Movement.create({"student_id": pupil.id, "movement_type": "transfer",
                                  "date": "2026-10-01", "to_class_id": self.class_5a.id})
        self.assertEqual(len(pupil.movement_ids), 1)

    def test_no_arrival_when_already_enrolled(self):
        pupil = self.make_student(school_class=self.class_5a)
        with self.assertRefused(ValidationError, "уже числится в классе 5А"):
            self.Movement.create({"student_id": pupil.id, "movement_type": "arrival",
                                  "date": "2026-10-01", "to_class_id": self.class_5b.id})
        self.assertEqual(pupil.current_class_id, self.class_5a)

    def test_no_transfer_or_departure_when_not_enrolled(self):
        pupil = self.make_student()
        with self.assertRefused(ValidationError, "не числится ни в одном классе"):
            self.Movement.create({"student_id": pupil.id, "movement_type": "transfer",
                                  "date": "2026-10-01", "to_class_id": self.class_5b.id})
        with self.assertRefused(ValidationError, "не числится ни в одном классе"):
            self.Movement.create({"student_id": pupil.id, "movement_type": "departure", "date": "2026-10-01"})
        self.assertFalse(pupil.movement_ids)

    def test_class_must_belong_to_the_year_of_the_date(self):
        pupil = self.make_student()
        with self.assertRefused(ValidationError, "учебному году 2026/2027"):
            self.Movement.create({"student_id": pupil.id, "movement_type": "arrival",
                                  "date": "2027-06-15", "to_class_id": self.class_5a.id})

    def test_target_class_required_and_consistent(self):
        pupil = self.make_student(school_class=self.class_5a)
        with self.assertRefused(ValidationError, "укажите класс"):
            self.Movement.create({"student_id": pupil.id, "movement_type": "transfer", "date": "2026-10-01"})
        with self.assertRefused(ValidationError, "числится в классе 5А, а не в 5Б"):
            self.Movement.create({"student_id": pupil.id, "movement_type": "departure", "date": "2026-10-01",
                                  "from_class_id": self.class_5b.id})

    def test_backdated_edit_that_breaks_history_refused(self):
        pupil = self.make_student(school_class=self.class_5a)
        self.Movement.create({"student_id": pupil.id, "movement_type": "transfer",
                              "date": "2026-10-12", "to_class_id": self.class_5b.id})
        arrival = pupil.movement_ids.filtered(lambda m: m.movement_type == "arrival")
        with self.assertRefused(ValidationError, "не числится ни в одном классе"):
            arrival.date = "2026-10-20"
        with self.assertRefused(ValidationError, "не числится ни в одном классе"):
            arrival.unlink()
        self.assertEqual(len(pupil.movement_ids), 2)


class TestFormerPupilsStayReadable(TransactionCase):
    def test_class_teacher_reads_a_pupil_who_left_his_class_today_but_cannot_change_him(self):
        from odoo.exceptions import AccessError
        school_class = self.env.ref("school_ejournal.demo_class_5a")
        class_teacher = self.env.ref("school_ejournal.user_class_teacher")
        today = fields.Date.context_today(school_class)
        leaver = school_class._get_roster(today)[:1]
        self.env["school.student.movement"].sudo(class_teacher).create({
            "student_id": leaver.id, "movement_type": "departure", "date": today, "to_school": "Гимназия № 2"})
        as_teacher = leaver.sudo(class_teacher)
        as_teacher.invalidate_cache()
        self.assertFalse(as_teacher.current_class_id)
        self.assertEqual(as_teacher.read(["name"])[0]["name"], leaver.name)
        with self.assertRaises(AccessError):
            as_teacher.write({"first_name": "Другое"})
        other = self.env["school.student"].search([("current_class_id", "!=", school_class.id),
                                                   ("current_class_id", "!=", False)], limit=1)
        with self.assertRaises(AccessError):
            other.sudo(class_teacher).read(["name"])
