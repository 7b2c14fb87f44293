from odoo import fields, models


class SchoolDigestLog(models.Model):
    """Which progress report went to which parent for which days: it keeps the
    weekly cron from sending twice and shows the class teacher what was sent."""
    _name = "school.digest.log"
    _description = "Отчёт родителям об успеваемости"
    _order = "id desc"
    _rec_name = "student_id"

    guardian_id = fields.Many2one("school.student.guardian", string="Связь с родителем", index=True,
                                  ondelete="set null", readonly=True)
    student_id = fields.Many2one("school.student", string="Ученик", required=True, index=True,
                                 ondelete="cascade", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Родитель", required=True, ondelete="cascade",
                                 readonly=True)
    kind = fields.Selection([("weekly", "Еженедельный"), ("on_demand", "По запросу классного руководителя")],
                            string="Вид", required=True, readonly=True)
    date_from = fields.Date(string="С", required=True, readonly=True)
    date_to = fields.Date(string="По", required=True, readonly=True)
    mail_id = fields.Many2one("mail.mail", string="Письмо", ondelete="set null", readonly=True)
    create_date = fields.Datetime(string="Отправлен", readonly=True)
