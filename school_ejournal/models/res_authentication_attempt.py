from datetime import datetime, timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..tools.translate import _

# Settings (ir.config_parameter). The two limits are auth_brute_force's own.
PARAM_WINDOW = "school_ejournal.login_fail_window"      # minutes
PARAM_BAN = "school_ejournal.login_ban_minutes"         # minutes
PARAM_MAX_BY_IP_USER = "auth_brute_force.max_by_ip_user"
PARAM_MAX_BY_IP = "auth_brute_force.max_by_ip"
DEFAULTS = {PARAM_WINDOW: 15, PARAM_BAN: 15, PARAM_MAX_BY_IP_USER: 10, PARAM_MAX_BY_IP: 50}


class AuthenticationAttempt(models.Model):
    """auth_brute_force counts every failure since the last success, for ever:
    50 failures from one address (a school behind one NAT address) banned
    every login from it, the superuser's too, until someone deleted rows.

    Here a ban is a number of failures within a window (minutes) and lasts a
    set time (minutes) after the failure that reached the limit: per login and
    address (``max_by_ip_user``) and, against one password tried on many logins,
    per address (``max_by_ip``, 0 = off). Attempts refused during a ban do not
    prolong it. The school administrator sees the bans and lifts one («Снять
    блокировку»): the failures behind it stop counting."""
    _inherit = "res.authentication.attempt"

    school_lifted = fields.Boolean(string="Ban Lifted", readonly=True, index=True, copy=False)
    school_ban_active = fields.Boolean(string="Ban Active", compute="_compute_school_ban_active")

    @api.model
    def _school_setting(self, key):
        # sudo: login settings are read during the login of any user
        value = self.env["ir.config_parameter"].sudo().get_param(key)
        try:
            return max(int(str(value).strip()), 0)
        except ValueError:
            return DEFAULTS[key]

    @api.model
    def _school_failures(self, remote, login=None):
        """Creation times of the failures that may still count, oldest first."""
        horizon = datetime.utcnow() - timedelta(
            minutes=self._school_setting(PARAM_WINDOW) + self._school_setting(PARAM_BAN))
        domain = [("remote", "=", remote), ("create_date", ">=", fields.Datetime.to_string(horizon))]
        if login is not None:
            domain.append(("login", "=", login))
        # sudo: the check runs as the user logging in, who may not read attempts
        Attempt = self.sudo()
        last_ok = Attempt.search(domain + [("result", "=", "successful")], order="create_date desc, id desc",
                                 limit=1)
        if last_ok:
            # as auth_brute_force: a success from there wipes the slate
            domain.append(("create_date", ">", last_ok.create_date))
        failed = Attempt.search(domain + [("result", "=", "failed"), ("school_lifted", "=", False)],
                                order="create_date, id")
        return [fields.Datetime.from_string(a.create_date) for a in failed]

    @api.model
    def _hits_limit(self, limit, remote, login=None):
        if not limit:
            return False
        window = timedelta(minutes=self._school_setting(PARAM_WINDOW))
        ban_until = datetime.utcnow() - timedelta(minutes=self._school_setting(PARAM_BAN))
        stamps = self._school_failures(remote, login)
        for last in range(limit - 1, len(stamps)):
            # `limit` failures within the window, the last of them recent enough
            if stamps[last] - stamps[last - limit + 1] <= window and stamps[last] > ban_until:
                return True
        return False

    @api.model
    def _school_banned(self, remote, login):
        """(banned for this login, banned for the whole address)"""
        if not remote or remote in self._whitelist_remotes():
            return False, False
        by_ip = self._hits_limit(self._school_setting(PARAM_MAX_BY_IP), remote)
        return self._hits_limit(self._school_setting(PARAM_MAX_BY_IP_USER), remote, login), by_ip

    def _compute_school_ban_active(self):
        for attempt in self:
            attempt.school_ban_active = any(self._school_banned(attempt.remote, attempt.login))

    def action_school_lift_ban(self):
        """«Снять блокировку»: the failures of the login from the address stop
        counting, and those of the whole address if it is banned as such."""
        if not self.env.user.has_group("school_ejournal.group_school_admin"):
            raise AccessError(_("Only the school administrator can remove a login lock."))
        # sudo: the role is checked just above; only the «lifted» mark of failures is written
        Attempt = self.sudo()
        for attempt in self:
            login_ban, address_ban = self._school_banned(attempt.remote, attempt.login)
            domain = [("remote", "=", attempt.remote), ("result", "=", "failed"), ("school_lifted", "=", False)]
            if not address_ban:
                domain.append(("login", "=", attempt.login))
            Attempt.search(domain).write({"school_lifted": True})
        return True
