"""Every report of the addon × every role of tests/security_matrix.py, printed
over real HTTP through the test server (/report/html|pdf|xlsx/<report>/<ids>):
allowed or refused as security_matrix.REPORTS says, and an allowed role printing
a document outside his record rules is refused. Generated from the registry:
fails when a report of the addon has no row."""
import json

import requests

from odoo.tests.common import HOST, PORT, HttpCase

from . import security_matrix as matrix
from .common import http_browser, set_demo_refs
from .test_security_matrix import role_users

MODULE = matrix.MODULE
TIMEOUT = 300
# What an allowed print shows (html); an xlsx file starts with the zip signature.
MARKERS = {
    "action_report_access_slip": "Реквизиты",
    "action_report_violation_commission": "Список для комиссии",
    "action_report_class_journal": "КЛАССНЫЙ ЖУРНАЛ",
    "action_report_student_progress": "Отчёт об успеваемости и посещаемости",
    "action_report_attendance": "Отчёт о посещаемости",
    "action_report_metrics": "Аналитическая справка",
    "action_report_programme": "Выполнение программы",
    "action_report_school_regulation": "об электронном журнале",
    "action_report_activity_journal": "Журнал внеурочной деятельности",
    "action_report_activity_hours": "Часы внеурочной деятельности",
}


def addon_reports(env):
    """{xmlid name: report} of every ir.actions.report the addon defines or prints."""
    reports = {}
    for data in env["ir.model.data"].sudo().search([("module", "=", MODULE), ("model", "=", "ir.actions.report")]):
        reports[data.name] = env["ir.actions.report"].sudo().browse(data.res_id)
    named = env["ir.actions.report"].sudo().search([("report_name", "=like", MODULE + ".%")])
    unnamed = named - env["ir.actions.report"].union(*reports.values())
    for report in unnamed:
        reports["<no xmlid: %s>" % report.report_name] = report
    return reports


class TestReportsMatrix(HttpCase):

    def setUp(self):
        super().setUp()
        self.users = role_users(self.env)
        set_demo_refs(self)
        self.class_9a = self.env["school.class"].search([("name", "=", "9А")], limit=1)
        self.pupil_9a = self.env["school.student"].search([
            ("current_class_id", "=", self.class_9a.id), ("id", "not in", (self.artem | self.darya).ids)], limit=1)
        self.openers = {}

    # ------------------------------------------------------------------ helpers
    def browser(self, role):
        """A browser logged in as the role's user ('public' stays anonymous)."""
        if role not in self.openers:
            self.openers[role] = http_browser(self, None if role == "public" else self.users[role])
        return self.openers[role]

    def fetch(self, role, path):
        self.cr.commit()  # a savepoint: the request rolls back to it
        return self.browser(role).get("http://%s:%s%s" % (HOST, PORT, path), allow_redirects=False,
                                     timeout=TIMEOUT)

    def wizard(self, model, owner, school_class=None):
        """A wizard of ``model`` made by ``owner`` (written directly: whether the
        owner may create it is the matrix's MODEL_MATRIX row, not this test's)."""
        school_class = school_class or self.class_5a
        values = {
            "school.login.wizard": {},
            "school.report.attendance.wizard": {"date_from": self.q1.date_start, "date_to": self.q1.date_end,
                                                "class_ids": [(6, 0, school_class.ids)]},
            "school.report.metrics.wizard": {"period_id": self.q1.id},
            "school.substitution.report.wizard": {"date_from": "2026-10-01", "date_to": "2026-10-31"},
            "school.report.programme.wizard": {"academic_year_id": self.q1.academic_year_id.id,
                                               "period_id": self.q1.id, "class_ids": [(6, 0, school_class.ids)]},
            "school.report.gradebook.wizard": {"class_id": school_class.id, "subject_id": self.math.id,
                                               "period_id": self.q1.id},
        }[model]
        record = self.env[model].sudo().create(values)
        self.env.cr.execute('UPDATE "%s" SET create_uid = %%s WHERE id = %%s' % record._table,
                            (owner.id, record.id))
        record.invalidate_cache()
        return record

    def document(self, report, kind, role):
        user = self.users[role]
        other = self.users["class_teacher" if role == "school_admin" else "school_admin"]
        return {
            "class_5a": lambda: self.class_5a,
            "class_9a": lambda: self.class_9a,
            "pupil_artem": lambda: self.artem,
            "pupil_9a": lambda: self.pupil_9a,
            "company": lambda: self.env.ref("base.main_company"),
            "course_club": lambda: self.env.ref("school_ejournal.demo_activity_club"),
            "period_q1": lambda: self.q1,
            "wizard": lambda: self.wizard(report.model, user),
            "wizard_9a": lambda: self.wizard(report.model, user, self.class_9a),
            "wizard_of_other": lambda: self.wizard(report.model, other),
        }[kind]()

    def url(self, report, fmt, doc):
        return "/report/%s/%s/%s" % (fmt, report.report_name, ",".join(map(str, doc.ids)))

    def printed(self, name, fmt, response):
        if response.status_code != 200:
            return False
        if fmt == "xlsx":
            return response.content.startswith(b"PK")
        return MARKERS[name] in response.text

    # ------------------------------------------------------------------ tests
    def test_every_report_has_a_row(self):
        reports = addon_reports(self.env)
        self.assertGreaterEqual(len(reports), 10)
        missing = sorted(set(reports) - set(matrix.REPORTS))
        self.assertFalse(missing, "reports of the addon without a row in security_matrix.REPORTS: %s" % missing)
        stale = sorted(set(matrix.REPORTS) - set(reports))
        self.assertFalse(stale, "rows for reports the addon does not have: %s" % stale)
        for name, row in matrix.REPORTS.items():
            self.assertTrue(set(row["roles"]) <= set(matrix.ROLE_NAMES), name)
            self.assertTrue(set(row["outside"]) <= set(row["roles"]), name)
            self.assertTrue(set(row["formats"]) <= {"html", "pdf", "xlsx"}, name)
            if row["formats"] != ("xlsx",):
                self.assertIn(name, MARKERS)

    def test_groups_of_every_report(self):
        """The groups of each report are the roles of its row (the print menus and
        the check of every print read them)."""
        wrong = []
        for name, report in addon_reports(self.env).items():
            row = matrix.REPORTS.get(name)
            if not row:
                continue
            self.assertTrue(report.groups_id, "%s has no groups: nobody may print it" % name)
            for role, user in self.users.items():
                allowed = bool(report.groups_id & user.groups_id)
                if allowed != (role in row["roles"]):
                    wrong.append("%s %s: groups say %s" % (name, role, "allowed" if allowed else "refused"))
        self.assertFalse(wrong, "\n".join(wrong))

    def test_every_report_for_every_role_over_http(self):
        reports = addon_reports(self.env)
        wrong, checked = [], 0
        for name, row in sorted(matrix.REPORTS.items()):
            report = reports[name]
            for role in matrix.ROLE_NAMES:
                allowed = role in row["roles"]
                doc = self.document(report, row["doc"], role)
                for fmt in row["formats"]:
                    if allowed and fmt == "pdf":
                        continue  # the test server renders PDF as HTML (see security_matrix.REPORTS)
                    response = self.fetch(role, self.url(report, fmt, doc))
                    checked += 1
                    if self.printed(name, fmt, response) != allowed:
                        wrong.append("%s %s %s: %s (%s), the matrix says %s" % (
                            name, role, fmt, "printed" if response.status_code == 200 else "refused",
                            response.status_code, "allowed" if allowed else "refused"))
                    elif not allowed and role != "public" and response.status_code != 403:
                        wrong.append("%s %s %s: refused with %s, not 403" % (name, role, fmt, response.status_code))
                if allowed and row["outside"].get(role):
                    outside = self.document(report, row["outside"][role], role)
                    fmt = row["formats"][0]
                    response = self.fetch(role, self.url(report, fmt, outside))
                    checked += 1
                    if self.printed(name, fmt, response) or response.status_code == 200:
                        wrong.append("%s %s %s: printed %s outside his rules" % (
                            name, role, fmt, row["outside"][role]))
        self.assertFalse(wrong, "\n".join(wrong))
        print("\n[reports matrix] %d report × role × format checks over HTTP" % checked)

    def test_context_and_options_do_not_widen(self):
        """The URL's context and options reach the renderers: they change nothing
        of who may print what."""
        report = self.env.ref(MODULE + ".action_report_class_journal")
        query = "?context=%s&options=%s" % (
            json.dumps({"uid": 1, "active_test": False, "active_ids": [self.class_5a.id], "sudo": True}),
            json.dumps({"class_ids": [self.class_5a.id], "part": "body"}))
        for role in ("student", "parent", "employee"):
            response = self.fetch(role, self.url(report, "html", self.class_5a) + query)
            self.assertEqual(response.status_code, 403, role)
            self.assertNotIn(self.artem.name, response.text)
        response = self.fetch("teacher", self.url(report, "html", self.class_9a) + query)
        self.assertEqual(response.status_code, 403)
        self.assertNotIn(self.pupil_9a.name, response.text)
        # no ids in the URL, the class in the options (how the wizard prints)
        response = self.fetch("teacher", "/report/html/%s%s" % (report.report_name, "?options=" + json.dumps(
            {"class_ids": [self.class_9a.id]})))
        self.assertNotIn(self.pupil_9a.name, response.text)
        # Excel without ids: report_xlsx takes them from the URL's context
        gradebook = self.env.ref(MODULE + ".action_report_gradebook_xlsx")
        foreign = self.wizard(gradebook.model, self.users["school_admin"])
        for role in ("student", "teacher", "deputy"):
            response = self.fetch(role, "/report/xlsx/%s?context=%s" % (
                gradebook.report_name, json.dumps({"active_ids": foreign.ids})))
            self.assertEqual(response.status_code, 403, role)
            self.assertFalse(response.content.startswith(b"PK"), role)
        # bad values in the options: a message, not a server error
        response = self.fetch("school_admin", self.url(report, "html", self.class_5a) + "?options=" + json.dumps(
            {"date_from": "2026-02-30"}))
        self.assertEqual(response.status_code, 400)
        self.assertRegex(response.text, "[А-Яа-я]")
        # /report/download: the web client's PDF download goes through the same checks
        data = json.dumps(["/report/pdf/%s/%s" % (report.report_name, self.class_5a.id), "qweb-pdf"])
        response = self.fetch("student", "/report/download?token=1&data=%s" % requests.utils.quote(data))
        self.assertNotIn(self.darya.name, response.text)
        self.assertNotEqual(response.headers.get("Content-Type"), "application/pdf")
