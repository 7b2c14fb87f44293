from odoo import fields, models
from odoo.exceptions import UserError

from ..tools.translate import _


class SchoolCouncilDecisionFill(models.TransientModel):
    """«Заполнить по итоговым отметкам»: the decisions of a class offered from its
    year and final grades, for the deputy and the school admin to review."""
    _name = "school.council.decision.fill"
    _description = "Teachers’ Council Decisions by Final Grades"

    class_id = fields.Many2one("school.class", required=True)
    protocol_number = fields.Char(string="Teachers’ Council Minutes No.")
    protocol_date = fields.Date(string="Minutes Date")
    retake_deadline = fields.Date(string="Debt Clearance Deadline")

    def action_fill(self):
        self.ensure_one()
        created = self.env["school.council.decision"]._fill_from_grades(
            self.class_id, self.protocol_number, self.protocol_date, self.retake_deadline)
        if not created:
            raise UserError(_("Teachers’ Council decisions have already been recorded for the students of class "
                              "%s (or the class has no students): a decision can be changed in the "
                              "list.") % self.class_id.name)
        action = self.env.ref("school_ejournal.action_school_council_decision").read()[0]
        action["domain"] = [("class_id", "=", self.class_id.id)]
        action["context"] = {}
        return action
