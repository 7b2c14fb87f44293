"""Every journal menu opens for the roles that see it: the views load
and their list and form fields are readable under the role's rights."""
import datetime
import time

from dateutil.relativedelta import relativedelta
from odoo.tools.safe_eval import safe_eval

from .common import StructureCase

ROLES = ("user_school_admin", "user_deputy", "user_class_teacher", "user_teacher")
# some entries each role must reach, and some it must not
REACHES = {
    "user_school_admin": {"menu_school_years", "menu_school_staff", "menu_school_timetable",
                          "menu_config_grade_levels", "menu_class_teacher_students"},
    "user_deputy": {"menu_control_classes", "menu_control_students"},
    "user_class_teacher": {"menu_class_teacher_students", "menu_class_teacher_guardians",
                           "menu_class_teacher_movements", "menu_class_teacher_consents",
                           "menu_class_teacher_logins", "menu_journal_my_classes"},
    "user_teacher": {"menu_journal_my_classes", "menu_journal_my_timetable", "menu_journal_my_students"},
}
NOT_REACHES = {
    "user_deputy": {"menu_school_students", "menu_class_teacher_students"},
    "user_class_teacher": {"menu_school_students", "menu_control_students"},
    "user_teacher": {"menu_class_teacher_guardians", "menu_school_guardians", "menu_control_students"},
}


class TestMenusOpenForEachRole(StructureCase):
    def _action_menus(self, user):
        Menu = self.env["ir.ui.menu"].sudo(user)
        root = self.env.ref("school_ejournal.menu_root")
        visible = Menu.search([("id", "child_of", root.id)])
        # a menu shows only when every folder above it is visible too
        reachable = visible.filtered(lambda m: m.action and all(
            ancestor in visible for ancestor in self._ancestors(m) if ancestor != root.parent_id))
        return reachable

    def _ancestors(self, menu):
        ancestors = []
        parent = menu.parent_id
        while parent:
            ancestors.append(parent)
            parent = parent.parent_id
        return ancestors

    def test_each_role_reaches_its_entries(self):
        for xmlid in ROLES:
            user = self.env.ref("school_ejournal." + xmlid)
            reached = set(self._action_menus(user).get_external_id().values())
            for menu in REACHES.get(xmlid, ()):
                self.assertIn("school_ejournal." + menu, reached, xmlid)
            for menu in NOT_REACHES.get(xmlid, ()):
                self.assertNotIn("school_ejournal." + menu, reached, xmlid)

    def test_views_and_data_load(self):
        for xmlid in ROLES:
            user = self.env.ref("school_ejournal." + xmlid)
            menus = self._action_menus(user)
            self.assertTrue(menus, xmlid)
            for menu in menus:
                action = menu.action.sudo()
                if action._name != "ir.actions.act_window":
                    continue
                Model = self.env[action.res_model].sudo(user).with_context(lang="ru_RU")
                if not Model.check_access_rights("read", raise_exception=False):
                    continue
                # what the web client offers when it evaluates an action's context and domain
                eval_context = {"uid": user.id, "user": user, "active_id": False, "active_ids": [],
                                "context_today": datetime.date.today, "datetime": datetime,
                                "time": time, "relativedelta": relativedelta, "context": {}}
                context = safe_eval(action.context or "{}", eval_context)
                domain = safe_eval(action.domain or "[]", eval_context)
                Model = Model.with_context(**context)
                label = "%s / %s" % (xmlid, menu.complete_name)
                for view_type in ("tree", "form", "search"):
                    if view_type != "search" and view_type not in action.view_mode:
                        continue
                    view_id = action.view_id.id if action.view_id.type == view_type else False
                    for view in action.view_ids:
                        if view.view_mode == view_type:
                            view_id = view.view_id.id
                    arch = Model.fields_view_get(view_id=view_id, view_type=view_type)
                    if view_type == "search" or Model._transient:
                        continue
                    fields = list(arch["fields"])
                    records = Model.search(domain, limit=3)
                    records.read(fields)
                    if view_type == "form":
                        Model.default_get(fields)
                self.assertTrue(label)
