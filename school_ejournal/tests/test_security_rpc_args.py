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


class TestMonitoringAlertWrites(TransactionCase):
    """A monitoring alert is the system's finding: the class teacher and the deputy
    close or reopen it (state) and comment on it; every other stored field of it,
    written over RPC, is refused (generated from the model's fields)."""

    def test_no_field_of_an_alert_is_written_by_hand(self):
        ref = self.env.ref
        class_teacher = ref(MODULE + ".user_class_teacher")
        deputy = ref(MODULE + ".user_deputy")
        alert = self.env["school.monitoring.alert"].create({
            "name": "Накопляемость 5А", "kind": "accumulation", "key": "h15:alert-write", "date": "2026-10-01",
            "date_last": "2026-10-01", "class_id": ref(MODULE + ".demo_class_5a").id,
            "recipient_ids": [(6, 0, [class_teacher.id, deputy.id])], "note": "<p>Мало отметок</p>"})
        samples = {"char": "x", "text": "x", "html": "<p>x</p>", "integer": 7, "date": "2026-10-02",
                   "selection": None, "many2one": deputy.id, "many2many": [(6, 0, [])]}
        fields_checked = 0
        for name, field in alert._fields.items():
            if not field.store or name in ("state", "id") or field.type not in samples or field.automatic \
                    or name.startswith("message_") or name.startswith("activity_"):
                continue
            value = samples[field.type]
            if field.type == "selection":
                value = field.get_values(self.env)[-1]
            for user in (class_teacher, deputy):
                with self.assertRaises(AccessError, msg="%s writes %s" % (user.login, name)) as caught:
                    with self.env.cr.savepoint():
                        api.call_kw(self.env(user=user.id)["school.monitoring.alert"], "write",
                                    [alert.ids, {name: value}], {})
                self.assertRegex(str(caught.exception), "[А-Яа-я]")
            fields_checked += 1
        self.assertGreater(fields_checked, 8)
        # the state too is the buttons' (and the crons'), not typed by hand
        with self.assertRaises(AccessError):
            alert.sudo(deputy).write({"state": "closed"})
        alert.sudo(class_teacher).action_close()
        self.assertEqual(alert.state, "closed")
        alert.sudo(class_teacher).message_post(body="Поговорил с учителями.", message_type="comment")
        self.assertEqual(alert.state, "closed")
