"""A user's own defaults (Odoo's «Set Default», ``ir.default.set``) fill fields at creation
after the check of what he sent. Generated over every model of the addon and every field
the system fills: a teacher may not make one of them default to his value."""
from odoo.exceptions import AccessError
from odoo.tests.common import TransactionCase

from ..models.client_gate import GUARDED, server_fields

SERVER_ONLY = "заполняются программой"


class TestPersonalDefaults(TransactionCase):
    def test_no_personal_default_on_a_field_the_system_fills(self):
        teacher = self.env.ref("school_ejournal.user_teacher")
        Default = self.env["ir.default"].sudo(teacher)
        checked = 0
        for model in sorted(GUARDED):
            if model not in self.env:
                continue
            for name, rule in sorted(server_fields(self.env[model]).items()):
                field = self.env[model]._fields[name]
                if rule is not None or field.type in ("one2many", "many2many", "binary"):
                    continue
                value = {"boolean": True, "integer": 7, "float": 7.0, "monetary": 7.0, "many2one": 1,
                         "date": "2026-09-01", "datetime": "2026-09-01 08:00:00"}.get(field.type, "x")
                if field.type == "selection":
                    selection = field._description_selection(self.env)
                    value = selection[-1][0] if selection else "x"
                with self.assertRaises(AccessError, msg="%s.%s" % (model, name)) as refused:
                    Default.set(model, name, value, user_id=True)
                self.assertIn(SERVER_ONLY, str(refused.exception), "%s.%s" % (model, name))
                checked += 1
        self.assertGreater(checked, 100)
        self.assertFalse(self.env["ir.default"].search([("user_id", "=", teacher.id)]))

    def test_a_personal_default_on_a_field_he_fills_is_his(self):
        teacher = self.env.ref("school_ejournal.user_teacher")
        self.env["ir.default"].sudo(teacher).set("school.grade", "comment", "Молодец", user_id=True)
        self.assertEqual(self.env["ir.default"].sudo(teacher).get("school.grade", "comment", user_id=True),
                         "Молодец")
