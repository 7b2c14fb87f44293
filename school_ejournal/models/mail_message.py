from datetime import timedelta
from email.utils import formataddr

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html2plaintext

from ..tools.translate import _

# the only school thread the families' diary uses: messages about a pupil
PORTAL_THREAD = "school.student"
# a family's message: its length, and how many a minute (each one notifies a
# teacher by e-mail), whatever the way in (the diary's page, /mail/chatter_post, RPC)
PORTAL_MESSAGE_LIMIT = 5000
PORTAL_POSTS_PER_MINUTE = 5
# what mail.message._notify writes as the poster on his own new message
NOTIFY_FIELDS = {"needaction_partner_ids", "channel_ids"}


class MailMessage(models.Model):
    """Messages as portal users (pupils, parents) reach them. Odoo lets any
    reader of a document read its messages, lets an author or a recipient rewrite
    a message, and lets anyone send a private message to any contact. Portal
    users here: read and write messages about their own pupils only (whatever
    route they post through: the diary, Odoo's portal chatter, RPC), post as
    themselves to the school's staff, never edit a message afterwards."""
    _inherit = "mail.message"

    @api.model
    def _school_is_portal(self):
        return self.env.uid != SUPERUSER_ID and not self.env.user.has_group("base.group_user")

    @api.model
    def _find_allowed_doc_ids(self, model_ids):
        if self._school_is_portal():
            # a class or a period is readable in the diary, its thread is the staff's
            model_ids = {model: docs for model, docs in model_ids.items()
                         if not model.startswith("school.") or model == PORTAL_THREAD}
        return super(MailMessage, self)._find_allowed_doc_ids(model_ids)

    def check_access_rule(self, operation):
        res = super(MailMessage, self).check_access_rule(operation)
        if operation == "read" and self._school_is_portal():
            pid = self.env.user.partner_id.id
            self.env.cr.execute("""
                SELECT m.id FROM mail_message m
                 WHERE m.id IN %s AND m.model LIKE 'school.%%' AND m.model <> %s
                   AND m.author_id IS DISTINCT FROM %s
                   AND NOT EXISTS (SELECT 1 FROM mail_message_res_partner_rel r
                                    WHERE r.mail_message_id = m.id AND r.res_partner_id = %s)
                   AND NOT EXISTS (SELECT 1 FROM mail_message_res_partner_needaction_rel n
                                    WHERE n.mail_message_id = m.id AND n.res_partner_id = %s)
            """, (tuple(self.ids) or (0,), PORTAL_THREAD, pid, pid, pid))
            if self.env.cr.fetchall():
                raise AccessError(_("This conversation is handled by school staff: you have no access to it."))
        return res

    @staticmethod
    def _school_command_ids(commands):
        ids = set()
        for command in commands or []:
            if isinstance(command, int):
                ids.add(command)
            elif command[0] in (1, 4):
                ids.add(command[1])
            elif command[0] == 6:
                ids.update(command[2] or [])
            elif command[0] == 0:
                ids.add(None)  # a contact created on the fly: never a known staff member
        return ids

    @api.model
    def _school_check_portal_message(self, values):
        """A portal user writes about his own pupil, as himself, to the staff."""
        user = self.env.user
        model = values.get("model")
        if model != PORTAL_THREAD or not values.get("res_id"):
            raise AccessError(_("From the diary you can only write in a conversation about a student."))
        # a subscription (even one made before it was checked) is no licence to post
        document = self.env[model].browse(values["res_id"])
        try:
            document.check_access_rights("read")
            document.check_access_rule("read")
        except AccessError:
            raise AccessError(_("You can only write about your own student."))
        if document.consent_state == "revoked":  # as the diary's own message page
            raise AccessError(_("Consent to personal data processing has been withdrawn: messaging via the diary "
                                "is unavailable."))
        if values.get("author_id") and values["author_id"] != user.partner_id.id:
            raise AccessError(_("You can only send a message on your own behalf."))
        if values.get("channel_ids"):
            raise AccessError(_("You cannot write to discussion channels from the diary."))
        recipients = self._school_command_ids(values.get("partner_ids")) | \
            self._school_command_ids(values.get("needaction_partner_ids"))
        recipients.discard(user.partner_id.id)
        if recipients:
            # sudo: only whether each addressee is a staff member's contact, nothing is shown
            staff = self.env["res.users"].sudo().search([
                ("partner_id", "in", [r for r in recipients if r]), ("share", "=", False)]).mapped("partner_id")
            if None in recipients or recipients - set(staff.ids):
                raise AccessError(_("From the diary you can only write to school staff."))

    @api.model
    def _school_portal_post_refusal(self, text):
        """Why a family's message of plain ``text`` cannot be posted now (Russian,
        with the HTTP status the diary answers), or None."""
        if len(text) > PORTAL_MESSAGE_LIMIT:
            return _("The message is too long: no more than %(portal_message_limit)s characters (yours has "
                     "%(count_text)s).") % {
                "portal_message_limit": PORTAL_MESSAGE_LIMIT, "count_text": len(text)}, 400
        if "\x00" in text:
            return _("The message contains an invalid character."), 400
        # the user's own messages of the last minute, through his own rights
        since = fields.Datetime.to_string(fields.Datetime.from_string(fields.Datetime.now())
                                          - timedelta(minutes=1))
        posted = self.search_count([
            ("author_id", "=", self.env.user.partner_id.id), ("model", "=", PORTAL_THREAD),
            ("message_type", "=", "comment"), ("date", ">=", since)])
        if posted >= PORTAL_POSTS_PER_MINUTE:
            return _("Too many messages in a row: no more than %s per minute. Wait a minute and send "
                     "again.") % PORTAL_POSTS_PER_MINUTE, 429
        return None

    @api.model
    def _school_check_note_recipients(self, values):
        """A note (an internal subtype) is for staff: one that names a family
        member or any contact without a staff login is refused, nothing is written."""
        if not values.get("subtype_id") or not self.env["mail.message.subtype"].browse(values["subtype_id"]).internal:
            return
        recipients = self._school_command_ids(values.get("partner_ids")) | \
            self._school_command_ids(values.get("needaction_partner_ids"))
        if not recipients:
            return
        # sudo: whether each addressee is a staff member's contact, and the others' names for the refusal
        partners = self.env["res.partner"].sudo().browse([r for r in recipients if r])
        others = partners.filtered(lambda p: not p.user_ids.filtered(lambda u: not u.share))
        if None in recipients or others:
            raise UserError(_("A note is visible only to school staff: only staff members can be mentioned in it "
                              "(not staff: %s). Parents are written to via “Message to Parents”.")
                            % (", ".join(others.mapped("name")) or _("new contact")))

    @api.model
    def create(self, values):
        self._school_check_note_recipients(values)
        if self._school_is_portal():
            self._school_check_portal_message(values)
            refusal = self._school_portal_post_refusal(html2plaintext(values.get("body") or "").strip())
            if refusal:
                raise UserError(refusal[0])
            user = self.env.user
            # the sender's address is the user's own, whatever the client sent
            values = dict(values, email_from=formataddr((user.name, user.email)) if user.email else False)
        return super(MailMessage, self).create(values)

    def write(self, vals):
        if self._school_is_portal() and set(vals) - NOTIFY_FIELDS:
            raise AccessError(_("A sent message cannot be changed."))
        return super(MailMessage, self).write(vals)
