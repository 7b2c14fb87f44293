"""«Отменить урок»: a lesson that did not take place (карантин, праздник, болезнь
учителя без замены) stays in the journal as cancelled: it is not held, keeps no
marks, refuses new ones (the journal guard) and is not created again by the
generation from the timetable (its slot is taken)."""
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.translate import _
from ..tools.lesson_roster import marked_lessons
from ..tools.programme_sql import CANCEL_REASONS


class SchoolLessonCancel(models.TransientModel):
    _name = "school.lesson.cancel"
    _description = "Lesson Cancellation"

    lesson_id = fields.Many2one("school.lesson", required=True, ondelete="cascade")
    reason = fields.Selection(CANCEL_REASONS, string="Cancellation Reason", default="quarantine")
    comment = fields.Char()
    has_marks = fields.Boolean(string="Lesson Has Marks or Attendance", compute="_compute_has_marks")
    confirm_remove = fields.Boolean(string="Remove the Lesson’s Marks and Attendance",
                                    help="A cancelled lesson keeps no marks: they are removed, and the change "
                                         "log keeps who removed them and when.")

    @api.depends("lesson_id")
    def _compute_has_marks(self):
        for wizard in self:
            wizard.has_marks = bool(wizard.lesson_id.id and marked_lessons(self.env.cr, (wizard.lesson_id.id,)))

    def _checked_lesson(self, cancel):
        """The wizard's lesson, once the user's rights on it are checked: cancel —
        its teacher (or substitute), the deputy director, the school admin;
        un-cancel — the deputy director and the school admin; never in a closed period."""
        self.ensure_one()
        self.check_access_rule("write")
        # sudo: the facts of the lesson decide; the deputy reads it, the teacher may be its substitute
        lesson = self.lesson_id.sudo()
        user = self.env.user
        manager = user.has_group("school_ejournal.group_deputy") or user.has_group("school_ejournal.group_school_admin")
        own = cancel and user.has_group("school_ejournal.group_teacher") and self.env.uid in (
            lesson.teacher_id.id, lesson.substitute_teacher_id.id)
        if not (manager or own):
            raise AccessError(_("Only the lesson’s teacher, the deputy head or the school administrator may cancel a "
                                "lesson; only the deputy head or the school administrator may undo the cancellation.")
                              if cancel else _("Only the deputy head or the school administrator may undo the "
                                               "cancellation of a lesson."))
        self.env["school.period"]._assert_dates_open([(lesson.date, lesson.class_id.grade_level_id.id)])
        return lesson

    def action_cancel(self):
        lesson = self._checked_lesson(cancel=True)
        if lesson.cancelled:
            raise UserError(_("Lesson “%s” is already cancelled.") % lesson.name)
        if not self.reason:
            raise UserError(_("Specify the reason for cancelling the lesson."))
        if marked_lessons(self.env.cr, (lesson.id,)) and not self.confirm_remove:
            raise UserError(_("Lesson “%s” already has marks or attendance. A cancelled lesson keeps no marks: tick "
                              "“Remove the Lesson’s Marks and Attendance” to remove them and cancel the lesson.")
                            % lesson.name)
        # through the grades' and marks' own unlink/write, so that the change log keeps
        # them, in the name of the user (whose rights were checked above)
        with self.env["school.change.log"]._acting_for(self.env.uid):
            lesson.grade_ids.unlink()
            lesson.attendance_ids.filtered(lambda row: row.code_id or row.comment).write(
                {"code_id": False, "comment": False})
            lesson.write({"cancelled": True, "cancel_reason": self.reason, "cancel_comment": self.comment or False,
                          "plan_line_id": False})
        lesson._update_homework_due(lesson._due_keys(lesson.ids))  # homework is due at the next held lesson
        return {"type": "ir.actions.act_window_close"}

    def action_uncancel(self):
        lesson = self._checked_lesson(cancel=False)
        if not lesson.cancelled:
            return {"type": "ir.actions.act_window_close"}  # un-cancelled meanwhile: nothing to do
        lesson.write({"cancelled": False, "cancel_reason": False, "cancel_comment": False})
        lesson._update_homework_due(lesson._due_keys(lesson.ids))
        return {"type": "ir.actions.act_window_close"}
