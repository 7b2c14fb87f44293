import secrets

from odoo import _, fields, models
from odoo.exceptions import AccessError
from odoo.http import request
from odoo.service import security


class ResUsersSessions(models.Model):
    """«Выйти на всех устройствах» after a suspected leak of a login (issue 10).

    Odoo 11 signs every session with a token computed from the user's row
    (_get_session_token_fields: id, login, password hash, active) and checks it on
    each request. A per-user salt joins those fields: rotating it invalidates
    every session of the user at once, without changing the password. The user's
    current session (the one asking) gets a fresh token and stays logged in."""
    _inherit = "res.users"

    # never shown: only its change matters
    school_session_salt = fields.Char(string="Соль сеансов", copy=False, groups="base.group_system")

    def _get_session_token_fields(self):
        return super(ResUsersSessions, self)._get_session_token_fields() | {"school_session_salt"}

    def action_school_logout_everywhere(self):
        """The user for himself, the school administrator for anyone."""
        is_admin = self.env.user.has_group("school_ejournal.group_school_admin")
        if not is_admin and (self - self.env.user):
            raise AccessError(_("Завершить сеансы другого пользователя может только администратор школы."))
        # sudo: the salt is a system field; who may rotate it was checked just above,
        # and it only ends sessions (nothing is read)
        for user in self.sudo():
            user.write({"school_session_salt": secrets.token_hex(16)})
        if request and getattr(request, "session", None) and request.session.uid in self.ids:
            request.session.session_token = security.compute_session_token(request.session, request.env)
        return True
