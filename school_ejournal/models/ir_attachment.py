from odoo import _, api, models
from odoo.exceptions import ValidationError

from .ir_http import is_local_path, is_web_url


class IrAttachment(models.Model):
    """A link attachment («ссылка», type url) is shown to families as a link
    and followed by the portal: it may point to a web page (http, https) or to
    a path of this site (Odoo's own asset and image links), never to a
    ``javascript:``, ``data:`` or other scheme."""
    _inherit = "ir.attachment"

    @api.constrains("type", "url")
    def _check_school_url(self):
        for attachment in self:
            if attachment.type == "url" and attachment.url and not (
                    is_web_url(attachment.url) or is_local_path(attachment.url)):
                raise ValidationError(_("Ссылка должна начинаться с http:// или https://."))
