"""Remarks and praise («замечание», «благодарность») on a pupil.

A teacher writes them for pupils of the classes he teaches, the class teacher
for his class, the deputy and the administrator for any pupil; the author is
the writing user (server-set) and only he changes or deletes his own. The
families read them in the diary; a legal representative of the pupil confirms
«Ознакомлен» there (action_acknowledge), the only way the acknowledgement is
set."""
from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.translate import _
from .journal_guard import _format_date

REMARK_KINDS = [("remark", "Remark"), ("praise", "Praise")]


class SchoolStudentRemark(models.Model):
    _name = "school.student.remark"
    _description = "Remark or Praise for a Pupil"
    _order = "date desc, id desc"
    _rec_name = "kind"
    # client_gate.py: the author, the class and the acknowledgement are the server's
    _school_server_fields = ("teacher_id", "class_id", "acknowledged_by", "acknowledged_at")
    _school_create_only_fields = ("student_id",)

    student_id = fields.Many2one("school.student", required=True, index=True,
                                 ondelete="restrict")
    class_id = fields.Many2one("school.class", readonly=True, index=True, ondelete="restrict",
                               help="The pupil’s class on the day of the entry.")
    kind = fields.Selection(REMARK_KINDS, required=True, default="remark")
    date = fields.Date(required=True, index=True, default=fields.Date.context_today)
    teacher_id = fields.Many2one("res.users", readonly=True, index=True, ondelete="restrict")
    text = fields.Text(required=True)
    lesson_id = fields.Many2one("school.lesson", index=True, ondelete="set null")
    acknowledged_by = fields.Many2one("res.users", readonly=True, ondelete="set null")
    acknowledged_at = fields.Datetime(string="Acknowledged On", readonly=True)

    def name_get(self):
        kinds = self._school_selection_labels("kind")
        return [(r.id, "%s: %s, %s" % (kinds.get(r.kind, ""), r.student_id.name or "", _format_date(r.date)))
                for r in self]

    # ------------------------------------------------------------------ checks
    @api.model
    def _class_on(self, student_id, day):
        # sudo: the pupil's class on the date (membership), before the rights check
        pairs = self.env["school.student.movement"].sudo()._get_membership_on(day, student_ids=[student_id])
        return pairs[0][1] if pairs else False

    @api.model
    def _may_write_for(self, class_id):
        """Deputy and administrator: any class; the class teacher: his class; a
        teacher: the classes he teaches."""
        user = self.env.user
        if user.has_group("school_ejournal.group_deputy") or user.has_group("school_ejournal.group_school_admin"):
            return True
        return class_id in user.school_taught_class_ids.ids

    def _check_values(self):
        for remark in self:
            if not (remark.text or "").strip():
                raise ValidationError(_("Write the text of the remark or praise."))
            lesson = remark.lesson_id
            if lesson:
                # sudo: whether the pupil is on the lesson's roster (the lesson's own rules may hide other rows)
                on_roster = self.env["school.attendance"].sudo().search_count([
                    ("lesson_id", "=", lesson.id), ("student_id", "=", remark.student_id.id)])
                if not on_roster:
                    raise ValidationError(_("Pupil %(student)s is not on the roster of the lesson of %(date)s: "
                                            "choose one of his lessons or leave the lesson empty.")
                                          % {"student": remark.student_id.name, "date": _format_date(lesson.date)})
                if lesson.date != remark.date:
                    raise ValidationError(_("The entry’s date (%(date)s) must be the lesson’s date (%(lesson)s).")
                                          % {"date": _format_date(remark.date),
                                             "lesson": _format_date(lesson.date)})

    @api.model
    def _class_checked(self, student_id, day):
        class_id = self._class_on(student_id, day) if student_id and day else False
        if not class_id:
            student = self.env["school.student"].sudo().browse(student_id)
            raise ValidationError(_("Student %(student)s is not enrolled in any class as of %(day)s.")
                                  % {"student": student.name or "?", "day": _format_date(day)})
        if not self._may_write_for(class_id):
            raise AccessError(_("A teacher writes remarks and praise for pupils of the classes he teaches, a class "
                                "teacher for his class, the deputy director and the administrator for any pupil."))
        return class_id

    # ------------------------------------------------------------------ CRUD
    @api.model
    def create(self, vals):
        vals = dict(vals)
        if vals.get("lesson_id") and not vals.get("date"):
            vals["date"] = self.env["school.lesson"].browse(vals["lesson_id"]).date
        day = vals.get("date") or fields.Date.context_today(self)
        class_id = self._class_checked(vals.get("student_id"), day)
        # the client gate has checked the client's values already: author and class are the server's
        # the demo (superuser) names its author; everyone else is the author himself
        author = vals.get("teacher_id") if self.env.uid == SUPERUSER_ID else None
        remark = super(SchoolStudentRemark, self).create(dict(vals, date=day, class_id=class_id,
                                                              teacher_id=author or self.env.uid))
        remark._check_values()
        return remark

    def _assert_author(self):
        if self.env.uid == SUPERUSER_ID:
            return
        for remark in self:
            if remark.teacher_id.id != self.env.uid:
                raise AccessError(_("The entry “%s” was made by another teacher: only its author may change or "
                                    "delete it.") % remark.display_name)

    def write(self, vals):
        self._assert_author()
        if self.env.uid != SUPERUSER_ID:
            if self.filtered("acknowledged_at") and set(vals) & {"kind", "text", "date", "lesson_id"}:
                raise UserError(_("The parents have already acknowledged the entry: its text and kind cannot be "
                                  "changed."))
        result = super(SchoolStudentRemark, self).write(vals)
        if "date" in vals:
            for remark in self:
                super(SchoolStudentRemark, remark).write(
                    {"class_id": self._class_checked(remark.student_id.id, remark.date)})
        self._check_values()
        return result

    def unlink(self):
        self._assert_author()
        if self.filtered("acknowledged_at"):
            raise UserError(_("The parents have already acknowledged the entry: it cannot be deleted."))
        return super(SchoolStudentRemark, self).unlink()

    # ------------------------------------------------------------------ portal
    def action_acknowledge(self):
        """«Ознакомлен»: a legal representative of the pupil, once per record."""
        uid = self.env.uid
        for remark in self:
            # sudo: the pupil of the record, to ask whether the user represents him (refused otherwise)
            if not self._is_guardian_of(remark.sudo().student_id):
                raise AccessError(_("Only a legal representative of the pupil may acknowledge it."))
        self.check_access_rights("read")
        self.check_access_rule("read")
        if self.filtered("acknowledged_at"):
            raise UserError(_("Already acknowledged."))
        # sudo: the representative has no write right on the record; only these two stamps are written
        self.sudo().write({"acknowledged_by": uid, "acknowledged_at": fields.Datetime.now()})
        return True

    @api.model
    def _is_guardian_of(self, student):
        """Whether the current user is a legal representative of ``student`` with a diary login."""
        # sudo: searched by the user's own uid and this one pupil only
        return bool(self.env["school.student"].sudo().search_count([
            ("id", "=", student.id), ("guardian_user_ids", "in", [self.env.uid])]))
