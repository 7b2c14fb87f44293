"""Odoo's own mail and file models as the school's roles reach them: the queued
e-mails (mail.mail), followers, messages, activities and homework files. Each
test replays a hostile call of the outside probe (ORM as the demo users, and
JSON-RPC as the logged-in parent) and expects a refusal with nothing written."""
import re

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import HttpCase, TransactionCase

from .common import call_kw

MODULE = "school_ejournal"
REFUSED = (AccessError, UserError)


class MailFacts(object):

    def school_facts(self):
        ref = self.env.ref
        self.parent = ref(MODULE + ".user_parent")
        self.student_user = ref(MODULE + ".user_student")
        self.teacher = ref(MODULE + ".user_teacher")
        self.class_teacher = ref(MODULE + ".user_class_teacher")
        self.director_partner = ref(MODULE + ".user_school_admin").partner_id
        self.artem = ref(MODULE + ".demo_student_sokolov_artem")
        self.darya = ref(MODULE + ".demo_student_sokolova_darya")
        self.class_5a = ref(MODULE + ".demo_class_5a")
        # a classmate of the parent's son: another family's child
        self.foreign = self.env["school.student"].search([
            ("current_class_id", "=", self.class_5a.id),
            ("id", "not in", (self.artem | self.darya).ids)], limit=1)
        assert self.foreign

    def queue_note_about_foreign_child(self):
        """What the probe read: a class teacher's note about another family's child."""
        return self.env["mail.mail"].sudo(self.class_teacher).create({
            "subject": "О поведении ученика", "body_html": "<p>%s: беседа с родителями</p>" % self.foreign.name,
            "email_to": "other.family@example.invalid", "model": "school.student", "res_id": self.foreign.id})


class TestPortalMailMail(MailFacts, TransactionCase):

    def setUp(self):
        super().setUp()
        self.school_facts()
        self.note = self.queue_note_about_foreign_child()

    def test_portal_and_public_have_no_mail_mail_rights(self):
        for user in (self.parent, self.student_user, self.env.ref("base.public_user")):
            Mail = self.env["mail.mail"].sudo(user)
            for operation in ("read", "write", "create", "unlink"):
                self.assertFalse(Mail.check_access_rights(operation, raise_exception=False),
                                 "%s may %s mail.mail" % (user.login, operation))

    def test_parent_cannot_read_rewrite_or_forge_mail(self):
        Mail = self.env["mail.mail"].sudo(self.parent)
        with self.assertRaises(AccessError):
            Mail.search([])
        with self.assertRaises(AccessError):
            Mail.browse(self.note.id).read(["body_html", "email_to"])
        with self.assertRaises(AccessError):
            Mail.browse(self.note.id).write({"email_to": "parent@example.invalid"})
        with self.assertRaises(AccessError):
            Mail.create({"subject": "Приказ", "body_html": "<p>x</p>", "email_to": "all@example.invalid",
                         "author_id": self.director_partner.id, "email_from": self.director_partner.email})
        self.note.invalidate_cache()
        self.assertEqual(self.note.email_to, "other.family@example.invalid")

    def test_staff_read_only_the_mails_they_wrote(self):
        with self.assertRaises(AccessError):
            self.env["mail.mail"].sudo(self.teacher).browse(self.note.id).read(["body_html"])
        self.assertNotIn(self.note, self.env["mail.mail"].sudo(self.teacher).search([]))
        self.assertIn(self.note.id, self.env["mail.mail"].sudo(self.class_teacher).search([]).ids)


class TestFollowers(MailFacts, TransactionCase):

    def setUp(self):
        super().setUp()
        self.school_facts()
        self.Followers = self.env["mail.followers"]

    def follow(self, user, record, partner=None):
        return self.Followers.sudo(user).create({
            "res_model": record._name, "res_id": record.id, "partner_id": (partner or user.partner_id).id})

    def test_parent_cannot_follow_another_child(self):
        with self.assertRaises(REFUSED):
            self.follow(self.parent, self.foreign)
        self.assertFalse(self.Followers.search([("res_model", "=", "school.student"),
                                                ("res_id", "=", self.foreign.id),
                                                ("partner_id", "=", self.parent.partner_id.id)]))
        # message_subscribe is Odoo's own path: refused on a record he cannot read
        self.assertFalse(self.foreign.sudo(self.parent).message_subscribe([self.parent.partner_id.id]))

    def test_portal_cannot_subscribe_others_nor_follow_class_threads(self):
        with self.assertRaises(REFUSED):
            self.follow(self.parent, self.artem, partner=self.director_partner)
        with self.assertRaises(REFUSED):
            self.follow(self.parent, self.class_5a)  # he reads his son's class, but it is not his thread
        with self.assertRaises(REFUSED):
            self.follow(self.student_user, self.darya)  # his sister is not his record

    def test_parent_may_follow_his_own_child(self):
        self.Followers.search([("res_model", "=", "school.student"), ("res_id", "=", self.artem.id),
                               ("partner_id", "=", self.parent.partner_id.id)]).unlink()
        follower = self.follow(self.parent, self.artem)
        self.assertEqual(follower.sudo().partner_id, self.parent.partner_id)

    def test_own_follower_cannot_be_moved_to_another_child(self):
        follower = self.Followers.search([("res_model", "=", "school.student"), ("res_id", "=", self.artem.id),
                                          ("partner_id", "=", self.parent.partner_id.id)])
        if not follower:
            follower = self.follow(self.parent, self.artem)
        with self.assertRaises(REFUSED):
            follower.sudo(self.parent).write({"res_id": self.foreign.id})
        follower.invalidate_cache()
        self.assertEqual(follower.res_id, self.artem.id)

    def test_teacher_cannot_follow_a_pupil_he_cannot_read(self):
        other = self.env["school.student"].search([
            ("current_class_id", "not in", self.teacher.school_taught_class_ids.ids),
            ("current_class_id", "!=", False)], limit=1)
        with self.assertRaises(REFUSED):
            self.follow(self.teacher, other)

    def test_staff_see_followers_and_activities_of_readable_records_only(self):
        other = self.env["school.student"].search([
            ("current_class_id", "not in", self.teacher.school_taught_class_ids.ids),
            ("current_class_id", "!=", False)], limit=1)
        follower = self.Followers.create({"res_model": "school.student", "res_id": other.id,
                                          "partner_id": self.parent.partner_id.id})
        activity = self.env["mail.activity"].create({
            "res_model_id": self.env["ir.model"]._get("school.student").id, "res_id": other.id,
            "user_id": self.class_teacher.id, "summary": "Поговорить с семьёй",
            "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id})
        for record in (follower, activity):
            Model = self.env[record._name].sudo(self.teacher)
            self.assertNotIn(record.id, Model.search([("res_id", "=", other.id)]).ids)
            with self.assertRaises(AccessError):
                Model.browse(record.id).read(["res_id"])
        # the class teacher's own activity stays his, whatever the record
        self.assertEqual(self.env["mail.activity"].sudo(self.class_teacher).search([
            ("id", "=", activity.id)]).ids, activity.ids)

    def test_portal_reads_only_his_own_subscriptions(self):
        seen = self.Followers.sudo(self.parent).search([])
        self.assertEqual(set(seen.mapped("partner_id").ids) - {self.parent.partner_id.id}, set())


class TestPortalMessages(MailFacts, TransactionCase):

    def setUp(self):
        super().setUp()
        self.school_facts()
        self.Message = self.env["mail.message"]

    def test_parent_cannot_post_on_another_child(self):
        with self.assertRaises(REFUSED):
            self.Message.sudo(self.parent).create({
                "model": "school.student", "res_id": self.foreign.id, "body": "<p>x</p>",
                "message_type": "comment", "subtype_id": self.env.ref("mail.mt_comment").id})
        with self.assertRaises(REFUSED):
            self.foreign.sudo(self.parent).message_post(body="x", message_type="comment",
                                                        subtype="mail.mt_comment")

    def test_a_familys_posts_are_limited_on_every_route_not_only_the_diarys_page(self):
        """5 messages a minute and 5,000 characters each, through message_post (what
        /mail/chatter_post and JSON-RPC reach) as well as through /my/messages/post."""
        from ..models.mail_message import PORTAL_MESSAGE_LIMIT, PORTAL_POSTS_PER_MINUTE
        with self.assertRaisesRegex(UserError, "слишком длинное"):
            self.artem.sudo(self.parent).message_post(body="я" * (PORTAL_MESSAGE_LIMIT + 1),
                                                      message_type="comment", subtype="mail.mt_comment")
        for number in range(PORTAL_POSTS_PER_MINUTE):
            self.artem.sudo(self.parent).message_post(body="Вопрос %s" % number, message_type="comment",
                                                      subtype="mail.mt_comment")
        before = self.Message.sudo().search_count([("model", "=", "school.student"), ("res_id", "=", self.artem.id)])
        with self.assertRaisesRegex(UserError, "Слишком много сообщений"), self.env.cr.savepoint():
            self.artem.sudo(self.parent).message_post(body="Ещё вопрос", message_type="comment",
                                                      subtype="mail.mt_comment")
        self.assertEqual(before, self.Message.sudo().search_count([("model", "=", "school.student"),
                                                                   ("res_id", "=", self.artem.id)]))

    def test_parent_cannot_write_as_the_director(self):
        with self.assertRaises(REFUSED):
            self.artem.sudo(self.parent).message_post(body="Приказ", message_type="comment",
                                                      subtype="mail.mt_comment",
                                                      author_id=self.director_partner.id)
        with self.assertRaises(REFUSED):  # a private message to anyone, through the school's server
            self.Message.sudo(self.parent).create({
                "body": "<p>x</p>", "message_type": "comment", "partner_ids": [(4, self.foreign.id)],
                "subtype_id": self.env.ref("mail.mt_comment").id})

    def test_parent_posts_only_on_his_childs_thread(self):
        channel = self.env["mail.channel"].create({"name": "Открытый канал", "public": "public"})
        for record in (channel, self.parent.partner_id):
            with self.assertRaises(REFUSED):
                record.sudo(self.parent).message_post(body="x", message_type="comment",
                                                      subtype="mail.mt_comment")
        # a subscription made before subscriptions were checked is no licence to post
        self.env["mail.followers"].create({"res_model": "school.student", "res_id": self.foreign.id,
                                           "partner_id": self.parent.partner_id.id})
        with self.assertRaises(REFUSED):
            self.foreign.sudo(self.parent).message_post(body="x", message_type="comment",
                                                        subtype="mail.mt_comment")
        # revoked consent closes the thread on every route, not only on the diary's page
        self.artem.sudo(self.parent).message_post(body="Здравствуйте", message_type="comment",
                                                  subtype="mail.mt_comment")
        self.env.cr.execute("UPDATE school_student SET consent_state = 'revoked' WHERE id = %s", (self.artem.id,))
        self.artem.invalidate_cache()
        with self.assertRaises(REFUSED):
            self.artem.sudo(self.parent).message_post(body="x", message_type="comment",
                                                      subtype="mail.mt_comment")

    def test_parent_cannot_rewrite_a_teachers_message_to_him(self):
        message = self.artem.sudo(self.class_teacher).message_post(
            body="Артём не сдал работу", message_type="comment", subtype="mail.mt_comment",
            partner_ids=[self.parent.partner_id.id])
        with self.assertRaises(REFUSED):
            message.sudo(self.parent).write({"body": "<p>Всё хорошо</p>"})
        message.invalidate_cache()
        self.assertIn("не сдал", message.body)

    def test_parent_reads_no_class_thread(self):
        note = self.class_5a.sudo().message_post(body="Разбор конфликта в классе", message_type="comment",
                                                 subtype="mail.mt_comment")
        self.assertTrue(self.class_5a.sudo(self.parent).read(["name"]))  # he reads the class itself
        self.assertNotIn(note, self.Message.sudo(self.parent).search([("model", "=", "school.class")]))
        with self.assertRaises(AccessError):
            note.sudo(self.parent).read(["body"])

    def test_activity_needs_write_on_the_record(self):
        model = self.env["ir.model"]._get("school.student").id
        for user in (self.parent, self.teacher):
            with self.assertRaises(REFUSED):
                self.env["mail.activity"].sudo(user).create({
                    "res_model_id": model, "res_id": self.foreign.id, "user_id": user.id,
                    "summary": "x", "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id})


class TestHomeworkFiles(MailFacts, TransactionCase):

    def setUp(self):
        super().setUp()
        self.school_facts()
        Lesson = self.env["school.lesson"]
        self.own = Lesson.search([("teacher_id", "=", self.teacher.id), ("period_id.state", "=", "open"),
                                  ("attendance_ids.student_id", "=", self.artem.id)], limit=1)
        self.other = Lesson.search([("teacher_id", "!=", self.teacher.id), ("period_id.state", "=", "open"),
                                    ("class_id", "!=", self.class_5a.id)]).filtered(
            lambda l: l.substitute_teacher_id != self.teacher)[:1]
        self.assertTrue(self.own and self.other)

    def upload(self, user, lesson):
        """What the lesson form's file widget does: upload (res_id 0), then link."""
        attachment = self.env["ir.attachment"].sudo(user).create({
            "name": "задание.txt", "datas_fname": "задание.txt", "datas": "0JfQsNC00LDQvdC40LU=",
            "res_model": "school.lesson", "res_id": 0})
        lesson.sudo(user).write({"homework_attachment_ids": [(4, attachment.id)]})
        return attachment.sudo()

    def test_teacher_cannot_replace_or_delete_another_teachers_file(self):
        owner = self.other.teacher_id
        attachment = self.upload(owner, self.other)
        with self.assertRaises(AccessError):
            attachment.sudo(self.teacher).write({"datas": "eHg="})
        with self.assertRaises(AccessError):
            attachment.sudo(self.teacher).unlink()
        self.assertTrue(attachment.exists())
        # his own lesson's file he may still replace
        mine = self.upload(self.teacher, self.own)
        mine.sudo(self.teacher).write({"datas": "eHg="})

    def test_family_reads_files_of_own_lessons_only(self):
        own_file = self.upload(self.teacher, self.own)
        foreign_file = self.upload(self.other.teacher_id, self.other)
        self.assertTrue(own_file.sudo(self.parent).read(["name"]))
        with self.assertRaises(AccessError):
            foreign_file.sudo(self.parent).read(["name"])
        found = self.env["ir.attachment"].sudo(self.parent).search([("id", "in", (own_file | foreign_file).ids)])
        self.assertEqual(found, own_file.sudo(self.parent))

    def test_family_cannot_create_or_attach_files(self):
        for user in (self.parent, self.student_user):
            with self.assertRaises(AccessError):
                self.env["ir.attachment"].sudo(user).create({
                    "name": "x.txt", "datas": "eA==", "res_model": "school.lesson", "res_id": self.own.id})
            with self.assertRaises(AccessError):
                self.env["ir.attachment"].sudo(user).create({"name": "x.txt", "datas": "eA=="})

    def test_a_teacher_cannot_link_a_file_he_cannot_read(self):
        private = self.env["ir.attachment"].create({
            "name": "паспорт.pdf", "datas": "eA==", "res_model": "school.student", "res_id": self.foreign.id})
        outside = self.env["school.student"].search([
            ("current_class_id", "not in", self.teacher.school_taught_class_ids.ids),
            ("current_class_id", "!=", False)], limit=1)
        private.write({"res_id": outside.id})
        # refused by the file's own rights or, first, by the lesson: only homework uploads
        with self.assertRaises((AccessError, ValidationError)), self.env.cr.savepoint():
            self.own.sudo(self.teacher).write({"homework_attachment_ids": [(4, private.id)]})
        self.own.invalidate_cache()
        self.assertNotIn(private, self.own.sudo().homework_attachment_ids)


class TestParentOverJsonRpc(MailFacts, HttpCase):
    """The probe's calls as the logged-in parent, through /web/dataset/call_kw."""

    def call_kw(self, model, method, args, kwargs=None):
        self.cr.commit()  # a savepoint: the request rolls back to it
        return call_kw(self.opener, model, method, args, kwargs)

    def test_parent_over_json_rpc(self):
        self.school_facts()
        note = self.queue_note_about_foreign_child()
        self.authenticate("parent", "parent")
        answers = {
            "search_read mail.mail": self.call_kw("mail.mail", "search_read", [[]], {"fields": ["body_html"]}),
            "write mail.mail": self.call_kw("mail.mail", "write", [[note.id], {"email_to": "x@example.invalid"}]),
            "create mail.mail": self.call_kw("mail.mail", "create", [{
                "subject": "Приказ", "body_html": "x", "email_to": "all@example.invalid",
                "author_id": self.director_partner.id}]),
            "follow another child": self.call_kw("mail.followers", "create", [{
                "res_model": "school.student", "res_id": self.foreign.id,
                "partner_id": self.parent.partner_id.id}]),
            "subscribe to another child": self.call_kw("school.student", "message_subscribe",
                                                       [[self.foreign.id], [self.parent.partner_id.id]]),
        }
        for label, answer in answers.items():
            self.assertTrue("error" in answer or answer.get("result") is False, "%s: %s" % (label, answer))
        note.invalidate_cache()
        self.assertEqual(note.email_to, "other.family@example.invalid")
        self.assertFalse(self.env["mail.mail"].search([("author_id", "=", self.director_partner.id),
                                                       ("subject", "=", "Приказ")]))
        self.assertFalse(self.env["mail.followers"].search([
            ("res_model", "=", "school.student"), ("res_id", "=", self.foreign.id),
            ("partner_id", "=", self.parent.partner_id.id)]))
        # and over the portal's chatter route: nothing lands on another family's child
        from odoo.tests.common import HOST, PORT
        before = self.env["mail.message"].search_count([("model", "=", "school.student"),
                                                         ("res_id", "=", self.foreign.id)])
        self.cr.commit()
        page = self.opener.get("http://%s:%s/my/messages" % (HOST, PORT), timeout=120).text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        self.cr.commit()
        self.opener.post("http://%s:%s/mail/chatter_post" % (HOST, PORT), timeout=120, data={
            "res_model": "school.student", "res_id": self.foreign.id, "message": "Привет",
            "csrf_token": token},
            headers={"Referer": "http://%s:%s/my" % (HOST, PORT)})
        self.assertEqual(self.env["mail.message"].search_count([("model", "=", "school.student"),
                                                                 ("res_id", "=", self.foreign.id)]), before)


class TestPortalChannels(MailFacts, TransactionCase):
    """Odoo lets a portal user create a membership in any channel, and a member reads its
    messages: the probe's pupil joined the staff's #general."""

    def setUp(self):
        super().setUp()
        self.school_facts()
        Channel = self.env["mail.channel"]
        self.closed = {
            "the staff's #general": self.env.ref("mail.channel_all_employees"),
            "a private group": Channel.create({"name": "Педсовет", "public": "private"}),
            "two teachers' chat": Channel.create({
                "name": "Чат", "channel_type": "chat", "public": "private",
                "channel_partner_ids": [(6, 0, (self.teacher | self.class_teacher).mapped("partner_id").ids)]}),
        }
        for channel in self.closed.values():
            channel.message_post(body="Служебное: о семье Соколовых", message_type="comment",
                                 subtype="mail.mt_comment")
        self.open = Channel.create({"name": "Объявления для всех", "public": "public"})

    def test_pupils_and_parents_join_only_public_channels_and_read_no_other(self):
        for user in (self.student_user, self.parent):
            Member, Message = self.env["mail.channel.partner"].sudo(user), self.env["mail.message"].sudo(user)
            for what, channel in self.closed.items():
                # Odoo checks a created row's rules after inserting it: a request rolls it back
                with self.assertRaises(AccessError, msg="%s joined %s" % (user.login, what)), \
                        self.env.cr.savepoint():
                    Member.create({"channel_id": channel.id, "partner_id": user.partner_id.id})
                self.assertFalse(Message.search([("model", "=", "mail.channel"), ("res_id", "=", channel.id)]),
                                 "%s reads %s" % (user.login, what))
            self.assertEqual(Member.search([]).mapped("partner_id") - user.partner_id,
                             self.open.channel_last_seen_partner_ids.mapped("partner_id") - user.partner_id,
                             "%s sees the staff's memberships" % user.login)
            with self.assertRaises(AccessError), self.env.cr.savepoint():   # nor puts someone else in
                Member.create({"channel_id": self.open.id, "partner_id": self.teacher.partner_id.id})
            joined = Member.create({"channel_id": self.open.id, "partner_id": user.partner_id.id})
            self.assertEqual(joined.channel_id, self.open)

    def test_a_pupil_writes_only_his_own_presence(self):
        Presence = self.env["bus.presence"]
        staff = Presence.search([("user_id", "=", self.teacher.id)]) or Presence.create(
            {"user_id": self.teacher.id, "status": "online"})
        with self.assertRaises(AccessError):
            staff.sudo(self.student_user).write({"status": "offline"})
        own = Presence.sudo(self.student_user).create({"user_id": self.student_user.id, "status": "online"})
        own.write({"status": "away"})
        self.assertEqual((staff.status, own.status), ("online", "away"))
