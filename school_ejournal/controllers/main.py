import odoo
from odoo import _, http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.web.controllers.main import Home, Session


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
                request.env.user._check_school_password(new_password)
            except UserError as error:
                return {"error": error.name, "title": _("Сменить пароль")}
        return super(SchoolSession, self).change_password(fields)
