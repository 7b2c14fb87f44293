from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html2plaintext

from ..tools.translate import _


class SchoolParentMessage(models.TransientModel):
    """A teacher or class teacher writes to the parents of a class or of chosen
    pupils. Each pupil gets the message in his chatter (the log, visible to the
    family in the portal); the parents who chose e-mail («Уведомлять»: эл. почта
    or both) receive it by e-mail through Odoo's notification queue."""
    _name = "school.parent.message"
    _description = "Message to Parents"

    class_id = fields.Many2one("school.class", domain=[("is_my_class", "=", True)])
    student_ids = fields.Many2many("school.student", string="Students",
                                   help="Empty — all parents of the class.")
    subject = fields.Char(string="Topic", required=True)
    body = fields.Html(string="Message", required=True)
    send_email = fields.Boolean(string="Also Send by Email", default=True)

    @api.onchange("class_id")
    def _onchange_class_id(self):
        if self.class_id and self.student_ids and self.student_ids.mapped("current_class_id") != self.class_id:
            self.student_ids = [(5, 0, 0)]

    def _allowed_class_ids(self):
        """Classes the user may write to: where he teaches or is class teacher;
        the school admin: all."""
        if self.env.uid == SUPERUSER_ID or self.env.user.has_group("school_ejournal.group_school_admin"):
            return None
        if not self.env.user.has_group("school_ejournal.group_teacher"):
            raise AccessError(_("Teachers and class teachers can write to parents."))
        return set(self.env["school.class"]._search_is_my_class("=", True)[0][2])

    def _target_students(self):
        self.ensure_one()
        allowed = self._allowed_class_ids()
        # The user's own read hides the pupils his record rules do not show: named
        # but unreadable pupils must be refused, not read as «no pupil named».
        named = self.sudo().student_ids
        if named - self.student_ids:
            raise AccessError(_("Some of the selected students are not visible to you in the journal: you can "
                                "write only to parents of students of your classes."))
        # sudo: the rosters and current classes of the pupils are checked against the
        # user's own classes right below; nothing is shown to the user from here.
        students = named
        if not students:
            if not self.class_id:
                raise UserError(_("Select a class or students."))
            students = self.class_id.sudo()._get_roster(fields.Date.context_today(self))
        outside = students.filtered(lambda s: allowed is not None and s.current_class_id.id not in allowed)
        if outside or (self.class_id and allowed is not None and self.class_id.id not in allowed):
            raise AccessError(_("You can write only to parents of students of your classes: %s.")
                              % ", ".join(outside.mapped("name")) if outside else
                              _("You can write only to parents of students of your classes."))
        if not students:
            raise UserError(_("The class has no students."))
        return students

    def action_send(self):
        self.ensure_one()
        if not html2plaintext(self.body or "").strip():
            raise UserError(_("Write the message text."))
        students = self._target_students()
        author = self.env.user.partner_id
        posted = 0
        for student in students:
            links = student.guardian_ids  # sudo record (see _target_students)
            email_partners = links.filtered(
                lambda g: self.send_email and g.notify_by in ("email", "both") and g.partner_id.email
            ).mapped("partner_id")
            # sudo: posting on a pupil needs write on him, which a subject teacher lacks;
            # the user's right to address this pupil's parents was checked above, and the
            # message is authored by the user himself.
            student.with_context(mail_post_autofollow=False, mail_notify_force_send=False).message_post(
                body=self.body, subject=self.subject, author_id=author.id, message_type="comment",
                subtype="mail.mt_comment", partner_ids=email_partners.ids)
            posted += 1
        return {"type": "ir.actions.act_window_close", "posted": posted}
