"""«Выдача логинов и паролей» cannot be turned into an account takeover.

The attack: a class teacher points a pupil's login (or a guardian link) at
somebody else's account — the superuser's, the school admin's, a parent of
another class — and lets the wizard reset that account's password and print it.
Closed on three levels, each tested on its own: the login links of a pupil
cannot be written by anyone; a guardian link may point only at a plain contact
or a portal parent; the wizard itself resets only portal users of exactly that
pupil or parent (and staff below the issuer, for the school admin). Passwords
are generated in the request that prints the slip and are stored nowhere."""
import json
import re
import subprocess

from odoo import SUPERUSER_ID
from odoo.exceptions import AccessDenied, AccessError, UserError, ValidationError
from odoo.tests.common import HOST, PORT, HttpCase, get_db_name

from .common import StructureCase, call_kw, json_rpc

MODULE = "school_ejournal"
CYRILLIC = "[А-Яа-яЁё]"
SLIP = re.compile(r"<strong>([^<]+)</strong>.*?<code[^>]*>([^<]+)</code>.*?<code[^>]*>([^<]+)</code>", re.S)
PDF_SLIP = re.compile(r"ФИО\s+(.+?)\n.*?Логин\s+(\S+)\s+Пароль\s+(\S+)", re.S)


def slips_of(content):
    """{name: (login, password)} read back from the printed slips (the PDF's
    text through poppler's pdftotext; the HTML Odoo renders while testing)."""
    if content[:4] == b"%PDF":
        text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, stdout=subprocess.PIPE,
                              check=True).stdout.decode("utf-8")
        return {name.strip(): (login, password) for name, login, password in PDF_SLIP.findall(text)}
    html = content.decode("utf-8")
    return {name.strip(): (login.strip(), password.strip()) for name, login, password in SLIP.findall(html)}


def token_of(action):
    return re.search(r"[?&]token=([^&]+)", action["url"]).group(1)


class TakeoverCase(StructureCase):

    def setUp(self):
        super(TakeoverCase, self).setUp()
        self.root = self.env["res.users"].browse(SUPERUSER_ID)
        self.roster_5a = self.class_5a._get_roster("2026-10-01")
        self.pupil = self.roster_5a.filtered(lambda s: not s.user_id and s != self.artem)[0]

    def wizard(self, user, **vals):
        return self.env["school.login.wizard"].sudo(user).create(vals)

    def issue(self, user, **vals):
        """Run the wizard as ``user`` up to the printed slips; {name: (login, password)}."""
        wizard = self.wizard(user, **vals)
        action = wizard.action_issue()
        content, _fmt = wizard._print_slips(token_of(action))
        return wizard, slips_of(content), content

    def assertPassword(self, user, password):
        self.env["res.users"].sudo(user).check_credentials(password)

    def assertUntouched(self, user, password):
        """The account still opens with its old password (nothing was reset)."""
        self.env.invalidate_all() if hasattr(self.env, "invalidate_all") else self.env.cache.invalidate()
        self.assertPassword(user, password)

    def link_in_sql(self, student, partner):
        """A guardian link the ORM would refuse (data from before the checks)."""
        self.env.cr.execute("""
            INSERT INTO school_student_guardian (student_id, partner_id, relation, is_legal_representative,
                                                 notify_by, student_class_id)
            VALUES (%s, %s, 'mother', true, 'portal', %s)
        """, (student.id, partner.id, student.current_class_id.id))
        self.env.cache.invalidate()


class TestPupilLoginLinks(TakeoverCase):
    """The fields that tie a pupil to an account are written only by the wizard."""

    def test_nobody_writes_a_pupils_login_or_contact(self):
        targets = {"user_id": self.root.id, "partner_id": self.root.partner_id.id}
        checked = 0
        for user in (self.class_teacher, self.admin, self.deputy, self.teacher):
            for field, value in targets.items():
                with self.assertRefused(AccessError, CYRILLIC):
                    self.Student.sudo(user).browse(self.pupil.id).write({field: value})
                checked += 1
        # not even the superuser over RPC (the form's readonly protects nothing)
        for field, value in targets.items():
            with self.assertRefused(AccessError, "выдаче доступа"):
                self.pupil.write({field: value})
        self.assertFalse(self.pupil.user_id)
        print("\n[login takeover] %d writes of a pupil's login links refused" % (checked + 2))

    def test_nobody_creates_a_pupil_tied_to_an_account(self):
        for user in (self.class_teacher, self.admin):
            for field, value in (("user_id", self.root.id), ("partner_id", self.root.partner_id.id),
                                 ("partner_id", self.admin.partner_id.id)):
                with self.assertRefused(AccessError, CYRILLIC):
                    self.Student.sudo(user).create({"last_name": "Захватов", "first_name": "Иван", field: value})
        # a pupil created normally gets a contact of his own
        new = self.Student.sudo(self.class_teacher).create({"last_name": "Новиков", "first_name": "Иван"})
        self.assertTrue(new.partner_id)
        self.assertFalse(new.partner_id.user_ids)

    def test_takeover_through_the_pupils_login(self):
        """The probe's path: user_id := 1, then issue logins for that pupil."""
        with self.assertRefused(AccessError, CYRILLIC):
            self.Student.sudo(self.class_teacher).browse(self.pupil.id).write({"user_id": SUPERUSER_ID})
        # even where such a link exists in the data, the wizard refuses to reset it
        for victim in (self.root, self.admin, self.class_teacher):
            self.env.cr.execute("UPDATE school_student SET user_id = %s WHERE id = %s", (victim.id, self.pupil.id))
            self.env.cache.invalidate()
            wizard = self.wizard(self.class_teacher, student_ids=[(6, 0, self.pupil.ids)], include_parents=False)
            with self.assertRefused((AccessError, UserError), "не портальный|сотрудник"):
                wizard.action_issue()
        self.assertUntouched(self.root, "admin")
        self.assertUntouched(self.admin, "school_admin")
        self.assertUntouched(self.class_teacher, "class_teacher")

    def test_a_pupil_whose_contact_is_an_account_is_refused(self):
        self.env.cr.execute("UPDATE school_student SET partner_id = %s WHERE id = %s",
                            (self.root.partner_id.id, self.pupil.id))
        self.env.cache.invalidate()
        wizard = self.wizard(self.class_teacher, student_ids=[(6, 0, self.pupil.ids)], include_parents=False)
        with self.assertRefused((AccessError, UserError), CYRILLIC):
            wizard.action_issue()
        self.assertUntouched(self.root, "admin")


class TestGuardianLinks(TakeoverCase):
    """A guardian link may point at a plain contact or a portal parent only."""

    def guardian(self, partner, user=None, student=None):
        return self.env["school.student.guardian"].sudo(user or self.class_teacher).create({
            "student_id": (student or self.pupil).id, "partner_id": partner.id, "relation": "mother"})

    def test_accounts_and_pupils_are_not_guardians(self):
        Users = self.env["res.users"].with_context(no_reset_password=True)
        archived_staff = Users.create({"name": "Уволенный Учитель", "login": "h15_archived",
                                       "groups_id": [(6, 0, [self.env.ref(MODULE + ".group_teacher").id])]})
        archived_staff.active = False
        other_pupil = self.roster_5a.filtered(lambda s: s not in (self.pupil, self.artem))[0]
        refused = {
            "the superuser": self.root.partner_id,
            "the school admin": self.admin.partner_id,
            "a teacher": self.teacher.partner_id,
            "the class teacher himself": self.class_teacher.partner_id,
            "the company": self.env.user.company_id.partner_id,
            "an archived staff member": archived_staff.partner_id,
            "another pupil": other_pupil.partner_id,
            "a pupil's portal account": self.student_user.partner_id,
            "the pupil himself": self.pupil.partner_id,
            "a company contact": self.env["res.partner"].create({"name": "ООО Ромашка", "is_company": True}),
        }
        for label, partner in refused.items():
            for user in (self.class_teacher, self.admin):
                with self.assertRefused(ValidationError, CYRILLIC):
                    self.guardian(partner, user)
                    self.fail("%s linked as a guardian by %s" % (label, user.login))
        # re-pointing an existing link is checked the same way
        link = self.guardian(self.env["res.partner"].create({"name": "Иванова Анна Петровна"}))
        with self.assertRefused(ValidationError, CYRILLIC):
            link.sudo(self.class_teacher).write({"partner_id": self.root.partner_id.id})
        # nor is a linked contact turned into an account's contact from the other side
        with self.assertRefused(AccessError):
            link.partner_id.sudo(self.class_teacher).write({"user_ids": [(4, self.root.id)]})
        self.assertEqual(self.root.partner_id, self.env.ref("base.partner_root"))
        # a plain contact and a portal parent (one parent, several children) are fine
        self.assertTrue(self.guardian(self.parent_user.partner_id))
        print("\n[login takeover] %d guardian links to accounts refused" % (2 * len(refused) + 1))

    def test_takeover_through_a_guardian_link(self):
        """The probe's second path: link the admin's contact as a parent, issue parents' logins."""
        for victim, password in ((self.root, "admin"), (self.admin, "school_admin")):
            with self.assertRefused(ValidationError, CYRILLIC):
                self.guardian(victim.partner_id)
            self.link_in_sql(self.pupil, victim.partner_id)
            for vals in ({"student_ids": [(6, 0, self.pupil.ids)], "include_students": False},
                         {"parent_partner_ids": [(6, 0, victim.partner_id.ids)]}):
                wizard = self.wizard(self.class_teacher, **vals)
                with self.assertRefused((AccessError, UserError), CYRILLIC):
                    wizard.action_issue()
            self.assertUntouched(victim, password)
        # the school admin cannot do it either
        wizard = self.wizard(self.admin, parent_partner_ids=[(6, 0, self.root.partner_id.ids)])
        with self.assertRefused((AccessError, UserError), CYRILLIC):
            wizard.action_issue()
        self.assertUntouched(self.root, "admin")

    def test_a_parent_of_another_class_is_not_reset_by_a_class_teacher(self):
        """Соколова is the mother of Артём (5А) and Дарья (9А): linking her to one more
        5А pupil must not let the 5А class teacher take over her account."""
        self.guardian(self.parent_user.partner_id)
        wizard = self.wizard(self.class_teacher, student_ids=[(6, 0, self.pupil.ids)], include_students=False)
        with self.assertRefused(AccessError, "администратор"):
            wizard.action_issue()
        self.assertUntouched(self.parent_user, "parent")
        # the school admin may (she is a parent of the school, with a portal login)
        _wizard, slips, _content = self.issue(self.admin, parent_partner_ids=[(6, 0, self.parent_user.partner_id.ids)])
        self.assertEqual(slips[self.parent_user.partner_id.name][0], "parent")


class TestStaffLogins(TakeoverCase):

    def test_no_reset_above_the_issuer(self):
        Users = self.env["res.users"].with_context(no_reset_password=True)
        settings = Users.create({"name": "Настройщик", "login": "h15_settings",
                                 "groups_id": [(6, 0, [self.env.ref("base.group_user").id,
                                                       self.env.ref("base.group_erp_manager").id])]})
        system = Users.create({"name": "Системщик", "login": "h15_system",
                               "groups_id": [(6, 0, [self.env.ref("base.group_user").id,
                                                     self.env.ref("base.group_system").id])]})
        # a group the school admin does not have himself
        other = Users.create({"name": "Кадровик", "login": "h15_other",
                              "groups_id": [(6, 0, [self.env.ref("base.group_user").id,
                                                    self.env.ref("base.group_multi_currency").id])]})
        for victim in (self.root, settings, system, other):
            wizard = self.wizard(self.admin, staff_user_ids=[(6, 0, victim.ids)])
            with self.assertRefused(AccessError, CYRILLIC):
                wizard.action_issue()
        self.assertUntouched(self.root, "admin")
        # portal users are not staff
        wizard = self.wizard(self.admin, staff_user_ids=[(6, 0, self.parent_user.ids)])
        with self.assertRefused((AccessError, UserError), CYRILLIC):
            wizard.action_issue()
        # a teacher is below the school admin: fine
        _wizard, slips, _content = self.issue(self.admin, staff_user_ids=[(6, 0, self.teacher.ids)])
        self.assertPassword(self.teacher, slips[self.teacher.name][1])
        # and only the school admin issues staff logins
        wizard = self.wizard(self.class_teacher, staff_user_ids=[(6, 0, self.teacher.ids)])
        with self.assertRefused(AccessError, "только администратор"):
            wizard.action_issue()


class TestPasswordsAreNotStored(TakeoverCase):

    def test_no_password_field_and_one_print_per_token(self):
        self.assertFalse("school.login.wizard.line" in self.env.registry, "the line model with the passwords is gone")
        Wizard = self.env["school.login.wizard"]
        self.assertFalse([name for name, field in Wizard._fields.items() if "password" in name])
        wizard = self.wizard(self.class_teacher, student_ids=[(6, 0, self.pupil.ids)])
        action = wizard.action_issue()
        self.assertEqual(action["type"], "ir.actions.act_url")
        token = token_of(action)
        # nothing is reset until the slip is printed
        self.assertFalse(self.pupil.user_id)
        # the token is kept hashed only, and only the wizard's server path writes it
        self.env.cr.execute("SELECT * FROM school_login_wizard WHERE id = %s", (wizard.id,))
        self.assertNotIn(token, repr(self.env.cr.fetchall()))
        with self.assertRefused(AccessError, CYRILLIC):
            wizard.write({"token_hash": "0" * 64})
        # a wrong token prints nothing
        with self.assertRefused(UserError, CYRILLIC):
            wizard._print_slips(token[:-2] + "xx")
        content, _fmt = wizard._print_slips(token)
        slips = slips_of(content)
        login, password = slips[self.pupil.name]
        self.assertEqual(self.pupil.user_id.login, login)
        self.assertPassword(self.pupil.user_id, password)
        # the password is nowhere in the wizard's tables
        for table in ("school_login_wizard", "school_login_wizard_school_student_rel"):
            self.env.cr.execute("SELECT * FROM %s" % table)
            self.assertNotIn(password, repr(self.env.cr.fetchall()), table)
        # a second print (a second click, the browser's back button) is refused, nothing reset
        with self.assertRefused(UserError, "уже"):
            wizard._print_slips(token)
        with self.assertRefused(UserError, "уже"):
            wizard.action_issue()
        self.assertUntouched(self.pupil.user_id, password)
        # the report route alone never shows passwords
        html = self.env.ref(MODULE + ".action_report_access_slip").sudo(self.class_teacher)\
            .render_qweb_html(wizard.ids)[0].decode("utf-8")
        self.assertNotIn(password, html)
        self.assertIn("только один раз", html)

    def test_the_slip_is_printed_by_the_wizards_owner_only(self):
        wizard = self.wizard(self.class_teacher, student_ids=[(6, 0, self.pupil.ids)])
        token = token_of(wizard.action_issue())
        with self.assertRefused(AccessError):
            wizard.sudo(self.admin)._print_slips(token)
        self.assertFalse(self.pupil.user_id)


class TestTakeoverOverHttp(HttpCase):
    """The same attack as the probe made it: JSON-RPC with a real class teacher's session."""

    def rpc(self, path, params):
        self.cr.commit()
        return json_rpc(self.opener, path, params)

    def call_kw(self, model, method, args, kwargs=None):
        self.cr.commit()
        return call_kw(self.opener, model, method, args, kwargs)

    def get(self, url):
        self.cr.commit()
        return self.opener.get("http://%s:%s%s" % (HOST, PORT, url), timeout=300, allow_redirects=False)

    def test_class_teacher_over_json_rpc(self):
        class_5a = self.env.ref(MODULE + ".demo_class_5a")
        artem = self.env.ref(MODULE + ".demo_student_sokolov_artem")
        pupil = class_5a._get_roster("2026-10-01").filtered(lambda s: not s.user_id and s != artem)[0]
        root = self.env["res.users"].browse(SUPERUSER_ID)
        self.authenticate("class_teacher", "class_teacher")
        # 1. the pupil's login := the superuser
        answer = self.call_kw("school.student", "write", [[pupil.id], {"user_id": SUPERUSER_ID}])
        self.assertIn("error", answer)
        self.assertRegex(answer["error"]["data"]["message"], CYRILLIC)
        # 2. the superuser's contact as the pupil's mother
        answer = self.call_kw("school.student.guardian", "create", [{
            "student_id": pupil.id, "partner_id": root.partner_id.id, "relation": "mother"}])
        self.assertIn("error", answer)
        self.assertRegex(answer["error"]["data"]["message"], CYRILLIC)
        pupil.invalidate_cache()
        self.assertFalse(pupil.user_id)
        self.assertFalse(pupil.guardian_ids.filtered(lambda g: g.partner_id == root.partner_id))
        # 3. the real path for a real mother: the button, then the slip in one request
        mother = self.env["res.partner"].create({"name": "Проверкина Анна Сергеевна"})
        self.env["school.student.guardian"].create({"student_id": pupil.id, "partner_id": mother.id,
                                                    "relation": "mother"})
        answer = self.call_kw("school.login.wizard", "create", [{
            "student_ids": [[6, 0, pupil.ids]], "include_students": False}])
        wizard_id = answer["result"]
        answer = self.rpc("/web/dataset/call_button", {
            "model": "school.login.wizard", "method": "action_issue", "args": [[wizard_id]]})
        action = answer.get("result") or self.fail(answer)
        self.assertEqual(action["type"], "ir.actions.act_url", action)
        # the wizard over RPC: no password anywhere
        answer = self.call_kw("school.login.wizard", "read", [[wizard_id]])
        self.assertNotIn("password", json.dumps(answer))
        response = self.get(action["url"])
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertIn("no-store", response.headers.get("Cache-Control", ""))
        slips = slips_of(response.content)
        login, password = slips[mother.name]
        self.assertTrue(self.registry["res.users"].authenticate(get_db_name(), login, password, None))
        # 4. the same link again: refused in Russian, the password stays
        again = self.get(action["url"])
        self.assertEqual(again.status_code, 403)
        self.assertIn("уже", again.text)
        self.assertNotIn(password, again.text)
        self.assertTrue(self.registry["res.users"].authenticate(get_db_name(), login, password, None))
        # 5. another user with the same link: not found
        self.authenticate("school_admin", "school_admin")
        other = self.get(action["url"].replace("token=", "token=x"))
        self.assertIn(other.status_code, (403, 404))
        # the superuser's password never changed
        self.assertTrue(self.registry["res.users"].authenticate(get_db_name(), "admin", "admin", None))
        with self.assertRaises(AccessDenied):
            self.env["res.users"].sudo(root).check_credentials("wrong")
