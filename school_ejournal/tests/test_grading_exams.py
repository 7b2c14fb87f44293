"""Rule 12 (consent for 14–17: the pupil together with a legal representative,
ст. 26 ГК; the optional e-services need a given consent, the journal is kept
regardless, 273-ФЗ ст. 28), the ОГЭ protocol of rule 2 (exam results in bulk,
a «2» gives no final grade; IV четверть closed — still entered, the year
closed — refused) and the demo school's 9А ОГЭ and 1А without marks."""
import base64
import io

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import DemoSchoolCase
from .common import MODULE, PeriodCase
from .test_security_login_takeover import slips_of, token_of


class ConsentCase(PeriodCase):
    def setUp(self):
        super(ConsentCase, self).setUp()
        self.Consent = self.env["school.pd.consent"]
        self.Student = self.env["school.student"]

    def pupil_born(self, birth_date, school_class=None):
        student = self.Student.create({"last_name": "Согласнов", "first_name": "Тест", "middle_name": "Тестович",
                                       "birth_date": birth_date, "gender": "male"})
        self.env["school.student.movement"].create({"student_id": student.id, "movement_type": "arrival",
                                                    "date": "2026-09-01",
                                                    "to_class_id": (school_class or self.class_9a).id})
        mother = self.env["res.partner"].create({"name": "Согласнова Мать Ивановна"})
        link = self.env["school.student.guardian"].create({"student_id": student.id, "partner_id": mother.id,
                                                           "relation": "mother"})
        return student, link


class TestRule12Consent(ConsentCase):
    def test_rule12_consent_of_a_15_year_old_without_the_pupils_cosignature_is_refused(self):
        pupil, mother = self.pupil_born("2011-05-01")  # 15 on 15.09.2026
        with self.assertRefused(ValidationError, "15 лет: с 14 до 18 лет согласие подписывает сам ученик вместе"):
            self.Consent.create({"student_id": pupil.id, "date": "2026-09-15", "signer_type": "representative",
                                 "guardian_id": mother.id})
        with self.assertRefused(ValidationError, "только вместе с законным представителем"):
            self.Consent.create({"student_id": pupil.id, "date": "2026-09-15", "signer_type": "student"})
        self.assertEqual(pupil.consent_state, "none")
        both = self.Consent.create({"student_id": pupil.id, "date": "2026-09-15", "signer_type": "representative",
                                    "guardian_id": mother.id, "co_signed_by_student": True})
        self.assertEqual(both.signer_name, "Согласнова Мать Ивановна и %s" % pupil.name)
        self.assertEqual(pupil.consent_state, "given")

    def test_rule12_a_consent_of_a_15_year_old_signed_before_the_rule_can_still_be_revoked(self):
        pupil, mother = self.pupil_born("2011-05-01")  # 15 on 15.09.2026
        old = self.Consent.create({"student_id": pupil.id, "date": "2026-09-15", "signer_type": "representative",
                                   "guardian_id": mother.id, "co_signed_by_student": True})
        # as stored before the rule: the representative's signature alone
        self.env.cr.execute("UPDATE school_pd_consent SET co_signed_by_student = FALSE WHERE id = %s", (old.id,))
        old.invalidate_cache()
        old.write({"revocation_date": "2026-11-01", "revocation_reason": "Заявление законного представителя"})
        self.assertEqual(pupil.consent_state, "revoked")

    def test_rule12_consent_of_a_13_year_old_by_the_representative_alone_is_accepted(self):
        pupil, mother = self.pupil_born("2013-03-01")  # 13 on 15.09.2026
        consent = self.Consent.create({"student_id": pupil.id, "date": "2026-09-15",
                                       "signer_type": "representative", "guardian_id": mother.id})
        self.assertEqual(consent.signer_name, "Согласнова Мать Ивановна")
        with self.assertRefused(ValidationError, "нет 14 лет"):
            self.Consent.create({"student_id": pupil.id, "date": "2026-09-15", "signer_type": "student"})

    def test_rule12_consent_at_18_by_the_pupil_alone(self):
        pupil, mother = self.pupil_born("2008-01-10")  # 18 on 15.09.2026
        with self.assertRefused(ValidationError, "исполнилось 18 лет"):
            self.Consent.create({"student_id": pupil.id, "date": "2026-09-15", "signer_type": "representative",
                                 "guardian_id": mother.id, "co_signed_by_student": True})
        self.Consent.create({"student_id": pupil.id, "date": "2026-09-15", "signer_type": "student"})

    def test_rule12_no_consent_no_portal_login_no_email_report_the_grades_still_kept(self):
        roster = self.class_5a._get_roster("2026-10-01").filtered(
            lambda s: not s.user_id and s.consent_state == "given")
        pupil, other = roster[0], roster[1]
        link = pupil.guardian_ids.filtered("is_legal_representative")[:1]
        link.partner_id.email = "parent12@example.com"
        link.write({"notify_by": "email", "digest_opt_out": False})
        Monitoring = self.env["school.monitoring"]
        self.assertIn(pupil.id, [r[1] for r in Monitoring._digest_recipients(student_ids=pupil.ids)])
        grades_before = self.Grade.search_count([("student_id", "=", pupil.id)])
        self.assertTrue(grades_before)
        pupil.consent_ids.sudo().unlink()
        self.assertEqual(pupil.consent_state, "none")
        # the portal login: refused for him alone, skipped (with the reason) among others
        Wizard = self.env["school.login.wizard"].sudo(self.admin)
        alone = Wizard.create({"student_ids": [(6, 0, pupil.ids)]})
        self.assertIn("нет действующего согласия", alone.consent_skipped)
        with self.assertRefused(UserError, "Доступ не выдан: .*нет действующего согласия"):
            alone.action_issue()
        wizard = Wizard.create({"student_ids": [(6, 0, (pupil | other).ids)]})
        issued = slips_of(wizard._print_slips(token_of(wizard.action_issue()))[0])
        self.assertIn(other.name, issued)
        self.assertNotIn(pupil.name, issued)
        self.assertFalse(pupil.user_id)
        # his parents: none of their children has a consent → no login either
        self.assertNotIn(link.partner_id.name, issued)
        # the e-mail reports stop
        self.assertNotIn(pupil.id, [r[1] for r in Monitoring._digest_recipients(student_ids=pupil.ids)])
        # the journal is kept regardless (273-ФЗ ст. 28): grades stay, new marks go in
        self.assertEqual(self.Grade.search_count([("student_id", "=", pupil.id)]), grades_before)
        lesson = self.env["school.lesson"].search([
            ("class_id", "=", self.class_5a.id), ("subject_id", "=", self.math.id),
            ("period_id.state", "=", "open"), ("date", "<=", "2026-12-01")], order="date desc", limit=1)
        mark = self.Grade.sudo(self.teacher).create({"lesson_id": lesson.id, "student_id": pupil.id,
                                                     "value": "5", "work_kind_id": self.kind_lesson.id})
        self.assertEqual(mark.value, "5")


class ExamCase(PeriodCase):
    def setUp(self):
        super(ExamCase, self).setUp()
        self.alg = self.env.ref(MODULE + ".subject_alg")
        roster = self.class_9a._get_roster("2026-12-01")
        self.p5, self.p2 = roster[0], roster[1]
        self.alg_teacher = self.env["school.teaching.assignment"].search([
            ("class_id", "=", self.class_9a.id), ("subject_id", "=", self.alg.id)], limit=1).teacher_id
        for pupil in (self.p5, self.p2):
            self.PeriodGrade.create({"student_id": pupil.id, "class_id": self.class_9a.id,
                                     "subject_id": self.alg.id, "period_id": self.year_period.id,
                                     "kind": "year", "value": "4"})
        self.quarters = self.env["school.period"].search([("academic_year_id", "=", self.year.id),
                                                          ("kind", "=", "quarter")], order="number")

    def protocol(self, text, user=None, **vals):
        return self.env["school.exam.protocol.import"].sudo(user or self.admin).create(dict({
            "subject_id": self.alg.id, "class_ids": [(6, 0, self.class_9a.ids)], "text": text}, **vals))

    def three_rows(self):
        return ("ФИО;Первичный балл;Отметка\n%s;25;5\n%s;6;2\nНеизвестный Ученик Иванович;20;4\n"
                % (self.p5.name, self.p2.name.upper().replace("Е", "Ё", 1)))

    def exams(self):
        return self.PeriodGrade.search([("kind", "=", "exam"), ("subject_id", "=", self.alg.id),
                                        ("class_id", "=", self.class_9a.id)])


class TestRule2ExamProtocol(ExamCase):
    def test_rule2_oge_protocol_3_rows_5_2_and_an_unknown_pupil_gives_2_results_1_error_no_final_for_the_2(self):
        wizard = self.protocol(self.three_rows())
        wizard.action_preview()
        self.assertEqual((wizard.state, wizard.ok_count, wizard.error_count), ("preview", 2, 1))
        self.assertIn("ученик не найден в выбранных 9-х классах", wizard.preview)
        self.assertFalse(self.exams(), "the preview writes nothing")
        wizard.action_confirm()
        self.assertEqual(wizard.state, "done")
        exams = {g.student_id: g for g in self.exams()}
        self.assertEqual(len(exams), 2)
        self.assertEqual((exams[self.p5].value, exams[self.p5].exam_primary_score), ("5", 25))
        self.assertEqual((exams[self.p2].value, exams[self.p2].exam_primary_score), ("2", 6))
        # through the normal path: the change log has the admin's entries
        logged = self.env["school.change.log"].search([("model", "=", "school.period.grade"),
                                                       ("res_id", "in", [g.id for g in exams.values()])])
        self.assertEqual(set(logged.mapped("user_id")), {self.admin})
        # final grades suggested again: (4 + 5) / 2 = 4.5 → «5»; the «2» waits for the retake
        finals = {g.student_id: g for g in self.PeriodGrade.search([
            ("kind", "=", "final"), ("subject_id", "=", self.alg.id), ("student_id", "in", (self.p5 | self.p2).ids)])}
        self.assertEqual(finals[self.p5].value, "5")
        self.assertFalse(finals[self.p2].value)
        self.assertFalse(finals[self.p2].suggested_value)
        self.assertTrue(finals[self.p2].waiting_retake)
        self.assertFalse(finals[self.p5].waiting_retake)
        self.assertIn(finals[self.p2], self.PeriodGrade.search([("waiting_retake", "=", True)]))
        self.assertIn("не выставляется до пересдачи", finals[self.p2].explanation)

    def test_rule2_oge_protocol_errors_duplicate_row_grade_out_of_2_5_bad_score(self):
        text = "%s;25;5\n%s;20;4\n%s;30;6\n%s;abc;3\n" % (self.p5.name, self.p5.name, self.p2.name,
                                                       self.class_9a._get_roster("2026-12-01")[2].name)
        wizard = self.protocol(text)
        wizard.action_preview()
        self.assertEqual((wizard.ok_count, wizard.error_count), (1, 3))
        self.assertIn("уже есть в строке 1", wizard.preview)
        self.assertIn("вне шкалы 2–5", wizard.preview)
        self.assertIn("не целое", wizard.preview)

    def test_rule2_oge_protocol_from_xlsx_with_the_sample_header(self):
        import xlsxwriter
        stream = io.BytesIO()
        book = xlsxwriter.Workbook(stream, {"in_memory": True})
        sheet = book.add_worksheet()
        for row, values in enumerate([("№", "ФИО", "Первичный балл", "Отметка"), (1, self.p5.name, 18, 4)]):
            for col, value in enumerate(values):
                sheet.write(row, col, value)
        book.close()
        wizard = self.protocol(False, data_file=base64.b64encode(stream.getvalue()), file_name="protocol.xlsx")
        wizard.action_preview()
        self.assertEqual((wizard.ok_count, wizard.error_count), (1, 0))
        wizard.action_confirm()
        self.assertEqual((self.exams().value, self.exams().exam_primary_score), ("4", 18))

    def test_rule2_oge_result_enters_after_iv_quarter_is_closed_but_not_after_the_year_is_closed(self):
        self.close(self.quarters[-1])
        self.assertEqual(self.quarters[-1].state, "closed")
        self.protocol("%s;25;5\n" % self.p5.name).action_confirm()
        self.assertEqual(self.exams().value, "5")
        self.close(self.year_period)
        wizard = self.protocol("%s;25;5\n%s;14;3\n" % (self.p5.name, self.p2.name))
        with self.assertRefused(UserError, "закрыт"):
            wizard.action_confirm()
        self.assertEqual(len(self.exams()), 1)

    def test_rule2_oge_protocol_rights_admin_and_subject_teacher_yes_deputy_and_other_teachers_no(self):
        text = "%s;25;5\n" % self.p5.name
        for user in (self.deputy, self.teacher, self.class_teacher):
            with self.assertRefused(AccessError, "администратор школы или учитель предмета"):
                self.protocol(text, user=user).action_preview()
        self.assertFalse(self.exams())
        self.protocol(text, user=self.alg_teacher).action_confirm()
        self.assertEqual(self.exams().value, "5")
        self.assertEqual(self.exams().teacher_id, self.alg_teacher)
        self.protocol("%s;14;3\n" % self.p2.name, user=self.admin).action_confirm()
        self.assertEqual(len(self.exams()), 2)
        # the primary score belongs to the exam grade only
        year = self.PeriodGrade.search([("kind", "=", "year"), ("student_id", "=", self.p5.id),
                                        ("subject_id", "=", self.alg.id), ("academic_year_id", "=", self.year.id)])
        with self.assertRefused(ValidationError, "только у экзаменационной"):
            year.write({"exam_primary_score": 10})

    def test_rule2_oge_protocol_sample_file_is_served_and_reads(self):
        from ..controllers.import_samples import FOLDER, SAMPLES
        from ..wizards.exam_protocol_import import parse_rows
        self.assertIn(("oge_protocol.csv", "Протокол ОГЭ по предмету"), SAMPLES["school.exam.protocol.import"])
        with open(FOLDER + "/oge_protocol.csv", "rb") as sample:
            rows = parse_rows(sample.read())
        self.assertEqual(rows[0], (2, "Иванов Иван Иванович", "27", "5"))


class TestDemoOge(DemoSchoolCase):
    """The demo school (DemoSchoolCase): 9А's ОГЭ with one retake, 1А without marks."""

    def test_demo_9a_has_oge_results_in_algebra_and_russian_with_one_retake_waiting(self):
        PeriodGrade = self.env["school.period.grade"]
        roster = self.class_9a._get_roster("2026-12-01")
        for code in ("alg", "rus"):
            subject = self.env.ref(MODULE + ".subject_" + code)
            exams = PeriodGrade.search([("class_id", "=", self.class_9a.id), ("subject_id", "=", subject.id),
                                        ("kind", "=", "exam")])
            self.assertEqual(exams.mapped("student_id"), roster, code)
            self.assertTrue(all(exams.mapped("exam_primary_score")), code)
        exams = PeriodGrade.search([("class_id", "=", self.class_9a.id), ("kind", "=", "exam")])
        failed = exams.filtered(lambda g: g.value == "2")
        self.assertEqual(len(failed), 1, "one retake")
        self.assertEqual(failed.subject_id, self.env.ref(MODULE + ".subject_alg"))
        finals = PeriodGrade.search([("class_id", "=", self.class_9a.id), ("kind", "=", "final")])
        waiting = finals.filtered("waiting_retake")
        self.assertEqual(waiting.student_id, failed.student_id)
        self.assertFalse(waiting.value)
        self.assertTrue(all((finals - waiting).mapped("value")))

    def test_demo_first_grade_has_no_marks(self):
        self.assertFalse(self.env["school.grade"].search_count([("class_id", "=", self.class_1a.id)]))
        self.assertFalse(self.env["school.period.grade"].search_count([("class_id", "=", self.class_1a.id),
                                                                       ("value", "in", ("2", "3", "4", "5"))]))
        self.assertTrue(self.env["school.lesson"].search_count([("class_id", "=", self.class_1a.id)]))


class TestRule12And2InTheRegulation(DemoSchoolCase):
    def test_rule12_and_the_oge_protocol_are_printed_in_the_regulation(self):
        report = self.env.ref(MODULE + ".action_report_school_regulation")
        html = report.render_qweb_html(self.env.ref("base.main_company").ids)[0].decode("utf-8")
        text = " ".join(html.split())
        self.assertIn("в возрасте от 14 до 18 лет — сам обучающийся вместе с законным представителем "
                      "(ст. 26 ГК РФ), в согласии отмечаются обе подписи", text)
        self.assertIn("Согласие без нужной подписи не принимается", text)
        self.assertIn("предоставляются только при действующем согласии", text)
        self.assertIn("ведётся независимо от согласия", text)
        self.assertIn("Результаты ОГЭ (отметка и первичный балл) вносятся по протоколу предмета", text)
