"""The personal-data findings of the outside probe, one test each: field `groups=`
bypassed through read_group, search domains (an oracle), ordering, export and the
chatter's tracking values; parents' phones computed under sudo for classes the
class teacher only teaches; parents' contacts readable by any non-teacher
employee and the deputy; the pupils' health group readable by every teacher."""
from odoo.exceptions import AccessError
from odoo.tests.common import TransactionCase

from .test_security_matrix import role_users

MODULE = "school_ejournal"


class TestPersonalDataProbe(TransactionCase):

    def setUp(self):
        super().setUp()
        ref = self.env.ref
        self.users = role_users(self.env)
        self.teacher = self.users["teacher"]
        self.class_teacher = self.users["class_teacher"]
        self.Student = self.env["school.student"]
        # 5Б: the class teacher of 5А teaches there, but does not lead it
        self.class_5a = ref(MODULE + ".demo_class_5a")
        taught = self.class_teacher.school_taught_class_ids - self.class_teacher.school_led_class_ids
        self.assertTrue(taught, "the demo class teacher teaches a class he does not lead")
        self.other = self.Student.search([("current_class_id", "in", taught.ids),
                                          ("guardian_ids", "!=", False), ("snils", "!=", False)], limit=1)
        self.own = self.Student.search([("current_class_id", "=", self.class_5a.id),
                                        ("guardian_ids", "!=", False), ("snils", "!=", False)], limit=1)
        self.assertTrue(self.other and self.own)
        self.other.guardian_ids.mapped("partner_id").write({"phone": "+7 900 111-22-33"})
        self.own.guardian_ids.mapped("partner_id").write({"phone": "+7 900 444-55-66"})

    def as_(self, role, model="school.student"):
        return self.env[model].sudo(self.users[role])

    def test_read_group_on_snils_is_refused_to_a_teacher(self):
        with self.assertRaises(AccessError):
            self.as_("teacher").read_group([], ["snils"], ["snils"])
        with self.assertRaises(AccessError):
            self.as_("teacher").read_group([], ["address"], ["address"])
        with self.assertRaises(AccessError):
            self.as_("teacher").read_group([], ["user_id"], ["user_id"])

    def test_search_on_snils_is_no_oracle(self):
        students = self.as_("teacher")
        for call in (lambda: students.search([("snils", "=", self.other.snils)]),
                     lambda: students.search_count([("snils", "like", self.other.snils[:3])]),
                     lambda: students.search_read([("address", "!=", False)], ["name"]),
                     lambda: students.name_search("", [("snils", "=", self.other.snils)]),
                     lambda: students.search([], order="snils"),
                     lambda: self.as_("teacher", "school.grade").search(
                         [("student_id.snils", "=", self.other.snils)]),
                     lambda: self.as_("teacher", "school.attendance").search_count(
                         [("student_id.address", "ilike", "ул")])):
            with self.assertRaises(AccessError):
                call()
        # the class teacher may search his own class by СНИЛС, never the classes he only teaches
        mine = self.as_("class_teacher")
        self.assertEqual(mine.search([("snils", "=", self.own.snils)]), self.own)
        self.assertFalse(mine.search([("snils", "=", self.other.snils)]))
        self.assertFalse(self.as_("class_teacher", "school.grade").search(
            [("student_id.snils", "=", self.other.snils)]))

    def test_export_of_computed_personal_data_is_refused(self):
        other = self.other.sudo(self.teacher)
        for name in ("parent1_phone", "parent1_name", "enroll_date"):
            with self.assertRaises(AccessError):
                other.export_data(["name", name])

    def test_snils_changes_leave_no_values_in_the_chatter(self):
        own = self.own.sudo(self.class_teacher)
        old = own.snils
        own.write({"snils": "112-233-445 95"})
        values = self.env["mail.tracking.value"].search([
            ("mail_message_id.model", "=", "school.student"), ("mail_message_id.res_id", "=", own.id)])
        self.assertFalse(values.filtered(lambda v: v.field in ("snils", "health_group")),
                         "restricted fields are never tracked into the chatter")
        self.assertNotIn(old, str(values.mapped("old_value_char")))
        # values tracked before the field was restricted are removed on update
        message = own.sudo().message_post(body="Изменение")
        self.env["mail.tracking.value"].create({"field": "snils", "field_desc": "СНИЛС", "field_type": "char",
                                                "old_value_char": old, "new_value_char": "x",
                                                "mail_message_id": message.id})
        self.env["school.field.guard"]._guard_purge_tracking()
        self.assertFalse(self.env["mail.tracking.value"].search([("mail_message_id", "=", message.id)]))

    def test_class_teacher_reads_parents_only_of_his_own_class(self):
        fields = ["parent1_name", "parent1_phone", "parent1_email", "parent2_phone"]
        own = self.own.sudo(self.class_teacher).read(fields)[0]
        self.assertEqual(own["parent1_phone"], "+7 900 444-55-66")
        other = self.other.sudo(self.class_teacher).read(fields + ["snils", "address"])[0]
        self.assertFalse([name for name in fields + ["snils", "address"] if other[name]],
                         "nothing personal of a class he only teaches: %s" % other)
        with self.assertRaises(AccessError):
            self.other.guardian_ids[:1].partner_id.sudo(self.class_teacher).read(["phone"])

    def test_parents_contacts_are_not_for_employees_deputy_director(self):
        parents = self.env["school.student.guardian"].search([]).mapped("partner_id")
        for role in ("employee", "deputy", "director", "teacher"):
            Partner = self.as_(role, "res.partner")
            self.assertFalse(Partner.search([("id", "in", parents.ids)]), role)
            self.assertFalse(Partner.search([("phone", "=", "+7 900 444-55-66")]), role)
            with self.assertRaises(AccessError):
                parents[:1].sudo(self.users[role]).read(["phone", "email", "street"])
        for role in ("deputy", "director"):
            with self.assertRaises(AccessError):
                self.as_(role, "school.student.guardian").search([], limit=1).read(["phone"])
        self.assertTrue(self.as_("school_admin", "res.partner").search([("id", "in", parents.ids)]))
        parent = self.env.ref(MODULE + ".user_parent")
        self.assertTrue(parent.partner_id.sudo(parent).read(["phone", "email"]))

    def test_a_subject_teacher_does_not_see_the_health_group(self):
        pupil = self.Student.sudo(self.teacher).search([], limit=1)
        self.assertTrue(pupil)
        with self.assertRaises(AccessError):
            pupil.read(["health_group"])
        with self.assertRaises(AccessError):
            self.as_("teacher").read_group([], ["health_group"], ["health_group"])
        with self.assertRaises(AccessError):
            self.as_("teacher").search([("health_group", "=", "special")])
        self.assertNotIn("health_group", self.as_("teacher").fields_get())
        # the deputy reads it for the school's reports; the class teacher for his own class
        self.assertTrue(self.as_("deputy").read_group([], ["health_group"], ["health_group"]))
        self.assertTrue(self.own.sudo(self.class_teacher).read(["health_group"])[0]["health_group"])
        self.assertFalse(self.other.sudo(self.class_teacher).read(["health_group"])[0]["health_group"])

    def test_dotted_export_and_onchange_reveal_nothing(self):
        # a grade of a pupil of the class he only teaches: his СНИЛС is not in the export
        grade = self.env["school.grade"].search([("student_id", "=", self.other.id)], limit=1)
        if grade:
            with self.assertRaises(AccessError):
                grade.sudo(self.class_teacher).export_data(["student_id/snils"])
            with self.assertRaises(AccessError):
                grade.sudo(self.teacher).export_data(["student_id/address"])
        # onchange computes nothing the user may not read
        with self.assertRaises(AccessError):
            self.as_("teacher").onchange({"guardian_ids": [(6, 0, self.other.guardian_ids.ids)]},
                                         "guardian_ids", {"parent1_phone": "", "guardian_ids": "1"})
        try:
            result = self.as_("class_teacher").onchange(
                {"guardian_ids": [(6, 0, self.other.guardian_ids.ids)]}, "guardian_ids",
                {"parent1_phone": "", "guardian_ids": "1"})
        except AccessError:  # the links of another class are not his to read
            result = {}
        self.assertNotIn("+7 900 111-22-33", str(result))
