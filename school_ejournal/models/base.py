from odoo import api, models

from .field_guard import check_export


class Base(models.AbstractModel):
    _inherit = "base"

    def export_data(self, fields_to_export, raw_data=False):
        # an export reaches restricted fields through any model ("student_id/snils")
        check_export(self, fields_to_export)
        return super(Base, self).export_data(fields_to_export, raw_data=raw_data)

    @api.model
    def _read_group_process_groupby(self, gb, query):
        # Odoo labels a week group «W36 2026»: in Russian «нед. 36 2026»
        result = super(Base, self)._read_group_process_groupby(gb, query)
        if result.get("display_format") == "'W'w YYYY" and (self.env.context.get("lang") or "").startswith("ru"):
            result["display_format"] = "'нед.' w YYYY"
        return result
