from odoo import fields, models


class ResConfigSettingsMonitoring(models.TransientModel):
    """Monitoring thresholds in the «Электронный журнал» settings block."""
    _inherit = "res.config.settings"

    school_mon_no_grade_lessons = fields.Integer(related="company_id.school_mon_no_grade_lessons")
    school_mon_escalation_days = fields.Integer(related="company_id.school_mon_escalation_days")
    school_mon_parent_idle_days = fields.Integer(related="company_id.school_mon_parent_idle_days")
    school_mon_parent_idle_percent = fields.Integer(related="company_id.school_mon_parent_idle_percent")
    school_mon_homework_required = fields.Boolean(related="company_id.school_mon_homework_required")
    school_mon_control_days = fields.Integer(related="company_id.school_mon_control_days")
    school_mon_late_entry_days = fields.Integer(related="company_id.school_mon_late_entry_days")
    school_mon_violation_limit = fields.Integer(related="company_id.school_mon_violation_limit")
    school_mon_lookback_days = fields.Integer(related="company_id.school_mon_lookback_days")
    school_mon_digest_enabled = fields.Boolean(related="company_id.school_mon_digest_enabled")
