"""What an RPC caller chooses himself: the values of a create, the arguments of a
button. A forged portal visit, a date that is not a date: a Russian refusal,
nothing written."""
from odoo import api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import TransactionCase

MODULE = "school_ejournal"
REFUSALS = (AccessError, UserError, ValidationError)


class TestRpcArguments(TransactionCase):

    def setUp(self):
        super().setUp()
        ref = self.env.ref
        self.parent = ref(MODULE + ".user_parent")
        self.student_user = ref(MODULE + ".user_student")
        self.class_teacher = ref(MODULE + ".user_class_teacher")
        self.admin = ref(MODULE + ".user_school_admin")
        self.artem = ref(MODULE + ".demo_student_sokolov_artem")
        self.class_5a = ref(MODULE + ".demo_class_5a")

    def assertRefused(self, user, model, method, args):
        env = self.env(user=user.id)
        with self.assertRaises(REFUSALS) as caught:
            with self.env.cr.savepoint():
                api.call_kw(env[model], method, args, {})
        self.assertRegex(str(caught.exception), "[А-Яа-я]")
        return caught.exception

    def test_portal_visit_is_only_the_users_own(self):
        """The portal may create its visits (the usage monitor counts them) only
        through the journal's own path: a create() naming another user, pupil or
        day is refused."""
        Visit = self.env["school.portal.visit"]
        before = Visit.search_count([])
        for user in (self.parent, self.student_user):
            self.assertRefused(user, "school.portal.visit", "create", [{
                "user_id": self.admin.id, "student_id": self.artem.id, "day": "2026-10-01",
                "visit_date": "2026-10-01 10:00:00", "hits": 1000}])
        self.assertEqual(Visit.search_count([]), before)
        # the journal's own path still logs the user's own visit
        self.assertTrue(Visit.sudo(self.parent)._log_visit(student=self.artem))
        self.assertEqual(Visit.search_count([("user_id", "=", self.parent.id)]), 1)

    def test_progress_report_dates_must_be_dates(self):
        for dates in (["не дата", "2026-10-09"], ["2026-10-01", "2026-13-45"], ["2026-10-09", "2026-10-01"],
                      ["2020-01-01", "2026-10-09"]):
            self.assertRefused(self.class_teacher, "school.student", "action_send_progress_report",
                               [[self.artem.id]] + dates)

    def test_timetable_change_date_must_be_a_date(self):
        entry = self.env["school.timetable"].search([("class_id", "=", self.class_5a.id)], limit=1)
        self.assertRefused(self.admin, "school.timetable", "action_change_from", [entry.ids, "вчера", {}])
        self.assertRefused(self.admin, "school.timetable", "action_change_from", [entry.ids, "2026-10-05", "x"])
