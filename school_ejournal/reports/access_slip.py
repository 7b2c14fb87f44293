from odoo import api, models


class ReportAccessSlip(models.AbstractModel):
    """Access slips «Реквизиты доступа». The passwords are taken out of the
    wizard lines and the lines deleted here, so a password is rendered once
    and never stays readable in the database."""
    _name = "report.school_ejournal.report_access_slip"
    _description = "Реквизиты доступа"

    @api.model
    def get_report_values(self, docids, data=None):
        wizards = self.env["school.login.wizard"].browse(docids)
        # the user's own wizard only (a transient record is its creator's)
        wizards.check_access_rights("read")
        wizards.check_access_rule("read")
        lines = wizards.mapped("line_ids")
        slips = [{"name": l.name, "role": l.role, "login": l.login, "password": l.password or ""}
                 for l in lines]
        lines.unlink()
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
