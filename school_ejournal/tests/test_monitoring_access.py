"""Rights per role on the monitoring registers."""
from odoo.exceptions import AccessError

from .common import MODULE, MonitoringCase


class TestMonitoringAccess(MonitoringCase):
    def setUp(self):
        super(TestMonitoringAccess, self).setUp()
        self.company.write({"school_mon_lookback_days": 30, "school_mon_violation_limit": 100})
        lessons = self.lessons()
        lessons[-2].write({"topic": False})
        self.Violation._cron_journal_control("2026-10-09")
        self.Monitoring._cron_grade_accumulation("2026-10-09")
        self.Monitoring._cron_parent_usage("2026-10-09")
        self.violation = self.Violation.search([("rule", "=", "no_topic"), ("lesson_id", "=", lessons[-2].id)])

    def test_violation_rights(self):
        V = self.Violation
        # the teacher sees his own violations only and cannot decide them
        own = V.sudo(self.teacher).search([])
        self.assertTrue(own)
        self.assertEqual(own.mapped("teacher_id"), self.teacher)
        with self.assertRaises(AccessError):
            self.violation.sudo(self.teacher).action_resolve()
        # the deputy works the register
        self.assertGreater(V.sudo(self.deputy).search_count([]), len(own))
        self.violation.sudo(self.deputy).action_resolve()
        with self.assertRaises(AccessError):
            self.violation.sudo(self.deputy).unlink()
        # portal users: nothing
        for user in (self.parent, self.student_user):
            with self.assertRaises(AccessError):
                V.sudo(user).search([])

    def test_alert_rights(self):
        A = self.Alert
        mine = A.sudo(self.class_teacher).search([])
        self.assertTrue(mine)
        self.assertTrue(all(a.class_id == self.class_5a or self.class_teacher in a.recipient_ids for a in mine))
        self.assertLess(len(mine), A.sudo(self.deputy).search_count([]))
        # the class teacher marks his activity done
        act = self.env["mail.activity"].sudo(self.class_teacher).search([("user_id", "=", self.class_teacher.id),
                                                                       ("res_model", "=", A._name)], limit=1)
        self.assertTrue(act)
        act.action_done()
        with self.assertRaises(AccessError):
            A.sudo(self.teacher).search([])
        with self.assertRaises(AccessError):
            A.sudo(self.parent).search([])

    def test_staff_usage_for_admin_only(self):
        R = self.env["school.staff.usage.report"]
        self.assertTrue(R.sudo(self.admin).search([], limit=1))
        for user in (self.teacher, self.class_teacher, self.deputy, self.parent):
            with self.assertRaises(AccessError):
                R.sudo(user).search([], limit=1)
        director = self.env["res.users"].create({
            "name": "Директор", "login": "director_acl_h6",
            "groups_id": [(6, 0, [self.env.ref(MODULE + ".group_director").id])]})
        self.assertTrue(R.sudo(director).search([], limit=1))

    def test_visits_readable_by_deputy_not_by_teachers(self):
        self.env["school.portal.visit"].sudo(self.parent)._log_visit()
        self.assertTrue(self.env["school.portal.visit"].sudo(self.deputy).search([]))
        for user in (self.teacher, self.parent, self.student_user):
            with self.assertRaises(AccessError):
                self.env["school.portal.visit"].sudo(user).search([])

    def test_settings_thresholds(self):
        settings = self.env["res.config.settings"].create({"school_mon_no_grade_lessons": 4,
                                                           "school_mon_violation_limit": 5})
        settings.execute()
        self.assertEqual(self.company.school_mon_no_grade_lessons, 4)
        self.assertEqual(self.company._school_monitoring_rules()["violation_limit"], 5)
