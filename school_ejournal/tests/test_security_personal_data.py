"""Personal-data minimisation: a teacher who is not the class teacher
sees no parents' contacts and no СНИЛС or address of pupils; the class teacher
sees his own class's parents only; the administrator sees all, the deputy none;
export of personal data follows the same rights; a revoked consent stops the
reports to parents as it hides the pupil in the portal."""
from odoo.exceptions import AccessError
from odoo.tests.common import TransactionCase

MODULE = "school_ejournal"


class TestPersonalData(TransactionCase):

    def setUp(self):
        super().setUp()
        ref = self.env.ref
        self.teacher = ref(MODULE + ".user_teacher")
        self.class_teacher = ref(MODULE + ".user_class_teacher")
        self.deputy = ref(MODULE + ".user_deputy")
        self.admin = ref(MODULE + ".user_school_admin")
        self.artem = ref(MODULE + ".demo_student_sokolov_artem")
        self.class_5a = ref(MODULE + ".demo_class_5a")
        Guardian = self.env["school.student.guardian"]
        self.parents_5a = Guardian.search([("student_id.current_class_id", "=", self.class_5a.id)]).mapped(
            "partner_id")
        self.parents_elsewhere = Guardian.search([]).mapped("partner_id") - self.parents_5a
        self.assertTrue(self.parents_5a and self.parents_elsewhere)

    def readable(self, user, partners):
        return self.env["res.partner"].sudo(user).search([("id", "in", partners.ids)])

    def test_teacher_sees_no_parents(self):
        everyone = self.parents_5a | self.parents_elsewhere
        self.assertFalse(self.readable(self.teacher, everyone))
        with self.assertRaises(AccessError):
            self.parents_5a[:1].sudo(self.teacher).read(["phone", "email", "street"])
        # the teacher's own contact and pupils' and colleagues' contacts stay readable
        self.assertTrue(self.readable(self.teacher, self.teacher.partner_id))
        self.assertTrue(self.readable(self.teacher, self.artem.partner_id))
        self.assertTrue(self.readable(self.teacher, self.class_teacher.partner_id))

    def test_class_teacher_sees_own_class_parents_only(self):
        self.assertEqual(self.readable(self.class_teacher, self.parents_5a), self.parents_5a)
        only_elsewhere = self.parents_elsewhere.filtered(
            lambda p: self.class_5a not in p.school_guardian_link_ids.mapped("student_id.current_class_id"))
        self.assertFalse(self.readable(self.class_teacher, only_elsewhere))

    def test_administrator_sees_all_parents_the_deputy_none(self):
        everyone = self.parents_5a | self.parents_elsewhere
        self.assertEqual(self.readable(self.admin, everyone), everyone)
        self.assertFalse(self.readable(self.deputy, everyone))

    def test_teacher_reads_no_snils_or_address(self):
        student = self.env["school.student"].sudo(self.teacher).search([], limit=1)
        self.assertTrue(student)
        fields = self.env["school.student"].sudo(self.teacher).fields_get()
        for name in ("snils", "address", "guardian_ids"):
            self.assertNotIn(name, fields)
            with self.assertRaises(AccessError):
                student.read([name])

    def test_export_of_personal_data(self):
        Student = self.env["school.student"]
        # the teacher: refused
        with self.assertRaises(AccessError):
            Student.sudo(self.teacher).search([], limit=1).export_data(["name", "snils"])
        # the class teacher: his own class only (the rule limits what he can even select)
        own = Student.sudo(self.class_teacher).search([])
        self.assertTrue(own)
        self.assertEqual(set(own.mapped("current_class_id").ids) - set(
            self.env["school.class"].search([("class_teacher_id", "=", self.class_teacher.id)]).ids
            + self.env["school.teaching.assignment"].search([("teacher_id", "=", self.class_teacher.id)]).mapped(
                "class_id").ids), set())
        rows = own.filtered(lambda s: s.current_class_id == self.class_5a).export_data(["name", "snils"])["datas"]
        self.assertTrue(rows)
        # the administrator: everyone
        self.assertEqual(len(Student.sudo(self.admin).search([]).export_data(["name", "snils"])["datas"]),
                         Student.search_count([]))

    def test_revoked_consent_stops_the_digests(self):
        Monitoring = self.env["school.monitoring"]
        before = Monitoring._digest_recipients(student_ids=self.artem.ids, day="2026-10-05")
        if not before:
            self.env["school.student.guardian"].search([("student_id", "=", self.artem.id)]).write(
                {"notify_by": "email"})
            self.artem.guardian_ids.mapped("partner_id").write({"email": "parent@example.invalid"})
            before = Monitoring._digest_recipients(student_ids=self.artem.ids, day="2026-10-05")
        self.assertTrue(before)
        consent = self.artem.consent_ids[:1]
        consent.write({"revocation_date": "2026-10-01", "revocation_reason": "Заявление законного представителя"})
        self.assertEqual(self.artem.consent_state, "revoked")
        self.assertEqual(Monitoring._digest_recipients(student_ids=self.artem.ids, day="2026-10-05"), [])
        self.assertFalse([r for r in Monitoring._digest_recipients(day="2026-10-05") if r[1] == self.artem.id])
