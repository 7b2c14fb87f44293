from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    """«Электронный журнал» block of the general settings: the company's
    grading rules (the school admin edits the same fields in
    «Настройка → Правила итоговых оценок»)."""
    _inherit = "res.config.settings"

    school_threshold_5 = fields.Float(related="company_id.school_threshold_5", string="«5» от")
    school_threshold_4 = fields.Float(related="company_id.school_threshold_4", string="«4» от")
    school_threshold_3 = fields.Float(related="company_id.school_threshold_3", string="«3» от")
    school_min_grades = fields.Integer(related="company_id.school_min_grades",
                                       string="Минимум отметок для аттестации")
    school_two_excludes_five = fields.Boolean(related="company_id.school_two_excludes_five",
                                              string="«2» за период исключает «5»")
    school_grade11_final_rule = fields.Selection(related="company_id.school_grade11_final_rule",
                                                 string="Итоговая отметка в 11 классе")
