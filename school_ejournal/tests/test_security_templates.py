"""Mail templates and the composer's text: rendered in a sandbox without the ORM's ways
out of the user's rights, and written by Odoo's system administrator only. The probe's
pupil rendered «${object.sudo().env.uid}» over RPC and got «1», the superuser."""
from odoo.exceptions import AccessError, UserError
from odoo.tests.common import TransactionCase

from ..tools.template_sandbox import ESCAPES

SPELLINGS = ("${object.%s}", "${object['%s']}", "${'{0.%s}'.format(object)}", "${user.%s}")


class TestTemplates(TransactionCase):
    def setUp(self):
        super(TestTemplates, self).setUp()
        self.pupil = self.env.ref("school_ejournal.user_student")
        self.teacher = self.env.ref("school_ejournal.user_teacher")
        self.own = self.env["school.student"].sudo(self.pupil).search([], limit=1)
        self.assertTrue(self.own)

    def test_no_way_out_of_the_users_rights_in_any_spelling(self):
        """Generated over every refused name and every spelling, as a pupil and as a teacher."""
        for user in (self.pupil, self.teacher):
            Template = self.env["mail.template"].sudo(user)
            for name in sorted(ESCAPES):
                for spelling in SPELLINGS:
                    text = spelling % name
                    try:
                        result = Template.render_template(text, "school.student", self.own.ids)[self.own.id]
                    except UserError:
                        continue    # Odoo: «Failed to render template»
                    self.assertNotIn("Environment", result, text)
                    self.assertNotIn("Registry", result, text)
                    self.assertFalse(result.strip() and result.strip() not in ("", "False"),
                                     "%s renders %r as %s" % (text, result, user.login))

    def test_the_probes_renders_give_nothing_of_the_superusers(self):
        body = "${object.sudo().env['res.users'].search([]).mapped('login')} ${object.sudo().env.uid}"
        composer = self.env["mail.compose.message"].sudo(self.pupil).create({
            "composition_mode": "mass_mail", "model": "school.student", "res_id": self.own.id,
            "subject": "s", "body": body})
        with self.assertRaises(UserError):
            composer.render_message(self.own.ids)
        with self.assertRaises(UserError):
            self.env["mail.template"].sudo(self.pupil).render_template(body, "school.student", self.own.ids)
        # what the pupil may read anyway still renders
        self.assertEqual(self.env["mail.template"].sudo(self.pupil).render_template(
            "${object.name}", "school.student", self.own.ids)[self.own.id], self.own.name)

    def test_templates_are_written_by_the_system_administrator_only(self):
        template = self.env.ref("school_ejournal.mail_template_progress_digest")
        for login in ("teacher", "class_teacher", "deputy", "school_admin"):
            user = self.env.ref("school_ejournal.user_%s" % login)
            with self.assertRaises(AccessError, msg=login):
                template.sudo(user).write({"body_html": "${object.write({'name': 'x'})}"})
            with self.assertRaises(AccessError, msg=login):
                self.env["mail.template"].sudo(user).create({"name": "x", "model_id": template.model_id.id})
            self.assertTrue(template.sudo(user).body_html)   # staff still read them (the composer)
        system = self.env["res.users"].create({"name": "Системный администратор", "login": "system_templates_test",
                                               "groups_id": [(6, 0, [self.env.ref("base.group_system").id])]})
        template.sudo(system).write({"subject": "Отчёт"})
        self.assertEqual(template.subject, "Отчёт")

    def test_no_template_of_the_database_uses_a_refused_name(self):
        """Generated over every template installed: none breaks under the restricted sandbox."""
        fields = [name for name, field in self.env["mail.template"]._fields.items()
                  if field.type in ("char", "text", "html") and field.store]
        for template in self.env["mail.template"].search([]):
            for name in fields:
                text = template[name] or ""
                for escape in ESCAPES:
                    self.assertNotRegex(text, r"\.\s*%s\b" % escape, "%s.%s" % (template.name, name))
