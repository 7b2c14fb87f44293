"""The families' messages to the teachers (/my/messages) on the pupil's thread.
The security of every portal page: controllers/portal.py."""
from werkzeug.exceptions import NotFound
from werkzeug.urls import url_encode

from odoo import fields, http
from odoo.http import request
from odoo.tools import plaintext2html

from ..models.mail_message import PORTAL_MESSAGE_LIMIT
from .portal import SchoolPortal


class SchoolPortalMessages(SchoolPortal):

    def _school_messages(self, child, limit=50):
        # the user's own env: mail.message hides internal notes from portal users
        return request.env["mail.message"].search([
            ("model", "=", "school.student"), ("res_id", "=", child.id),
            ("message_type", "in", ["comment", "email"])], order="date desc, id desc", limit=limit)

    @http.route(["/my/messages"], type="http", auth="user", website=True)
    def school_messages(self, student=None, **kw):
        students, child = self._school_pick(student)
        return self._school_messages_page(students, child, sent=kw.get("sent") == "1")

    def _school_messages_page(self, students, child, sent=False, error=None, text=""):
        def values():
            own = request.env.user.partner_id.id
            # Odoo's own portal formatting: authors' names as the portal chatter shows them
            formatted = self._school_messages(child).portal_message_format()
            return {"messages": [{
                "id": m["id"], "author": (m["author_id"] or [0, m.get("email_from") or ""])[1],
                "date": fields.Datetime.context_timestamp(request.env.user, fields.Datetime.from_string(
                    m["date"])).strftime("%d.%m.%Y %H:%M"),
                "body": m["body"] or "", "mine": bool(m["author_id"]) and m["author_id"][0] == own,
            } for m in formatted], "sent": sent, "error": error, "draft": text,
                "class_teacher": self._link_names(child.current_class_id, "class_teacher_id").get(
                    child.current_class_id.id, {}).get("class_teacher_id", "")}
        return self._school_render("messages", students, child, values)

    def _school_post_refusal(self, message):
        """Why a family's message cannot be posted now (Russian, HTTP status), or
        None: the rule of mail.message, asked before posting to keep the draft."""
        return request.env["mail.message"]._school_portal_post_refusal(message)

    @http.route(["/my/messages/post"], type="http", auth="user", methods=["POST"], website=True)
    def school_message_post(self, student=None, message="", parent_id=None, **kw):
        students, child = self._school_pick(student)
        if not child or child.consent_state == "revoked":
            raise NotFound()
        message = (message or "").strip()
        url = "/my/messages?%s" % url_encode({"student": child.id})
        if not message:
            return request.redirect(url)
        refusal = self._school_post_refusal(message)
        if refusal:
            response = self._school_messages_page(students, child, error=refusal[0],
                                                  text=message[:PORTAL_MESSAGE_LIMIT])
            response.status_code = refusal[1]
            return response
        parent = request.env["mail.message"]
        if parent_id:
            try:
                parent = self._school_messages(child, limit=None).filtered(lambda m: m.id == int(parent_id))
            except ValueError:
                parent = None
            if not parent:
                raise NotFound()
        # The reply goes to the staff member who wrote, a new message to the class
        # teacher. Portal users may not read staff users: sudo() only tells whether
        # the author of a message he may read is staff, and the class teacher's
        # contact id to address the message; nothing of it is shown.
        Users = request.env["res.users"].sudo()
        author = parent.author_id.id if parent else False
        if author and Users.search_count([("partner_id", "=", author), ("share", "=", False)]):
            recipients = [author]
        else:
            recipients = child.current_class_id.sudo().class_teacher_id.partner_id.ids
        child.with_context(mail_create_nosubscribe=True).message_post(
            body=plaintext2html(message), message_type="comment", subtype="mail.mt_comment",
            parent_id=parent.id if parent else False, partner_ids=recipients)
        return request.redirect(url + "&sent=1")
