from odoo import fields, models


class SchoolStudentGuardianMonitoring(models.Model):
    """The parent's opt-out of the weekly e-mail report (messages from teachers
    still follow «Уведомлять»)."""
    _inherit = "school.student.guardian"

    digest_opt_out = fields.Boolean(
        string="Не присылать еженедельный отчёт",
        help="Родитель отказался от еженедельного отчёта об успеваемости по эл. почте.")
