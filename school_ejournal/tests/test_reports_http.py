"""The progress report through Odoo's own report route: a parent gets his
child's report, not another family's (record rules, no sudo)."""
from odoo.tests.common import HttpCase

MODULE = "school_ejournal"
TIMEOUT = 120


class TestProgressReportRoute(HttpCase):

    def url(self, student):
        return "/report/html/school_ejournal.report_student_progress/%s" % student.id

    def test_parent_own_child_only(self):
        artem = self.env.ref(MODULE + ".demo_student_sokolov_artem")
        other = self.env["school.student"].search([
            ("id", "!=", artem.id), ("current_class_id", "=", artem.current_class_id.id)], limit=1)
        self.authenticate("parent", "parent")
        response = self.url_open(self.url(artem), timeout=TIMEOUT)
        self.assertEqual(response.status_code, 200, response.text[:300])
        self.assertIn(artem.name, response.text)
        response = self.url_open(self.url(other), timeout=TIMEOUT)
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn(other.name, response.text)
