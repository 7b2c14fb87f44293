"""Login issuance: users for staff, pupils and parents, one-time passwords shown
only on the printed slip, rights of the class teacher and the administrator."""
import shutil
import subprocess

import odoo
from odoo.exceptions import AccessDenied, AccessError, UserError
from odoo.tests.common import HttpCase, get_db_name

from .common import StructureCase
from .test_security_login_takeover import slips_of, token_of
from odoo.addons.school_ejournal.wizards.login_wizard import PASSWORD_ALPHABET, generate_password

REPORT = "school_ejournal.action_report_access_slip"


class LoginCase(StructureCase):
    def issue(self, user, **vals):
        """Run the wizard as ``user``, up to the printed slips; return
        (wizard, {name: (login, password)}, slip content)."""
        wizard = self.env["school.login.wizard"].sudo(user).create(vals)
        action = wizard.action_issue()
        self.assertEqual(action["type"], "ir.actions.act_url")
        content, _fmt = wizard._print_slips(token_of(action))
        return wizard, slips_of(content), content.decode("utf-8")

    def assertPassword(self, user, password):
        self.env["res.users"].sudo(user).check_credentials(password)

    def assertNotPassword(self, user, password):
        with self.assertRaises(AccessDenied):
            self.env["res.users"].sudo(user).check_credentials(password)


class TestLoginWizard(LoginCase):
    def test_passwords_are_strong_and_unambiguous(self):
        passwords = {generate_password() for _i in range(200)}
        self.assertEqual(len(passwords), 200)
        for password in passwords:
            self.assertGreaterEqual(len(password), 10)
            self.assertTrue(set(password) <= set(PASSWORD_ALPHABET))
            self.assertFalse(set(password) & set("0Oo1lIi"))
            self.assertTrue(any(c.isdigit() for c in password) and any(c.isupper() for c in password))

    def test_class_teacher_issues_for_own_pupil_and_parents(self):
        pupil = self.class_5a._get_roster("2026-10-01").filtered(lambda s: not s.user_id)[0]
        parents = pupil.guardian_ids.filtered("is_legal_representative").mapped("partner_id")
        wizard, issued, html = self.issue(self.class_teacher, student_ids=[(6, 0, pupil.ids)])
        self.assertEqual(set(issued), {pupil.name} | set(parents.mapped("name")))
        self.assertTrue(pupil.user_id)
        self.assertTrue(pupil.user_id.has_group("school_ejournal.group_student"))
        self.assertTrue(pupil.user_id.share)
        self.assertEqual(pupil.user_id.partner_id, pupil.partner_id)
        for partner in parents:
            login, password = issued[partner.name]
            user = self.env["res.users"].search([("partner_id", "=", partner.id)])
            self.assertEqual(user.login, login)
            self.assertTrue(user.has_group("school_ejournal.group_parent"))
            self.assertFalse(user.has_group("base.group_user"))
            self.assertPassword(user, password)
            # the slip shows name, login, password and the address
            self.assertIn(partner.name, html)
            self.assertIn(login, html)
            self.assertIn(password, html)
        self.assertIn("Реквизиты доступа", html)
        self.assertIn("/", html.split("Адрес")[1][:200])
        # rendered once: the clear passwords were never in the database
        self.assertNotIn("password", str(wizard.read()))
        self.env.cr.execute("SELECT count(*) FROM res_users WHERE id IN %s AND password IS NOT NULL "
                            "AND password != ''", (tuple(pupil.user_id.ids),))
        self.assertEqual(self.env.cr.fetchone()[0], 0, "auth_crypt keeps only the hash")
        html_again = self.env.ref(REPORT).sudo(self.class_teacher).render_qweb_html(wizard.ids)[0].decode()
        self.assertNotIn(issued[pupil.name][1], html_again)

    def test_pdf_slip_contains_the_login(self):
        wizard = self.env["school.login.wizard"].sudo(self.admin).create(
            {"staff_user_ids": [(6, 0, self.teacher.ids)]})
        content, fmt = wizard._print_slips(token_of(wizard.action_issue()))
        if content[:4] == b"%PDF":
            # wkhtmltopdf present: read the text back when poppler's pdftotext is there
            self.assertEqual(fmt, "pdf")
            if shutil.which("pdftotext"):
                text = subprocess.run(["pdftotext", "-", "-"], input=content, stdout=subprocess.PIPE,
                                      check=True).stdout.decode("utf-8")
                self.assertIn("Реквизиты доступа", text)
                login, password = slips_of(content)[self.teacher.name]
        else:
            # no wkhtmltopdf (or Odoo's test mode): Odoo falls back to the HTML
            self.assertEqual(fmt, "html")
            login, password = slips_of(content)[self.teacher.name]
        self.assertEqual(login, "teacher")
        self.assertPassword(self.teacher, password)

    def test_reissue_resets_the_password(self):
        wizard, first, html = self.issue(self.admin, staff_user_ids=[(6, 0, self.teacher.ids)])
        old = first[self.teacher.name][1]
        self.assertPassword(self.teacher, old)
        wizard, second, html = self.issue(self.admin, staff_user_ids=[(6, 0, self.teacher.ids)])
        new = second[self.teacher.name][1]
        self.assertNotEqual(old, new)
        self.assertEqual(second[self.teacher.name][0], "teacher", "same login")
        self.assertNotPassword(self.teacher, old)
        self.assertPassword(self.teacher, new)

    def test_parent_of_two_children_gets_one_login(self):
        wizard, issued, html = self.issue(self.admin, student_ids=[(6, 0, (self.artem | self.darya).ids)],
                                          include_students=False)
        mother = self.parent_user.partner_id
        self.assertEqual(list(issued).count(mother.name), 1)
        self.assertEqual(issued[mother.name][0], "parent", "the existing portal user is reused")
        self.assertPassword(self.parent_user, issued[mother.name][1])

    def test_class_teacher_refused_for_another_class_and_for_staff(self):
        stranger = self.class_9a._get_roster("2026-10-01")[0]
        with self.assertRefused(AccessError, "только ученикам своего класса"):
            self.issue(self.class_teacher, student_ids=[(6, 0, stranger.ids)])
        self.assertFalse(stranger.user_id)
        parent = stranger.guardian_ids[:1].partner_id
        with self.assertRefused(AccessError, "только родителям учеников своего"):
            self.issue(self.class_teacher, parent_partner_ids=[(6, 0, parent.ids)])
        with self.assertRefused(AccessError, "только администратор"):
            self.issue(self.class_teacher, staff_user_ids=[(6, 0, self.teacher.ids)])

    def test_teacher_and_deputy_refused(self):
        pupil = self.class_5a._get_roster("2026-10-01")[0]
        for user in (self.teacher, self.deputy):
            with self.assertRefused(AccessError, "Выдавать доступ может только"):
                self.issue(user, student_ids=[(6, 0, pupil.ids)])

    def test_nobody_selected(self):
        with self.assertRefused(UserError, "Не выбрано"):
            self.issue(self.admin)

    def test_wizard_defaults_from_a_class(self):
        wizard = self.env["school.login.wizard"].with_context(
            active_model="school.class", active_ids=self.class_1a.ids).create({})
        self.assertEqual(len(wizard.student_ids), len(self.class_1a._get_roster(
            odoo.fields.Date.context_today(wizard))))


class TestIssuedLoginAuthenticates(HttpCase):
    """A parent created by the wizard logs in through Odoo's real authentication."""

    def test_new_parent_logs_in(self):
        class_teacher = self.env.ref("school_ejournal.user_class_teacher")
        class_5a = self.env.ref("school_ejournal.demo_class_5a")
        pupil = class_5a._get_roster("2026-10-01").filtered(lambda s: not s.user_id)[0]
        wizard = self.env["school.login.wizard"].sudo(class_teacher).create(
            {"student_ids": [(6, 0, pupil.ids)], "include_students": False})
        content, _fmt = wizard._print_slips(token_of(wizard.action_issue()))
        login, password = list(slips_of(content).values())[0]
        self.assertTrue(self.registry["res.users"].authenticate(get_db_name(), login, password, None))
        self.assertFalse(self.registry["res.users"].authenticate(get_db_name(), login, "wrong" + password, None))
