"""The change log shows a user only the changes of records he may read: its lines
carry old → new values, so a line must not reveal what the record rules of the
logged model hide (a teacher and the quarter grades of a subject he does not teach)."""
from odoo.tests.common import TransactionCase

from .test_security_matrix import role_users

MODULE = "school_ejournal"
STAFF = ("teacher", "class_teacher", "deputy", "director", "school_admin")


class TestChangeLogFollowsTheRules(TransactionCase):

    def setUp(self):
        super().setUp()
        ref = self.env.ref
        self.users = role_users(self.env)
        self.class_5a = ref(MODULE + ".demo_class_5a")
        self.artem = ref(MODULE + ".demo_student_sokolov_artem")
        self.russian = self.env["school.teaching.assignment"].search([
            ("class_id", "=", self.class_5a.id), ("teacher_id", "=", ref(MODULE + ".user_class_teacher").id),
        ], limit=1).subject_id
        self.q1 = self.env["school.period"].search([("kind", "=", "quarter"), ("number", "=", 1)], limit=1)
        # a quarter grade of 5А Russian (the class teacher's subject) changed as the superuser
        grade = self.env["school.period.grade"].with_context(school_period_grade_internal=True).create({
            "student_id": self.artem.id, "subject_id": self.russian.id, "period_id": self.q1.id,
            "class_id": self.class_5a.id, "kind": "quarter"})
        self.env["school.change.log"]._record([{
            "model": "school.period.grade", "res_id": grade.id, "student_id": self.artem.id,
            "field_name": "value", "field_label": "Оценка", "old_value": "3", "new_value": "5",
            "operation": "write"}])
        self.grade = grade

    def visible(self, role, domain):
        return self.env["school.change.log"].sudo(self.users[role]).search(domain)

    def test_teacher_does_not_read_the_log_of_another_subjects_quarter_grades(self):
        domain = [("model", "=", "school.period.grade"), ("res_id", "=", self.grade.id)]
        self.assertFalse(self.env["school.period.grade"].sudo(self.users["teacher"]).search(
            [("id", "=", self.grade.id)]), "the rules hide this grade from the math teacher")
        self.assertFalse(self.visible("teacher", domain))
        for role in ("class_teacher", "deputy", "school_admin"):
            self.assertTrue(self.visible(role, domain), role)

    def test_every_visible_line_is_of_a_readable_record(self):
        """Generic: for every staff role and every logged model, the records of the
        lines he reads are records he may read (or deleted ones of a model whose
        rules hide nothing from him)."""
        self.env.cr.execute("SELECT DISTINCT model FROM school_change_log")
        models = [r[0] for r in self.env.cr.fetchall()]
        self.assertIn("school.period.grade", models)
        for role in STAFF:
            user = self.users[role]
            for model in models:
                lines = self.visible(role, [("model", "=", model)])
                ids = set(lines.mapped("res_id"))
                existing = set(self.env[model].browse(list(ids)).exists().ids)
                readable = set(self.env[model].sudo(user).search([("id", "in", list(existing))]).ids) \
                    if self.env[model].sudo(user).check_access_rights("read", raise_exception=False) else set()
                self.assertEqual(existing - readable, set(),
                                 "%s reads log lines of %s records he may not read" % (role, model))
