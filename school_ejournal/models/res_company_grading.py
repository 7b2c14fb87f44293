from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

GRADE11_RULES = [
    ("mean_10_11", "Среднее полугодовых и годовых отметок за 10 и 11 классы"),
    ("year", "Равна годовой отметке"),
]


class ResCompanyGrading(models.Model):
    """The school's rules for period grades (its local act on attestation):
    rounding thresholds, the minimum number of grades, the «a 2 rules out a 5»
    rule and the rule for the grade 11 final grade. The weights of the kinds of
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
    school_grade11_final_rule = fields.Selection(
        GRADE11_RULES, string="Итоговая отметка в 11 классе", default="mean_10_11", required=True,
        help="Правило приказа 2014 года об аттестатах — среднее арифметическое полугодовых и годовых "
             "отметок за 10 и 11 классы; сохраняется ли оно в порядке 2020 года, не подтверждено, "
             "поэтому правило выбирает школа.")

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
            "grade11_rule": company.school_grade11_final_rule,
        }
