"""What the addon's tests share: the demo school's references (users, classes,
pupils, quarters), one ``assertRefused``, the set-ups of each area (structure,
periods, monitoring, reports, portal), JSON-RPC and PDF helpers, and the
clean-up of data the concurrency and backup tests commit."""
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager

import odoo
from odoo.addons.queue_job.job import Job
from odoo.tests.common import HOST, PORT, TransactionCase

from odoo.addons.school_ejournal.tools.snils import format_snils, snils_control

MODULE = "school_ejournal"
ADDON = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))   # school_ejournal/
ROOT = os.path.dirname(ADDON)                                          # the repository
WEEK_WITH_LESSONS = "2026-10-05"   # a week of the demo journal (1 Sep – the day it is built)
CYRILLIC = re.compile("[А-Яа-яЁё]")

# pdftotext and wkhtmltopdf live next to the interpreter in the project's venv
_VENV_BIN = os.path.dirname(sys.executable)
if _VENV_BIN not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _VENV_BIN + os.pathsep + os.environ.get("PATH", "")


# ---------------------------------------------------------------------- demo school
def quarter(env, number, year=None):
    """The quarter ``number`` of ``year`` (the demo year when None)."""
    year = year or env.ref("school_ejournal.demo_year")
    return env["school.period"].search([("kind", "=", "quarter"), ("number", "=", number),
                                        ("academic_year_id", "=", year.id)], limit=1)


def set_demo_refs(case):
    """The demo school's records every area starts from, as attributes of ``case``."""
    ref = case.env.ref
    case.year = ref(MODULE + ".demo_year_2026")
    case.class_1a = ref(MODULE + ".demo_class_1a")
    case.class_5a = ref(MODULE + ".demo_class_5a")
    case.class_5b = ref(MODULE + ".demo_class_5b")
    case.class_9a = ref(MODULE + ".demo_class_9a")
    case.admin = ref(MODULE + ".user_school_admin")
    case.deputy = ref(MODULE + ".user_deputy")
    case.class_teacher = ref(MODULE + ".user_class_teacher")   # 5А, Russian
    case.teacher = ref(MODULE + ".user_teacher")               # math in 5А, 5Б
    case.student_user = ref(MODULE + ".user_student")
    case.parent_user = ref(MODULE + ".user_parent")
    case.artem = ref(MODULE + ".demo_student_sokolov_artem")   # 5А
    case.darya = ref(MODULE + ".demo_student_sokolova_darya")  # 9А
    case.math = ref(MODULE + ".subject_math")
    case.kind_lesson = ref(MODULE + ".work_kind_lesson")
    case.kind_control = ref(MODULE + ".work_kind_control")
    case.q1 = quarter(case.env, 1, case.year)
    case.q2 = quarter(case.env, 2, case.year)


class RefusalMixin(object):
    @contextmanager
    def assertRefused(self, exception, regex=None):
        """The operation raises ``exception`` (message matching ``regex``) and,
        as in a real request, whatever it wrote is rolled back."""
        if regex:
            with self.assertRaisesRegex(exception, regex), self.env.cr.savepoint():
                yield
        else:
            with self.assertRaises(exception), self.env.cr.savepoint():
                yield
        self.env.invalidate_all() if hasattr(self.env, "invalidate_all") else self.env.cache.invalidate()


class DemoSchoolCase(RefusalMixin, TransactionCase):
    def setUp(self):
        super(DemoSchoolCase, self).setUp()
        set_demo_refs(self)


def flat(text):
    """``text`` with every run of white space as one blank."""
    return " ".join(text.split())


# ---------------------------------------------------------------------- HTTP
def json_rpc(opener, path, params, timeout=120):
    """POST a JSON-RPC call to the test server with ``opener``; the answer's JSON."""
    response = opener.post("http://%s:%s%s" % (HOST, PORT, path), timeout=timeout,
                           data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}),
                           headers={"Content-Type": "application/json"})
    return response.json()


def call_kw(opener, model, method, args, kwargs=None, timeout=120):
    """``model.method(*args, **kwargs)`` over /web/dataset/call_kw as the opener's user."""
    return json_rpc(opener, "/web/dataset/call_kw/%s/%s" % (model, method),
                    {"model": model, "method": method, "args": args, "kwargs": kwargs or {}}, timeout=timeout)


def csrf_token(html):
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    return match.group(1) if match else None


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


# ---------------------------------------------------------------------- structure
def valid_snils(nine_digits):
    """A SNILS with the right control number for the given first nine digits."""
    return format_snils("%s%02d" % (nine_digits, snils_control(nine_digits)))


class StructureCase(DemoSchoolCase):
    """Demo references and a fresh little class of our own, so that each test
    states its own facts."""

    def setUp(self):
        super(StructureCase, self).setUp()
        self.Student = self.env["school.student"]
        self.Movement = self.env["school.student.movement"]

    def make_student(self, last_name="Тестов", first_name="Тест", school_class=None,
                     date="2026-09-01", **vals):
        student = self.Student.create(dict({
            "last_name": last_name, "first_name": first_name, "middle_name": "Тестович",
            "birth_date": "2015-03-10", "gender": "male"}, **vals))
        if school_class:
            self.Movement.create({"student_id": student.id, "movement_type": "arrival",
                                  "date": date, "to_class_id": school_class.id})
        return student


# ---------------------------------------------------------------------- periods
class PeriodCase(DemoSchoolCase):
    """The demo school's I quarter, its users, and a way to give one pupil
    exactly the grades a test needs."""

    def setUp(self):
        super(PeriodCase, self).setUp()
        Period = self.env["school.period"]
        self.year_period = Period.search([("academic_year_id", "=", self.year.id), ("kind", "=", "year")])
        self.company = self.year.company_id or self.env.user.company_id
        self.PeriodGrade = self.env["school.period.grade"]
        self.Grade = self.env["school.grade"]
        # the rule tests count marks against one minimum whatever the subject's hours
        # (the table by weekly hours: test_grading_rules.py)
        self.company.write({"school_min_grades_2h": self.company.school_min_grades,
                            "school_min_grades_3h": self.company.school_min_grades})
        # the period tests build their own year, exam and final grades: not the demo's ОГЭ of 9А
        self.env.cr.execute("DELETE FROM school_period_grade WHERE kind IN ('year', 'exam', 'final') "
                            "AND academic_year_id = %s", (self.year.id,))
        self.PeriodGrade.invalidate_cache()

    def lessons(self, school_class, subject, period=None, limit=None):
        period = period or self.q1
        return self.env["school.lesson"].search([
            ("class_id", "=", school_class.id), ("subject_id", "=", subject.id),
            ("date", ">=", period.date_start), ("date", "<=", period.date_end)],
            order="date, lesson_number", limit=limit)

    def set_grades(self, student, subject, grades, school_class=None):
        """Replace the pupil's grades in ``subject`` during I quarter with
        ``grades`` [(value, work kind)], one per lesson in date order."""
        school_class = school_class or self.class_5a
        self.Grade.search([("student_id", "=", student.id), ("subject_id", "=", subject.id),
                           ("date", ">=", self.q1.date_start), ("date", "<=", self.q1.date_end)]).unlink()
        lessons = self.lessons(school_class, subject)
        self.assertGreaterEqual(len(lessons), len(grades), "demo journal has too few lessons")
        created = self.Grade
        for lesson, (value, kind) in zip(lessons, grades):
            created |= self.Grade.create({"lesson_id": lesson.id, "student_id": student.id, "value": value,
                                          "work_kind_id": kind.id})
        return created

    def suggest_one(self, student=None, subject=None, school_class=None, period=None):
        student, subject = student or self.artem, subject or self.math
        school_class, period = school_class or self.class_5a, period or self.q1
        self.PeriodGrade.suggest(period, [school_class.id], [subject.id])
        return self.PeriodGrade.search([("student_id", "=", student.id), ("subject_id", "=", subject.id),
                                        ("period_id", "=", period.id)])

    def close(self, period=None, levels=None, user=None):
        """Close ``period`` through the wizard as the school admin (ticking «close anyway»)."""
        period = period or self.q1
        wizard = self.env["school.period.close"].sudo(user or self.admin).create({
            "period_id": period.id, "scope": "levels" if levels else "all",
            "grade_level_ids": [(6, 0, levels.ids)] if levels else [], "confirm_incomplete": True})
        wizard.action_close()
        period.invalidate_cache()
        return period.seal_ids.sorted("sequence")[-1:]


# ---------------------------------------------------------------------- monitoring
class SmtpSink(object):
    """A local aiosmtpd server collecting every message it receives."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        sink = self
        self.messages = []

        class Handler(object):
            async def handle_DATA(self, server, session, envelope):
                import email
                from email import policy
                msg = email.message_from_bytes(envelope.original_content or envelope.content,
                                               policy=policy.default)
                sink.messages.append({"from": envelope.mail_from, "to": list(envelope.rcpt_tos), "msg": msg})
                return "250 OK"

        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        self.controller.stop()

    @staticmethod
    def text(item):
        """Subject and the decoded text of every part."""
        msg = item["msg"]
        parts = [str(msg["Subject"])]
        for part in msg.walk():
            if part.get_content_maintype() == "text":
                parts.append(part.get_content())
        return "\n".join(parts)

    def to(self, address):
        return [m for m in self.messages if address in m["to"]]


class MonitoringCase(DemoSchoolCase):
    """Fixed dates inside the demo journal (1 Sep – 10 Oct 2026) and a real SMTP sink."""

    def setUp(self):
        super(MonitoringCase, self).setUp()
        self.parent = self.parent_user
        self.company = self.env.user.company_id
        self.Monitoring = self.env["school.monitoring"]
        self.Violation = self.env["school.violation"]
        self.Alert = self.env["school.monitoring.alert"]
        self.Grade = self.env["school.grade"]
        self.Lesson = self.env["school.lesson"]

    def lessons(self, school_class=None, subject=None, date_to="2026-10-09"):
        return self.Lesson.search([("class_id", "=", (school_class or self.class_5a).id),
                                   ("subject_id", "=", (subject or self.math).id),
                                   ("date", "<=", date_to)], order="date, lesson_number")

    def activities(self, alert):
        return self.env["mail.activity"].search([("res_model", "=", alert._name), ("res_id", "in", alert.ids)])

    def start_sink(self):
        """A real SMTP server and the only outgoing mail server pointing at it;
        lifts Odoo's «no e-mail while testing» switch for this test."""
        sink = SmtpSink()
        self.addCleanup(sink.stop)
        self.env["ir.mail_server"].search([]).write({"active": False})
        self.env["ir.mail_server"].create({"name": "Тестовый SMTP", "smtp_host": "127.0.0.1",
                                           "smtp_port": sink.port, "smtp_encryption": "none", "sequence": 1})
        thread = threading.current_thread()
        old = getattr(thread, "testing", False)
        thread.testing = False
        self.addCleanup(setattr, thread, "testing", old)
        return sink

    def flush_mail(self):
        """Process the outgoing queue in this transaction (no commit)."""
        mails = self.env["mail.mail"].search([("state", "=", "outgoing")])
        mails.send(auto_commit=False, raise_exception=True)
        return mails


# ---------------------------------------------------------------------- background jobs
def queued(env, records=None, model="school.journal.print"):
    """The jobs of ``model`` (and of its lines) waiting to run, oldest first (of ``records``
    when given)."""
    jobs = env["queue.job"].sudo().search([("state", "in", ("pending", "enqueued")),
                                           ("model_name", "=like", model + "%")], order="id")
    if records is not None:
        jobs = jobs.filtered(lambda j: j.model_name == records._name and set(j.record_ids) & set(records.ids))
    return jobs


def run_jobs(env, limit=None, model="school.journal.print"):
    """Run the waiting jobs of ``model`` as queue_job's runner would (its /queue_job/runjob:
    load, started, perform, done), in the test's transaction; returns how many ran."""
    ran = 0
    while limit is None or ran < limit:
        jobs = queued(env, model=model)
        if not jobs:
            break
        job = Job.load(env, jobs[0].uuid)
        job.set_started()
        job.perform()
        job.set_done()
        job.store()
        ran += 1
    env.cache.invalidate()
    return ran


# ---------------------------------------------------------------------- reports
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


class ReportsCase(DemoSchoolCase):
    """PDF rendering in a test (runtime/tests/test_print_pdf.py: without
    test_report_directory Odoo 11 returns HTML under test_enable; with
    test_enable it does not commit)."""

    def enable_pdf(self):
        """Real wkhtmltopdf output inside a test transaction."""
        self.patch(odoo.tools.config, "options",
                   dict(odoo.tools.config.options, test_enable=True,
                        test_report_directory=tempfile.gettempdir()))

    def roster(self, school_class, day):
        return self.env["school.class"].browse(school_class.id)._get_students_on(day)[school_class.id]


# ---------------------------------------------------------------------- portal
class PortalFacts(object):
    """The demo family of Соколова Елена (parent) with Артём (5А, also the
    `student` login) and Дарья (9А); mixed into an HttpCase or TransactionCase."""

    def _portal_setup(self):
        set_demo_refs(self)
        Student = self.env["school.student"]
        # a classmate of Артём and a pupil of another family in Дарья's class
        self.classmate = Student.search([("current_class_id", "=", self.class_5a.id),
                                         ("id", "!=", self.artem.id),
                                         ("consent_state", "=", "given")], limit=1)
        self.stranger = Student.search([("current_class_id", "=", self.class_9a.id),
                                        ("id", "!=", self.darya.id),
                                        ("consent_state", "=", "given")], limit=1)

    def revoke_consent(self, student):
        consent = student.sudo().consent_ids[:1]
        consent.sudo().write({"revocation_date": "2026-11-01",
                              "revocation_reason": "Заявление законного представителя"})
        self.assertEqual(student.consent_state, "revoked")

    def lesson_of(self, student, day_from="2026-10-05", day_to="2026-10-09"):
        rows = self.env["school.attendance"].search([("student_id", "=", student.id),
                                                     ("date", ">=", day_from), ("date", "<=", day_to)])
        return rows.mapped("lesson_id").sorted(lambda l: (l.date, l.lesson_number))

    csrf_token = staticmethod(csrf_token)


# ---------------------------------------------------------------------- committed data
# Closings, seals, events and the change log are append-only by database trigger;
# the superuser's replica mode skips those triggers — and with them the ON DELETE
# CASCADE actions — so the children are deleted explicitly, and only the
# trigger-protected tables are touched in replica mode.
def undo_closing(cr, period_id):
    """Remove every closing of ``period_id`` (locks, events, seals) and open it."""
    cr.execute("SELECT id FROM school_period_seal WHERE period_id = %s", (period_id,))
    seals = tuple(r[0] for r in cr.fetchall()) or (0,)
    cr.execute("SELECT id FROM school_period_event WHERE period_id = %s", (period_id,))
    events = tuple(r[0] for r in cr.fetchall()) or (0,)
    cr.execute("SET LOCAL session_replication_role = replica")
    cr.execute("DELETE FROM school_period_event_grade_level_rel WHERE event_id IN %s", (events,))
    cr.execute("DELETE FROM school_period_event WHERE id IN %s", (events,))
    cr.execute("DELETE FROM school_period_lock WHERE period_id = %s", (period_id,))
    cr.execute("DELETE FROM school_period_seal_check_line WHERE seal_id IN %s", (seals,))
    cr.execute("DELETE FROM school_period_seal_school_period_seal_check_rel WHERE school_period_seal_id IN %s",
               (seals,))
    cr.execute("DELETE FROM school_period_seal_item WHERE seal_id IN %s", (seals,))
    cr.execute("DELETE FROM school_period_seal_grade_level_rel WHERE seal_id IN %s", (seals,))
    cr.execute("DELETE FROM school_period_seal WHERE id IN %s", (seals,))
    cr.execute("SET LOCAL session_replication_role = DEFAULT")
    cr.execute("UPDATE school_period SET state = 'open' WHERE id = %s", (period_id,))
    # the closing's chatter notes (cascades apply again: their recipients go with them)
    cr.execute("DELETE FROM mail_message WHERE model = 'school.period' AND res_id = %s "
               "AND create_date > now() - interval '1 hour'", (period_id,))


def remove_lesson(cr, lesson_id):
    """Remove a lesson the test committed, with its roster, grades and change log."""
    cr.execute("DELETE FROM school_violation WHERE lesson_id = %s", (lesson_id,))
    cr.execute("SET LOCAL session_replication_role = replica")
    cr.execute("DELETE FROM school_change_log WHERE lesson_id = %s", (lesson_id,))
    cr.execute("SET LOCAL session_replication_role = DEFAULT")
    cr.execute("DELETE FROM school_grade WHERE lesson_id = %s", (lesson_id,))
    cr.execute("DELETE FROM school_attendance WHERE lesson_id = %s", (lesson_id,))
    cr.execute("DELETE FROM school_lesson WHERE id = %s", (lesson_id,))
