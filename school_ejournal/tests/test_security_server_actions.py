"""Server actions run over RPC: Odoo 11 lets any user run any of them (the probe's pupil
ran the weekly report's scheduled action, which writes to every parent). Generated over
every server action of the database and every role of the school."""
from odoo.exceptions import AccessError
from odoo.tests.common import TransactionCase

from .common import queued

ROLES = ("student", "parent", "teacher", "class_teacher", "deputy", "school_admin")


class TestServerActions(TransactionCase):
    def test_every_server_action_for_every_role(self):
        """A scheduled action's: refused to every role; any other: refused exactly to the roles
        that may not read its model. Refusals happen before anything runs."""
        actions = self.env["ir.actions.server"].with_context(active_test=False).search([])
        self.assertTrue(actions.filtered(lambda a: a.usage == "ir_cron"))
        checked = 0
        for role in ROLES:
            user = self.env.ref("school_ejournal.user_%s" % role)
            for action in actions:
                may_read = self.env[action.model_id.model].sudo(user).check_access_rights(
                    "read", raise_exception=False)
                refused = action.usage == "ir_cron" or not may_read
                if refused:
                    with self.assertRaises(AccessError, msg="%s runs %s" % (role, action.name)) as caught:
                        action.sudo(user).run()
                    self.assertRegex(str(caught.exception),
                                     "выполняется только по расписанию|Вы не можете запустить действие")
                else:
                    action.sudo(user)._school_check_run()
                checked += 1
        self.assertGreater(checked, 100)

    def test_a_pupil_does_not_send_the_weekly_report(self):
        action = self.env.ref("school_ejournal.cron_monitoring_weekly_digest").ir_actions_server_id
        logs = self.env["school.digest.log"].search_count([])
        with self.assertRaises(AccessError):
            action.sudo(self.env.ref("school_ejournal.user_student")).run()
        self.assertEqual(self.env["school.digest.log"].search_count([]), logs)
        self.assertFalse(queued(self.env, model="school.digest.log"))

    def test_the_cron_still_runs_as_its_user(self):
        cron = self.env.ref("school_ejournal.cron_monitoring_parent_usage")
        cron.ir_actions_server_id.sudo(cron.user_id).run()
