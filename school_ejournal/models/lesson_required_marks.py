from odoo import _, fields, models


class SchoolLessonRequiredMarks(models.Model):
    """«Отметка обязательна всем» (practical, laboratory, control works…): the
    lesson form warns when a present pupil has no mark; saving still works (the
    marks of a written work come after it is checked), and the journal-keeping
    control lists the lesson after the school's grace period (violation.py)."""
    _inherit = "school.lesson"

    school_mark_warning = fields.Char(string="Нет обязательной отметки", compute="_compute_school_mark_warning")

    # no @api.depends: computed on reading the saved lesson (the warning on save), not in
    # an onchange round trip on every mark typed in the roster
    def _compute_school_mark_warning(self):
        company = self.env.user.company_id
        today = fields.Date.context_today(self)
        for lesson in self:
            lesson.school_mark_warning = False
            # sudo: the kind's flag and the level's «without marks», read-only facts of the lesson
            facts = lesson.sudo()
            if not company.school_mark_required or not facts.work_kind_id.requires_topic_mark \
                    or not lesson.date or lesson.date > today or not facts.class_id.grade_level_id.marks_used:
                continue
            missing = lesson._school_present_without_mark()
            if missing:
                lesson.school_mark_warning = _(
                    "«%s»: отметка обязательна каждому присутствовавшему — нет отметки у %s уч.: %s. "
                    "Урок сохраняется; если отметки не появятся за %s дн., урок попадёт в контроль "
                    "ведения журнала.") % (facts.work_kind_id.name, len(missing), ", ".join(missing),
                                           company.school_mark_required_days)

    def _school_present_without_mark(self):
        """Names of the pupils present (no mark of absence; «о» — late — is present)
        who have no mark at this lesson, in the roster's order."""
        self.ensure_one()
        return [row.student_id.name for row in self.attendance_ids
                if not (row.code_id and row.code_id.counts_as_absence) and not row.grade_1 and not row.grade_2]
