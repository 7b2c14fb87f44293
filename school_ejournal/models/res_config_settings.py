from odoo import api, fields, models

from .authentication_attempt import PARAM_BAN, PARAM_MAX_BY_IP, PARAM_MAX_BY_IP_USER, PARAM_WINDOW

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

    school_threshold_5 = fields.Float(related="company_id.school_threshold_5", string="«5» от")
    school_threshold_4 = fields.Float(related="company_id.school_threshold_4", string="«4» от")
    school_threshold_3 = fields.Float(related="company_id.school_threshold_3", string="«3» от")
    school_min_grades = fields.Integer(related="company_id.school_min_grades",
                                       string="Минимум отметок за четверть: 1 ч в неделю")
    school_min_grades_2h = fields.Integer(related="company_id.school_min_grades_2h",
                                          string="Минимум отметок за четверть: 2 ч в неделю")
    school_min_grades_3h = fields.Integer(related="company_id.school_min_grades_3h",
                                          string="Минимум отметок за четверть: 3 ч и более")
    school_min_grades_half_1h = fields.Integer(related="company_id.school_min_grades_half_1h",
                                               string="Минимум отметок за полугодие: 1 ч в неделю")
    school_min_grades_half_2h = fields.Integer(related="company_id.school_min_grades_half_2h",
                                               string="Минимум отметок за полугодие: 2 ч в неделю")
    school_min_grades_half_3h = fields.Integer(related="company_id.school_min_grades_half_3h",
                                               string="Минимум отметок за полугодие: 3 ч и более")
    school_missed_day_rule = fields.Selection(related="company_id.school_missed_day_rule",
                                              string="Пропущенный день")
    school_missed_day_lessons = fields.Integer(related="company_id.school_missed_day_lessons",
                                               string="Уроков для пропущенного дня")
    school_na_absence_pct = fields.Integer(related="company_id.school_na_absence_pct",
                                           string="«н/а» при пропуске более, %")
    school_two_excludes_five = fields.Boolean(related="company_id.school_two_excludes_five",
                                              string="«2» за период исключает «5»")
    school_year_tie_rule = fields.Selection(related="company_id.school_year_tie_rule",
                                            string="Годовая при среднем с половиной")
    school_year_na_rule = fields.Selection(related="company_id.school_year_na_rule",
                                           string="Годовая при «н/а» за период")
    school_print_sides = fields.Selection(related="company_id.school_print_sides",
                                          string="Печать классного журнала")

    school_login_fail_window = fields.Integer(string="Окно подсчёта неудачных входов, мин")
    school_login_ban_minutes = fields.Integer(string="Длительность блокировки, мин")
    school_login_max_by_ip_user = fields.Integer(string="Неудачных входов до блокировки логина с адреса")
    school_login_max_by_ip = fields.Integer(string="Неудачных входов до блокировки адреса",
                                            help="Любые логины с одного адреса; 0 — не блокировать адрес целиком.")

    @api.model
    def get_values(self):
        values = super(ResConfigSettings, self).get_values()
        Attempt = self.env["res.authentication.attempt"]
        values.update({field: Attempt._school_setting(param) for field, param in LOGIN_PARAMS.items()})
        return values

    def set_values(self):
        super(ResConfigSettings, self).set_values()
        # the settings form is for system administrators (ir.config_parameter's ACL)
        params = self.env["ir.config_parameter"]
        for field, param in LOGIN_PARAMS.items():
            params.set_param(param, str(max(self[field] or 0, 0)))
