"""Daily work in the back office (/web), in a real browser: headless Chromium
(Debian's `chromium` and `chromium-driver`, driven by Selenium, started as in
tests/test_portal_e2e.py) clicks the path a person uses and the result is
checked in the database. One browser per role:

- the teacher types a mark into «Журнал класса» (saved as typed);
- the class teacher creates a pupil, writes to the parents of chosen pupils and
  reads a consent signed by a parent;
- the school admin creates a pupil.

Each scenario counts its clicks and keys (self.clicks, self.keys), printed at
the end. The ORM twins of the browser checks (the exact commands the web client
sends) are in TestDailyServerSide below, without a browser; TestViewsTheWebClientCanRun
checks every view of the addon for what broke here in the browser only (Python
if/else in a client-side domain; a required, read-only field without a default
in a form that users fill in)."""
import re

import odoo
from odoo.exceptions import AccessError
from odoo.tests.common import TransactionCase

from .browser import BrowserCase


def gradebook_facts(env):
    """5А, Математика, I четверть of the demo school."""
    school_class = env.ref("school_ejournal.demo_class_5a")
    subject = env["school.subject"].search([("name", "=", "Математика")], limit=1)
    period = env["school.period"].search([("kind", "=", "quarter"), ("number", "=", 1),
                                          ("grade_level_ids", "in", school_class.grade_level_id.ids)], limit=1)
    return school_class, subject, period


def create_pupil(self, menu, last_name, first_name):  # noqa: N805 (a helper of BrowserCase)
    """«Создать» in the pupils' list: the names only, then «Сохранить»."""
    before = self.env["school.student"].search_count([])
    self.menu(menu)
    self.wait_css(".o_list_view")
    self.click_css(".o_list_button_add")
    self.type_field("last_name", last_name)
    self.type_field("first_name", first_name)
    self.click_css(".o_form_button_save")
    self.wait_saved()
    self.fresh()
    pupil = self.env["school.student"].search([("last_name", "=", last_name), ("first_name", "=", first_name)])
    self.assertEqual(len(pupil), 1, "the pupil is created")
    self.assertEqual(self.env["school.student"].search_count([]), before + 1)
    self.assertEqual(pupil.sudo().partner_id.name, "%s %s" % (last_name, first_name),
                     "his contact is made by the server from his names")
    self.report("pupil created")
    return pupil


class TestTeacherInBrowser(BrowserCase):
    def test_teacher_types_a_mark_into_the_class_grid_and_saves(self):
        school_class, subject, period = gradebook_facts(self.env)
        book = self.env["school.gradebook"].new({"class_id": school_class.id, "subject_id": subject.id,
                                                 "period_id": period.id})
        teacher = self.env.ref("school_ejournal.user_teacher")
        row = book._rows().filtered(lambda r: not r.cell and r.lesson_id.teacher_id == teacher)[:1]
        self.assertTrue(row, "the demo has an empty cell of the teacher in 5А, Математика, I четверть")

        self.login("teacher")
        self.menu("menu_journal_gradebook")
        self.pick("class_id", "5А")
        self.pick("subject_id", "Математика")
        self.pick("period_id", "I четверть", period.display_name)
        cell = self.wait_css("td[data-id='%s'] input" % row.id)
        # the grid opens on the current week: scroll to the lesson's day (not a click)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", cell)
        self.click(cell)
        self.type(cell, "5\n")  # Enter: the cell is saved, the next pupil's cell is active
        self.wait(lambda: not self.driver.find_elements("css selector", ".o_school_grid_saving"), "the save")
        self.wait_idle()
        self.assertNotIn("нельзя перенести", self.text())
        self.fresh()
        self.assertEqual(row.grade_ids.mapped("value"), ["5"], "the mark typed in the grid is saved")
        self.assertEqual(row.grade_ids.create_uid, teacher)
        self.report("grid: one mark saved")


class TestClassTeacherInBrowser(BrowserCase):
    def test_class_teacher_writes_to_parents_reads_a_consent_creates_a_pupil(self):
        school_class = self.env.ref("school_ejournal.demo_class_5a")
        pupils = school_class._get_roster(odoo.fields.Date.context_today(school_class))[:2]
        consent = self.env["school.pd.consent"].search([("signer_type", "=", "representative"),
                                                        ("student_id", "in", pupils.ids)], limit=1) or \
            self.env["school.pd.consent"].search([("signer_type", "=", "representative"),
                                                  ("student_class_id", "=", school_class.id)], limit=1)
        self.assertTrue(consent, "the demo has a consent of a parent in 5А")
        self.login("class_teacher")

        # «Сообщение родителям» to two chosen pupils of the class
        self.menu("menu_journal_parent_message")
        self.pick("class_id", "5А")
        for pupil in pupils:
            self.pick("student_ids", pupil.last_name, pupil.name)
        self.type_field("subject", "Экскурсия")
        body = self.wait_css(".o_field_widget[name='body'] .note-editable, .o_field_widget[name='body'] textarea")
        self.click(body)
        # the HTML editor puts the caret back to the start after each key sent by
        # the driver: the text goes in as typed text at once (as a keyboard's IME does)
        self.driver.execute_cdp_cmd("Input.insertText", {"text": "Завтра экскурсия в музей."})
        self.keys += len("Завтра экскурсия в музей.")
        self.click_text(".modal-footer button", "Отправить")
        self.wait(lambda: not self.visible(".modal-footer") or self.visible(".modal .o_dialog_warning, "
                                                                           ".modal .o_error_detail"), "the send")
        self.assertNoError()
        self.fresh()
        for pupil in pupils:
            messages = self.env["mail.message"].search([("model", "=", "school.student"), ("res_id", "=", pupil.id),
                                                        ("subject", "=", "Экскурсия")])
            self.assertEqual(len(messages), 1, "the message is in %s's chatter" % pupil.name)
            self.assertIn("экскурсия в музей", messages.body)
        self.report("message to the parents of 2 pupils")

        # the consent of a parent names the parent and the pupil
        self.menu("menu_class_teacher_consents")
        self.click(self.wait(lambda: [r for r in self.visible(".o_list_view tr.o_data_row")
                                      if consent.signer_name in r.text and consent.student_id.name in r.text],
                             "the consent in the list")[0])
        self.wait_css(".o_form_view")
        guardian = consent.guardian_id
        shown = "%s — %s" % (guardian.partner_id.name, guardian.student_id.name)
        self.wait(lambda: shown in self.text(), "«%s» on the consent form" % shown)
        self.assertNotIn("school.student.guardian,", self.text())
        self.report("consent of a parent opened")

        # a pupil through «Создать»: the contact is made by the server
        create_pupil(self, "menu_class_teacher_students", "Новикова", "Алиса")


class TestSchoolAdminInBrowser(BrowserCase):
    def test_school_admin_creates_a_pupil(self):
        self.login("school_admin")
        create_pupil(self, "menu_school_students", "Орлов", "Пётр")


class TestDailyServerSide(TransactionCase):
    """What the browser does, with the web client's own arguments."""

    def test_grid_saves_rows_sent_back_with_their_pupil(self):
        school_class, subject, period = gradebook_facts(self.env)
        teacher = self.env.ref("school_ejournal.user_teacher")
        Book = self.env["school.gradebook"].sudo(teacher)
        rows = Book.new({"class_id": school_class.id, "subject_id": subject.id,
                         "period_id": period.id})._rows()
        row = rows.filtered(lambda r: not r.cell and r.lesson_id.teacher_id == teacher)[:1]
        other = rows.filtered(lambda r: r.student_id != row.student_id)[:1]
        book = Book.create({"class_id": school_class.id, "subject_id": subject.id, "period_id": period.id})
        # the web client sends every row of the matrix back with its pupil (the y axis)
        commands = [(1, r.id, {"cell": "5" if r == row else r.cell, "student_id": r.student_id.id})
                    for r in rows.sudo(teacher)]
        book.write({"attendance_ids": commands})
        self.assertEqual(row.grade_ids.mapped("value"), ["5"])
        # the same value of the pupil and the lesson through write() is no move either
        row.sudo(teacher).write({"cell": "4", "student_id": row.student_id.id, "lesson_id": row.lesson_id.id})
        self.assertEqual(row.grade_ids.mapped("value"), ["4"])
        # another pupil is a move: refused, nothing written
        with self.assertRaisesRegex(AccessError, "задаётся при создании записи"):
            book.write({"attendance_ids": [(1, row.id, {"cell": "3", "student_id": other.student_id.id})]})
        with self.assertRaisesRegex(AccessError, "задаётся при создании записи"):
            row.sudo(teacher).write({"student_id": other.student_id.id})
        self.assertEqual(row.student_id, rows.filtered(lambda r: r == row).student_id)
        self.assertEqual(row.grade_ids.mapped("value"), ["4"])

    def test_pupil_created_without_contact_gets_one_and_a_sent_contact_is_refused(self):
        admin = self.env.ref("school_ejournal.user_school_admin")
        Students = self.env["school.student"].sudo(admin)
        pupil = Students.create({"last_name": "Орлов", "first_name": "Пётр"})
        self.assertEqual(pupil.sudo().partner_id.name, "Орлов Пётр")
        partner = self.env["res.partner"].create({"name": "Чужой контакт"})
        with self.assertRaises(AccessError):
            Students.create({"last_name": "Орлов", "first_name": "Павел", "partner_id": partner.id})

    def test_guardian_has_a_name_and_is_found_by_parent_or_pupil(self):
        cteacher = self.env.ref("school_ejournal.user_class_teacher")
        Guardians = self.env["school.student.guardian"].sudo(cteacher)
        link = Guardians.search([("student_class_id", "=", self.env.ref("school_ejournal.demo_class_5a").id)],
                                limit=1)
        self.assertTrue(link)
        name = "%s — %s" % (link.partner_id.name, link.student_id.name)
        self.assertEqual(link.display_name, name)
        self.assertEqual(link.name_get(), [(link.id, name)])
        for query in (link.partner_id.name, link.student_id.name, link.partner_id.name.split()[0]):
            self.assertIn(link.id, [i for i, _n in Guardians.name_search(query, limit=1000)], query)
        found = Guardians.name_search(link.student_id.name, args=[("student_id", "=", link.student_id.id)])
        self.assertTrue(found and all(n.endswith(link.student_id.name) for _i, n in found))
        self.assertNotIn(link.id, [i for i, _n in Guardians.name_search(link.partner_id.name, operator="not ilike",
                                                                          limit=1000)])


class TestViewsTheWebClientCanRun(TransactionCase):
    """Generic checks of every back-office view of the addon, for what only the
    web client trips over (the server accepts it)."""

    def _views(self):
        data = self.env["ir.model.data"].search([("module", "=", "school_ejournal"), ("model", "=", "ir.ui.view")])
        return self.env["ir.ui.view"].browse(data.mapped("res_id")).filtered(lambda v: v.type != "qweb")

    def test_no_python_if_else_or_comprehension_in_client_expressions(self):
        """The web client's evaluator (py.js) knows no «a if c else b» and no
        comprehensions: a domain, context or attrs with one crashes the form."""
        from lxml import etree
        bad = re.compile(r"\bif\b.*\belse\b|\bfor\b.*\bin\b", re.S)
        found, checked = [], 0
        for view in self._views():
            for node in etree.fromstring(view.arch_db.encode()).iter(tag=etree.Element):
                for attr in ("domain", "context", "attrs", "options", "filter_domain"):
                    value = node.get(attr)
                    if value:
                        checked += 1
                        if bad.search(value):
                            found.append("%s: <%s name=%s %s=%s>" % (view.xml_id, node.tag, node.get("name"),
                                                                     attr, value))
        for model in self.env["ir.model"].search([("model", "=like", "school.%")]):
            if model.model not in self.env.registry:
                continue
            for name, field in self.env[model.model]._fields.items():
                text = " ".join(v for v in (getattr(field, "domain", None), getattr(field, "context", None))
                                if isinstance(v, str))
                if text:
                    checked += 1
                    if bad.search(text):
                        found.append("%s.%s: %s" % (model.model, name, text))
        print("\nclient-side expressions checked: %s" % checked)
        self.assertGreater(checked, 50)
        self.assertFalse(found, "expressions the web client cannot evaluate:\n" + "\n".join(found))

    def test_no_form_asks_for_a_value_the_user_cannot_enter(self):
        """A field required and read-only in a form, without a default, blocks
        «Сохранить» with «Следующие поля заполнены неверно» (hidden or not)."""
        import json

        from lxml import etree
        found, checked = [], 0
        Access = self.env["ir.model.access"]
        for view in self._views().filtered(lambda v: v.type == "form" and not v.inherit_id):
            Model = self.env[view.model]
            arch = etree.fromstring(Model.fields_view_get(view.id, "form")["arch"].encode())
            if arch.get("create") in ("0", "false") or not Access.search_count([
                    ("model_id.model", "=", view.model), ("perm_create", "=", True), ("group_id", "!=", False)]):
                continue  # records the server makes: nobody fills this form in
            for node in arch.iter("field"):
                if any(a.tag == "field" for a in node.iterancestors()):
                    continue  # a field of a sub-view (x2many), another model
                modifiers = json.loads(node.get("modifiers") or "{}")
                field = Model._fields.get(node.get("name"))
                checked += 1
                if field and modifiers.get("required") is True and modifiers.get("readonly") is True \
                        and field.default is None and not field.compute:
                    found.append("%s: %s" % (view.xml_id, field.name))
        print("\nform fields checked: %s" % checked)
        self.assertGreater(checked, 100)
        self.assertFalse(found, "required but read-only, no default:\n" + "\n".join(found))
