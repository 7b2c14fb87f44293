from odoo import SUPERUSER_ID, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.translate import _


class SchoolPeriodGradeSuggest(models.TransientModel):
    """«Предложить оценки» for a class × subject × period (or for the whole
    school, administrator only); then opens the period-grade sheet."""
    _name = "school.period.grade.suggest"
    _description = "Suggest Final Grades"

    period_id = fields.Many2one("school.period", required=True)
    kind = fields.Selection([("year", "Year Grades"), ("final", "Final (Kinds)")], string="Suggest for the Year",
                            default="year")
    class_id = fields.Many2one("school.class")
    subject_id = fields.Many2one("school.subject")
    whole_school = fields.Boolean(string="Whole School (All Classes and Subjects)")
    result = fields.Char(readonly=True)

    def action_suggest(self):
        self.ensure_one()
        PeriodGrade = self.env["school.period.grade"]
        kind = self.kind if self.period_id.kind == "year" else None
        if self.whole_school:
            if self.env.uid != SUPERUSER_ID and not self.env.user.has_group("school_ejournal.group_school_admin"):
                raise AccessError(_("Only the school administrator can propose grades for the whole school."))
            PeriodGrade.suggest_for_school(self.period_id, kind=kind)
            domain = [("period_id", "=", self.period_id.id)]
        else:
            if not (self.class_id and self.subject_id):
                raise UserError(_("Select a class and a subject (or tick “Whole School”)."))
            PeriodGrade.suggest(self.period_id, [self.class_id.id], [self.subject_id.id], kind=kind)
            domain = [("period_id", "=", self.period_id.id), ("class_id", "=", self.class_id.id),
                      ("subject_id", "=", self.subject_id.id)]
        if kind:
            domain.append(("kind", "=", kind))
        action = self.env.ref("school_ejournal.action_school_period_grade").read()[0]
        action["domain"] = domain
        action["context"] = {}
        return action
