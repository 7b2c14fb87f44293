from odoo import api, models
from odoo.addons.mail.models import mail_template as odoo_mail_template

from ..tools.template_sandbox import restrict


class MailTemplate(models.Model):
    """Mail templates: rendered in a sandbox without the ORM's ways out of the user's
    rights (tools/template_sandbox.py), written by the system administrator only
    (security/ir.model.access.csv): a template that a cron renders runs as the superuser."""
    _inherit = "mail.template"

    @api.model
    def _register_hook(self):
        restrict(odoo_mail_template.mako_template_env)
        restrict(odoo_mail_template.mako_safe_template_env)
        return super(MailTemplate, self)._register_hook()
