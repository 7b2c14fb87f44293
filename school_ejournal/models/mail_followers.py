from collections import defaultdict

from odoo import SUPERUSER_ID, api, models
from odoo.exceptions import AccessError

from ..tools.translate import _
from .mail_message import PORTAL_THREAD


def hidden_by_document(env, table, ids, own_column, own_value):
    """Ids of rows of ``table`` (res_model, res_id) whose document the user may
    not read; the user's own rows (``own_column`` = ``own_value``) excepted."""
    if env.uid == SUPERUSER_ID or not ids:
        return set()
    env.cr.execute('SELECT id, res_model, res_id FROM "%s" WHERE id IN %%s AND %s IS DISTINCT FROM %%s'
                   % (table, own_column), (tuple(ids), own_value))
    by_model = defaultdict(lambda: defaultdict(set))
    for row_id, model, res_id in env.cr.fetchall():
        by_model[model][res_id].add(row_id)
    hidden = set()
    for model, docs in by_model.items():
        if model not in env or not env[model].check_access_rights("read", raise_exception=False):
            hidden.update(*docs.values())
            continue
        readable = set(env[model].with_context(active_test=False).search([("id", "in", list(docs))]).ids)
        for res_id, row_ids in docs.items():
            if res_id not in readable:
                hidden |= row_ids
    return hidden


def without_hidden(model, ids, count):
    """The result of ``model._search`` without the records ``model._school_hidden`` hides."""
    hidden = model._school_hidden(ids)
    ids = [i for i in ids if i not in hidden]
    return len(ids) if count else ids


class MailFollowers(models.Model):
    """Odoo lets anyone with the model's ACL create a follower on any record for
    any contact, and then every message of that record reaches the contact. A
    follower is created and seen here only on a record the user may read; subscribing
    someone else needs write access on the record (as message_subscribe asks);
    portal users follow only their own pupils' threads, and only themselves
    (their rule: mail_rules.xml). Odoo's own paths run as superuser after
    message_subscribe's checks."""
    _inherit = "mail.followers"

    def _school_hidden(self, ids):
        return hidden_by_document(self.env, self._table, ids, "partner_id", self.env.user.partner_id.id)

    @api.model
    def _search(self, args, offset=0, limit=None, order=None, count=False, access_rights_uid=None):
        # who follows a pupil of another class is that family's business
        return without_hidden(self, super(MailFollowers, self)._search(
            args, offset=offset, limit=limit, order=order, count=False, access_rights_uid=access_rights_uid), count)

    def read(self, fields=None, load="_classic_read"):
        if self._school_hidden(self.ids):
            raise AccessError(_("Followers of a record you have no access to are not available."))
        return super(MailFollowers, self).read(fields, load)

    @api.model
    def _school_check_follow(self, vals):
        user = self.env.user
        model, res_id = vals.get("res_model"), vals.get("res_id")
        if not model or model not in self.env or not res_id:
            raise AccessError(_("You can only follow an existing record."))
        portal = not user.has_group("base.group_user")
        if portal and (model.startswith("school.") and model != PORTAL_THREAD):
            raise AccessError(_("From the diary you can only follow conversations about your own student."))
        others = vals.get("channel_id") or vals.get("partner_id") != user.partner_id.id
        if portal and others:
            raise AccessError(_("You can only subscribe yourself."))
        record = self.env[model].browse(res_id)
        operation = "write" if others else "read"
        try:
            record.check_access_rights(operation)
            record.check_access_rule(operation)
        except AccessError:
            raise AccessError(_("You cannot follow a record you have no access to."))

    @api.model
    def create(self, vals):
        if self.env.uid != SUPERUSER_ID:
            self._school_check_follow(vals)
        return super(MailFollowers, self).create(vals)

    def write(self, vals):
        if self.env.uid != SUPERUSER_ID and {"res_model", "res_id", "partner_id", "channel_id"} & set(vals):
            raise AccessError(_("A subscription cannot be moved to another record or another recipient."))
        return super(MailFollowers, self).write(vals)
