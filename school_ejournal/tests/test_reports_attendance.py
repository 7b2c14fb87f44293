"""Attendance report and the pupil's progress report: counts by reason, whole
missed days, and who may print what (portal: own child / self only)."""
from odoo.exceptions import AccessError

from .common import ReportsCase, pdftotext


class TestAttendanceReport(ReportsCase):

    def setUp(self):
        super(TestAttendanceReport, self).setUp()
        ref = self.env.ref
        self.code = {c: ref("school_ejournal.attendance_code_" + c) for c in ("n", "b", "u", "o")}
        Attendance = self.env["school.attendance"]
        rows = Attendance.search([("student_id", "=", self.artem.id), ("class_id", "=", self.class_5a.id)],
                                 order="date, lesson_number")
        days = sorted(set(rows.mapped("date")))[:3]
        self.d1, self.d2, self.d3 = days
        self.rows = {d: rows.filtered(lambda r, d=d: r.date == d) for d in days}
        self.assertGreater(len(self.rows[self.d2]), 2)
        (self.rows[self.d1] | self.rows[self.d2] | self.rows[self.d3]).write({"code_id": False})
        self.rows[self.d1].write({"code_id": self.code["b"].id})          # whole day ill
        self.rows[self.d2][:-1].write({"code_id": self.code["n"].id})     # all but the last lesson
        self.rows[self.d2][-1:].write({"code_id": self.code["o"].id})     # ...came late to it
        self.rows[self.d3][:1].write({"code_id": self.code["u"].id})      # one excused lesson
        self.Report = self.env["report.school_ejournal.report_attendance"]

    def test_counts_by_reason_and_days(self):
        stats = self.Report._attendance_stats(self.d1, self.d3, student_ids=[self.artem.id])
        n1, n2, n3 = (len(self.rows[d]) for d in (self.d1, self.d2, self.d3))
        self.assertEqual(stats[(self.artem.id, self.class_5a.id)], {
            "lessons": n1 + n2 + n3, "missed": n1 + (n2 - 1) + 1, "ill": n1, "excused": 1,
            "unexcused": n2 - 1, "late": 1, "days": 1, "days_ill": 1})
        # the same day fully missed without reason counts as a missed day too
        self.rows[self.d2][-1:].write({"code_id": self.code["n"].id})
        stats = self.Report._attendance_stats(self.d1, self.d3, student_ids=[self.artem.id])
        self.assertEqual(stats[(self.artem.id, self.class_5a.id)]["days"], 2)
        self.assertEqual(stats[(self.artem.id, self.class_5a.id)]["days_ill"], 1)

    def test_report_per_class(self):
        wizard = self.env["school.report.attendance.wizard"].sudo(self.class_teacher).create({
            "date_from": self.d1, "date_to": self.d3, "class_ids": [(6, 0, self.class_5a.ids)]})
        html = self.env.ref("school_ejournal.action_report_attendance").sudo(self.class_teacher) \
            .render_qweb_html(wizard.ids)[0].decode("utf-8")
        self.assertIn("5А класс", html)
        self.assertIn(self.artem.name, html)
        self.assertIn("Итого по классу", html)


class TestStudentProgress(ReportsCase):

    def html(self, user, student, period=None):
        report = self.env.ref("school_ejournal.action_report_student_progress").sudo(user)
        return report.render_qweb_html(student.ids, {"period_id": (period or self.q1).id})[0].decode("utf-8")

    def test_content(self):
        html = self.html(self.admin, self.artem)
        self.assertIn("Отчёт об успеваемости и посещаемости", html)
        self.assertIn(self.artem.name, html)
        self.assertIn("I четверть", html)
        average = self.env["school.grade"]._weighted_averages(
            [self.artem.id], [self.math.id], self.q1.date_start, self.q1.date_end)[(self.artem.id, self.math.id)]
        self.assertIn(("%.2f" % average).replace(".", ","), html)

    def test_default_period_is_the_current_one(self):
        values = self.env["report.school_ejournal.report_student_progress"].with_context(
            period_id=False).get_report_values(self.artem.ids, {})
        self.assertTrue(values["reports"][0]["period"])

    def test_portal_own_only(self):
        # a parent: both own children, nobody else's
        self.assertIn(self.artem.name, self.html(self.parent_user, self.artem))
        self.assertIn(self.darya.name, self.html(self.parent_user, self.darya))
        other = self.env["school.student"].search([("id", "not in", (self.artem | self.darya).ids),
                                                   ("current_class_id", "=", self.class_5a.id)], limit=1)
        with self.assertRaises(AccessError):
            self.html(self.parent_user, other)
        # a pupil: himself only, not even his sister
        self.assertIn(self.artem.name, self.html(self.student_user, self.artem))
        for student in (self.darya, other):
            with self.assertRaises(AccessError):
                self.html(self.student_user, student)
        # portal users read no other pupil through the ORM either
        self.assertEqual(self.env["school.student"].sudo(self.parent_user).search([]), self.artem | self.darya)
        self.assertEqual(self.env["school.student"].sudo(self.student_user).search([]), self.artem)

    def test_staff(self):
        for user in (self.admin, self.deputy, self.class_teacher, self.teacher):
            self.assertIn(self.artem.name, self.html(user, self.artem))

    def test_parent_prints_pdf(self):
        self.enable_pdf()
        report = self.env.ref("school_ejournal.action_report_student_progress").sudo(self.parent_user)
        pdf, fmt = report.render_qweb_pdf(self.artem.ids, {"period_id": self.q1.id})
        self.assertEqual(fmt, "pdf")
        text = " ".join(pdftotext(pdf).split())
        self.assertIn(self.artem.name, text)
        self.assertIn("Математика", text)
