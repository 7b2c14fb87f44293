"""Every HTTP route of the addon against four visitors, as the access matrix
(tests/security_matrix.py) says. Fails when a route of the addon has no row."""
from odoo.tests.common import HttpCase

from . import security_matrix as matrix

MODULE = matrix.MODULE
TIMEOUT = 120


class TestRoutes(HttpCase):
    """Every route of the addon, as anonymous, portal parent, portal student and
    the teacher (an internal user)."""

    LOGINS = {"anonymous": None, "parent": "parent", "student": "student", "internal": "teacher"}

    def addon_routes(self):
        """{path: (auth, methods)} of every route the addon's controllers declare or
        override (an override with a bare @http.route() keeps its parent's routing)."""
        import odoo.http
        routes, classes, todo = {}, [], [odoo.http.Controller]
        while todo:  # every controller class of the addon, however deep it inherits
            for sub in todo.pop().__subclasses__():
                todo.append(sub)
                if sub.__module__.startswith("odoo.addons.%s." % MODULE):
                    classes.append(sub)
        for cls in classes:
            for attr, member in vars(cls).items():
                if not hasattr(member, "routing"):
                    continue
                routing = {}
                for klass in reversed(cls.__mro__):
                    method = vars(klass).get(attr)
                    if method is not None and hasattr(method, "routing"):
                        routing.update(method.routing)
                for path in routing.get("routes") or []:
                    routes[path] = (routing.get("auth", "user"), routing.get("methods"))
        return routes

    def test_every_route_has_a_row_with_its_auth(self):
        routes = self.addon_routes()
        self.assertTrue(routes)
        missing = sorted(set(routes) - set(matrix.ROUTES))
        self.assertFalse(missing, "routes of the addon without a row in tests/security_matrix.py: %s" % missing)
        stale = sorted(set(matrix.ROUTES) - set(routes))
        self.assertFalse(stale, "rows for routes the addon does not have: %s" % stale)
        for path, (auth, methods) in routes.items():
            self.assertEqual(auth, matrix.ROUTES[path][0], path)
            self.assertEqual(methods, matrix.ROUTES[path][1], path)

    def concrete(self, path):
        return matrix.ROUTE_SAMPLES.get(path, path)

    def fresh_session(self, login):
        """A new browser: a new session, logged in as ``login`` (None: anonymous)."""
        import odoo
        import requests
        self.session = odoo.http.root.session_store.new()
        self.session.db = self.env.cr.dbname
        odoo.http.root.session_store.save(self.session)
        self.opener = requests.Session()
        self.opener.cookies["session_id"] = self.session.sid
        if login:
            self.authenticate(login, login)

    def fetch(self, path, post=False):
        from odoo.tests.common import HOST, PORT
        self.cr.commit()  # a savepoint: the request rolls back to it
        url = "http://%s:%s%s" % (HOST, PORT, path)
        if post:
            return self.opener.post(url, data={"message": "x"}, allow_redirects=False, timeout=TIMEOUT)
        return self.opener.get(url, allow_redirects=False, timeout=TIMEOUT)

    def test_every_route_for_every_visitor(self):
        wrong, checked = [], 0
        for visitor, login in self.LOGINS.items():
            self.fresh_session(login)
            for path, (auth, methods, expected) in sorted(matrix.ROUTES.items()):
                response = self.fetch(self.concrete(path), post=methods == ["POST"])
                checked += 1
                status = 303 if response.status_code in (301, 302, 303) else response.status_code
                if status != expected[visitor]:
                    wrong.append("%s %s: %s, expected %s" % (visitor, path, status, expected[visitor]))
                if status == 303 and auth == "user" and "/web/login" not in response.headers.get("Location", ""):
                    wrong.append("%s %s: redirected to %s" % (visitor, path, response.headers.get("Location")))
        self.assertFalse(wrong, "\n".join(wrong))
        print("\n[security matrix] %d route × visitor checks" % checked)
