from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.translate import _
from .journal_guard import _format_date

RETAKE_VALUES = [("5", "5"), ("4", "4"), ("3", "3"), ("2", "2"), ("zach", "pass"), ("nezach", "fail")]
PASSED_VALUES = ("5", "4", "3", "zach")
# ст. 58 273-ФЗ: a debt may be retaken twice within the deadline
MAX_ATTEMPTS = 2


class SchoolAcademicDebt(models.Model):
    """«Ликвидация академической задолженности»: one retake of a subject of a
    pupil's academic debt, a result against the old year's subject. It sits
    beside the year's grades (the closed year and its seal stay untouched);
    when every debt subject is passed, the council's «условно переведён»
    becomes «переведён» and the note keeps the history."""
    _name = "school.academic.debt"
    _description = "Academic Debt Retakes"
    _order = "date desc, id desc"
    _rec_name = "subject_id"
    # client_gate.py: a result belongs to one decision and one subject
    _school_create_only_fields = ("decision_id", "subject_id")

    decision_id = fields.Many2one("school.council.decision", string="Teachers’ Council Decision", required=True,
                                  index=True, ondelete="restrict",
                                  domain="[('decision', '=', 'conditional')]")
    student_id = fields.Many2one(related="decision_id.student_id", store=True, readonly=True, string="Student")
    academic_year_id = fields.Many2one(related="decision_id.academic_year_id", store=True, readonly=True,
                                       string="Academic Year of the Debt")
    class_id = fields.Many2one(related="decision_id.class_id", store=True, readonly=True, string="Class")
    subject_id = fields.Many2one("school.subject", required=True, ondelete="restrict")
    date = fields.Date(string="Retake Date", required=True)
    value = fields.Selection(RETAKE_VALUES, string="Result", required=True)
    passed = fields.Boolean(string="Debt Cleared", compute="_compute_passed", store=True)
    protocol_number = fields.Char(string="Commission Minutes No.")
    note = fields.Char(string="Remarks")

    @api.depends("value")
    def _compute_passed(self):
        for record in self:
            record.passed = record.value in PASSED_VALUES

    @api.constrains("decision_id", "subject_id", "date")
    def _check_retake(self):
        for record in self:
            decision = record.decision_id
            if record.subject_id not in decision.debt_subject_ids:
                raise ValidationError(_("%(student)s: there is no academic debt in “%(subject)s”.")
                                      % {"student": decision.student_id.name, "subject": record.subject_id.name})
            year_end = decision.academic_year_id.date_end
            if record.date <= year_end:
                raise ValidationError(_("A retake (%(date)s) takes place after the end of the academic year "
                                        "(%(year_end)s).") % {"date": _format_date(record.date),
                                                               "year_end": _format_date(year_end)})
            attempts = self.search([("decision_id", "=", decision.id), ("subject_id", "=", record.subject_id.id)])
            if len(attempts) > MAX_ATTEMPTS:
                raise ValidationError(_("%(student)s: the academic debt in “%(subject)s” may be retaken at most "
                                        "twice.") % {"student": decision.student_id.name,
                                                        "subject": record.subject_id.name})
            if any(a.passed and a.date < record.date for a in attempts - record):
                raise ValidationError(_("%(student)s: the academic debt in “%(subject)s” has already been cleared.")
                                      % {"student": decision.student_id.name, "subject": record.subject_id.name})

    @api.model
    def create(self, vals):
        record = super(SchoolAcademicDebt, self).create(vals)
        record._lift_conditional()
        return record

    def write(self, vals):
        result = super(SchoolAcademicDebt, self).write(vals)
        self._lift_conditional()
        return result

    def _lift_conditional(self):
        """A conditional transfer whose every debt subject has a passed retake
        becomes «переведён»; the debt subjects stay on the decision and the note
        records the deadline and the retakes (the history)."""
        for decision in self.mapped("decision_id"):
            if decision.decision != "conditional":
                continue
            passed = self.search([("decision_id", "=", decision.id), ("passed", "=", True)])
            if decision.debt_subject_ids - passed.mapped("subject_id"):
                continue
            history = _("Conditionally promoted (%(subjects)s), debt deadline %(deadline)s; debt cleared: "
                        "%(retakes)s.") % {
                "subjects": ", ".join(decision.debt_subject_ids.mapped("name")).lower(),
                "deadline": _format_date(decision.retake_deadline) if decision.retake_deadline else "—",
                "retakes": ", ".join("%s — %s (%s)" % (r.subject_id.name, r._school_selection_labels("value")[r.value],
                                                      _format_date(r.date))
                                     for r in passed.sorted(lambda r: (r.date, r.id)))}
            decision.write({"decision": "promoted", "retake_deadline": False,
                            "note": "\n".join(filter(None, [decision.note, history]))})
