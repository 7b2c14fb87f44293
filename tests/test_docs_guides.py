"""The role guides (docs/guides, issue 11) stay true to the addon: every guide
exists, every task has a screenshot that exists on disk, every menu path a guide
names («Электронный журнал → … → …») exists in the installed addon and is visible
to the role the guide is for; portal pages named in the parents' and students'
guides exist; the guides are served inside the journal («Справка») to logged-in
users only."""
import os
import re

from odoo.tests.common import HttpCase, TransactionCase

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GUIDES = os.path.join(ROOT, "docs", "guides")
MODULE = "school_ejournal"
# guide -> the demo user of that role (None: the portal guides name no menus)
ROLES = {
    "administrator": "user_school_admin",
    "deputy": "user_deputy",
    "class_teacher": "user_class_teacher",
    "teacher": "user_teacher",
    "parent": "user_parent",
    "student": "user_student",
}
MENU_PATH = re.compile(r"\*\*(Электронный журнал(?:\s*→\s*[^*→]+)+)\*\*")
PORTAL_PAGE = re.compile(r"\*\*Кабинет → ([^*→]+?)(?: → [^*]+)?\*\*")
IMAGE = re.compile(r"!\[[^\]]*\]\((img/[^)]+)\)")


def read_guide(role):
    with open(os.path.join(GUIDES, role + ".md"), encoding="utf-8") as f:
        return f.read()


def tasks(text):
    """[(title, body)] of the «## Как …» sections."""
    parts = re.split(r"^## ", text, flags=re.M)[1:]
    return [(part.split("\n", 1)[0].strip(), part) for part in parts if part.startswith("Как ")]


class TestGuides(TransactionCase):

    def setUp(self):
        super(TestGuides, self).setUp()
        self.root = self.env.ref(MODULE + ".menu_root").with_context(lang="ru_RU")  # as the guides name it

    def find_menu(self, names, Menu):
        """Walk the menu tree by names from «Электронный журнал»; the menu or None."""
        if names[0] != self.root.name:
            return None
        menu = self.root
        for name in names[1:]:
            child = Menu.search([("parent_id", "=", menu.id), ("name", "=", name)], limit=1)
            if not child:
                return None
            menu = child
        return menu

    def test_every_guide_exists_with_tasks_and_screenshots(self):
        for role in ROLES:
            text = read_guide(role)
            self.assertTrue(text.startswith("# "), role)
            found = tasks(text)
            self.assertGreaterEqual(len(found), 5, "%s: too few tasks" % role)
            for title, body in found:
                self.assertTrue(IMAGE.search(body), "%s: «%s» has no screenshot" % (role, title))
            for image in IMAGE.findall(text):
                path = os.path.join(GUIDES, image)
                self.assertTrue(os.path.isfile(path), "%s: missing %s (run `make docs`)" % (role, image))
                self.assertGreater(os.path.getsize(path), 5000, "%s: %s is empty" % (role, image))
                self.assertTrue(os.path.basename(image).startswith(role + "_"),
                                "%s: %s is another role's screenshot" % (role, image))

    def test_named_duties_are_covered(self):
        """The duties the issue names, each as a task of the right guide."""
        expected = {
            "administrator": ["Как закрыть четверть", "Как напечатать «Положение об электронном журнале»",
                              "Как выдать логины", "Как создать уроки по расписанию"],
            "teacher": ["Как выставить четвертные оценки", "Как задать домашнее задание",
                        "Как отметить отсутствующих и выставить отметки на уроке"],
            "class_teacher": ["Как выдать логины родителям класса",
                              "Как оформить согласие на обработку персональных данных"],
            "deputy": ["Как узнать, кто и когда исправил отметку"],
            "parent": ["Как посмотреть домашнее задание", "Как войти в журнал"],
            "student": ["Как посмотреть домашнее задание"],
        }
        for role, titles in expected.items():
            have = [title for title, _body in tasks(read_guide(role))]
            for title in titles:
                self.assertTrue(any(h.startswith(title) for h in have), "%s: no task «%s»" % (role, title))

    def test_every_menu_path_exists_and_the_role_sees_it(self):
        Menu = self.env["ir.ui.menu"].sudo().with_context(lang="ru_RU")
        checked = 0
        for role, user_xmlid in ROLES.items():
            paths = MENU_PATH.findall(read_guide(role))
            if role in ("parent", "student"):
                # the families use the portal: their guides name no back-office menu
                self.assertFalse(paths, "%s: the portal has no back-office menus" % role)
                continue
            user = self.env.ref(MODULE + "." + user_xmlid)
            visible = self.env["ir.ui.menu"].sudo(user)._visible_menu_ids()
            for raw in paths:
                names = [name.strip() for name in raw.split("→")]
                self.assertGreaterEqual(len(names), 2, "%s: «%s» is not a menu path" % (role, raw))
                menu = self.find_menu(names, Menu)
                self.assertTrue(menu, "%s: the menu «%s» does not exist" % (role, " → ".join(names)))
                self.assertIn(menu.id, visible, "%s: «%s» is not visible to %s"
                              % (role, " → ".join(names), user.login))
                checked += 1
        self.assertGreater(checked, 60)

    def test_a_wrong_path_is_caught(self):
        Menu = self.env["ir.ui.menu"].sudo().with_context(lang="ru_RU")
        self.assertTrue(self.find_menu(["Электронный журнал", "Журнал", "Мои уроки сегодня"], Menu))
        self.assertFalse(self.find_menu(["Электронный журнал", "Журнал", "Нет такого пункта"], Menu))
        self.assertFalse(self.find_menu(["Электронный журнал", "Школа", "Мои уроки сегодня"], Menu))

    def test_portal_pages_named_in_the_family_guides_exist(self):
        from odoo.addons.school_ejournal.controllers.portal import PAGES
        # the pages' titles as the families read them (the source strings are English)
        labels = {self.env["ir.translation"]._get_source(None, ("code",), "ru_RU", label)
                  for _url, label in PAGES.values()}
        for role in ("parent", "student"):
            pages = PORTAL_PAGE.findall(read_guide(role))
            self.assertTrue(pages, role)
            for page in pages:
                self.assertTrue(page in labels or page == "Ваши подробности",
                                "%s: no portal page «%s»" % (role, page))

    def test_help_menu_opens_the_help_page(self):
        menu = self.env.ref(MODULE + ".menu_help")
        self.assertEqual(menu.parent_id, self.root)
        self.assertEqual(menu.action.url, "/school_ejournal/help")
        for xmlid in ("user_teacher", "user_deputy"):
            user = self.env.ref(MODULE + "." + xmlid)
            self.assertIn(menu.id, self.env["ir.ui.menu"].sudo(user)._visible_menu_ids())


class TestHelpPages(HttpCase):

    def get(self, path):
        return self.url_open(path, timeout=60)

    def test_guides_are_served_to_logged_in_users(self):
        self.authenticate("parent", "parent")
        response = self.get("/school_ejournal/help")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Справка по электронному журналу", response.text)
        self.assertIn("ваша роль", response.text)
        response = self.get("/school_ejournal/help/parent")
        self.assertEqual(response.status_code, 200)
        self.assertIn("<h2", response.text)
        self.assertIn("Как посмотреть домашнее задание", response.text)
        self.assertIn('src="/school_ejournal/help/img/parent_diary.png"', response.text)
        image = self.get("/school_ejournal/help/img/parent_diary.png")
        self.assertEqual(image.status_code, 200)
        self.assertTrue(image.content.startswith(b"\x89PNG"))
        # the presentation for parents' meetings, when `make docs` has printed it
        if os.path.isfile(os.path.join(ROOT, "docs", "presentation.pdf")):
            self.assertIn("/school_ejournal/help/presentation", self.get("/school_ejournal/help").text)
            pdf = self.get("/school_ejournal/help/presentation")
            self.assertEqual(pdf.status_code, 200)
            self.assertTrue(pdf.content.startswith(b"%PDF"))
        # staff read the same guides
        self.authenticate("teacher", "teacher")
        self.assertIn("Как выставить четвертные оценки", self.get("/school_ejournal/help/teacher").text)

    def test_unknown_pages_and_paths_are_refused(self):
        self.authenticate("student", "student")
        self.assertEqual(self.get("/school_ejournal/help/nobody").status_code, 404)
        self.assertEqual(self.get("/school_ejournal/help/img/..%2F..%2Fteacher.md").status_code, 404)
        self.assertEqual(self.get("/school_ejournal/help/img/missing.png").status_code, 404)

    def test_visitors_must_log_in(self):
        response = self.url_open("/school_ejournal/help/teacher", timeout=60)
        self.assertIn("/web/login", response.url)
        self.assertNotIn("Как выставить четвертные оценки", response.text)


class TestMarkdown(TransactionCase):

    def test_markdown_is_escaped_and_rendered(self):
        from odoo.addons.school_ejournal.controllers.help import markdown_to_html
        html = markdown_to_html("# Заголовок\n\nТекст **жирный** <script>x</script>\n\n1. один\n2. два\n\n"
                                "- пункт\n\n![Снимок](img/teacher_today.png)\n\n[Учителю](teacher.md)")
        self.assertIn("<h1", html)
        self.assertIn("<strong>жирный</strong>", html)
        self.assertIn("&lt;script&gt;", html)
        self.assertNotIn("<script>", html)
        self.assertIn("<ol>", html)
        self.assertIn("<ul>", html)
        self.assertIn('src="/school_ejournal/help/img/teacher_today.png"', html)
        self.assertIn('href="/school_ejournal/help/teacher"', html)
