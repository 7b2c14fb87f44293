from odoo import api, models

from ..wizards.login_wizard import SLIPS_KEY


class ReportAccessSlip(models.AbstractModel):
    """Access slips «Реквизиты доступа». The slips (with the passwords) come
    from the login wizard's print path, which puts them on the cursor for the
    time of this rendering only; printed any other way (the /report routes),
    the sheet says that passwords are shown once."""
    _name = "report.school_ejournal.report_access_slip"
    _description = "Access Credentials"

    @api.model
    def get_report_values(self, docids, data=None):
        wizards = self.env["school.login.wizard"].browse(docids)
        # the user's own wizard only (a transient record is its creator's)
        wizards.check_access_rights("read")
        wizards.check_access_rule("read")
        issued = self.env.cr.cache.get(SLIPS_KEY) or {}
        slips = [slip for wizard_id in docids or [] for slip in issued.get(wizard_id, [])]
        company = self.env.user.company_id
        url = company.school_portal_url or self.env["ir.config_parameter"].sudo().get_param("web.base.url")
        return {
            "doc_ids": docids,
            "doc_model": "school.login.wizard",
            "docs": wizards,
            "slips": slips,
            "company": company,
            "url": url,
        }

    # Odoo ≥ 12 name of the same hook.
    _get_report_values = get_report_values
