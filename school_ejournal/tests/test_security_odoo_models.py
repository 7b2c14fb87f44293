"""Odoo's own models as the pupils, the parents and the visitors reach them, and Odoo's
settings wizards that work on the database cursor whoever runs them (the probe's pupil
imported his own translations over the school's)."""
import base64

from odoo.exceptions import AccessError
from odoo.tests.common import TransactionCase

from ..models.base import SETTINGS_WIZARDS

ROLES = ("student", "parent", "teacher", "class_teacher", "deputy", "school_admin")
REFUSAL = "Языки, переводы и модули системы может менять только системный администратор."
PO = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#. module: school_ejournal
#: model:ir.model.fields,field_description:school_ejournal.field_school_grade_value
msgid "Grade"
msgstr "Подменено учеником"
'''

# Every model outside the addon that a visitor (public), a pupil or a parent reaches at
# the level of access rights, with its operations; record rules narrow what is read:
# mail (tests/security_matrix.py CORE_MODEL_MATRIX and CORE_SCOPES), channels and presence
# (test_security_mail_access.py), partners and users (own only), logins' failed attempts
# (administrators only). The rest is Odoo's configuration read by every web page, and two
# test models of Odoo's (mail.test, web_editor.converter.test) that hold nothing.
# Wizards (transient models) are their creator's only, Odoo's rule; those of the settings
# are refused below.
PORTAL_REACH = {
    # model                     public  student  parent
    "bus.presence":              ("-",   "rcwu",  "rcwu"),
    "ir.actions.act_url":        ("r",   "r",     "r"),
    "ir.actions.act_window":     ("r",   "r",     "r"),
    "ir.actions.act_window.view": ("r",  "r",     "r"),
    "ir.actions.act_window_close": ("r", "r",     "r"),
    "ir.actions.actions":        ("r",   "r",     "r"),
    "ir.actions.client":         ("r",   "r",     "r"),
    "ir.actions.report":         ("r",   "r",     "r"),
    "ir.actions.server":         ("r",   "r",     "r"),
    "ir.attachment":             ("r",   "r",     "r"),
    "ir.default":                ("r",   "r",     "r"),
    "ir.filters":                ("rcwu", "rcwu", "rcwu"),
    "ir.property":               ("r",   "r",     "r"),
    "ir.server.object.lines":    ("r",   "r",     "r"),
    "ir.ui.view":                ("r",   "r",     "r"),
    "ir.ui.view.custom":         ("rcwu", "rcwu", "rcwu"),
    "mail.alias":                ("r",   "r",     "r"),
    "mail.channel":              ("r",   "r",     "r"),
    "mail.channel.partner":      ("r",   "rcwu",  "rcwu"),
    "mail.followers":            ("-",   "rcw",   "rcw"),
    "mail.message":              ("r",   "rcw",   "rcw"),
    "mail.message.subtype":      ("r",   "r",     "r"),
    "mail.notification":         ("-",   "r",     "r"),
    "mail.shortcode":            ("-",   "r",     "r"),
    "mail.test":                 ("-",   "rw",    "rw"),
    "report.paperformat":        ("r",   "r",     "r"),
    "res.authentication.attempt": ("r",  "r",     "r"),
    "res.company":               ("r",   "r",     "r"),
    "res.country":               ("r",   "r",     "r"),
    "res.country.group":         ("r",   "r",     "r"),
    "res.country.state":         ("r",   "r",     "r"),
    "res.currency":              ("r",   "r",     "r"),
    "res.currency.rate":         ("r",   "r",     "r"),
    "res.lang":                  ("r",   "r",     "r"),
    "res.partner":               ("r",   "r",     "r"),
    "res.partner.title":         ("r",   "r",     "r"),
    "res.request.link":          ("r",   "r",     "r"),
    "res.users":                 ("r",   "r",     "r"),
    "res.users.log":             ("rc",  "rc",    "rc"),
    "web.planner":               ("-",   "r",     "r"),
    "web_editor.converter.test": ("rcwu", "rcwu", "rcwu"),
    "web_editor.converter.test.sub": ("rcwu", "rcwu", "rcwu"),
    "web_tour.tour":             ("r",   "r",     "r"),
}


class TestOdooModels(TransactionCase):
    def test_every_odoo_model_a_family_or_a_visitor_reaches_is_named(self):
        """Generated over the registry: a module installed later that gives the portal or the
        public a model fails here until its row is reviewed."""
        users = [self.env.ref("base.public_user"), self.env.ref("school_ejournal.user_student"),
                 self.env.ref("school_ejournal.user_parent")]
        reach = {}
        for name in sorted(self.env.registry):
            model = self.env[name]
            if model._abstract or model._transient or name.startswith("school."):
                continue
            cells = tuple("".join(letter for operation, letter in (("read", "r"), ("create", "c"), ("write", "w"),
                                                                   ("unlink", "u"))
                                  if model.sudo(user).check_access_rights(operation, raise_exception=False)) or "-"
                          for user in users)
            if cells != ("-", "-", "-"):
                reach[name] = cells
        self.assertEqual(reach, PORTAL_REACH)

    def test_odoos_settings_wizards_are_the_system_administrators(self):
        """Generated over the settings wizards and every role of the school: refused in
        Russian; Odoo's own administrator (base.group_system) keeps them."""
        for name in sorted(SETTINGS_WIZARDS):
            self.assertIn(name, self.env.registry, name)
            for role in ROLES:
                user = self.env.ref("school_ejournal.user_%s" % role)
                with self.assertRaises(AccessError, msg="%s creates %s" % (role, name)) as refused:
                    self.env[name].sudo(user).create({})
                self.assertIn(REFUSAL, str(refused.exception))
        system = self.env["res.users"].create({"name": "Системный администратор", "login": "system_admin_test",
                                               "groups_id": [(6, 0, [self.env.ref("base.group_system").id])]})
        wizard = self.env["base.update.translations"].sudo(system).create({"lang": "ru_RU"})
        self.assertEqual(wizard.create_uid, system)

    def test_a_pupil_cannot_import_his_translations_over_the_schools(self):
        label = self.env["school.grade"].with_context(lang="ru_RU")._fields["value"].get_description(
            self.env(context={"lang": "ru_RU"}))["string"]
        with self.assertRaises(AccessError):
            self.env["base.language.import"].sudo(self.env.ref("school_ejournal.user_student")).create({
                "name": "Russian / русский язык", "code": "ru_RU", "overwrite": True, "filename": "ru.po",
                "data": base64.b64encode(PO.encode())})
        self.env.cr.execute("SELECT count(*) FROM ir_translation WHERE value = 'Подменено учеником'")
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        self.assertEqual(label, "Отметка")
