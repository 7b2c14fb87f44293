from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SchoolPeriodGradeExam(models.Model):
    """The ОГЭ/ЕГЭ primary score next to the exam grade: the protocol gives
    both (wizards/exam_protocol_import.py), the grade is what the journal
    counts, the score is kept as the protocol's evidence."""
    _inherit = "school.period.grade"

    exam_primary_score = fields.Integer(string="Первичный балл",
                                        help="Первичный балл по протоколу ОГЭ (только для экзаменационной "
                                             "оценки).")

    @api.constrains("exam_primary_score", "kind")
    def _check_exam_primary_score(self):
        for grade in self:
            if grade.exam_primary_score and grade.kind != "exam":
                raise ValidationError(_("Первичный балл указывается только у экзаменационной оценки."))
            if grade.exam_primary_score < 0:
                raise ValidationError(_("Первичный балл не может быть отрицательным."))

    waiting_retake = fields.Boolean(string="Ждёт пересдачи", compute="_compute_waiting_retake",
                                    search="_search_waiting_retake",
                                    help="Итоговая отметка не выставляется: экзамен сдан на «2», ждёт пересдачи.")

    # final grades of the pupils whose exam in the same subject and year is unsatisfactory
    WAITING_SQL = """
        SELECT f.id FROM school_period_grade f
          JOIN school_period_grade e ON e.student_id = f.student_id AND e.subject_id = f.subject_id
                                    AND e.period_id = f.period_id AND e.kind = 'exam' AND e.value IN ('1', '2')
         WHERE f.kind = 'final'"""

    def _compute_waiting_retake(self):
        ids = [i for i in self.ids if isinstance(i, int)]
        waiting = set()
        if ids:
            self.env.cr.execute(self.WAITING_SQL + " AND f.id IN %s", (tuple(ids),))
            waiting = {r[0] for r in self.env.cr.fetchall()}
        for grade in self:
            grade.waiting_retake = grade.id in waiting

    def _search_waiting_retake(self, operator, value):
        self.env.cr.execute(self.WAITING_SQL)
        ids = [r[0] for r in self.env.cr.fetchall()]
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", ids)]
