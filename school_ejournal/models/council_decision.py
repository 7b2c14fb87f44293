from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..tools.translate import _
from .journal_guard import _format_date

# The pedagogical council's decision on a pupil at the end of a year (ст. 58
# 273-ФЗ): what the сводная ведомость prints and the year rollover follows.
DECISIONS = [
    ("promoted", "promoted"),
    ("conditional", "conditionally promoted"),
    ("repeat", "retained for a repeat year"),
    ("graduated", "graduated"),
    ("left", "left school"),
]
# Year (final) results that are an academic debt.
DEBT_VALUES = ("2", "1", "na", "nezach")
# The grade levels that end a level of education (основное, среднее общее).
GRADUATION_LEVELS = (9, 11)


def decision_label(decision, subjects, labels):
    """«условно переведён (алгебра)»: the decision and, for a debt, its subjects
    (``subjects``: their names joined by commas); ``labels``: the decisions' labels
    in the reader's language (school.council.decision._school_selection_labels)."""
    text = labels.get(decision, "")
    if decision in ("conditional", "repeat") and subjects:
        text += " (%s)" % subjects.lower()
    return text


class SchoolCouncilDecision(models.Model):
    """One pupil's decision of the pedagogical council for one academic year.
    Recorded by the deputy or the school admin (the council's secretary works for
    them); the class teacher reads his class's decisions: he proposes at the
    council meeting, and the default the system offers already follows the year
    grades, so a second «proposal» record would be a second truth to reconcile.
    Pupils and parents read their own."""
    _name = "school.council.decision"
    _description = "Decision of the Teachers’ Council"
    _order = "academic_year_id desc, class_id, student_id"
    _rec_name = "student_id"
    # client_gate.py: a decision is about one pupil in one class and year
    _school_create_only_fields = ("student_id", "academic_year_id", "class_id")

    student_id = fields.Many2one("school.student", required=True, index=True,
                                 ondelete="restrict")
    academic_year_id = fields.Many2one("school.academic.year", required=True,
                                       index=True, ondelete="restrict")
    class_id = fields.Many2one("school.class", required=True, index=True,
                               ondelete="restrict", domain="[('academic_year_id', '=', academic_year_id)]")
    decision = fields.Selection(DECISIONS, required=True, default="promoted")
    debt_subject_ids = fields.Many2many("school.subject", "school_council_decision_debt_subject_rel",
                                        "decision_id", "subject_id", string="Academic Debt",
                                        help="Subjects in which the student is promoted conditionally.")
    retake_deadline = fields.Date(string="Debt Clearance Deadline")
    protocol_number = fields.Char(string="Teachers’ Council Minutes No.")
    protocol_date = fields.Date(string="Minutes Date")
    note = fields.Text(string="Remarks")
    label = fields.Char(string="Teachers’ Council Decision", compute="_compute_label",
                        help="How the decision is printed in the summary sheet.")

    _sql_constraints = [
        ("student_year_unique", "unique(student_id, academic_year_id)",
         "Only one Teachers’ Council decision is recorded per student per academic year."),
    ]

    @api.depends("decision", "debt_subject_ids.name")
    def _compute_label(self):
        for record in self:
            record.label = record._label()

    def _label(self):
        """«условно переведён (алгебра)»: the decision, the subjects of debt."""
        self.ensure_one()
        return decision_label(self.decision, ", ".join(self.debt_subject_ids.sorted(
            lambda s: (s.sequence, s.name)).mapped("name")), self._school_selection_labels("decision"))

    @api.constrains("decision", "debt_subject_ids", "retake_deadline", "class_id", "academic_year_id",
                    "protocol_date")
    def _check_decision(self):
        for record in self:
            if record.class_id.academic_year_id != record.academic_year_id:
                raise ValidationError(_("Class %(class)s does not belong to academic year %(academic_year)s.")
                                      % {"class": record.class_id.name, "academic_year": record.academic_year_id.name})
            if record.decision == "conditional" and not record.debt_subject_ids:
                raise ValidationError(_("%s: for a conditional promotion, specify the subjects of the academic "
                                        "debt.") % record.student_id.name)
            if record.decision != "conditional" and record.retake_deadline:
                raise ValidationError(_("%s: a deadline for clearing the debt is set only for a conditional "
                                        "promotion.") % record.student_id.name)
            year_end = record.academic_year_id.date_end
            if record.retake_deadline and year_end and record.retake_deadline <= year_end:
                raise ValidationError(_("%(student)s: the deadline for clearing the academic debt "
                                        "(%(retake_deadline)s) must be after the end of the academic year "
                                        "(%(year_end)s).") % {
                                            "student": record.student_id.name,
                                            "retake_deadline": _format_date(record.retake_deadline),
                                            "year_end": _format_date(year_end)})

    # ------------------------------------------------------------------ defaults
    @api.model
    def _defaults_for_class(self, school_class):
        """{student_id: {decision, debt_subject_ids}} from the class's year and
        final grades: no «2»/«1»/«н/а»/«незач» → переведён (выпущен in the last
        grade of a level of education); a debt → условно переведён with its
        subjects (in a graduating grade: оставлен, the debt listed); a pupil who
        left the school during the year → выбыл. A pupil transferred to another
        class gets his decision there. Read in SQL, whatever the user's rules:
        the caller checked his right to record decisions."""
        cr = self.env.cr
        year = school_class.academic_year_id
        cr.execute("""
            WITH intervals AS (
                SELECT m.student_id, m.to_class_id, m.date,
                       lead(m.to_class_id) OVER w AS next_class_id, lead(m.date) OVER w AS next_date
                  FROM school_student_movement m
                 WHERE m.student_id IN (SELECT student_id FROM school_student_movement WHERE to_class_id = %(cls)s)
                WINDOW w AS (PARTITION BY m.student_id ORDER BY m.date, m.id)
            )
            SELECT DISTINCT ON (student_id) student_id, next_date, next_class_id
              FROM intervals WHERE to_class_id = %(cls)s AND date <= %(end)s
             ORDER BY student_id, date DESC
        """, {"cls": school_class.id, "end": year.date_end})
        pupils = {}
        for student_id, next_date, next_class_id in cr.fetchall():
            if next_date is None or str(next_date) > year.date_end:
                pupils[student_id] = "in"
            elif next_class_id is None:
                pupils[student_id] = "left"
        if not pupils:
            return {}
        # the final grade, where there is one, decides for its subject
        cr.execute("""
            SELECT DISTINCT ON (pg.student_id, pg.subject_id) pg.student_id, pg.subject_id, pg.value
              FROM school_period_grade pg JOIN school_period p ON p.id = pg.period_id
             WHERE pg.class_id = %s AND p.academic_year_id = %s AND pg.kind IN ('year', 'final')
               AND pg.value IS NOT NULL AND pg.student_id IN %s
             ORDER BY pg.student_id, pg.subject_id, pg.kind = 'final' DESC
        """, (school_class.id, year.id, tuple(pupils)))
        debts = {}
        for student_id, subject_id, value in cr.fetchall():
            if value in DEBT_VALUES:
                debts.setdefault(student_id, []).append(subject_id)
        graduating = school_class.grade_level_id.number in GRADUATION_LEVELS
        result = {}
        for student_id, state in pupils.items():
            debt = debts.get(student_id, [])
            if state == "left":
                decision = "left"
            elif debt:
                decision = "repeat" if graduating else "conditional"
            else:
                decision = "graduated" if graduating else "promoted"
            result[student_id] = {"decision": decision, "debt_subject_ids": [(6, 0, debt)]}
        return result

    @api.model
    def _check_may_decide(self):
        if not self.env.user.has_group("school_ejournal.group_deputy"):
            raise AccessError(_("Teachers’ Council decisions are recorded by the deputy director and the school "
                                "administrator."))

    @api.model
    def _fill_from_grades(self, school_class, protocol_number=False, protocol_date=False, retake_deadline=False):
        """Create the missing decisions of a class from its year and final grades;
        decisions already recorded stay as the council took them. Returns the
        decisions created."""
        self._check_may_decide()
        school_class.check_access_rule("read")
        defaults = self._defaults_for_class(school_class)
        year = school_class.academic_year_id
        existing = set(self.search([("academic_year_id", "=", year.id),
                                    ("student_id", "in", list(defaults))]).mapped("student_id").ids)
        created = self.browse()
        for student_id, values in sorted(defaults.items()):
            if student_id in existing:
                continue
            values = dict(values, student_id=student_id, academic_year_id=year.id, class_id=school_class.id,
                          protocol_number=protocol_number, protocol_date=protocol_date)
            if values["decision"] == "conditional" and retake_deadline:
                values["retake_deadline"] = retake_deadline
            created |= self.create(values)
        return created
