"""Absences are classified, not guessed: the teacher marks «н», the class
teacher turns the «н» of a date range into «б»/«у» in one step from a справка
(number and date of the document kept, a scan attachable), and a monthly
signal names the pupils who missed more than the school's share (default 30 %)
of their lessons without a valid reason (120-ФЗ). Each test names its rule and
its numbers."""
import base64

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import PeriodCase

OCT_12, OCT_14 = "2026-10-12", "2026-10-14"


class AbsenceCase(PeriodCase):
    def setUp(self):
        super(AbsenceCase, self).setUp()
        ref = self.env.ref
        self.Note = self.env["school.absence.note"]
        self.Attendance = self.env["school.attendance"]
        self.code_n = ref("school_ejournal.attendance_code_n")
        self.code_b = ref("school_ejournal.attendance_code_b")
        self.code_u = ref("school_ejournal.attendance_code_u")
        self.code_o = ref("school_ejournal.attendance_code_o")
        self.Monitoring = self.env["school.monitoring"]
        self.Alert = self.env["school.monitoring.alert"]
        # the demo's справки (their codes stay) must not turn the «н» a test puts
        self.env.cr.execute("DELETE FROM school_absence_note")
        self.env.cache.invalidate()

    def rows(self, student, date_from, date_to):
        return self.Attendance.search([("student_id", "=", student.id), ("date", ">=", date_from),
                                       ("date", "<=", date_to)], order="date, lesson_number")

    def three_n(self, student=None):
        """The pupil's rows of 12.10–14.10 present, then exactly three of them «н»."""
        rows = self.rows(student or self.artem, OCT_12, OCT_14)
        rows.write({"code_id": False})
        marked = rows.filtered(lambda r: r.date == OCT_12)[:1] | rows.filtered(lambda r: r.date == "2026-10-13")[:1] \
            | rows.filtered(lambda r: r.date == OCT_14)[:1]
        self.assertEqual(len(marked), 3, "the demo has lessons of 5А on 12, 13 and 14.10")
        marked.write({"code_id": self.code_n.id})
        return rows, marked

    def note_vals(self, student=None, **extra):
        vals = {"student_id": (student or self.artem).id, "date_from": OCT_12, "date_to": OCT_14,
                "code_id": self.code_b.id, "document_number": "117", "document_date": "2026-10-15",
                "issued_by": "ГБУЗ «Детская городская поликлиника № 3»"}
        vals.update(extra)
        return vals


class TestAbsenceNote(AbsenceCase):

    def test_absence_note_12_10_to_14_10_turns_3_n_into_b_in_one_step_and_reports_show_them_as_illness(self):
        rows, marked = self.three_n()
        report = self.env["report.school_ejournal.report_attendance"]
        before = report._attendance_stats(OCT_12, OCT_14, student_ids=[self.artem.id])[
            (self.artem.id, self.class_5a.id)]
        self.assertEqual((before["unexcused"], before["ill"]), (3, 0))
        # the queue «Пропуски без причины» of the class teacher shows the three
        queue = self.env.ref("school_ejournal.action_attendance_unexcused")
        found = self.Attendance.sudo(self.class_teacher).search(
            eval(queue.domain) + [("class_id.class_teacher_id", "=", self.class_teacher.id),
                                  ("student_id", "=", self.artem.id), ("date", ">=", OCT_12),
                                  ("date", "<=", OCT_14)])
        self.assertEqual(found, marked)
        note = self.Note.sudo(self.class_teacher).create(self.note_vals())
        self.assertEqual((note.class_id, note.state, note.create_uid), (self.class_5a, "draft", self.class_teacher))
        self.assertEqual(note.absence_ids, marked)
        note.action_confirm()
        self.assertEqual((note.state, note.row_count, note.confirmed_uid), ("confirmed", 3, self.class_teacher))
        rows.invalidate_cache()
        self.assertEqual(marked.mapped("code_id"), self.code_b)
        self.assertFalse((rows - marked).filtered("code_id"), "present pupils stay present")
        # the change log records each change by the class teacher
        log = self.env["school.change.log"].search([("model", "=", "school.attendance"),
                                                    ("res_id", "in", marked.ids), ("new_value", "=", "б")])
        self.assertEqual(len(log), 3)
        self.assertEqual(set(log.mapped("old_value")), {"н"})
        self.assertEqual(log.mapped("user_id"), self.class_teacher)
        # the attendance report: «из них по болезни»
        after = report._attendance_stats(OCT_12, OCT_14, student_ids=[self.artem.id])[
            (self.artem.id, self.class_5a.id)]
        self.assertEqual((after["missed"], after["ill"], after["unexcused"]), (3, 3, 0))
        # the grid cell, the parents' digest (and the portal diary reading the row's code) show «б»
        cells = {r.id: r.cell for r in self.Attendance._grid_rows([("id", "in", marked.ids)])}
        self.assertEqual({c.split()[0] for c in cells.values()}, {"б"})
        digest = self.Monitoring._digest_data([self.artem.id], OCT_12, OCT_14)[self.artem.id]["absences"]
        self.assertEqual([a["code"] for a in digest], ["Болезнь"] * 3)
        # the printed journal's cells
        journal = self.env["report.school_ejournal.report_class_journal"]._journal_data(self.class_5a, OCT_12, OCT_14)
        self.assertEqual({journal["cells"][(r.lesson_id.id, self.artem.id)].split()[0] for r in marked}, {"б"})
        # nothing left in the queue
        self.assertFalse(self.Attendance.search(eval(queue.domain) + [("id", "in", marked.ids)]))

    def test_absence_note_reason_u_gives_u_and_a_scan_is_attached_and_bound_to_the_note(self):
        rows, marked = self.three_n()
        scan = self.env["ir.attachment"].sudo(self.class_teacher).create({
            "name": "spravka.pdf", "datas": base64.b64encode(b"%PDF-1.4 scan"), "datas_fname": "spravka.pdf",
            "res_model": "school.absence.note", "res_id": 0})
        note = self.Note.sudo(self.class_teacher).create(self.note_vals(
            code_id=self.code_u.id, document_number="заявление", attachment_ids=[(6, 0, scan.ids)]))
        scan.invalidate_cache()
        self.assertEqual((scan.sudo().res_model, scan.sudo().res_id), ("school.absence.note", note.id))
        note.action_confirm()
        marked.invalidate_cache()
        self.assertEqual(marked.mapped("code_id"), self.code_u)
        # the scan tells of a pupil's health: a subject teacher does not read it
        with self.assertRaises(AccessError):
            scan.sudo(self.teacher).read(["datas"])
        # a confirmed справка keeps its pupil, dates and reason
        with self.assertRefused(UserError, "уже проведена"):
            note.sudo(self.class_teacher).write({"date_to": "2026-10-16"})
        with self.assertRefused(UserError, "удалить нельзя"):
            note.sudo(self.class_teacher).unlink()

    def test_absence_note_reason_must_be_excused_b_or_u_and_dates_in_order(self):
        with self.assertRefused(ValidationError, "«б» \\(болезнь\\) или «у»"):
            self.Note.sudo(self.class_teacher).create(self.note_vals(code_id=self.code_n.id))
        with self.assertRefused(ValidationError, "позже даты"):
            self.Note.sudo(self.class_teacher).create(self.note_vals(date_from=OCT_14, date_to=OCT_12))

    def test_n_entered_after_a_confirmed_note_on_13_10_becomes_its_b_automatically(self):
        rows, marked = self.three_n()
        self.Note.sudo(self.class_teacher).create(self.note_vals()).action_confirm()
        # the math teacher marks «н» on 13.10 afterwards (grid cell, form, write)
        math = rows.filtered(lambda r: r.date == "2026-10-13" and r.lesson_id.teacher_id == self.teacher
                             and not r.code_id)[:1]
        self.assertTrue(math, "the demo has a mathematics lesson of 5А on 13.10")
        math.sudo(self.teacher).write({"cell": "н"})
        math.invalidate_cache()
        self.assertEqual(math.code_id, self.code_b)
        other = rows.filtered(lambda r: r.date == OCT_14 and not r.code_id
                              and r.lesson_id.teacher_id == self.teacher)[:1] or \
            rows.filtered(lambda r: r.date == OCT_14 and not r.code_id)[:1]
        self.Attendance._write_codes({other.id: self.code_n.id})
        other.invalidate_cache()
        self.assertEqual(other.code_id, self.code_b)
        # outside the справка's days an «н» stays «н»
        outside = self.rows(self.artem, "2026-10-15", "2026-10-15").filtered(lambda r: not r.code_id)[:1]
        outside.write({"code_id": self.code_n.id})
        self.assertEqual(outside.code_id, self.code_n)
        # «о» (late) is not a miss: a справка does not turn it
        late = self.rows(self.artem, "2026-10-13", "2026-10-13").filtered(lambda r: not r.code_id)[:1]
        if late:
            late.write({"code_id": self.code_o.id})
            self.assertEqual(late.code_id, self.code_o)


    def test_demo_school_has_two_confirmed_spravki_b_and_u_and_a_draft_in_5a(self):
        self.env.cr.execute("DELETE FROM school_absence_note")  # a confirmed справка is never unlinked
        self.env.cache.invalidate()
        self.assertTrue(self.env["school.journal.demo"]._create_demo_absence_notes())
        notes = self.Note.search([], order="id")
        self.assertEqual(notes.mapped("state"), ["confirmed", "confirmed", "draft"])
        self.assertEqual(notes[:2].mapped("code_id.code"), ["б", "у"])
        self.assertEqual(set(notes.mapped("class_id")), {self.class_5a})
        self.assertEqual(notes.mapped("create_uid"), self.class_teacher)
        self.assertTrue(all(n.row_count >= 1 for n in notes[:2]))
        self.assertFalse(self.env["school.journal.demo"]._create_demo_absence_notes(), "once")


class TestAbsenceRights(AbsenceCase):

    def test_absence_note_rights_class_teacher_of_own_class_and_admin_yes_others_no(self):
        self.three_n()
        # the class teacher of 5А: his pupil yes; a 9А pupil no
        with self.assertRefused(AccessError, "классный руководитель класса ученика"):
            self.Note.sudo(self.class_teacher).create(self.note_vals(student=self.darya))
        # a subject teacher, the deputy (reads only), parents and pupils cannot classify
        for user in (self.teacher, self.deputy, self.parent_user, self.student_user):
            with self.assertRefused(AccessError):
                self.Note.sudo(user).create(self.note_vals())
        note = self.Note.sudo(self.class_teacher).create(self.note_vals())
        for user in (self.teacher, self.parent_user, self.student_user):
            with self.assertRefused(AccessError):
                note.sudo(user).read(["document_number"])
            with self.assertRefused(AccessError):
                note.sudo(user).action_confirm()
        self.assertEqual(note.sudo(self.deputy).read(["document_number"])[0]["document_number"], "117")
        with self.assertRefused(AccessError):
            note.sudo(self.deputy).write({"document_number": "118"})
        with self.assertRefused(AccessError):
            note.sudo(self.deputy).action_confirm()
        self.assertEqual(note.state, "draft")
        # the school administrator confirms any справка
        note.sudo(self.admin).action_confirm()
        self.assertEqual(note.state, "confirmed")
        # the server's fields are not the client's
        with self.assertRefused(AccessError):
            self.Note.sudo(self.class_teacher).create(self.note_vals(state="confirmed"))

    def test_absence_note_in_a_closed_period_is_refused_and_writes_nothing(self):
        rows, marked = self.three_n()
        note = self.Note.sudo(self.class_teacher).create(self.note_vals())
        self.close(self.q1)
        with self.assertRefused(UserError, "закрыт"):
            note.sudo(self.class_teacher).action_confirm()
        marked.invalidate_cache()
        self.assertEqual(marked.mapped("code_id"), self.code_n)
        self.assertEqual(note.state, "draft")


class TestSystematicAbsence(AbsenceCase):
    """More than 30 % (the school's setting) of the lessons of the past calendar
    month missed without a valid reason → a signal to the class teacher and the
    deputy, once per pupil and month; «б», «у» and «о» do not count."""

    def ten_october_lessons(self, codes):
        """Artem has exactly 10 lessons in October 2026, marked ``codes`` in order."""
        cr = self.env.cr
        cr.execute("""
            SELECT id FROM school_attendance WHERE student_id = %s AND date BETWEEN '2026-10-01' AND '2026-10-31'
             ORDER BY date, lesson_number
        """, (self.artem.id,))
        ids = [r[0] for r in cr.fetchall()]
        self.assertGreater(len(ids), 10)
        cr.execute("DELETE FROM school_grade WHERE attendance_id IN %s", (tuple(ids[10:]),))
        cr.execute("DELETE FROM school_attendance WHERE id IN %s", (tuple(ids[10:]),))
        self.env.cache.invalidate()
        rows = self.Attendance.browse(ids[:10])
        rows.write({"code_id": False})
        for row, code in zip(rows, codes):
            row.write({"code_id": code.id if code else False})
        return rows

    def signal(self):
        return self.Alert.search([("key", "=", "absence:%s:2026-10" % self.artem.id)])

    def test_systematic_absence_4_n_of_10_lessons_is_over_30_percent_and_signals_once(self):
        self.assertEqual(self.company.school_absence_signal_pct, 30)
        n = self.code_n
        self.ten_october_lessons([n, n, n, n])
        result = self.env["school.absence.note"]._cron_systematic_absence("2026-11-02")
        alert = self.signal()
        self.assertEqual(len(alert), 1)
        self.assertGreaterEqual(result["alerts"], 1)
        self.assertEqual((alert.kind, alert.class_id, alert.item_count), ("absence", self.class_5a, 4))
        self.assertIn("4 из 10 (40 %)", alert.note)
        self.assertIn("октябрь 2026", alert.name)
        self.assertIn(self.class_teacher, alert.recipient_ids)
        self.assertIn(self.deputy, alert.recipient_ids)
        self.assertEqual(set(alert.activity_ids.mapped("user_id").ids), set(alert.recipient_ids.ids))
        # the class teacher and the deputy see it
        self.assertTrue(alert.sudo(self.class_teacher).read(["name"]))
        self.assertTrue(alert.sudo(self.deputy).read(["name"]))
        # idempotent per pupil and month
        self.env["school.absence.note"]._cron_systematic_absence("2026-11-20")
        self.assertEqual(len(self.signal()), 1)
        self.assertEqual(len(alert.activity_ids), len(alert.recipient_ids))

    def test_systematic_absence_2_n_and_3_b_of_10_is_no_signal_only_n_counts(self):
        n, b, u, o = self.code_n, self.code_b, self.code_u, self.code_o
        self.ten_october_lessons([n, n, b, b, b, u, o, o])
        self.env["school.absence.note"]._cron_systematic_absence("2026-11-02")
        self.assertFalse(self.signal())

    def test_systematic_absence_3_n_of_10_is_exactly_30_percent_no_signal_but_25_percent_setting_signals(self):
        n = self.code_n
        self.ten_october_lessons([n, n, n])
        self.env["school.absence.note"]._cron_systematic_absence("2026-11-02")
        self.assertFalse(self.signal(), "30 % is not more than 30 %")
        self.company.school_absence_signal_pct = 25
        self.env["school.absence.note"]._cron_systematic_absence("2026-11-02")
        self.assertEqual(len(self.signal()), 1)
        with self.assertRefused(ValidationError, "от 1 до 100"):
            self.company.school_absence_signal_pct = 0

    def test_systematic_absence_a_note_before_the_check_takes_the_pupil_out(self):
        n = self.code_n
        rows = self.ten_october_lessons([n, n, n, n])
        days = rows[:4].mapped("date")
        self.Note.sudo(self.class_teacher).create(self.note_vals(date_from=min(days), date_to=max(days))) \
            .action_confirm()
        self.env["school.absence.note"]._cron_systematic_absence("2026-11-02")
        self.assertFalse(self.signal())

    def test_systematic_absence_cron_is_monthly_and_runs_the_check(self):
        cron = self.env.ref("school_ejournal.cron_monitoring_systematic_absence")
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "months"))
        self.assertIn("_cron_systematic_absence", cron.code)
        self.assertEqual(cron.model_id.model, "school.absence.note")
        self.assertTrue(hasattr(self.env["school.absence.note"], "_cron_systematic_absence"))


class TestAbsenceRegulation(AbsenceCase):

    def text(self):
        report = self.env.ref("school_ejournal.action_report_school_regulation")
        html = report.render_qweb_html(self.company.ids)[0].decode()
        import re
        return " ".join(re.sub("<[^>]+>", " ", html).split())

    def test_regulation_prints_the_systematic_absence_share_30_then_25_and_the_note_rule(self):
        text = self.text()
        self.assertIn("без уважительной причины («н») более 30 % уроков ученика за календарный месяц", text)
        self.assertIn("переводит все «н» ученика за указанные дни в «б» (болезнь) или «у»", text)
        self.assertIn("автоматически заменяется её кодом", text)
        self.company.school_absence_signal_pct = 25
        self.assertIn("более 25 % уроков ученика за календарный месяц", self.text())
