from odoo import api, fields, models

from .res_authentication_attempt import PARAM_BAN, PARAM_MAX_BY_IP, PARAM_MAX_BY_IP_USER, PARAM_WINDOW

# settings field -> ir.config_parameter of the login ban
LOGIN_PARAMS = {
    "school_login_fail_window": PARAM_WINDOW,
    "school_login_ban_minutes": PARAM_BAN,
    "school_login_max_by_ip_user": PARAM_MAX_BY_IP_USER,
    "school_login_max_by_ip": PARAM_MAX_BY_IP,
}


class ResConfigSettings(models.TransientModel):
    """«Электронный журнал» block of the general settings: the company's
    grading rules (the school admin edits the same fields in
    «Настройка → Правила итоговых оценок»)."""
    _inherit = "res.config.settings"

    school_threshold_5 = fields.Float(related="company_id.school_threshold_5", string="“5” From")
    school_threshold_4 = fields.Float(related="company_id.school_threshold_4", string="“4” From")
    school_threshold_3 = fields.Float(related="company_id.school_threshold_3", string="“3” From")
    school_min_grades = fields.Integer(related="company_id.school_min_grades",
                                       string="Minimum Grades per Quarter: 1 h per Week")
    school_min_grades_2h = fields.Integer(related="company_id.school_min_grades_2h",
                                          string="Minimum Grades per Quarter: 2 h per Week")
    school_min_grades_3h = fields.Integer(related="company_id.school_min_grades_3h",
                                          string="Minimum Grades per Quarter: 3 h or More")
    school_min_grades_half_1h = fields.Integer(related="company_id.school_min_grades_half_1h",
                                               string="Minimum Grades per Half-Year: 1 h per Week")
    school_min_grades_half_2h = fields.Integer(related="company_id.school_min_grades_half_2h",
                                               string="Minimum Grades per Half-Year: 2 h per Week")
    school_min_grades_half_3h = fields.Integer(related="company_id.school_min_grades_half_3h",
                                               string="Minimum Grades per Half-Year: 3 h or More")
    school_missed_day_rule = fields.Selection(related="company_id.school_missed_day_rule",
                                              string="Missed Day")
    school_missed_day_lessons = fields.Integer(related="company_id.school_missed_day_lessons",
                                               string="Lessons for a Missed Day")
    school_absence_signal_pct = fields.Integer(related="company_id.school_absence_signal_pct",
                                               string="Systematic Absences: More Than, % of Lessons per Month")
    school_na_absence_pct = fields.Integer(related="company_id.school_na_absence_pct",
                                           string="“n/a” If Absent More Than, %")
    school_two_excludes_five = fields.Boolean(related="company_id.school_two_excludes_five",
                                              string="“2” in Period Excludes “5”")
    school_year_tie_rule = fields.Selection(related="company_id.school_year_tie_rule",
                                            string="Year Grade at Half-Point Average")
    school_year_na_rule = fields.Selection(related="company_id.school_year_na_rule",
                                           string="Year Grade with “n/a” for a Period")
    school_mark_required = fields.Boolean(related="company_id.school_mark_required",
                                          string="Grade Required for All in Marked Kinds of Work")
    school_mark_required_days = fields.Integer(related="company_id.school_mark_required_days",
                                               string="Required Grades — No Later Than, Days after Lesson")
    # the kinds of work that require a mark for every present pupil (the kind's own flag)
    school_mark_required_kind_ids = fields.Many2many(
        "school.work.kind", string="Kinds of Work with Required Grade",
        help="Practical, laboratory, test work… — every student present gets a grade.")
    school_print_sides = fields.Selection(related="company_id.school_print_sides",
                                          string="Print Class Journal")

    school_login_fail_window = fields.Integer(string="Failed Login Counting Window, Min")
    school_login_ban_minutes = fields.Integer(string="Ban Duration, Min")
    school_login_max_by_ip_user = fields.Integer(string="Failed Logins before Login Ban from Address")
    school_login_max_by_ip = fields.Integer(string="Failed Logins before Address Ban",
                                            help="Any logins from one address; 0 — do not ban the whole address.")

    # monitoring thresholds
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
    school_programme_gap = fields.Integer(related="company_id.school_programme_gap")

    @api.model
    def get_values(self):
        values = super(ResConfigSettings, self).get_values()
        Attempt = self.env["res.authentication.attempt"]
        values.update({field: Attempt._school_setting(param) for field, param in LOGIN_PARAMS.items()})
        values["school_mark_required_kind_ids"] = [
            (6, 0, self.env["school.work.kind"].search([("requires_topic_mark", "=", True)]).ids)]
        return values

    def set_values(self):
        res = super(ResConfigSettings, self).set_values()
        # the settings form is for system administrators (ir.config_parameter's ACL)
        Kind = self.env["school.work.kind"]
        wanted = self.school_mark_required_kind_ids
        current = Kind.search([("requires_topic_mark", "=", True)])
        if wanted != current:
            (current - wanted).write({"requires_topic_mark": False})
            (wanted - current).write({"requires_topic_mark": True})
        params = self.env["ir.config_parameter"]
        for field, param in LOGIN_PARAMS.items():
            params.set_param(param, str(max(self[field] or 0, 0)))
        return res
