"""Staff, logins, passwords and imports in a real browser (tests/browser.py),
with ORM twins of the refusals:

- the school admin creates a teacher with «Создать» and imports staff from a CSV
  in Школа → Сотрудники, and may give the journal's staff roles only;
- the class teacher issues logins for his class from the menu «Выдача доступа»,
  and a second click on the printed wizard resets nothing;
- a parent changes his one-time password in the portal; a portal user sent to
  /web lands in the portal; a teacher changes his own password in Preferences;
- pupils are imported from a «;»-separated file with ДД.ММ.ГГГГ dates with the
  options the import screen sends by default."""
import os
import tempfile
import time

import odoo
from odoo.exceptions import AccessError
from odoo.tests.common import TransactionCase

from .browser import BrowserCase

MODULE = "school_ejournal"


def write_temp(case, name, text, encoding="utf-8"):
    folder = tempfile.mkdtemp(prefix="ejournal-import-")
    path = os.path.join(folder, name)
    with open(path, "w", encoding=encoding) as out:
        out.write(text)
    case.addCleanup(lambda: (os.remove(path), os.rmdir(folder)))
    return path


def import_file(case, path):
    """«Импорт» in a list: the file, then «Импорт» with the screen's default options."""
    case.click_css(".o_button_import")
    upload = case.wait(lambda: case.driver.find_elements("css selector", "input.oe_import_file"), "the file input")[0]
    upload.send_keys(path)  # the file dialog: one pick
    case.clicks += 1
    case.wait(lambda: case.visible("table.oe_import_grid .oe_import_grid-row") or case.visible(".oe_import_report_error"),
              "the preview")
    case.assertFalse(case.visible(".oe_import_report_error"), [e.text for e in case.visible(".oe_import_report_error")])
    case.click_css(".o_import_import")
    case.wait(lambda: case.visible(".o_list_view") or case.visible(".oe_import_report_error"),
              "the end of the import")
    case.assertFalse(case.visible(".oe_import_report_error"), [e.text for e in case.visible(".oe_import_report_error")])


class TestSchoolAdminAddsStaff(BrowserCase):
    def test_school_admin_creates_a_teacher_and_imports_staff(self):
        self.login("school_admin")
        self.menu("menu_school_staff")
        self.wait_css(".o_list_view")
        self.click_css(".o_list_button_add")
        self.type_field("name", "Захарова Нина Павловна")
        self.type_field("login", "zakharova")
        self.type_field("function", "Учитель химии")
        self.click_css(".o_form_button_save")
        self.wait_saved()
        self.fresh()
        user = self.env["res.users"].search([("login", "=", "zakharova")])
        self.assertEqual(user.name, "Захарова Нина Павловна")
        self.assertTrue(user.has_group(MODULE + ".group_teacher"))
        for xmlid in ("base.group_system", "base.group_erp_manager", MODULE + ".group_school_admin",
                      MODULE + ".group_deputy"):
            self.assertFalse(user.has_group(xmlid), xmlid)
        self.assertFalse(user.share)
        self.report("staff: a teacher created", max_clicks=7, max_keys=60)

        path = write_temp(self, "сотрудники.csv",
                          '"ФИО";"Логин";"Email";"Должность";"Роль в журнале"\n'
                          '"Орлова Анна Игоревна";"orlova";"orlova@school.example";"Учитель музыки";"Учитель"\n'
                          '"Фомин Илья Сергеевич";"fomin";"";"Учитель физики";"Классный руководитель"\n')
        self.menu("menu_school_staff")
        self.wait_css(".o_list_view")
        import_file(self, path)
        self.fresh()
        users = {u.login: u for u in self.env["res.users"].search([("login", "in", ["orlova", "fomin"])])}
        self.assertEqual(set(users), {"orlova", "fomin"})
        self.assertEqual(users["orlova"].function, "Учитель музыки")
        self.assertTrue(users["fomin"].has_group(MODULE + ".group_class_teacher"))
        self.assertFalse(users["fomin"].has_group(MODULE + ".group_school_admin"))
        self.report("staff: 2 imported from a CSV", max_clicks=5, max_keys=0)


class TestStaffRightsServerSide(TransactionCase):
    """What the school admin may not give, and who may not create staff."""

    def setUp(self):
        super(TestStaffRightsServerSide, self).setUp()
        self.admin = self.env.ref(MODULE + ".user_school_admin")
        self.teacher = self.env.ref(MODULE + ".user_teacher")
        self.Users = self.env["res.users"].sudo(self.admin)

    def test_school_admin_creates_and_edits_a_teacher(self):
        user = self.Users.create({"name": "Лосева Вера", "login": "loseva", "school_role": "class_teacher"})
        self.assertTrue(user.has_group(MODULE + ".group_class_teacher"))
        user.sudo(self.admin).write({"function": "Учитель биологии", "school_role": "deputy"})
        self.assertTrue(user.has_group(MODULE + ".group_deputy"))
        user.sudo(self.admin).write({"active": False})
        self.assertFalse(user.active)

    def test_school_admin_gives_no_settings_or_technical_rights(self):
        system = self.env.ref("base.group_system")
        for vals in ({"groups_id": [(4, system.id)]},
                     {"groups_id": [(4, self.env.ref("base.group_erp_manager").id)]},
                     {"school_role": "school_admin"}, {"school_role": "parent"},
                     {"in_group_%s" % system.id: True}, {"partner_id": self.env.ref("base.partner_root").id}):
            with self.assertRaises(AccessError, msg=vals):
                with self.env.cr.savepoint():
                    self.teacher.sudo(self.admin).write(dict(vals))
            with self.assertRaises(AccessError, msg=vals):
                with self.env.cr.savepoint():
                    self.Users.create(dict(vals, name="Взломщик", login="intruder"))
        self.assertFalse(self.teacher.has_group("base.group_system"))
        self.assertFalse(self.env["res.users"].search([("login", "=", "intruder")]))

    def test_school_admin_gives_himself_nothing_and_edits_nobody_above(self):
        for target in (self.admin, self.env.ref("base.user_root"), self.env.ref(MODULE + ".user_deputy").copy(
                {"login": "deputy2", "groups_id": [(4, self.env.ref("base.group_erp_manager").id)]})):
            for vals in ({"groups_id": [(4, self.env.ref("base.group_system").id)]}, {"login": "x-%s" % target.id}):
                with self.assertRaises(AccessError):
                    with self.env.cr.savepoint():
                        target.sudo(self.admin).write(vals)
        self.assertFalse(self.admin.has_group("base.group_system"))
        # his own preferences stay his
        self.admin.sudo(self.admin).write({"tz": "Europe/Moscow", "signature": "<p>С уважением</p>"})

    def test_teacher_creates_no_staff(self):
        with self.assertRaises(AccessError):
            self.env["res.users"].sudo(self.teacher).create({"name": "Новый", "login": "newbie"})
        with self.assertRaises(AccessError):
            self.env.ref(MODULE + ".user_class_teacher").sudo(self.teacher).write({"function": "Завуч"})


def password_hashes(env, users):
    env.cr.execute("SELECT id, password_crypt FROM res_users WHERE id IN %s", (tuple(users.ids) or (0,),))
    return dict(env.cr.fetchall())


class TestClassTeacherIssuesLogins(BrowserCase):
    def class_users(self, school_class):
        pupils = school_class._get_roster(odoo.fields.Date.context_today(school_class))
        return pupils, pupils.mapped("user_id")

    def only_pupils(self):
        """The demo's parent of 5А has a child in another class too: her password is
        the school admin's to reset, so the class teacher issues the pupils' logins."""
        self.click_css(".modal .o_field_widget[name='include_parents'] input")

    def issue_and_wait_for_the_slip(self, pupils):
        """The button opens the slips in a new tab; the logins exist once it has loaded."""
        main = self.driver.current_window_handle
        handles = len(self.driver.window_handles)
        self.click_text(".modal-footer button", "Выдать доступ и напечатать")
        self.wait(lambda: len(self.driver.window_handles) > handles, "the slip's tab")

        # the tab shows the slips once the logins are issued (the database is not read
        # meanwhile: the server's request holds the test cursor)
        tab = [h for h in self.driver.window_handles if h != main][-1]
        self.driver.switch_to.window(tab)
        deadline = time.time() + 300
        while time.time() < deadline:
            time.sleep(1)
            if "access_slip" in self.driver.current_url and self.driver.execute_script(
                    "return document.readyState") == "complete" and "Реквизиты" in self.driver.title + self.text():
                break
        self.driver.switch_to.window(main)
        self.fresh()
        # a login is an optional e-service: only pupils with a consent in force get one
        without = pupils.filtered(lambda p: p.consent_state != "given")
        self.assertFalse(without.filtered("user_id"), "a pupil without a consent got a login")
        pupils = pupils - without
        if not all(p.user_id for p in pupils):
            tab = [h for h in self.driver.window_handles if h != main][-1]
            self.driver.switch_to.window(tab)
            self.fail("the slip's tab %s says: %s" % (self.driver.current_url, self.text()[:500]))
        for handle in self.driver.window_handles:
            if handle != main:
                self.driver.switch_to.window(handle)
                self.driver.close()
        self.driver.switch_to.window(main)
        self.wait_idle()

    def test_class_teacher_issues_logins_for_his_class_from_the_menu(self):
        school_class = self.env.ref(MODULE + ".demo_class_5a")
        pupils, _users = self.class_users(school_class)
        self.login("class_teacher")
        self.menu("menu_class_teacher_logins")
        self.wait_css(".modal .o_form_view")
        field = self.wait_css(".modal .o_field_widget[name='class_id'] input")
        if field.get_attribute("value") != school_class.name:
            self.pick("class_id", school_class.name)
        parents = self.env["school.student.guardian"].search([
            ("student_id", "in", pupils.ids), ("is_legal_representative", "=", True)]).mapped("partner_id")
        self.wait(lambda: self.wait_css(".modal .o_field_widget[name='people_count']").text.strip() == str(
            len(pupils) + len(parents)), "the number of logins to issue (%s)" % (len(pupils) + len(parents)))
        self.only_pupils()
        expected = str(len(pupils))
        self.wait(lambda: self.wait_css(".modal .o_field_widget[name='people_count']").text.strip() == expected,
                  "the number of logins to issue (%s)" % expected)
        self.issue_and_wait_for_the_slip(pupils)
        self.report("logins: a class from the menu", max_clicks=4, max_keys=0)

        # a second click resets nothing: the wizard shows it is done, or a click on a
        # button still shown is refused with the reason (never a silent reset)
        hashes = password_hashes(self.env, pupils.mapped("user_id"))
        again = [b for b in self.visible(".modal-footer button") if "Выдать" in b.text]
        if again:
            again[0].click()
            self.wait(lambda: "уже выдан" in " ".join(d.text for d in self.visible(".modal")),
                      "the refusal of a second issue")
        else:
            self.wait(lambda: "Доступ выдан" in self.wait_css(".modal").text, "the done state")
        self.fresh()
        self.assertEqual(password_hashes(self.env, pupils.mapped("user_id")), hashes)

    def test_old_path_through_the_class_list(self):
        """Issuing logins through Мой класс → Ученики → select all → Действие → Выдать доступ."""
        school_class = self.env.ref(MODULE + ".demo_class_5a")
        pupils, _users = self.class_users(school_class)
        self.login("class_teacher")
        self.menu("menu_class_teacher_students")
        self.wait_css(".o_list_view")
        self.click_css(".o_list_view thead .o_list_record_selector input")
        self.click_text(".o_cp_sidebar .btn", "Действие")
        self.click_text(".o_cp_sidebar .dropdown-menu a", "Выдать доступ")
        self.wait_css(".modal .o_form_view")
        self.only_pupils()
        self.issue_and_wait_for_the_slip(pupils)
        self.report("logins: a class through the pupils' list")


class TestPortalPassword(BrowserCase):
    def portal_login(self, login, password=None):
        self.cr.commit()
        self.driver.get(self.base + "/web/login")
        self.driver.find_element("name", "login").send_keys(login)
        self.driver.find_element("name", "password").send_keys(password or login)
        self.driver.find_element("css selector", "form.oe_login_form button[type=submit]").click()
        self.wait(lambda: "/my" in self.driver.current_url, "the portal")
        self.clicks, self.keys = 0, 0

    def fill(self, name, text):
        element = self.wait_css("input[name='%s']" % name)
        element.clear()
        self.type(element, text)

    def test_parent_changes_the_one_time_password_in_the_portal(self):
        parent = self.env.ref(MODULE + ".user_parent")
        self.portal_login("parent")
        # sent to the back office, he lands in his diary
        self.driver.get(self.base + "/web")
        self.wait(lambda: "/my" in self.driver.current_url, "the portal instead of /web")
        self.assertNotIn("Only employee", self.text())
        self.click_css("a[href='/my/password']")
        # refusals first: wrong old password, too short, not repeated alike
        for old, new, again, error in (("не тот", "Лето-2026-года", "Лето-2026-года", "Текущий пароль"),
                                       ("parent", "short", "short", "не короче"),
                                       ("parent", "Лето-2026-года", "Осень-2026-года", "не совпадают")):
            self.fill("old_password", old)
            self.fill("new_password", new)
            self.fill("confirm_password", again)
            self.click_css("form.o_school_password button[type=submit]")
            self.wait(lambda: error in self.text(), "«%s»" % error)
            self.assertNotIn("Traceback", self.text())
        self.clicks = self.keys = 0
        self.fill("old_password", "parent")
        self.fill("new_password", "Лето-2026-года")
        self.fill("confirm_password", "Лето-2026-года")
        self.click_css("form.o_school_password button[type=submit]")
        self.wait(lambda: "Пароль изменён" in self.text(), "the confirmation")
        self.report("portal: one-time password changed", max_clicks=2, max_keys=40)
        uid = self.registry["res.users"].authenticate(self.env.cr.dbname, "parent", "Лето-2026-года", {})
        self.assertEqual(uid, parent.id)
        self.assertFalse(self.registry["res.users"].authenticate(self.env.cr.dbname, "parent", "parent", {}))


class TestTeacherChangesHisPassword(BrowserCase):
    def test_teacher_changes_a_compromised_password_in_preferences(self):
        teacher = self.env.ref(MODULE + ".user_teacher")
        self.login("teacher")
        self.click_css(".o_user_menu > a, .o_user_menu .dropdown-toggle")
        self.click_css(".o_user_menu a[data-menu='settings']")
        self.wait_css(".modal .o_form_view")
        self.click_text(".modal button", "Сменить пароль")
        for name, text in (("old_pwd", "teacher"), ("new_password", "Новый-пароль-2026"),
                           ("confirm_pwd", "Новый-пароль-2026")):
            self.type(self.wait_css(".modal input[name='%s']" % name), text)
        # the web client logs out after the change: the page goes away under the click
        button = self.wait(lambda: [b for b in self.visible(".modal button") if b.text.strip() == "Изменить пароль"],
                           "«Изменить пароль»")[0]
        button.click()
        self.clicks += 1
        self.wait(lambda: "/web/login" in self.driver.current_url, "the login page after the change")
        self.report("teacher: own password changed", max_clicks=5, max_keys=45)
        uid = self.registry["res.users"].authenticate(self.env.cr.dbname, "teacher", "Новый-пароль-2026", {})
        self.assertEqual(uid, teacher.id)


PUPILS_CSV = ('Фамилия;Имя;Отчество;Дата рождения;Пол;Класс зачисления;Дата зачисления\n'
              'Ушакова;Дарья;Петровна;14.03.2015;Женский;5А;01.09.2026\n'
              'Тимофеев;Глеб;Ильич;02.11.2014;Мужской;5А;01.09.2026\n')


class TestImportInRussianHabits(BrowserCase):
    def test_pupils_from_a_semicolon_file_with_russian_dates(self):
        path = write_temp(self, "ученики.csv", PUPILS_CSV)
        self.login("school_admin")
        self.menu("menu_school_students")
        self.wait_css(".o_list_view")
        import_file(self, path)
        self.fresh()
        pupil = self.env["school.student"].search([("last_name", "=", "Ушакова"), ("first_name", "=", "Дарья")])
        self.assertEqual(len(pupil), 1)
        self.assertEqual(pupil.birth_date, "2015-03-14")
        self.assertEqual(pupil.movement_ids.date, "2026-09-01")
        self.assertEqual(pupil.current_class_id, self.env.ref(MODULE + ".demo_class_5a"))
        self.report("import: 2 pupils from a «;» file", max_clicks=5, max_keys=0)


# the options the import screen sends when nobody touched them
WEB_DEFAULTS = {"headers": True, "separator": ",", "quoting": '"', "encoding": "utf-8", "date_format": "",
                "datetime_format": "", "float_thousand_separator": ",", "float_decimal_separator": ".",
                "fields": []}


class TestImportServerSide(TransactionCase):
    def _wizard(self, content, model="school.student"):
        return self.env["base_import.import"].with_context(lang="ru_RU").create(
            {"res_model": model, "file": content, "file_name": "import.csv", "file_type": "text/csv"})

    def _run(self, content, model="school.student"):
        wizard = self._wizard(content, model)
        preview = wizard.parse_preview(dict(WEB_DEFAULTS))
        self.assertNotIn("error", preview, preview.get("error"))
        fields = ["/".join(preview["matches"][i]) if preview["matches"].get(i) else False
                  for i in range(len(preview["headers"]))]
        # the client sends back its own options, not the preview's
        return preview, wizard.do(fields, dict(WEB_DEFAULTS))

    def test_semicolon_and_dates_are_detected(self):
        preview, messages = self._run(PUPILS_CSV.encode("utf-8"))
        self.assertEqual(len(preview["headers"]), 7)
        self.assertEqual(preview["options"]["date_format"], "%d.%m.%Y")
        self.assertFalse([m for m in messages if m["type"] == "error"], messages)
        pupil = self.env["school.student"].search([("last_name", "=", "Тимофеев")])
        self.assertEqual(pupil.birth_date, "2014-11-02")

    def test_windows_1251_file(self):
        preview, messages = self._run(PUPILS_CSV.encode("cp1251"))
        self.assertFalse([m for m in messages if m["type"] == "error"], messages)
        self.assertTrue(self.env["school.student"].search([("last_name", "=", "Ушакова")]))

    def test_errors_are_russian_without_python_text(self):
        bad = PUPILS_CSV.replace("02.11.2014", "31.02.2014").encode("utf-8")
        preview, messages = self._run(bad)
        errors = [m["message"] for m in messages if m["type"] == "error"]
        self.assertTrue(errors)
        self.assertIn("31.02.2014", errors[0])
        self.assertIn("ДД.ММ.ГГГГ", errors[0])
        for python in ("does not match", "time data", "Traceback", "%d"):
            self.assertNotIn(python, errors[0])
        self.assertFalse(self.env["school.student"].search([("last_name", "=", "Ушакова")]))
        preview = self._wizard(b"\x00\x01binary").parse_preview(dict(WEB_DEFAULTS))
        self.assertIn("error", preview)
        self.assertRegex(preview["error"], "[А-Яа-я]")

    def test_samples_are_downloadable(self):
        from ..controllers.import_samples import SAMPLES
        self.assertIn("school.student", SAMPLES)
        self.assertIn("res.users", SAMPLES)
