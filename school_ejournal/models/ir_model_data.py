from odoo import api, models


class IrModelData(models.Model):
    _inherit = "ir.model.data"

    @api.model
    def _school_stable_field_xmlids(self):
        """Odoo 11 names a field «field_<table>_<field>»; when another field took that name
        (school.attendance's code_id and school.attendance.code's id), it appends the field's
        database id, which differs from one database to another, and ru.po, which names its
        terms by these ids, would leave that label English elsewhere. Such a name becomes
        «field_<table>__<field>», the form Odoo 12 and later give every field."""
        self.env.cr.execute("""
            UPDATE ir_model_data d SET name = 'field_' || replace(f.model, '.', '_') || '__' || f.name
              FROM ir_model_fields f
             WHERE d.module = 'school_ejournal' AND d.model = 'ir.model.fields' AND f.id = d.res_id
               AND d.name <> 'field_' || replace(f.model, '.', '_') || '_' || f.name
               AND d.name <> 'field_' || replace(f.model, '.', '_') || '__' || f.name
            RETURNING d.id
        """)
        if self.env.cr.fetchall():
            self.clear_caches()
