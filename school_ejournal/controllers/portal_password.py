"""«Сменить пароль» in the portal: pupils and parents change the one-time
password of their slip (Odoo 11's portal has no such page; auth_signup only
resets it by e-mail). The old password is required, the new one passes the
same policy as staff passwords (models/res_users.py), errors are Russian."""
from odoo import http
from odoo.exceptions import AccessDenied, UserError
from odoo.http import request
from odoo.service import security

from ..tools.translate import _
from .portal import SchoolPortal


class SchoolPortalPassword(SchoolPortal):

    @http.route(["/my/password"], type="http", auth="user", methods=["GET", "POST"], website=True)
    def school_password(self, old_password="", new_password="", confirm_password="", **kw):
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "school_password", "error": None, "done": False})
        if request.httprequest.method == "POST":
            values["error"] = self._school_change_password(old_password, new_password, confirm_password)
            values["done"] = not values["error"]
        return request.render("school_ejournal.portal_school_password", values)

    def _school_change_password(self, old_password, new_password, confirm_password):
        """None when the password is changed, else the reason in Russian."""
        if not (old_password and new_password):
            return _("Enter your current password and a new password.")
        if new_password != confirm_password:
            return _("The new password and its confirmation do not match.")
        # no savepoint: both checks run before anything is written, and a failed
        # check of the old password is recorded (auth_brute_force) on a cursor of its own
        try:
            request.env.user._school_check_password_rules(new_password)
            request.env["res.users"].change_password(old_password, new_password)
        except AccessDenied:
            return _("The current password is incorrect.")
        except UserError as error:
            return error.name
        # this device stays signed in; the sessions of the old password end
        request.session.session_token = security.compute_session_token(request.session, request.env)
        return None
