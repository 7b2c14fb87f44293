"""Login protection: «Выйти на всех устройствах» invalidates every
session of the user (a per-user salt in Odoo's session token), the user's own
current session survives when he asks himself; only the school administrator
ends another user's sessions; «Сменить пароль» (Odoo's own /web/session/
change_password) works for a portal parent and ends his other sessions."""

import requests

import odoo
from odoo.exceptions import AccessError
from odoo.tests.common import HOST, PORT, HttpCase

from .common import json_rpc

MODULE = "school_ejournal"


class TestSessions(HttpCase):

    def browser(self, login, password=None):
        """A new browser logged in as ``login`` (Odoo's test authentication)."""
        session = odoo.http.root.session_store.new()
        session.db = self.env.cr.dbname
        odoo.http.root.session_store.save(session)
        opener = requests.Session()
        opener.cookies["session_id"] = session.sid
        self.session, self.opener = session, opener
        self.authenticate(login, password or login)
        return opener

    def status(self, opener, path="/my/diary"):
        self.cr.commit()
        response = opener.get("http://%s:%s%s" % (HOST, PORT, path), allow_redirects=False, timeout=120)
        return 303 if response.status_code in (301, 302, 303) else response.status_code

    def rpc(self, opener, path, params):
        self.cr.commit()
        return json_rpc(opener, path, params)

    def test_logout_everywhere_by_the_user_himself(self):
        parent = self.env.ref(MODULE + ".user_parent")
        phone, laptop = self.browser("parent"), self.browser("parent")
        self.assertEqual(self.status(phone), 200)
        self.assertEqual(self.status(laptop), 200)
        answer = self.rpc(laptop, "/web/dataset/call_kw/res.users/action_school_logout_everywhere", {
            "model": "res.users", "method": "action_school_logout_everywhere", "args": [[parent.id]], "kwargs": {}})
        self.assertNotIn("error", answer, answer)
        self.assertEqual(self.status(phone), 303, "the other device is still logged in")
        self.assertEqual(self.status(laptop), 200, "the device that asked was logged out too")
        # logging in again works
        self.assertEqual(self.status(self.browser("parent")), 200)

    def test_the_administrator_ends_a_teachers_sessions(self):
        teacher = self.env.ref(MODULE + ".user_teacher")
        admin = self.env.ref(MODULE + ".user_school_admin")
        device = self.browser("teacher")
        self.assertEqual(self.status(device, "/web"), 200)
        # another teacher may not
        other = self.env.ref(MODULE + ".user_class_teacher")
        with self.assertRaises(AccessError):
            teacher.sudo(other).action_school_logout_everywhere()
        self.assertEqual(self.status(device, "/web"), 200)
        teacher.sudo(admin).action_school_logout_everywhere()
        self.assertEqual(self.status(device, "/web"), 303)
        self.assertEqual(self.status(device, "/my/diary"), 303)

    def test_the_salt_is_not_readable(self):
        teacher = self.env.ref(MODULE + ".user_teacher")
        admin = self.env.ref(MODULE + ".user_school_admin")
        with self.assertRaises(AccessError):
            teacher.sudo(admin).read(["school_session_salt"])

    def test_portal_parent_changes_his_password(self):
        other_device = self.browser("parent")
        device = self.browser("parent")
        answer = self.rpc(device, "/web/session/change_password", {"fields": [
            {"name": "old_pwd", "value": "parent"}, {"name": "new_password", "value": "Новый-пароль-2026"},
            {"name": "confirm_pwd", "value": "Новый-пароль-2026"}]})
        self.assertNotIn("error", answer.get("result", {}), answer)
        self.assertNotIn("error", answer, answer)
        self.assertEqual(self.status(other_device), 303, "the old session survived the password change")
        uid = self.registry["res.users"].authenticate(self.env.cr.dbname, "parent", "Новый-пароль-2026", {})
        self.assertEqual(uid, self.env.ref(MODULE + ".user_parent").id)
        self.assertFalse(self.registry["res.users"].authenticate(self.env.cr.dbname, "parent", "parent", {}))


class TestBruteForce(HttpCase):
    """OCA auth_brute_force (a dependency of the addon) records failed logins
    through the real login form and bans a remote after too many."""

    def login_form(self, login, password):
        import re
        self.cr.commit()
        page = self.opener.get("http://%s:%s/web/login" % (HOST, PORT), timeout=120)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        self.cr.commit()
        return self.opener.post("http://%s:%s/web/login" % (HOST, PORT), timeout=120, allow_redirects=False,
                                data={"login": login, "password": password, "csrf_token": token})

    def test_failed_logins_are_recorded_and_banned(self):
        Attempt = self.env["res.authentication.attempt"]
        self.env["ir.config_parameter"].sudo().set_param("auth_brute_force.max_by_ip_user", "3")
        self.env["ir.config_parameter"].sudo().set_param("auth_brute_force.max_by_ip", "3")
        for _attempt in range(3):
            response = self.login_form("teacher", "не тот пароль")
            self.assertEqual(response.status_code, 200)  # the form again, with an error
        self.assertGreaterEqual(Attempt.search_count([("login", "=", "teacher"), ("result", "=", "failed")]), 3)
        # banned now: even the right password is refused from this address
        response = self.login_form("teacher", "teacher")
        self.assertEqual(response.status_code, 200, "logged in despite the ban")
        self.assertTrue(Attempt.search_count([("login", "=", "teacher"), ("result", "=", "banned")]))
