from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError

from .mail_message import PORTAL_THREAD


class MailFollowers(models.Model):
    """Odoo lets anyone with the model's ACL create a follower on any record for
    any contact, and then every message of that record reaches the contact. A
    follower is created here only on a record the user may read; subscribing
    someone else needs write access on the record (as message_subscribe asks);
    portal users follow only their own pupils' threads, and only themselves
    (their rule: mail_rules.xml). Odoo's own paths run as superuser after
    message_subscribe's checks."""
    _inherit = "mail.followers"

    @api.model
    def _school_check_follow(self, vals):
        user = self.env.user
        model, res_id = vals.get("res_model"), vals.get("res_id")
        if not model or model not in self.env or not res_id:
            raise AccessError(_("Подписаться можно только на существующую запись."))
        portal = not user.has_group("base.group_user")
        if portal and (model.startswith("school.") and model != PORTAL_THREAD):
            raise AccessError(_("Из дневника можно подписаться только на переписку о своём ученике."))
        others = vals.get("channel_id") or vals.get("partner_id") != user.partner_id.id
        if portal and others:
            raise AccessError(_("Подписать можно только себя."))
        record = self.env[model].browse(res_id)
        operation = "write" if others else "read"
        try:
            record.check_access_rights(operation)
            record.check_access_rule(operation)
        except AccessError:
            raise AccessError(_("Нельзя подписаться на запись, к которой у вас нет доступа."))

    @api.model
    def create(self, vals):
        if self.env.uid != SUPERUSER_ID:
            self._school_check_follow(vals)
        return super(MailFollowers, self).create(vals)

    def write(self, vals):
        if self.env.uid != SUPERUSER_ID and {"res_model", "res_id", "partner_id", "channel_id"} & set(vals):
            raise AccessError(_("Подписку нельзя перенести на другую запись или на другого получателя."))
        return super(MailFollowers, self).write(vals)
