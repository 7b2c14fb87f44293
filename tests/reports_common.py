"""Shared set-up of the reports tests (issue 7): demo users, PDF rendering under
pytest (see runtime/tests/test_print_pdf.py: without test_report_directory Odoo
11 returns HTML under test_enable; with test_enable it does not commit)."""
import io
import os
import shutil
import subprocess
import sys
import tempfile

import odoo
from odoo.tests.common import TransactionCase

MODULE = "school_ejournal"

_VENV_BIN = os.path.dirname(sys.executable)
if _VENV_BIN not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _VENV_BIN + os.pathsep + os.environ.get("PATH", "")


def pdftotext(pdf, first=None, last=None):
    exe = shutil.which("pdftotext")
    assert exe, "pdftotext missing (poppler-utils)"
    args = [exe, "-enc", "UTF-8", "-layout"]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        out = subprocess.run(args + [f.name, "-"], check=True, capture_output=True)
    return out.stdout.decode("utf-8")


class ReportsCase(TransactionCase):
    def setUp(self):
        super(ReportsCase, self).setUp()
        ref = self.env.ref
        self.year = ref(MODULE + ".demo_year_2026")
        self.class_5a = ref(MODULE + ".demo_class_5a")
        self.class_5b = ref(MODULE + ".demo_class_5b")
        self.admin = ref(MODULE + ".user_school_admin")
        self.deputy = ref(MODULE + ".user_deputy")
        self.class_teacher = ref(MODULE + ".user_class_teacher")
        self.teacher = ref(MODULE + ".user_teacher")
        self.student_user = ref(MODULE + ".user_student")
        self.parent_user = ref(MODULE + ".user_parent")
        self.artem = ref(MODULE + ".demo_student_sokolov_artem")
        self.darya = ref(MODULE + ".demo_student_sokolova_darya")
        self.math = ref(MODULE + ".subject_math")
        Period = self.env["school.period"]
        self.q1 = Period.search([("academic_year_id", "=", self.year.id), ("kind", "=", "quarter"),
                                 ("number", "=", 1)])
        self.q2 = Period.search([("academic_year_id", "=", self.year.id), ("kind", "=", "quarter"),
                                 ("number", "=", 2)])

    def enable_pdf(self):
        """Real wkhtmltopdf output inside a test transaction."""
        self.patch(odoo.tools.config, "options",
                   dict(odoo.tools.config.options, test_enable=True,
                        test_report_directory=tempfile.gettempdir()))

    def roster(self, school_class, day):
        return self.env["school.class"].browse(school_class.id)._get_students_on(day)[school_class.id]


def http_browser(case, user):
    """A requests session logged in as ``user`` in an HttpCase (the session is
    made as Odoo's login makes it, without a password; None: anonymous)."""
    import requests
    from odoo import api
    from odoo.service import security
    session = odoo.http.root.session_store.new()
    session.db = case.env.cr.dbname
    if user is not None:
        env = api.Environment(case.cr, user.id, {})
        session.uid, session.login = user.id, user.login
        session.session_token = security.compute_session_token(session, env)
        session.context = dict(env["res.users"].context_get() or {}, uid=user.id)
        session._fix_lang(session.context)
    odoo.http.root.session_store.save(session)
    browser = requests.Session()
    browser.cookies["session_id"] = session.sid
    return browser
