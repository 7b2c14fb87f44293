"""Where links lead, over real HTTP through the test server: redirects go to
local paths only (every route that takes a ``redirect`` parameter, found in the
routing map); homework links are http(s) only."""
import inspect
import re

import odoo
from odoo.exceptions import ValidationError
from odoo.tests.common import HttpCase

from .common import WEEK_WITH_LESSONS, PortalFacts
from .test_security_login_hardening import TIMEOUT, LoginHttp

EVIL = "evil.example"
# every spelling of another site a browser follows
HOSTILE_REDIRECTS = ["https://evil.example/x", "http://evil.example", "//evil.example/x", "/\\evil.example/x",
                     "\\\\evil.example", "/\t/evil.example", "javascript:alert('evil.example')",
                     "JavaScript:alert('evil.example')", "data:text/html,evil.example", "https:evil.example",
                     " //evil.example"]


class TestOpenRedirects(LoginHttp):

    def assertStaysHere(self, response, where):
        location = response.headers.get("Location", "")
        self.assertNotIn(EVIL, location, where)
        self.assertNotIn(EVIL, response.text, where)

    def teacher(self):
        opener = self.browser()
        response = self.login_form(opener, "teacher", "teacher")
        self.assertNotIn("Wrong login", response.text)
        return opener

    def test_login_redirect(self):
        for target in HOSTILE_REDIRECTS:
            # at login: the landing page instead
            opener = self.browser()
            response = self.login_form(opener, "teacher", "teacher", redirect=target)
            self.assertStaysHere(response, "POST /web/login?redirect=%r" % target)
            self.assertIn("/web", response.headers.get("Location", "") + response.text)
            # already logged in: the login page follows no foreign redirect
            self.cr.commit()
            response = opener.get(self.url("/web/login"), params={"redirect": target}, allow_redirects=False,
                                  timeout=TIMEOUT)
            self.assertStaysHere(response, "GET /web/login?redirect=%r" % target)
        # a local path is still followed
        response = self.login_form(self.browser(), "teacher", "teacher", redirect="/web#action=1")
        self.assertIn("/web#action=1", response.headers.get("Location", "") + response.text)

    def test_portal_user_lands_in_the_portal(self):
        response = self.login_form(self.browser(), "parent", "parent", redirect="//evil.example")
        self.assertStaysHere(response, "parent")
        self.assertIn("/my", response.headers.get("Location", "") + response.text)

    def test_logout_redirect(self):
        for target in HOSTILE_REDIRECTS:
            opener = self.teacher()
            self.cr.commit()
            response = opener.get(self.url("/web/session/logout"), params={"redirect": target},
                                  allow_redirects=False, timeout=TIMEOUT)
            self.assertEqual(response.status_code, 303)
            self.assertTrue(response.headers["Location"].endswith("/web"), (target, response.headers["Location"]))
        opener = self.teacher()
        self.cr.commit()
        response = opener.get(self.url("/web/session/logout"), params={"redirect": "/my/diary"},
                              allow_redirects=False, timeout=TIMEOUT)
        self.assertTrue(response.headers["Location"].endswith("/my/diary"))

    def redirect_routes(self):
        """Every route without path arguments, of every installed module, whose
        controller method takes a ``redirect`` parameter (read from the code)."""
        installed = set(self.env["ir.module.module"].search([("state", "=", "installed")]).mapped("name"))
        routes, todo = set(), [odoo.http.Controller]
        while todo:
            for cls in todo.pop().__subclasses__():
                todo.append(cls)
                parts = cls.__module__.split(".")
                if parts[:2] != ["odoo", "addons"] or len(parts) < 3 or parts[2] not in installed:
                    continue
                for member in vars(cls).values():
                    routing = getattr(member, "routing", None)
                    if not routing:
                        continue
                    function = getattr(member, "original_func", member)
                    if "redirect" not in inspect.signature(function).parameters:
                        continue
                    for klass in cls.__mro__:  # an override with a bare @http.route() keeps its parent's paths
                        paths = getattr(vars(klass).get(member.__name__), "routing", {}).get("routes")
                        if paths:
                            routes.update(path for path in paths if "<" not in path)
                            break
        return sorted(routes)

    def test_every_route_taking_a_redirect(self):
        routes = self.redirect_routes()
        for known in ("/web/login", "/web/session/logout", "/my/account"):
            self.assertIn(known, routes)
        checked = 0
        for route in routes:
            for target in HOSTILE_REDIRECTS:
                opener = self.teacher()
                self.cr.commit()
                response = opener.get(self.url(route), params={"redirect": target}, allow_redirects=False,
                                      timeout=TIMEOUT)
                self.assertStaysHere(response, "%s?redirect=%r" % (route, target))
                checked += 1
        self.assertGreaterEqual(checked, len(HOSTILE_REDIRECTS) * 3)


class TestHomeworkLinks(PortalFacts, HttpCase):

    def setUp(self):
        super(TestHomeworkLinks, self).setUp()
        self._portal_setup()

    def test_only_web_links_are_accepted(self):
        Attachment = self.env["ir.attachment"].sudo(self.class_teacher)
        for url in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "vbscript:x",
                    "//evil.example", "/\\evil.example", "file:///etc/passwd", "https:evil.example"):
            with self.assertRaises(ValidationError) as refused, self.cr.savepoint():
                Attachment.create({"name": "Ссылка", "type": "url", "url": url})
            self.assertIn("http", str(refused.exception.name))
        link = Attachment.create({"name": "Учебник", "type": "url", "url": "https://school.example/book"})
        with self.assertRaises(ValidationError), self.cr.savepoint():
            link.write({"url": "javascript:alert(1)"})
        # Odoo's own local links (assets, images) stay valid
        Attachment.create({"name": "local", "type": "url", "url": "/web/content/1"})

    def test_portal_shows_web_links_as_external_and_never_javascript(self):
        lesson = self.lesson_of(self.artem)[:1]
        good = self.env["ir.attachment"].create({"name": "Учебник онлайн", "type": "url",
                                                 "url": "https://school.example/book?p=5"})
        bad = self.env["ir.attachment"].create({"name": "Подвох", "type": "url", "url": "https://x.example"})
        # a link stored before the check (or written around it)
        self.env.cr.execute("UPDATE ir_attachment SET url = 'javascript:alert(1)' WHERE id = %s", (bad.id,))
        bad.invalidate_cache()
        lesson.write({"homework_attachment_ids": [(4, good.id), (4, bad.id)], "homework": "Прочитать"})
        self.authenticate("parent", "parent")
        response = self.url_open("/my/diary?student=%s&date=%s" % (self.artem.id, lesson.date), timeout=TIMEOUT)
        self.assertEqual(response.status_code, 200)
        html = response.text
        link = re.search(r'<a[^>]*href="https://school.example/book\?p=5"[^>]*>', html)
        self.assertTrue(link, "the web link is not shown")
        self.assertIn('rel="noopener noreferrer"', link.group(0))
        self.assertIn('target="_blank"', link.group(0))
        self.assertNotIn("javascript:alert", html.lower())
        self.assertNotIn("Подвох", html)
        # the file route never follows a link
        for attachment in (good, bad):
            response = self.url_open("/my/diary/homework/%s/%s" % (lesson.id, attachment.id), timeout=TIMEOUT)
            self.assertEqual(response.status_code, 404)
        self.assertTrue(WEEK_WITH_LESSONS)
