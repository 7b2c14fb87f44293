from datetime import timedelta

from odoo import _, fields, models
from odoo.exceptions import UserError

from .journal_guard import _format_date


# An on-demand report covers a week by default; at most about a quarter.
MAX_REPORT_DAYS = 92


def _checked_day(value):
    """A date from a caller (an Odoo date string or nothing), or a Russian refusal."""
    if not value:
        return None
    try:
        return fields.Date.from_string(value)
    except (TypeError, ValueError):
        raise UserError(_("«%s» — не дата: укажите дату в виде ГГГГ-ММ-ДД.") % (value,))


class SchoolStudentMonitoring(models.Model):
    """«Отправить отчёт родителям»: the weekly progress report on demand."""
    _inherit = "school.student"

    digest_log_ids = fields.One2many("school.digest.log", "student_id", string="Отчёты родителям",
                                     groups="school_ejournal.group_class_teacher,school_ejournal.group_deputy")

    def action_send_progress_report(self, date_from=None, date_to=None):
        """Send the progress report of the last seven days (or of the given days)
        to the parents of these pupils now. Only the class teacher of the pupil
        (write right by the record rules) or the school admin may."""
        if not self:
            return True
        self.check_access_rights("write")
        self.check_access_rule("write")
        today = fields.Date.from_string(fields.Date.context_today(self))
        date_to = _checked_day(date_to) or today
        date_from = _checked_day(date_from) or date_to - timedelta(days=6)
        if date_from > date_to or (date_to - date_from).days >= MAX_REPORT_DAYS:
            raise UserError(_("Отчёт родителям составляется за период не длиннее %s дней: с %s по %s.")
                            % (MAX_REPORT_DAYS, _format_date(date_from), _format_date(date_to)))
        date_from, date_to = fields.Date.to_string(date_from), fields.Date.to_string(date_to)
        # sudo: rights were checked above (own class); reading the parents' addresses
        # and the week's journal and queueing the e-mail need no more than that.
        monitoring = self.env["school.monitoring"].sudo()
        recipients = monitoring._digest_recipients(self.ids)
        if not recipients:
            raise UserError(_("Некому отправить отчёт: у родителей выбранных учеников нет адреса эл. почты "
                              "или они выбрали уведомления только через портал."))
        mails = monitoring._send_digests(recipients, date_from, date_to, "on_demand")
        sent_to = {}
        for _guardian, student_id, _partner, parent_name, _class in recipients:
            sent_to.setdefault(student_id, []).append(parent_name)
        for student in self.sudo().browse(sorted(sent_to)):
            student.message_post(body=_("Отчёт об успеваемости за %s – %s отправлен родителям: %s.")
                                 % (_format_date(date_from), _format_date(date_to), ", ".join(sent_to[student.id])),
                                 author_id=self.env.user.partner_id.id,
                                 subtype="mail.mt_note", message_type="comment")
        return True
