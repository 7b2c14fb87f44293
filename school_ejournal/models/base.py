from odoo import models

from .field_guard import check_export


class Base(models.AbstractModel):
    _inherit = "base"

    def export_data(self, fields_to_export, raw_data=False):
        # an export reaches restricted fields through any model ("student_id/snils")
        check_export(self, fields_to_export)
        return super(Base, self).export_data(fields_to_export, raw_data=raw_data)
