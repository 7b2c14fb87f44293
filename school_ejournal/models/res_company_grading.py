from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# A year mean of x.5 (5,5,4,4 → 4.5) is a tie that the local act decides.
YEAR_TIE_RULES = [
    ("favour", "В пользу ученика (в большую сторону)"),
    ("last_period", "По отметке за последнюю четверть (полугодие)"),
    ("written", "По среднему баллу письменных (контрольных) работ за год"),
]
# A period «н/а» in the row of a year grade is never dropped silently.
YEAR_NA_RULES = [
    ("na", "Годовая не выставляется («н/а»), пока задолженность не ликвидирована"),
    ("mean_rest", "Среднее по аттестованным периодам (с пометкой в расчёте)"),
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
    school_min_grades = fields.Integer(
        string="Минимум отметок для аттестации", default=3, required=True,
        help="Если у ученика за период меньше отметок, предлагается «н/а» (не аттестован).")
    school_two_excludes_five = fields.Boolean(
        string="«2» за период исключает «5»",
        help="Если за период у ученика есть хотя бы одна «2» (или «1»), итоговая «5» не предлагается: "
             "предлагается «4».")
    school_year_tie_rule = fields.Selection(
        YEAR_TIE_RULES, string="Годовая при среднем x,5", default="favour", required=True,
        help="Годовая отметка — среднее арифметическое отметок за четверти (полугодия), округлённое по "
             "правилам математики; при среднем ровно x,5 (5, 5, 4, 4 → 4,5) отметку определяет это правило.")
    school_year_na_rule = fields.Selection(
        YEAR_NA_RULES, string="Годовая при «н/а» за период", default="na", required=True,
        help="Что предлагается за год, если за одну из четвертей (полугодий) ученик не аттестован.")

    @api.constrains("school_threshold_5", "school_threshold_4", "school_threshold_3", "school_min_grades")
    def _check_school_grading(self):
        for company in self:
            t5, t4, t3 = company.school_threshold_5, company.school_threshold_4, company.school_threshold_3
            if not (2.0 < t3 < t4 < t5 <= 5.0):
                raise ValidationError(_(
                    "Пороги округления должны убывать: 5 ≥ порог «5» > порог «4» > порог «3» > 2 "
                    "(сейчас «5» от %.2f, «4» от %.2f, «3» от %.2f).") % (t5, t4, t3))
            if company.school_min_grades < 1 or company.school_min_grades > 30:
                raise ValidationError(_("Минимум отметок для аттестации должен быть от 1 до 30 (сейчас %s).")
                                      % company.school_min_grades)

    def _school_grading_rules(self):
        """The rules as a plain dict (what the period grade suggestion reads)."""
        self.ensure_one()
        company = self.sudo()
        return {
            "t5": round(company.school_threshold_5, 2),
            "t4": round(company.school_threshold_4, 2),
            "t3": round(company.school_threshold_3, 2),
            "min_grades": company.school_min_grades,
            "two_excludes_five": company.school_two_excludes_five,
            "year_tie_rule": company.school_year_tie_rule,
            "year_na_rule": company.school_year_na_rule,
        }
