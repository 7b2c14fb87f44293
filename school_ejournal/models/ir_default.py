import json

from odoo import api, models

from .client_gate import GUARDED, check_client_vals


class IrDefault(models.Model):
    """A user's own default («Set Default») fills a field at creation as if he had typed
    it, after the check of what he sent: it obeys the same rights. A teacher may not make
    a field the system fills (a grade's weight, a final grade's state) default to his value."""
    _inherit = "ir.default"

    @api.model
    def create(self, vals):
        if vals.get("field_id"):
            self._school_check_default(vals["field_id"], vals.get("json_value"))
        return super(IrDefault, self).create(vals)

    def write(self, vals):
        result = super(IrDefault, self).write(vals)
        if {"field_id", "json_value"} & set(vals):
            for default in self:
                self._school_check_default(default.field_id.id, default.json_value)
        return result

    @api.model
    def _school_check_default(self, field_id, json_value):
        field = self.env["ir.model.fields"].sudo().browse(field_id)
        if field.model in GUARDED and field.model in self.env:
            value = json.loads(json_value) if json_value else False
            check_client_vals(self.env[field.model], {field.name: value}, creating=True)
