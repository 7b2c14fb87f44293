from markupsafe import escape
from werkzeug.exceptions import NotFound
from werkzeug.urls import url_quote

from odoo import http
from odoo.exceptions import except_orm
from odoo.http import request

from ..tools.translate import _

# The slips carry passwords: no copy in the browser's or a proxy's cache.
NO_STORE = [("Cache-Control", "no-store, no-cache, must-revalidate, private"), ("Pragma", "no-cache"),
            ("X-Content-Type-Options", "nosniff")]


class SchoolAccessSlip(http.Controller):

    @http.route(["/school_ejournal/access_slip/<int:wizard_id>"], type="http", auth="user")
    def school_access_slip(self, wizard_id, token=None, **kw):
        """The access slips of one login wizard: the logins are issued and the
        slips rendered in this request, once per token (the token is the
        wizard's one-time secret, so a forged link from another site does
        nothing). Someone else's wizard is not found."""
        wizard = request.env["school.login.wizard"].browse(wizard_id)
        # sudo: only to tell whether the wizard exists and is the visitor's own
        if not token or not wizard.sudo().exists() or wizard.sudo().create_uid != request.env.user:
            raise NotFound()
        try:
            with request.env.cr.savepoint():
                content, fmt = wizard._print_slips(token)
        except except_orm as error:
            # nothing was issued: the savepoint undid the token's use and any reset
            return self._school_refusal(error.name)
        filename = _("Access Credentials") + (".pdf" if fmt == "pdf" else ".html")
        headers = [("Content-Type", "application/pdf" if fmt == "pdf" else "text/html; charset=utf-8"),
                   ("Content-Length", len(content)),
                   ("Content-Disposition", "inline; filename*=UTF-8''%s" % url_quote(filename))]
        return request.make_response(content, headers=headers + NO_STORE)

    def _school_refusal(self, message):
        title = _("Access Credentials")
        body = ("<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>%s</title></head>"
                "<body style=\"font-family: sans-serif; margin: 3em;\"><h1>%s</h1><p>%s</p></body></html>") % (
            escape(title), escape(title), escape(message))
        response = request.make_response(body, headers=[("Content-Type", "text/html; charset=utf-8")] + NO_STORE)
        response.status_code = 403
        return response
