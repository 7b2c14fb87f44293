"""Shared set-up for the monitoring tests (issue 6): the demo school, fixed
dates inside its journal (1 Sep – 10 Oct 2026), and a real SMTP sink."""
import socket
import threading

from demo_school_case import MODULE, DemoSchoolCase  # noqa: F401


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
    def setUp(self):
        super(MonitoringCase, self).setUp()
        self.parent = self.parent_user
        self.company = self.env.user.company_id
        self.Monitoring = self.env["school.monitoring"]
        self.Violation = self.env["school.violation"]
        self.Alert = self.env["school.monitoring.alert"]
        self.Grade = self.env["school.grade"]
        self.Lesson = self.env["school.lesson"]
        self.q1 = self.env["school.period"].search([("academic_year_id", "=", self.year.id),
                                                    ("kind", "=", "quarter"), ("number", "=", 1)])

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
