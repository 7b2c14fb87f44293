"""The school's look, in Russian, in a real browser (headless Chromium):

- every menu entry a staff role has (its list, the form of the first record,
  its other views: pivot, graph, calendar, kanban), the user menu with
  «Настройки», and every portal page of the pupil and the parent: no Latin word
  outside an allow-list;
- no «Your logo», no Odoo.com entries in the user menu, the school's name in
  the menu; the login field says «Логин»;
- a refusal of the server comes in a dialog titled «Проверка» / «Нет доступа»,
  never «Odoo Server Error»; «Править»/«Удалить» are not offered on a journal
  record the user may not change;
- at tablet width (800 px) the teacher opens the menu and a lesson form without
  a sideways scroll of the page.
"""
import collections
import re
import time

from odoo.tests.common import TransactionCase

from .browser import BrowserCase, TIMEOUT

STAFF = ("school_admin", "deputy", "teacher", "class_teacher")
PORTAL = ("student", "parent")
# Latin words a Russian user may see: file kinds, codes, Roman numerals of periods,
# the names printed on the keyboard's keys
ALLOWED = {"PDF", "XLSX", "XLS", "CSV", "JSON", "ID", "URL", "SHA", "HTML", "ZIP", "SMS", "API",
           "IP", "QR", "UTC", "GMT", "MSK", "Excel", "Enter", "Esc", "Tab", "Shift", "Backspace"}
# what the school types is no word of the interface: English lessons have English
# topics, logins and the short codes of subjects and kinds of work are Latin
CONTENT = [("school_lesson", "topic"), ("school_lesson", "homework"), ("school_lesson", "homework_comment"),
           ("school_thematic_plan_line", "topic"), ("school_thematic_plan_line", "homework"),
           ("res_users", "login"), ("school_subject", "code"), ("school_work_kind", "code")]
ROMAN = re.compile(r"^[IVXLC]+$")
LATIN = re.compile(r"[A-Za-z][A-Za-z'’]*")
# what is no word: e-mail addresses, links, file names, technical codes
NOT_WORDS = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+|https?://\S+|www\.\S+|\b[\w.-]+(/[\w.-]+)+|\b[\w-]+\.(pdf|xlsx|xls|csv|json|png|jpg)\b"
                       r"|\b\w+(_\w+)+\b|\b\d+[A-Za-z]+\b|[A-Za-z]+\d[\w]*", re.I)


def latin_words(text, content=()):
    text = NOT_WORDS.sub(" ", text)
    return {w for w in LATIN.findall(text) if w not in ALLOWED and w not in content and not ROMAN.match(w)}


def content_words(cr):
    """The Latin words of the journal's typed content (topics, homework)."""
    words = set()
    for table, column in CONTENT:
        cr.execute("SELECT DISTINCT %s FROM %s WHERE %s ~ '[A-Za-z]'" % (column, table, column))
        for (value,) in cr.fetchall():
            words.update(LATIN.findall(NOT_WORDS.sub(" ", value)))
    return words


class LookCase(BrowserCase):
    def collect(self, where):
        """The visible text of the page (and its titles), Latin words noted per page."""
        self.wait_idle_quiet()
        text = self.driver.execute_script(
            "var t = document.body.innerText;"
            "document.querySelectorAll('input[placeholder]:not([type=hidden])').forEach(function (e) {"
            "  if (e.offsetParent) t += '\\n' + e.placeholder; });"
            "return t;")
        for word in latin_words(text, self.content):
            self.found[word].add(where)
        return text

    def wait_idle_quiet(self):
        time.sleep(0.3)
        deadline = time.time() + TIMEOUT
        while time.time() < deadline and self.visible(".o_loading"):
            time.sleep(0.1)

    def assertNoLatin(self):
        lines = ["%s: %s" % (w, ", ".join(sorted(p)[:3])) for w, p in sorted(self.found.items())]
        self.assertFalse(lines, "Latin words on the pages:\n" + "\n".join(lines))

    def setUp(self):
        super(LookCase, self).setUp()
        self.found = collections.defaultdict(set)
        self.content = content_words(self.cr)


class TestEveryPageInRussian(LookCase):
    def crawl_staff(self, login):
        user = self.env["res.users"].search([("login", "=", login)])
        menus = self.env["ir.ui.menu"].sudo(user).load_menus(False)
        self.env.ref("school_ejournal.menu_root")
        leaves = []

        def walk(menu):
            for child in menu["children"]:
                if child.get("action") and not child["children"]:
                    leaves.append(child)
                walk(child)
        walk(menus)
        self.assertTrue(leaves)
        self.login(login)
        self.collect("/web home")
        # the user menu and the preferences
        self.click_css(".o_user_menu > a")
        self.collect("user menu")
        self.click_css(".o_user_menu a[data-menu='settings']")
        self.wait_css(".modal .o_form_view")
        self.collect("preferences")
        self.click_css(".modal .modal-footer .btn-default, .modal .modal-footer .btn-secondary")
        seen = set()
        for leaf in leaves:
            model, action_id = leaf["action"].split(",")
            if (model, action_id) in seen or model not in ("ir.actions.act_window", "ir.actions.client"):
                continue
            seen.add((model, action_id))
            where = "%s: %s" % (login, leaf["name"])
            self.driver.get("%s/web?_=%s#menu_id=%s&action=%s" % (self.base, len(seen), leaf["id"], action_id))
            self.wait_css(".o_main_content .o_control_panel, .o_main_content .o_mail_chat, .o_main_content .o_content")
            self.collect(where)
            if model != "ir.actions.act_window":
                continue
            switches = [b.get_attribute("data-view-type") for b in self.visible(".o_cp_switch_buttons button")]
            rows = self.visible(".o_list_view:not(.o_editable_list) .o_data_row")
            if rows:
                rows[0].click()
                deadline = time.time() + 10  # a list without a form view opens nothing
                while time.time() < deadline and not self.visible(".o_form_view"):
                    time.sleep(0.2)
                if self.visible(".o_form_view"):
                    self.collect(where + " (form)")
            for kind in switches:
                if kind in ("list", "form") or not kind:
                    continue
                self.driver.get("%s/web?_=%s%s#menu_id=%s&action=%s&view_type=%s"
                                % (self.base, len(seen), kind, leaf["id"], action_id, kind))
                self.wait_css(".o_cp_switch_buttons button.active[data-view-type='%s']" % kind)
                self.collect(where + " (%s)" % kind)
        self.assertNoLatin()

    def test_school_admin(self):
        self.crawl_staff("school_admin")

    def test_deputy(self):
        self.crawl_staff("deputy")

    def test_teacher(self):
        self.crawl_staff("teacher")

    def test_class_teacher(self):
        self.crawl_staff("class_teacher")

    def crawl_portal(self, login):
        self.cr.commit()
        self.driver.get(self.base + "/web/login")
        self.driver.find_element("name", "login").send_keys(login)
        self.driver.find_element("name", "password").send_keys(login)
        self.driver.find_element("css selector", "form.oe_login_form button[type=submit]").click()
        self.wait(lambda: "/my" in self.driver.current_url, "the portal")
        todo, done = ["/my", "/my/home", "/my/account"], set()
        while todo and len(done) < 60:
            path = todo.pop(0)
            if path in done:
                continue
            done.add(path)
            self.driver.get(self.base + path)
            self.collect("%s: %s" % (login, path))
            for href in self.driver.execute_script(
                    "return Array.from(document.querySelectorAll('a[href]')).map(function (a) {"
                    "  return a.getAttribute('href'); });"):
                href = (href or "").split("#")[0]
                if re.match(r"^/(my|school_ejournal/help)(/|$|\?)", href) and "/download" not in href \
                        and "report" not in href and "pdf" not in href and href not in done:
                    todo.append(href)
        self.assertNoLatin()

    def test_student(self):
        self.crawl_portal("student")

    def test_parent(self):
        self.crawl_portal("parent")


class TestTheSchoolsLook(LookCase):
    def test_login_menu_and_the_schools_name(self):
        self.driver.get(self.base + "/web/login")
        label = self.wait_css("label[for='login']")
        self.assertEqual(label.text.strip(), "Логин")
        self.login("teacher")
        self.menu("menu_journal_lessons")
        company = self.env.ref("base.main_company")
        body = self.text()
        self.assertNotIn("Your logo", body)
        self.assertNotIn("Odoo", body)
        self.assertIn(company.name, self.wait_css(".o_sub_menu").text)
        # the placeholder image «Your logo» is not shown when the school has no emblem
        self.assertFalse(self.driver.find_elements("css selector", ".o_sub_menu img[src*='company_logo']")
                         if not company.logo else [])
        self.click_css(".o_user_menu > a")
        entries = [e.text.strip() for e in self.visible(".o_user_menu .dropdown-menu li a")]
        self.assertEqual(entries, ["Параметры", "Выход"])

    def test_portal_shows_the_schools_name_not_odoos_logo(self):
        company = self.env.ref("base.main_company")
        emblem = company.sudo()._school_emblem()
        self.cr.commit()
        self.driver.get(self.base + "/web/login")
        self.driver.find_element("name", "login").send_keys("parent")
        self.driver.find_element("name", "password").send_keys("parent")
        self.driver.find_element("css selector", "form.oe_login_form button[type=submit]").click()
        self.wait(lambda: "/my" in self.driver.current_url, "the portal")
        brand = self.wait_css(".navbar-brand")
        self.assertEqual(brand.text.strip(), company.name)
        # Odoo's default logo (the picture «Your logo») is never shown
        self.assertFalse(brand.find_elements("css selector", "img[src*='/web/image'], span[data-oe-field='logo']"))
        if not emblem:
            self.assertFalse(brand.find_elements("css selector", "img"))


class TestTabletWidth(LookCase):
    window = "800,1024"

    def test_teacher_opens_the_menu_and_a_lesson_at_800px(self):
        self.login("teacher")
        self.assertNoSideScroll("home")
        self.menu("menu_journal_lessons")
        self.wait_css(".o_list_view")
        self.assertNoSideScroll("lesson list")
        self.click_css(".o_list_view .o_data_row")
        self.wait_css(".o_form_view .o_form_sheet")
        self.assertNoSideScroll("lesson form")
        self.report("tablet: lesson opened")

    def assertNoSideScroll(self, where):
        """Nothing scrolls sideways (the page, the action's content, a form sheet)
        and nothing is cut at the right edge; only a wide list may scroll inside
        its own table (Bootstrap's .table-responsive)."""
        wide = self.driver.execute_script("""
            var w = document.documentElement.clientWidth, out = [];
            if (document.documentElement.scrollWidth > w + 1) { out.push('the page'); }
            function name(e) { return e.tagName + '.' + (e.className || '').toString().split(' ').slice(0, 3).join('.'); }
            function inScroller(e) {
                for (var p = e.parentElement; p && p !== document.body; p = p.parentElement) {
                    if (getComputedStyle(p).overflowX !== 'visible') { return p; }
                }
                return null;
            }
            document.querySelectorAll('.o_main_content *, .o_sub_menu *').forEach(function (e) {
                if (!e.offsetParent) { return; }
                var style = getComputedStyle(e);
                if ((style.overflowX === 'auto' || style.overflowX === 'scroll') && e.scrollWidth > e.clientWidth + 1
                        && !e.classList.contains('table-responsive')) {
                    out.push('scrolls: ' + name(e) + ' ' + e.scrollWidth + '>' + e.clientWidth);
                }
                var r = e.getBoundingClientRect();
                if (r.width && r.right > w + 1) {
                    var p = inScroller(e);
                    if (!p || !p.closest('.table-responsive')) { out.push('cut: ' + name(e) + ' ' + Math.round(r.right)); }
                }
            });
            return out.slice(0, 8);""")
        self.assertFalse(wide, "%s at 800 px: %s" % (where, wide))


def close_level(env, lesson):
    """Close the lesson's quarter for the lesson's grade level, as the school admin does."""
    admin = env.ref("school_ejournal.user_school_admin")
    period = lesson.sudo().period_id
    wizard = env["school.period.close"].sudo(admin).create({
        "period_id": period.id, "scope": "levels",
        "grade_level_ids": [(6, 0, lesson.sudo().class_id.grade_level_id.ids)], "confirm_incomplete": True})
    wizard.action_close()
    return period


def journal_facts(env):
    """The teacher's own lesson and another teacher's lesson he can read, in open periods."""
    teacher = env.ref("school_ejournal.user_teacher")
    Lesson = env["school.lesson"].sudo(teacher)
    lessons = Lesson.search([("teacher_id", "=", teacher.id)], order="date desc")
    own = lessons.filtered(lambda l: l.school_can_edit)[:1]
    other = Lesson.search([("teacher_id", "!=", teacher.id)], order="date desc", limit=50).filtered(
        lambda l: l.substitute_teacher_id != teacher)[:1]
    return teacher, own, other


class TestEditButtons(LookCase):
    def open_form(self, model, record_id):
        self.driver.get("%s/web#model=%s&id=%s&view_type=form" % (self.base, model, record_id))
        self.wait_css(".o_form_view")
        self.wait_idle()

    def offered(self):
        """(«Править» shown, «Удалить» in the «Действие» menu)"""
        # a lesson the user may change opens ready for marks (in edit mode already)
        edit = bool(self.visible(".o_form_button_edit, .o_form_view.o_form_editable"))
        delete = any(e.get_attribute("textContent").strip() == "Удалить"
                     for e in self.driver.find_elements("css selector", ".o_cp_sidebar .dropdown-menu li a"))
        return edit, delete

    def test_edit_and_delete_only_where_the_server_allows(self):
        teacher, own, other = journal_facts(self.env)
        self.assertTrue(own and other, "the demo has the teacher's lessons and another teacher's")
        self.login("teacher")
        self.open_form("school.lesson", own.id)
        self.assertEqual(self.offered(), (True, True), "his own lesson in an open period")
        self.open_form("school.lesson", other.id)
        self.assertEqual(self.offered(), (False, False), "another teacher's lesson")
        grade = self.env["school.grade"].sudo(teacher).search([("lesson_id.teacher_id", "=", teacher.id)],
                                                               limit=1, order="date")
        self.assertTrue(grade)
        close_level(self.env, grade.sudo().lesson_id)
        self.cr.commit()  # TestCursor: a savepoint the browser's requests see
        self.open_form("school.lesson", grade.sudo().lesson_id.id)
        self.assertEqual(self.offered(), (False, False), "his lesson in a closed period")
        self.open_form("school.grade", grade.id)
        self.assertEqual(self.offered()[0], False, "a mark in a closed period")
        self.report("edit buttons")


class TestDialogTitles(LookCase):
    def test_a_refusal_is_titled_check_or_no_access(self):
        teacher, own, other = journal_facts(self.env)
        year = self.env["school.academic.year"].search([], order="date_start desc", limit=1)
        self.login("school_admin")
        self.menu("menu_school_holidays")
        self.click_css(".o_list_button_add")
        self.pick("academic_year_id", year.name)
        self.type_field("name", "Каникулы вне года")
        self.type_field("date_start", "01.01.2040\t")
        self.type(self.driver.switch_to.active_element, "05.01.2040\t")
        self.wait_css(".o_form_button_save").click()  # the refusal is what this test waits for
        self.clicks += 1
        dialog = self.wait_css(".modal .modal-title")
        self.assertEqual(dialog.text.strip(), "Проверка")
        self.assertIn("выходит за границы учебного года", self.wait_css(".modal .o_dialog_warning").text)
        self.assertFalse(latin_words(self.wait_css(".modal").text), self.wait_css(".modal").text)
        self.wait_css(".modal .modal-footer .btn-primary").click()

        # the server refuses a change: the web client's own RPC, as a save sends it
        self.login("teacher")
        self.driver.execute_script(
            "odoo.__DEBUG__.services['web.ajax'].jsonRpc('/web/dataset/call_kw', 'call', {model: 'school.lesson',"
            " method: 'write', args: [[%d], {topic: 'Чужой урок'}], kwargs: {}});" % other.id)
        dialog = self.wait_css(".modal .modal-title")
        self.assertEqual(dialog.text.strip(), "Нет доступа")
        self.assertFalse(latin_words(self.wait_css(".modal").text), self.wait_css(".modal").text)
        self.fresh()
        self.assertNotEqual(other.sudo().topic, "Чужой урок")


class TestLookServerSide(TransactionCase):
    def test_editable_follows_the_write_guard(self):
        teacher, own, other = journal_facts(self.env)
        self.assertTrue(own.school_can_edit)
        self.assertFalse(other.school_can_edit)
        grade = self.env["school.grade"].sudo(teacher).search([("lesson_id", "=", own.id)], limit=1)
        if grade:
            self.assertTrue(grade.school_can_edit)
        close_level(self.env, own)
        own.invalidate_cache()
        self.assertFalse(own.school_can_edit, "a closed period")
        with self.assertRaises(Exception):
            own.write({"topic": "после закрытия"})

    def test_parents_who_never_came_in_the_right_gender(self):
        from ..tools.names import never_visited as _never_visited
        self.assertEqual(_never_visited("Соколова Елена Александровна"), "не заходила")
        self.assertEqual(_never_visited("Соколов Дмитрий Петрович"), "не заходил")
        self.assertEqual(_never_visited("Салихов Рустам Ильдар оглы"), "не заходил")
        self.assertEqual(_never_visited("Smith"), "не заходил(а)")

    def test_week_groups_are_russian(self):
        groups = self.env["school.lesson"].with_context(lang="ru_RU").read_group(
            [], ["date"], ["date:week"], limit=3)
        self.assertTrue(groups)
        for group in groups:
            self.assertRegex(group["date:week"], r"^нед\. \d+ \d{4}$")

    def test_parents_usage_alerts_speak_russian(self):
        company = self.env.ref("base.main_company")
        company.write({"school_mon_parent_idle_days": 7, "school_mon_parent_idle_percent": 1})
        self.env["school.monitoring"]._cron_parent_usage("2026-10-09")
        alerts = self.env["school.monitoring.alert"].search([("kind", "like", "parent_usage")])
        self.assertTrue(alerts)
        summary = alerts.filtered(lambda a: a.kind == "parent_usage_summary")
        self.assertIn("05.10.2026 — 11.10.2026", summary.name, "the week by its dates, not «W41»")
        for alert in alerts:
            self.assertNotRegex(alert.name, r"W\d")
            self.assertNotRegex(alert.note or "", r"(вна|чна|кызы)\W+не заходил\b(?!а)")
        self.assertTrue(any("не заходила" in (a.note or "") for a in alerts), "a mother who never came")
