"""Login hardening, over real HTTP through the test server: the failed-login ban
has a window and an end (per login and address; an address-wide ban ends too,
the superuser is not locked out for ever) and the school administrator lifts
it; the session id changes at login and its cookie is SameSite=Lax (Secure
behind an HTTPS proxy); staff passwords follow the policy (Russian messages);
Odoo's stock demo logins are archived (redirects and homework links:
test_security_redirects.py)."""
import ast
import json
import os
import re
from xml.etree import ElementTree

import requests

import odoo
from odoo.exceptions import AccessError, UserError
from odoo.tests.common import HOST, PORT, HttpCase, TransactionCase

from .common import ADDON

MODULE = "school_ejournal"
TIMEOUT = 120


class LoginHttp(HttpCase):

    def url(self, path):
        return "http://%s:%s%s" % (HOST, PORT, path)

    def browser(self, sid=None):
        opener = requests.Session()
        if sid:
            # as the server's own cookie would be stored (host-only), so that it is replaced
            opener.cookies.set("session_id", sid, domain=HOST, path="/")
        return opener

    def login_form(self, opener, login, password, redirect=None, headers=None):
        """The real login form: its page (CSRF token), then the POST."""
        self.cr.commit()
        page = opener.get(self.url("/web/login"), timeout=TIMEOUT, headers=headers)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        data = {"login": login, "password": password, "csrf_token": token}
        if redirect is not None:
            data["redirect"] = redirect
        self.cr.commit()
        return opener.post(self.url("/web/login"), data=data, allow_redirects=False, timeout=TIMEOUT,
                           headers=headers)

    def logged_in(self, opener):
        """Whether the browser's session is a logged-in one (/web answers 200)."""
        self.cr.commit()
        response = opener.get(self.url("/web"), allow_redirects=False, timeout=TIMEOUT)
        return response.status_code == 200

    def try_login(self, login, password=None):
        opener = self.browser()
        self.login_form(opener, login, password or login)
        return self.logged_in(opener)

    def set_params(self, **values):
        params = self.env["ir.config_parameter"].sudo()
        names = {"window": "school_ejournal.login_fail_window", "ban": "school_ejournal.login_ban_minutes",
                 "by_ip_user": "auth_brute_force.max_by_ip_user", "by_ip": "auth_brute_force.max_by_ip"}
        for key, value in values.items():
            params.set_param(names[key], str(value))

    def age_attempts(self, minutes):
        """As if the attempts so far were made ``minutes`` earlier."""
        self.env.cr.execute("UPDATE res_authentication_attempt SET create_date = create_date - %s * interval '1 minute'",
                            (minutes,))
        self.env["res.authentication.attempt"].invalidate_cache()


class TestLoginBan(LoginHttp):

    def test_logins_used_here_work(self):
        self.assertTrue(self.try_login("teacher"))
        self.assertTrue(self.try_login("admin", "admin"))
        self.assertFalse(self.try_login("teacher", "не тот пароль"))

    def test_failures_against_many_logins_ban_the_address_until_the_ban_ends(self):
        self.set_params(window=15, ban=15, by_ip_user=3, by_ip=5)
        for n in range(5):
            self.login_form(self.browser(), "nobody_%s" % n, "пароль")
        # the address is banned: every login from it, the superuser's too
        self.assertFalse(self.try_login("deputy"))
        self.assertFalse(self.try_login("admin", "admin"))
        self.assertTrue(self.env["res.authentication.attempt"].search_count(
            [("login", "=", "deputy"), ("result", "=", "banned")]))
        # ... but not for ever: the ban ends 15 minutes after the failure that caused it
        self.age_attempts(16)
        self.assertTrue(self.try_login("deputy"))
        self.assertTrue(self.try_login("admin", "admin"))

    def test_failures_of_one_login_do_not_ban_another(self):
        self.set_params(window=15, ban=15, by_ip_user=3, by_ip=0)
        for _n in range(5):
            self.login_form(self.browser(), "teacher", "не тот пароль")
        self.assertFalse(self.try_login("teacher"))
        self.assertTrue(self.try_login("deputy"))
        self.assertTrue(self.try_login("admin", "admin"))

    def test_ban_expires(self):
        self.set_params(window=15, ban=10, by_ip_user=3, by_ip=50)
        for _n in range(3):
            self.login_form(self.browser(), "teacher", "не тот пароль")
        self.assertFalse(self.try_login("teacher"))
        self.age_attempts(5)
        self.assertFalse(self.try_login("teacher"), "the ban lasts 10 minutes")
        self.age_attempts(6)
        # attempts refused during the ban do not prolong it
        self.assertTrue(self.try_login("teacher"))

    def test_failures_spread_beyond_the_window_do_not_ban(self):
        self.set_params(window=15, ban=15, by_ip_user=3, by_ip=50)
        for _n in range(2):
            self.login_form(self.browser(), "teacher", "не тот пароль")
        self.age_attempts(20)
        self.login_form(self.browser(), "teacher", "не тот пароль")
        self.assertTrue(self.try_login("teacher"), "3 failures, but not within 15 minutes")

    def test_school_admin_lifts_a_ban(self):
        self.set_params(window=15, ban=60, by_ip_user=3, by_ip=50)
        for _n in range(3):
            self.login_form(self.browser(), "teacher", "не тот пароль")
        self.assertFalse(self.try_login("teacher"))
        admin = self.env.ref(MODULE + ".user_school_admin")
        teacher = self.env.ref(MODULE + ".user_teacher")
        parent = self.env.ref(MODULE + ".user_parent")
        # the administrator's list «Блокировки входа»: the refused login, its ban active
        action = self.env.ref(MODULE + ".action_school_login_bans")
        Attempt = self.env["res.authentication.attempt"].sudo(admin)
        bans = Attempt.search(json_domain(action.domain) + [("result", "=", "banned")])
        self.assertEqual(bans.mapped("login"), ["teacher"])
        self.assertTrue(bans[0].school_ban_active)
        menu = self.env.ref(MODULE + ".menu_config_login_bans")
        self.assertIn(menu, self.env["ir.ui.menu"].sudo(admin).search([("id", "=", menu.id)]))
        # nobody else may lift it, nor even read the attempts
        with self.assertRaises(AccessError):
            bans.sudo(teacher).action_school_lift_ban()
        for user in (teacher, parent):
            self.assertFalse(self.env["res.authentication.attempt"].sudo(user).search([]))
        bans.action_school_lift_ban()
        bans.invalidate_cache()
        self.assertFalse(bans.school_ban_active)
        self.assertTrue(self.try_login("teacher"))

    def test_settings_carry_the_parameters(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual((settings.school_login_fail_window, settings.school_login_ban_minutes), (15, 15))
        settings.write({"school_login_fail_window": 30, "school_login_ban_minutes": 5,
                        "school_login_max_by_ip_user": 7, "school_login_max_by_ip": 0})
        settings.execute()
        get = self.env["ir.config_parameter"].sudo().get_param
        self.assertEqual([get("school_ejournal.login_fail_window"), get("school_ejournal.login_ban_minutes"),
                          get("auth_brute_force.max_by_ip_user"), get("auth_brute_force.max_by_ip")],
                         ["30", "5", "7", "0"])
        labels = [self.env["res.config.settings"]._school_field_label(f) for f in (
            "school_login_fail_window", "school_login_ban_minutes", "school_login_max_by_ip_user",
            "school_login_max_by_ip")]
        for label in labels:
            self.assertTrue(re.search("[а-яА-Я]", label), label)


def json_domain(text):
    return ast.literal_eval(text)


class TestSessionCookie(LoginHttp):

    def session_cookie(self, response):
        cookies = [c for c in response.raw.headers.getlist("Set-Cookie") if c.startswith("session_id=")]
        self.assertEqual(len(cookies), 1, response.raw.headers.getlist("Set-Cookie"))
        return cookies[0]

    def test_a_planted_session_id_is_not_kept_at_login(self):
        planted = odoo.http.root.session_store.new()
        planted.db = self.env.cr.dbname
        odoo.http.root.session_store.save(planted)
        victim = self.browser(planted.sid)
        response = self.login_form(victim, "teacher", "teacher")
        cookie = self.session_cookie(response)
        new_sid = cookie.split(";")[0].split("=", 1)[1]
        self.assertNotEqual(new_sid, planted.sid, "the session id planted before login was kept")
        # the victim's browser is logged in under the new id ...
        self.assertTrue(self.logged_in(victim))
        self.assertEqual(victim.cookies["session_id"], new_sid)
        # ... and the attacker who knows the planted id is not
        self.assertFalse(self.logged_in(self.browser(planted.sid)))

    def test_session_cookie_is_samesite_lax_httponly_and_short(self):
        response = self.login_form(self.browser(), "teacher", "teacher")
        cookie = self.session_cookie(response).lower()
        self.assertIn("samesite=lax", cookie)
        self.assertIn("httponly", cookie)
        self.assertNotIn("secure", cookie.replace("samesite", ""), "plain HTTP: no Secure")
        max_age = int(re.search(r"max-age=(\d+)", cookie).group(1))
        self.assertLessEqual(max_age, 7 * 24 * 3600)
        # every answer that sets the cookie does so (a JSON call as well)
        self.cr.commit()
        answer = self.browser().post(self.url("/web/webclient/version_info"), timeout=TIMEOUT,
                                     data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": {}}),
                                     headers={"Content-Type": "application/json"})
        self.assertIn("samesite=lax", self.session_cookie(answer).lower())

    def test_secure_behind_an_https_proxy(self):
        config = odoo.tools.config
        saved = config["proxy_mode"]
        config["proxy_mode"] = True
        try:
            self.cr.commit()
            response = self.browser().get(self.url("/web/login"), timeout=TIMEOUT, headers={
                "X-Forwarded-Host": "journal.school.example", "X-Forwarded-Proto": "https"})
        finally:
            config["proxy_mode"] = saved
        cookie = self.session_cookie(response).lower()
        self.assertIn("; secure", cookie)
        self.assertIn("samesite=lax", cookie)


class TestStaffPasswords(LoginHttp):

    WEAK = ["1", "123456789", "teacher", "teacher2026!", "Мой-TEACHER-пароль"]

    def test_the_user_himself_over_http(self):
        opener = self.browser()
        self.login_form(opener, "teacher", "teacher")
        for weak in self.WEAK:
            self.cr.commit()
            answer = opener.post(self.url("/web/session/change_password"), timeout=TIMEOUT, data=json.dumps({
                "jsonrpc": "2.0", "method": "call", "id": 1, "params": {"fields": [
                    {"name": "old_pwd", "value": "teacher"}, {"name": "new_password", "value": weak},
                    {"name": "confirm_pwd", "value": weak}]}}), headers={"Content-Type": "application/json"})
            text = json.dumps(answer.json(), ensure_ascii=False)
            self.assertTrue(re.search("не короче 10 символов|не должен совпадать с логином", text), (weak, text))
        self.assertTrue(self.try_login("teacher"), "the old password no longer works")
        teacher = self.env.ref(MODULE + ".user_teacher")
        self.assertTrue(teacher.sudo(teacher).change_password("teacher", "Весна-2026-сад"))

    def test_reset_by_email_link(self):
        teacher = self.env.ref(MODULE + ".user_teacher")
        teacher.partner_id.signup_prepare(signup_type="reset")
        token = teacher.partner_id.signup_token
        opener = self.browser()
        self.cr.commit()
        page = opener.get(self.url("/web/reset_password"), params={"token": token}, timeout=TIMEOUT)
        self.assertEqual(page.status_code, 200)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        self.cr.commit()
        response = opener.post(self.url("/web/reset_password"), timeout=TIMEOUT, allow_redirects=False, data={
            "token": token, "login": "teacher", "password": "1", "confirm_password": "1", "csrf_token": csrf})
        self.assertIn("не короче 10 символов", response.text)
        self.assertTrue(self.try_login("teacher"), "the weak password was set")

    def test_the_administrator(self):
        teacher = self.env.ref(MODULE + ".user_teacher")
        for weak in self.WEAK:
            wizard = self.env["change.password.wizard"].create({"user_ids": [
                (0, 0, {"user_id": teacher.id, "user_login": teacher.login, "new_passwd": weak})]})
            with self.assertRaises(UserError) as refused, self.cr.savepoint():
                wizard.change_password_button()
            self.assertTrue(re.search("[а-я]", refused.exception.name))
            with self.assertRaises(UserError), self.cr.savepoint():
                teacher.write({"password": weak})
        with self.assertRaises(UserError), self.cr.savepoint():
            self.env["res.users"].with_context(no_reset_password=True).create({
                "name": "Новый учитель", "login": "new_teacher", "password": "1",
                "groups_id": [(6, 0, [self.env.ref(MODULE + ".group_teacher").id])]})
        self.assertFalse(self.env["res.users"].search([("login", "=", "new_teacher")]))
        self.assertTrue(self.try_login("teacher"))
        teacher.write({"password": "Весна-2026-сад"})
        self.assertTrue(self.try_login("teacher", "Весна-2026-сад"))

    def test_generated_passwords_pass_and_pupils_are_not_staff(self):
        from ..wizards.login_wizard import generate_password
        for xmlid in ("user_teacher", "user_class_teacher", "user_deputy", "user_school_admin"):
            user = self.env.ref("%s.%s" % (MODULE, xmlid))
            for _n in range(20):
                user.write({"password": generate_password()})
        # pupils and parents are outside the staff policy
        self.env.ref(MODULE + ".user_parent").write({"password": "parent"})


class TestDemoLogins(TransactionCase):

    def test_stock_demo_and_portal_users_are_archived(self):
        for xmlid in ("base.user_demo", "base.demo_user0"):
            user = self.env.ref(xmlid, raise_if_not_found=False)
            if user:
                self.assertFalse(user.active, xmlid)
        for login in ("demo", "portal"):
            self.assertFalse(self.env["res.users"].search([("login", "=", login)]), login)
            self.assertFalse(self.registry["res.users"].authenticate(self.env.cr.dbname, login, login, {}))

    def test_users_with_passwords_are_demo_data_only(self):
        """No data file (loaded in production) creates a user or sets a password."""
        with open(os.path.join(ADDON, "__manifest__.py")) as manifest:
            manifest = ast.literal_eval(manifest.read())
        self.assertIn("demo/res_users_demo.xml", manifest["demo"])
        for path in manifest["data"]:
            if not path.endswith(".xml"):
                continue
            tree = ElementTree.parse(os.path.join(ADDON, path))
            for record in tree.iter("record"):
                self.assertNotEqual(record.get("model"), "res.users", (path, record.get("id")))
                for field in record.iter("field"):
                    self.assertNotEqual(field.get("name"), "password", (path, record.get("id")))
