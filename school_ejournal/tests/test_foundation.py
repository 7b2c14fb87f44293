"""Foundation: the database the scripts build, the roles' menus over HTTP,
scheduled actions that really run, and the prefork server."""
import json
import uuid

import odoo
from odoo.tests.common import HttpCase, TransactionCase, get_db_name

from .server import prefork_server

FOLDERS = ["menu_journal", "menu_class_teacher", "menu_control", "menu_reports",
           "menu_school", "menu_config"]
# which journal folders each demo login must see; all others must stay hidden
EXPECTED_MENUS = {
    "school_admin": {"menu_journal", "menu_class_teacher", "menu_control", "menu_reports",
                     "menu_school", "menu_config"},
    "deputy": {"menu_control", "menu_reports"},
    "class_teacher": {"menu_journal", "menu_class_teacher", "menu_reports"},
    "teacher": {"menu_journal", "menu_reports"},
    "student": set(),
    "parent": set(),
}


class TestDatabase(TransactionCase):
    def test_no_module_left_pending(self):
        self.env.cr.execute(
            "SELECT name, state FROM ir_module_module "
            "WHERE state IN ('to install', 'to upgrade', 'to remove')")
        self.assertEqual(self.env.cr.fetchall(), [])

    def test_russian_is_the_school_language(self):
        self.assertTrue(self.env["res.lang"].search([("code", "=", "ru_RU")]))
        self.assertEqual(self.env["ir.default"].get("res.partner", "lang"), "ru_RU")
        for login in EXPECTED_MENUS:
            user = self.env["res.users"].search([("login", "=", login)])
            self.assertEqual(user.lang, "ru_RU", login)

    def test_roles_are_groups_of_one_category(self):
        category = self.env.ref("school_ejournal.module_category_school_ejournal")
        self.assertEqual(category.name, "Электронный журнал")
        groups = self.env["res.groups"].search([("category_id", "=", category.id)])
        self.assertEqual(set(groups.mapped("name")), {
            "Ученик", "Родитель (законный представитель)", "Учитель",
            "Классный руководитель", "Заместитель директора", "Директор", "Администратор школы"})
        ref = self.env.ref
        portal = ref("base.group_portal")
        self.assertIn(portal, ref("school_ejournal.group_student").implied_ids)
        self.assertIn(portal, ref("school_ejournal.group_parent").implied_ids)
        self.assertIn(ref("school_ejournal.group_teacher"),
                      ref("school_ejournal.group_class_teacher").implied_ids)
        admin = ref("school_ejournal.user_school_admin")
        for xmlid in ("group_teacher", "group_class_teacher", "group_deputy"):
            self.assertIn(ref("school_ejournal." + xmlid), admin.groups_id)
        for login in ("student", "parent"):
            user = self.env["res.users"].search([("login", "=", login)])
            self.assertTrue(user.share, "%s must be a portal user" % login)


class TestScheduledActionsRun(TransactionCase):
    """ir.cron skips a whole database while any module is «to install»: run a
    real job through the cron runner, in its own committed transactions."""

    def test_cron_job_runs(self):
        db = get_db_name()
        key = "school_ejournal.cron_probe"
        stamp = uuid.uuid4().hex
        registry = odoo.registry(db)
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            cron = env["ir.cron"].create({
                "name": "probe",
                "model_id": env.ref("base.model_ir_config_parameter").id,
                "state": "code",
                "code": "model.set_param(%r, %r)" % (key, stamp),
                "interval_type": "minutes",
                "numbercall": 1,
                "nextcall": "2000-01-01 00:00:00",
            })
            cron_id = cron.id
        try:
            from odoo.addons.base.ir.ir_cron import ir_cron
            ir_cron._acquire_job(db)
            with registry.cursor() as cr:
                env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
                self.assertEqual(env["ir.config_parameter"].get_param(key), stamp)
        finally:
            with registry.cursor() as cr:
                env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
                env["ir.cron"].browse(cron_id).unlink()
                env["ir.config_parameter"].search([("key", "=", key)]).unlink()


class TestRoleMenusOverHttp(HttpCase):
    def _visible_folders(self, login):
        self.authenticate(login, login)
        self.cr.commit()  # TestCursor: a savepoint, see runtime/pytest_odoo311.py
        response = self.opener.post(
            "http://127.0.0.1:%s/web/dataset/call_kw/ir.ui.menu/load_menus" % odoo.tools.config["http_port"],
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
                "model": "ir.ui.menu", "method": "load_menus", "args": [False], "kwargs": {}}}),
            headers={"Content-Type": "application/json"}, timeout=60)
        result = response.json()
        if login in ("student", "parent"):
            # portal users have no back office: Odoo refuses to read its menus
            self.assertIn("error", result)
            return set()
        self.assertNotIn("error", result, result.get("error"))
        seen, stack = set(), list(result["result"]["children"])
        while stack:
            menu = stack.pop()
            seen.add(menu["id"])
            stack.extend(menu.get("children") or [])
        ids = {self.env.ref("school_ejournal." + x).id: x for x in FOLDERS + ["menu_root"]}
        return {ids[i] for i in seen if i in ids}

    def test_each_role_sees_its_own_menus_only(self):
        for login, expected in EXPECTED_MENUS.items():
            visible = self._visible_folders(login)
            if expected:
                self.assertIn("menu_root", visible, login)
            self.assertEqual(visible - {"menu_root"}, expected, login)

    def test_back_office_loads_for_staff(self):
        self.authenticate("teacher", "teacher")
        page = self.url_open("/web", timeout=60)
        self.assertEqual(page.status_code, 200)
        self.assertIn("odoo.session_info", page.text)
        templates = self.url_open("/web/webclient/qweb?mods=web,mail,school_ejournal", timeout=60)
        self.assertEqual(templates.status_code, 200)
        self.assertIn("t-name", templates.text)

    def test_login_page_is_russian(self):
        response = self.url_open("/web/login")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Пароль", response.text)

    def test_wrong_password_is_refused(self):
        self.assertFalse(self.registry["res.users"].authenticate(
            get_db_name(), "teacher", "not-the-password", None))


class TestPreforkServer(TransactionCase):
    """`make run ARGS="--workers 2"`: the prefork server starts and serves."""

    def test_workers_serve_login_page(self):
        with prefork_server() as server:
            self.assertIsNotNone(server["login_page"], "prefork server did not answer")
            self.assertIn("Пароль", server["login_page"])
        self.assertNotIn("Traceback", server["output"])
