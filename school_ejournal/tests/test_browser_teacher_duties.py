"""The subject teacher's duties beyond the lesson, clicked in headless Chromium as a
person does (tests/browser.py), each with its result asserted in the
database: period grades suggested, one changed with a reason and confirmed; a
comment on a mark and on the homework; the gradebook of his class printed to
Excel; a message on a pupil's card."""
import json

import odoo

from .browser import BrowserCase
from .test_browser_lesson import lesson_of_25

MODULE = "school_ejournal"

# the print's download is recorded, not made (headless Chromium keeps no files)
RECORD_DOWNLOAD = """
    var session = odoo.__DEBUG__.services['web.session'];
    session.get_file = function (options) {
        window.schoolDownload = options.data;
        if (options.complete) { options.complete(); }
        return true;
    };"""


class TeacherCase(BrowserCase):
    def setUp(self):
        super(TeacherCase, self).setUp()
        ref = self.env.ref
        self.teacher = ref(MODULE + ".user_teacher")
        self.class_5a = ref(MODULE + ".demo_class_5a")
        self.math = self.env["school.subject"].search([("name", "=", "Математика")], limit=1)
        self.q1 = self.env["school.period"].search([("kind", "=", "quarter"), ("number", "=", 1),
                                                    ("academic_year_id", "=", self.class_5a.academic_year_id.id)],
                                                   limit=1)
        self.assertTrue(self.q1, "the demo has the I quarter of 5А's year")

    def row_of(self, text):
        return self.wait(lambda: [r for r in self.visible(".o_list_view tr.o_data_row") if text in r.text],
                         "the row of %s" % text)[0]


class TestTeacherDuties(TeacherCase):
    def test_period_grades_suggested_one_changed_with_a_reason_and_confirmed(self):
        from selenium.webdriver.support.ui import Select
        PeriodGrade = self.env["school.period.grade"]
        domain = [("period_id", "=", self.q1.id), ("class_id", "=", self.class_5a.id),
                  ("subject_id", "=", self.math.id)]
        PeriodGrade.search(domain).filtered(lambda g: g.state == "confirmed").action_reset_draft()
        PeriodGrade.search(domain).unlink()
        q1_name, class_name, subject_name = self.q1.name, self.class_5a.name, self.math.name
        self.login("teacher")
        self.menu("menu_journal_period_grades_suggest")
        self.pick("period_id", q1_name)
        self.pick("class_id", class_name)
        self.pick("subject_id", subject_name)
        self.click_text(".modal-footer button", "Предложить оценки")
        self.wait_css(".o_list_view tr.o_data_row")

        self.fresh()
        grades = PeriodGrade.search(domain)
        self.assertTrue(grades, "the suggestion made the quarter's grades of 5А, Математика")
        self.assertEqual(set(grades.mapped("state")), {"draft"})
        changed = grades.filtered(lambda g: g.suggested_value in ("3", "4", "5"))[:1]
        self.assertTrue(changed, "a pupil with a numeric suggestion")
        new = "4" if changed.suggested_value != "4" else "5"
        name, reason = changed.student_id.display_name, "Контрольная работа написана на отлично"
        # the row opens for editing, the grade is chosen, the reason typed, «Утвердить» on the row
        row = self.row_of(name)
        self.click(row.find_element("css selector", "td.o_data_cell"))
        select = self.wait_css("tr.o_selected_row select.o_field_widget[name='value'], "
                               "tr.o_selected_row .o_field_widget[name='value'] select")
        self.click(select)
        Select(select).select_by_visible_text(new)
        self.clicks += 1
        self.type_field("override_comment", reason)
        self.click_css("tr.o_selected_row button[title='Утвердить']")
        self.wait_idle()
        self.report("period grades: suggested, one changed with a reason, confirmed", max_clicks=14, max_keys=80)

        self.fresh()
        self.assertEqual((changed.value, changed.suggested_value != new, changed.override_comment, changed.state),
                         (new, True, reason, "confirmed"))
        self.assertEqual(changed.confirm_uid, self.teacher)
        self.assertEqual(set((grades - changed).mapped("state")), {"draft"})

    def test_comment_on_a_mark_and_on_the_homework(self):
        lesson, _line = lesson_of_25(self.env)
        facts = {"today": lesson.date == odoo.fields.Date.context_today(lesson),
                 "class": lesson.class_id.name, "subject": lesson.subject_id.name,
                 "date": "%s.%s.%s" % tuple(reversed(lesson.date.split("-")))}
        mark_comment, homework_comment = "Устный ответ у доски", "Повторить правило на стр. 56"
        self.login("teacher")
        self.menu("menu_journal_today" if facts["today"] else "menu_journal_lessons")
        self.click(self.wait(lambda: [r for r in self.visible(".o_list_view tr.o_data_row")
                                      if facts["class"] in r.text and facts["subject"] in r.text
                                      and facts["date"] in r.text], "the lesson in the list")[0])
        self.wait_css(".o_form_view.o_form_editable .o_school_roster")
        # the first pupil: a mark by key, its comment in the row's comment box
        first = self.wait_css(".o_school_roster tr.o_roster_row")
        pupil = int(first.get_attribute("data-id"))
        self.click(first.find_element("css selector", ".o_roster_name"))
        self.type(self.driver.switch_to.active_element, "5")
        self.wait_idle()
        box = self.wait_css(".o_school_roster tr.o_roster_row[data-id='%s'] input[data-field='grade_comment']" % pupil)
        self.click(box)
        self.type(box, mark_comment)
        # the homework's comment on its tab
        self.click_text(".o_notebook .nav-tabs a", "Домашнее задание")
        self.type_field("homework_comment", homework_comment)
        self.click_css(".o_form_button_save")
        self.wait(lambda: self.visible(".o_form_view.o_form_readonly") or self.visible(
            ".modal .o_dialog_warning, .modal .o_error_detail, .o_notification.o_error"), "the save")
        self.wait_idle()
        self.report("comment on a mark and on the homework", max_clicks=8, max_keys=60)

        self.fresh()
        row = self.env["school.attendance"].browse(pupil)
        grade = lesson.grade_ids.filtered(lambda g: g.student_id == row.student_id)
        self.assertEqual((grade.value, grade.comment), ("5", mark_comment))
        self.assertEqual(lesson.homework_comment, homework_comment)

    def test_prints_the_gradebook_of_his_class_and_subject(self):
        wizard_model = "school.report.gradebook.wizard"
        names = self.q1.name, self.class_5a.name, self.math.name
        self.login("teacher")
        self.driver.execute_script(RECORD_DOWNLOAD)
        self.menu("menu_report_gradebook")
        self.pick("class_id", names[1])
        self.pick("subject_id", names[2])
        self.pick("period_id", names[0])
        self.click_text(".modal-footer button", "Журнал предмета за период")
        asked = self.wait(lambda: self.driver.execute_script("return window.schoolDownload"), "the print")
        self.assertNoError()
        self.report("gradebook of 5А, Математика, I quarter to Excel", max_clicks=8, max_keys=30)
        url, kind = json.loads(asked["data"])
        self.assertEqual(kind, "xlsx")
        self.assertTrue(url.startswith("report/xlsx/school_ejournal.xlsx_gradebook/"), url)
        # the request the download makes, with the teacher's session: an XLSX comes back
        answer = self.driver.execute_async_script("""
            var done = arguments[arguments.length - 1];
            fetch('/' + arguments[0], {credentials: 'same-origin'}).then(function (r) {
                return r.arrayBuffer().then(function (body) {
                    done([r.status, r.headers.get('content-type'), body.byteLength,
                          String.fromCharCode.apply(null, new Uint8Array(body.slice(0, 2)))]);
                });
            }, function (e) { done([0, String(e), 0, '']); });""", url)
        self.assertEqual(answer[0], 200, answer)
        self.assertIn("spreadsheetml", answer[1] or "")
        self.assertEqual(answer[3], "PK", "an XLSX (a zip) came back")
        self.fresh()
        wizard = self.env[wizard_model].browse(int(url.rsplit("/", 1)[1]))
        self.assertEqual((wizard.class_id, wizard.subject_id, wizard.period_id, wizard.create_uid),
                         (self.class_5a, self.math, self.q1, self.teacher))

    def test_message_to_the_parents_of_a_pupil_he_teaches(self):
        """The subject teacher's own path: «Журнал → Сообщение родителям» (the
        chatter's «Отправить сообщение» on a pupil's card is refused to him: posting
        there needs the right to change the card, a class teacher's)."""
        pupil = self.class_5a._get_roster(odoo.fields.Date.context_today(self.class_5a))[:1]
        subject, text = "Домашние задания", "Прошу проверить домашние задания по математике."
        last_name, name = pupil.last_name, pupil.name
        self.login("teacher")
        self.menu("menu_journal_parent_message")
        self.pick("class_id", self.class_5a.name)
        self.pick("student_ids", last_name, name)
        self.type_field("subject", subject)
        self.click(self.wait_css(".o_field_widget[name='body'] .note-editable, .o_field_widget[name='body'] textarea"))
        # the HTML editor takes the text as an input method gives it (see test_browser_daily)
        self.driver.execute_cdp_cmd("Input.insertText", {"text": text})
        self.keys += len(text)
        self.click_text(".modal-footer button", "Отправить")
        self.wait(lambda: not self.visible(".modal-footer") or self.visible(".modal .o_dialog_warning, "
                                                                           ".modal .o_error_detail"), "the send")
        self.assertNoError()
        self.report("teacher's message to the parents of a pupil", max_clicks=10, max_keys=80)
        self.fresh()
        messages = self.env["mail.message"].search([("model", "=", "school.student"), ("res_id", "=", pupil.id),
                                                    ("subject", "=", subject)])
        self.assertEqual(len(messages), 1, "the message is in the pupil's chatter")
        self.assertIn("домашние задания по математике", messages.body)
        self.assertEqual(messages.author_id, self.teacher.partner_id)
