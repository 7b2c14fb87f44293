"""«Журнал замен»: a teacher's absence over a date range and the replacement of
each of his lessons in it (school.substitution, one per lesson).

The deputy director (or the school admin) registers the absence, lets the
server list the affected lessons and propose free teachers («Предложить
замены»), corrects the lines in the same form and confirms: every line then
reaches its lesson through the lesson's own write path (substitution.py)."""
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.translate import _
from .journal_guard import _format_date


class SchoolTeacherAbsence(models.Model):
    _name = "school.teacher.absence"
    _description = "Teacher Absence"
    _order = "date_from desc, id desc"
    # client_gate.py: the state and the confirmation stamp are the server's
    _school_server_fields = ("state", "confirmed_uid", "confirmed_date")

    teacher_id = fields.Many2one("res.users", string="Absent Teacher", required=True, index=True,
                                 ondelete="restrict",
                                 domain=lambda self: [("groups_id", "in", self.env.ref(
                                     "school_ejournal.group_teacher").id)])
    date_from = fields.Date(string="From", required=True, index=True)
    date_to = fields.Date(string="To", required=True, index=True)
    reason = fields.Char(size=256, help="Illness, refresher course, business trip…")
    state = fields.Selection([("draft", "Draft"), ("confirmed", "Confirmed")],
                             default="draft", required=True, readonly=True, index=True)
    confirmed_uid = fields.Many2one("res.users", string="Posted By", readonly=True)
    confirmed_date = fields.Datetime(string="Confirmed", readonly=True)
    substitution_ids = fields.One2many("school.substitution", "absence_id", string="Lessons and Substitutions")
    lesson_count = fields.Integer(string="Number of Lessons", compute="_compute_lesson_count")

    def name_get(self):
        return [(absence.id, _("%(teacher)s: %(date_from)s — %(date_to)s") % {
            "teacher": absence.teacher_id.name or "", "date_from": _format_date(absence.date_from),
            "date_to": _format_date(absence.date_to)}) for absence in self]

    def _compute_lesson_count(self):
        for absence in self:
            absence.lesson_count = len(absence.substitution_ids)

    # ------------------------------------------------------------------ checks
    @api.model
    def _assert_manager(self):
        """The deputy director and the school admin keep the journal of substitutions."""
        user = self.env.user
        if not (self.env["school.journal.guard"]._is_school_admin() or user.has_group("school_ejournal.group_deputy")):
            raise AccessError(_("The journal of substitutions is kept by the deputy director and the school "
                                "administrator."))

    @api.constrains("date_from", "date_to", "teacher_id")
    def _check_dates(self):
        teacher_group = self.env.ref("school_ejournal.group_teacher")
        for absence in self:
            if absence.date_from > absence.date_to:
                raise ValidationError(_("Date “from” (%(date_from)s) is later than date “to” (%(date_to)s).")
                                      % {"date_from": _format_date(absence.date_from),
                                         "date_to": _format_date(absence.date_to)})
            if teacher_group not in absence.teacher_id.sudo().groups_id:
                raise ValidationError(_("%s is not a teacher (no “Teacher” role).") % absence.teacher_id.name)
            # one absence of a teacher per day: two would offer each lesson twice
            overlap = self.search_count([("id", "!=", absence.id), ("teacher_id", "=", absence.teacher_id.id),
                                         ("date_from", "<=", absence.date_to), ("date_to", ">=", absence.date_from)])
            if overlap:
                raise ValidationError(_("An absence of teacher %s on these days is already recorded: change the "
                                        "dates of the existing record.") % absence.teacher_id.name)

    # ------------------------------------------------------------------ CRUD
    @api.model
    def create(self, vals):
        self._assert_manager()
        return super(SchoolTeacherAbsence, self).create(vals)

    def write(self, vals):
        self._assert_manager()
        # the state and its stamps are the server's own (client_gate.py refuses them to a client)
        if set(vals) - {"reason", "state", "confirmed_uid", "confirmed_date"} \
                and any(absence.state == "confirmed" for absence in self):
            raise UserError(_("The absence is already confirmed: to change its lessons and substitutions, set it "
                              "back to draft."))
        result = super(SchoolTeacherAbsence, self).write(vals)
        if {"date_from", "date_to", "teacher_id"} & set(vals):
            self.mapped("substitution_ids")._check_lesson_of_absence()
        return result

    def unlink(self):
        self._assert_manager()
        if any(absence.state == "confirmed" for absence in self):
            raise UserError(_("A confirmed absence cannot be deleted: set it back to draft first."))
        return super(SchoolTeacherAbsence, self).unlink()

    # ------------------------------------------------------------------ actions
    def action_propose(self):
        """«Предложить замены»: a line for every lesson of the teacher in the range
        that has none, and a free teacher for each «замена» line without one."""
        self._assert_manager()
        Substitution = self.env["school.substitution"]
        for absence in self:
            absence.check_access_rule("write")
            if absence.state != "draft":
                raise UserError(_("The absence is already confirmed: substitutes can be proposed only in a draft."))
            lessons = self.env["school.lesson"].search([
                ("teacher_id", "=", absence.teacher_id.id), ("date", ">=", absence.date_from),
                ("date", "<=", absence.date_to)], order="date, lesson_number")
            if not lessons:
                raise UserError(_("Teacher %(teacher)s has no lessons in the journal from %(date_from)s to "
                                  "%(date_to)s: if the timetable for these days has not been transferred to the "
                                  "journal yet, create the lessons from the timetable "
                                  "first.") % {"teacher": absence.teacher_id.name,
                                                        "date_from": _format_date(absence.date_from),
                                                        "date_to": _format_date(absence.date_to)})
            known = set(absence.substitution_ids.mapped("lesson_id").ids)
            for lesson in lessons.filtered(lambda l: l.id not in known):
                Substitution.create({"absence_id": absence.id, "lesson_id": lesson.id})
            Substitution._propose(absence.substitution_ids)
        return True

    def action_confirm(self):
        """«Провести»: every line reaches its lesson (substitution.py)."""
        self._assert_manager()
        for absence in self:
            absence.check_access_rule("write")
            if absence.state != "draft":
                raise UserError(_("The absence is already confirmed."))
            if not absence.substitution_ids:
                raise UserError(_("There are no lessons: click “Propose Substitutes”."))
            absence.substitution_ids._apply()
            absence._school_server_write({"state": "confirmed", "confirmed_uid": self.env.uid,
                                          "confirmed_date": fields.Datetime.now()})
        return True

    def action_draft(self):
        """«Вернуть в черновик»: the lessons lose the substitutes this absence gave them."""
        self._assert_manager()
        for absence in self:
            absence.check_access_rule("write")
            if absence.state != "confirmed":
                raise UserError(_("The absence is not confirmed yet."))
            absence.substitution_ids._revert()
            absence._school_server_write({"state": "draft", "confirmed_uid": False, "confirmed_date": False})
        return True
