"""The addon's tests. Odoo's runner (--test-enable) runs the test_* modules imported
here; pytest (make test) collects the files itself. Every test runs post-install:
the tests start from the installed demo school, not from the middle of loading."""
import unittest

from odoo.tests import common as _common

from . import test_activity
from . import test_api_decorators
from . import test_behaviour
from . import test_browser_L1
from . import test_browser_class_teacher
from . import test_browser_control
from . import test_browser_daily
from . import test_browser_demo_today
from . import test_browser_gradebook
from . import test_browser_home
from . import test_browser_lesson
from . import test_browser_print_jobs
from . import test_browser_look
from . import test_browser_teacher_duties
from . import test_demo_previous_year
from . import test_docs_regulation
from . import test_exemption
from . import test_foundation
from . import test_grading_absences
from . import test_grading_exams
from . import test_grading_homework_due
from . import test_grading_kinds
from . import test_grading_print
from . import test_grading_rules
from . import test_house
from . import test_i18n
from . import test_journal_gradebook
from . import test_journal_lessons
from . import test_journal_mixin
from . import test_monitoring_access
from . import test_monitoring_mail
from . import test_monitoring_rules
from . import test_period_closing
from . import test_period_first_grade
from . import test_period_grades
from . import test_period_immunity
from . import test_period_seal
from . import test_portal_e2e
from . import test_portal_pages
from . import test_portal_security
from . import test_programme
from . import test_reports_access
from . import test_reports_attendance
from . import test_reports_export
from . import test_reports_http
from . import test_reports_journal
from . import test_reports_matrix
from . import test_reports_metrics
from . import test_reports_print_jobs
from . import test_reports_words
from . import test_reports_xlsx
from . import test_security_backup
from . import test_security_bad_input
from . import test_security_bus
from . import test_security_change_log
from . import test_security_concurrency
from . import test_security_context
from . import test_security_core_scopes
from . import test_security_defaults
from . import test_security_derived_values
from . import test_security_fields
from . import test_security_gradebook_roles
from . import test_security_homework_files
from . import test_security_limits
from . import test_security_login
from . import test_security_login_hardening
from . import test_security_login_takeover
from . import test_security_mail_access
from . import test_security_odoo_models
from . import test_security_matrix
from . import test_security_methods
from . import test_security_pd_fields
from . import test_security_pd_probe
from . import test_security_personal_data
from . import test_security_redirects
from . import test_security_routes
from . import test_security_rpc_args
from . import test_security_server_actions
from . import test_security_templates
from . import test_structure_access
from . import test_structure_calendar
from . import test_structure_consent
from . import test_structure_demo
from . import test_structure_import
from . import test_structure_logins
from . import test_structure_students
from . import test_structure_timetable
from . import test_structure_views
from . import test_rollover
from . import test_substitution
from . import test_teaching_group
from . import test_teaching_group_profile

for _module in list(globals().values()):
    if getattr(_module, "__name__", "").startswith(__name__ + ".test_"):
        for _cls in vars(_module).values():
            if isinstance(_cls, type) and issubclass(_cls, unittest.TestCase):
                _cls.at_install, _cls.post_install = False, True


# The tests run as the school's users do: in Russian, the language the web client
# sends with every call (Odoo's test environments carry no language at all).
def _in_russian(env):
    return env(context=dict(env.context, lang="ru_RU"))


if not getattr(_common.TransactionCase, "_school_in_russian", False):
    _setup, _setup_class = _common.TransactionCase.setUp, _common.SavepointCase.setUpClass.__func__

    def _setUp(self):
        _setup(self)
        self.env = _in_russian(self.env)

    def _setUpClass(cls):
        _setup_class(cls)
        cls.env = _in_russian(cls.env)

    _common.TransactionCase.setUp = _setUp
    _common.SavepointCase.setUpClass = classmethod(_setUpClass)
    _common.TransactionCase._school_in_russian = True
