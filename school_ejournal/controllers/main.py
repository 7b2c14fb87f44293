import werkzeug.utils
from werkzeug.exceptions import BadRequest

import odoo
from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.tools import html_escape

from odoo.addons.report_xlsx.controllers.main import ReportController as XlsxReportController
from odoo.addons.web.controllers.main import Home, Session, ensure_db

from ..tools.translate import _

BARCODE_MAX_SIDE = 2000
BARCODE_MAX_VALUE = 500


class SchoolHome(Home):
    """The login page speaks the school's language.

    Odoo picks the language of a visitor who is not logged in from the
    browser's Accept-Language header and falls back to English. A school's
    journal falls back to the school's own language instead (the default
    language of its partners), and still honours a browser that asks for
    another installed language.
    """

    @http.route()
    def web_login(self, redirect=None, **kw):
        self._use_school_language()
        return super().web_login(redirect=redirect, **kw)

    @http.route()
    def web_client(self, s_action=None, **kw):
        """A pupil or a parent sent to the back office lands in his diary
        (Odoo answers a portal user here with «Only employee can access»)."""
        ensure_db()
        uid = request.session.uid
        if uid and not kw.get("redirect"):
            # sudo: whether the session's own user is staff, a yes/no only
            user = request.env["res.users"].sudo().browse(uid)
            if user.exists() and not user.has_group("base.group_user"):
                return werkzeug.utils.redirect("/my", 303)
        return super().web_client(s_action=s_action, **kw)

    def _use_school_language(self):
        if request.session.uid:
            return
        if not request.uid:
            # as web_login itself does, to read public settings before login
            request.uid = odoo.SUPERUSER_ID
        installed = {code for code, _name in request.env["res.lang"].get_installed()}
        asked = request.session.context.get("lang")
        if request.httprequest.headers.get("Accept-Language") and asked in installed \
                and asked != "en_US":
            return
        school_lang = request.env["ir.default"].get("res.partner", "lang")
        if school_lang in installed and school_lang != asked:
            request.session.context["lang"] = school_lang
            request.context = dict(request.context, lang=school_lang)


class SchoolReportController(XlsxReportController):
    """Odoo's report routes with the school's answers: a refused print is a 403
    with the Russian reason (Odoo answers 500); the checks themselves are in
    ir.actions.report (reports/ir_actions_report.py), whatever the URL carries.

    Odoo's barcode image is public (auth="public") and drawn at the size the
    URL asks for: 50000×50000 pixels take gigabytes of memory in one worker.
    The school's reports never need more than BARCODE_MAX_SIDE pixels a side."""

    @http.route()
    def report_routes(self, reportname, docids=None, converter=None, **data):
        try:
            return super().report_routes(reportname, docids=docids, converter=converter, **data)
        except (AccessError, MissingError, UserError) as error:
            if request.httprequest.path.startswith("/report/download"):
                raise  # the web client's download shows the message itself
            request.env.cr.rollback()
            message = error.name if hasattr(error, "name") else str(error)
            response = request.make_response(html_escape(message), headers=[
                ("Content-Type", "text/plain; charset=utf-8")])
            response.status_code = 400 if isinstance(error, UserError) else 403
            return response

    @http.route()
    def report_barcode(self, type, value, width=600, height=100, humanreadable=0):
        try:
            too_big = (int(width) > BARCODE_MAX_SIDE or int(height) > BARCODE_MAX_SIDE
                       or int(width) < 1 or int(height) < 1 or len(value or "") > BARCODE_MAX_VALUE)
        except (TypeError, ValueError):
            too_big = True
        if too_big:
            raise BadRequest(_("Barcode: size no more than %(barcode_max_side)s pixels, value no longer than "
                               "%(barcode_max_value)s characters.")
                             % {"barcode_max_side": BARCODE_MAX_SIDE, "barcode_max_value": BARCODE_MAX_VALUE})
        return super().report_barcode(type, value, width=width, height=height, humanreadable=humanreadable)


class SchoolSession(Session):
    """Odoo 11's «Сменить пароль» answers every refusal with «the old password
    is incorrect»: a teacher whose new password breaks the staff policy is told
    the rule instead (res.users checks it again when the password is written)."""

    @http.route()
    def change_password(self, fields):
        values = {f.get("name"): f.get("value") for f in fields if isinstance(f, dict)}
        new_password = values.get("new_password")
        if new_password and isinstance(new_password, str) and new_password == values.get("confirm_pwd"):
            try:
                request.env.user._school_check_password_rules(new_password)
            except UserError as error:
                return {"error": error.name, "title": _("Change Password")}
        return super(SchoolSession, self).change_password(fields)
