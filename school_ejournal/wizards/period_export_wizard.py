"""«Выгрузить период (JSON)»: the export of school.period.export as a file to download."""
import base64

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError

from ..tools.translate import _


class SchoolPeriodExportWizard(models.TransientModel):
    _name = "school.period.export.wizard"
    _description = "Closed Period Export (JSON)"

    period_id = fields.Many2one("school.period", required=True,
                                domain=[("state", "!=", "open")])

    @api.model
    def check_access_rights(self, operation, raise_exception=True):
        # the wizard is for those who may export (school.period.export._check_rights)
        user = self.env.user
        if self.env.uid != SUPERUSER_ID and not (user.has_group("school_ejournal.group_school_admin")
                                                 or user.has_group("school_ejournal.group_deputy")):
            if raise_exception:
                raise AccessError(_("Period data can be exported by the school administrator and the deputy director."))
            return False
        return super(SchoolPeriodExportWizard, self).check_access_rights(operation, raise_exception)

    def action_export(self):
        self.ensure_one()
        text = self.env["school.period.export"]._export_json(self.period_id)
        name = "period_export_%s_v1.json" % (self.period_id.name or self.period_id.id)
        # The attachment belongs to this wizard (readable by its creator only).
        attachment = self.env["ir.attachment"].create({
            "name": name, "datas_fname": name, "datas": base64.b64encode(text.encode("utf-8")),
            "res_model": self._name, "res_id": self.id, "mimetype": "application/json"})
        return {"type": "ir.actions.act_url", "target": "self",
                "url": "/web/content/%s?download=true" % attachment.id}
