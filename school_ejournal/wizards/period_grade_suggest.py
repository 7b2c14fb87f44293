from odoo import SUPERUSER_ID, _, fields, models
from odoo.exceptions import AccessError, UserError


class SchoolPeriodGradeSuggest(models.TransientModel):
    """«Предложить оценки» for a class × subject × period (or for the whole
    school, administrator only); then opens the period-grade sheet."""
    _name = "school.period.grade.suggest"
    _description = "Предложить итоговые оценки"

    period_id = fields.Many2one("school.period", string="Период", required=True)
    kind = fields.Selection([("year", "Годовые"), ("final", "Итоговые")], string="За год предложить",
                            default="year")
    class_id = fields.Many2one("school.class", string="Класс")
    subject_id = fields.Many2one("school.subject", string="Предмет")
    whole_school = fields.Boolean(string="Вся школа (все классы и предметы)")
    result = fields.Char(string="Результат", readonly=True)

    def action_suggest(self):
        self.ensure_one()
        PeriodGrade = self.env["school.period.grade"]
        kind = self.kind if self.period_id.kind == "year" else None
        if self.whole_school:
            if self.env.uid != SUPERUSER_ID and not self.env.user.has_group("school_ejournal.group_school_admin"):
                raise AccessError(_("Предложить оценки для всей школы может только администратор школы."))
            PeriodGrade.suggest_for_school(self.period_id, kind=kind)
            domain = [("period_id", "=", self.period_id.id)]
        else:
            if not (self.class_id and self.subject_id):
                raise UserError(_("Выберите класс и предмет (или отметьте «Вся школа»)."))
            PeriodGrade.suggest(self.period_id, [self.class_id.id], [self.subject_id.id], kind=kind)
            domain = [("period_id", "=", self.period_id.id), ("class_id", "=", self.class_id.id),
                      ("subject_id", "=", self.subject_id.id)]
        if kind:
            domain.append(("kind", "=", kind))
        action = self.env.ref("school_ejournal.action_school_period_grade").read()[0]
        action["domain"] = domain
        action["context"] = {}
        return action
