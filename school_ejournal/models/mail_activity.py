from odoo import api, models
from odoo.exceptions import AccessError

from ..tools.translate import _
from .mail_followers import hidden_by_document, without_hidden


class MailActivity(models.Model):
    """Odoo checks a document's rights when an activity is created or changed,
    not when it is read: every employee would read every activity (a monitoring
    signal lists another class's pupils). Read here: the activities assigned to
    the user and those of documents he may read."""
    _inherit = "mail.activity"

    def _school_hidden(self, ids):
        return hidden_by_document(self.env, self._table, ids, "user_id", self.env.uid)

    @api.model
    def _search(self, args, offset=0, limit=None, order=None, count=False, access_rights_uid=None):
        return without_hidden(self, super(MailActivity, self)._search(
            args, offset=offset, limit=limit, order=order, count=False, access_rights_uid=access_rights_uid), count)

    def read(self, fields=None, load="_classic_read"):
        if self._school_hidden(self.ids):
            raise AccessError(_("Activities of a record you have no access to are not available."))
        return super(MailActivity, self).read(fields, load)
