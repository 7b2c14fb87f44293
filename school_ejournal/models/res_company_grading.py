from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# A year mean of x.5 (5,5,4,4 → 4.5) is a tie that the local act decides.
YEAR_TIE_RULES = [
    ("favour", "В пользу ученика (в большую сторону)"),
    ("last_period", "По отметке за последнюю четверть (полугодие)"),
    ("written", "По среднему баллу письменных (контрольных) работ за год"),
]
# What counts as a missed day in the attendance reports and the printed journal.
MISSED_DAY_RULES = [
    ("all", "Пропущены все уроки дня"),
    ("at_least", "Пропущено не меньше заданного числа уроков"),
    ("half", "Пропущено больше половины уроков дня"),
]
# A period «н/а» in the row of a year grade is never dropped silently.
YEAR_NA_RULES = [
    ("na", "Годовая не выставляется («н/а»), пока задолженность не ликвидирована"),
    ("mean_rest", "Среднее по аттестованным периодам (с пометкой в расчёте)"),
]

# How the printed journal is printed: a «лист» is a physical sheet.
PRINT_SIDES = [
    ("single", "Односторонняя (лист — одна страница)"),
    ("double", "Двусторонняя (лист — две страницы)"),
]


class ResCompanyGrading(models.Model):
    """The school's rules for period grades (its local act on attestation):
    rounding thresholds, the minimum number of grades, the «a 2 rules out a 5»
    rule and the year grade's tie and «н/а» rules. The weights of the kinds of
    work live on school.work.kind."""
    _inherit = "res.company"

    school_threshold_5 = fields.Float(
        string="«5» от", default=4.60, digits=(3, 2), required=True,
        help="Средневзвешенный балл, начиная с которого выставляется «5».")
    school_threshold_4 = fields.Float(
        string="«4» от", default=3.60, digits=(3, 2), required=True,
        help="Средневзвешенный балл, начиная с которого выставляется «4».")
    school_threshold_3 = fields.Float(
        string="«3» от", default=2.60, digits=(3, 2), required=True,
        help="Средневзвешенный балл, начиная с которого выставляется «3»; ниже — «2».")
    # The minimum number of marks for an attestation grows with the subject's weekly hours.
    school_min_grades = fields.Integer(
        string="Минимум отметок за четверть: 1 ч в неделю", default=3, required=True,
        help="Если у ученика за период меньше отметок, предлагается «н/а» (не аттестован).")
    school_min_grades_2h = fields.Integer(string="Минимум отметок за четверть: 2 ч в неделю", default=5,
                                          required=True)
    school_min_grades_3h = fields.Integer(string="Минимум отметок за четверть: 3 ч и более", default=7,
                                          required=True)
    school_min_grades_half_1h = fields.Integer(string="Минимум отметок за полугодие: 1 ч в неделю", default=5,
                                               required=True)
    school_min_grades_half_2h = fields.Integer(string="Минимум отметок за полугодие: 2 ч в неделю", default=8,
                                               required=True)
    school_min_grades_half_3h = fields.Integer(string="Минимум отметок за полугодие: 3 ч и более", default=12,
                                               required=True)
    school_na_absence_pct = fields.Integer(
        string="«н/а» при пропуске более, %", default=50, required=True,
        help="Если ученик пропустил больше этой доли уроков предмета за период (по любой причине), "
             "предлагается «н/а» с указанием причины.")
    school_two_excludes_five = fields.Boolean(
        string="«2» за период исключает «5»",
        help="Если за период у ученика есть хотя бы одна «2» (или «1»), итоговая «5» не предлагается: "
             "предлагается «4».")
    school_missed_day_rule = fields.Selection(
        MISSED_DAY_RULES, string="Пропущенный день", default="all", required=True,
        help="Когда день считается пропущенным в отчётах о посещаемости и в печатном журнале.")
    school_missed_day_lessons = fields.Integer(
        string="Уроков для пропущенного дня", default=3, required=True,
        help="Для правила «не меньше заданного числа уроков».")
    school_year_tie_rule = fields.Selection(
        YEAR_TIE_RULES, string="Годовая при среднем с половиной", default="favour", required=True,
        help="Годовая отметка — среднее арифметическое отметок за четверти (полугодия), округлённое по "
             "правилам математики; при среднем ровно посередине (5, 5, 4, 4 → 4,5) отметку определяет это правило.")
    school_year_na_rule = fields.Selection(
        YEAR_NA_RULES, string="Годовая при «н/а» за период", default="na", required=True,
        help="Что предлагается за год, если за одну из четвертей (полугодий) ученик не аттестован.")
    school_print_sides = fields.Selection(
        PRINT_SIDES, string="Печать классного журнала", default="single", required=True,
        help="Предлагается в мастере печати журнала; число листов в заверительной надписи считается по "
             "физическим листам: при двусторонней печати — страницы / 2 с округлением вверх.")

    @api.constrains("school_threshold_5", "school_threshold_4", "school_threshold_3", "school_min_grades",
                    "school_min_grades_2h", "school_min_grades_3h", "school_min_grades_half_1h",
                    "school_min_grades_half_2h", "school_min_grades_half_3h", "school_na_absence_pct",
                    "school_missed_day_lessons")
    def _check_school_grading(self):
        for company in self:
            t5, t4, t3 = company.school_threshold_5, company.school_threshold_4, company.school_threshold_3
            if not (2.0 < t3 < t4 < t5 <= 5.0):
                raise ValidationError(_(
                    "Пороги округления должны убывать: 5 ≥ порог «5» > порог «4» > порог «3» > 2 "
                    "(сейчас «5» от %.2f, «4» от %.2f, «3» от %.2f).") % (t5, t4, t3))
            for name in ("school_min_grades", "school_min_grades_2h", "school_min_grades_3h",
                         "school_min_grades_half_1h", "school_min_grades_half_2h", "school_min_grades_half_3h"):
                if company[name] < 1 or company[name] > 30:
                    raise ValidationError(_("«%s» должен быть от 1 до 30 (сейчас %s).")
                                          % (company._fields[name].string, company[name]))
            if not 1 <= company.school_missed_day_lessons <= 12:
                raise ValidationError(_("Число уроков для пропущенного дня должно быть от 1 до 12 (сейчас %s).")
                                      % company.school_missed_day_lessons)
            if not 1 <= company.school_na_absence_pct <= 100:
                raise ValidationError(_("Доля пропущенных уроков для «н/а» должна быть от 1 до 100 %% (сейчас %s).")
                                      % company.school_na_absence_pct)

    def _school_grading_rules(self):
        """The rules as a plain dict (what the period grade suggestion reads)."""
        self.ensure_one()
        company = self.sudo()
        return {
            "t5": round(company.school_threshold_5, 2),
            "t4": round(company.school_threshold_4, 2),
            "t3": round(company.school_threshold_3, 2),
            "min_grades": company.school_min_grades,
            # (period kind group, weekly-hours bucket 1/2/3) → minimum number of marks
            "min_grades_table": {
                ("quarter", 1): company.school_min_grades, ("quarter", 2): company.school_min_grades_2h,
                ("quarter", 3): company.school_min_grades_3h, ("half_year", 1): company.school_min_grades_half_1h,
                ("half_year", 2): company.school_min_grades_half_2h,
                ("half_year", 3): company.school_min_grades_half_3h},
            "na_absence_pct": company.school_na_absence_pct,
            "missed_day_rule": company.school_missed_day_rule,
            "missed_day_lessons": company.school_missed_day_lessons,
            "two_excludes_five": company.school_two_excludes_five,
            "year_tie_rule": company.school_year_tie_rule,
            "year_na_rule": company.school_year_na_rule,
            "print_sides": company.school_print_sides,
        }
