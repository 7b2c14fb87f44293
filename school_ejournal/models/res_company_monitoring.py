from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompanyMonitoring(models.Model):
    """The school's monitoring thresholds (its local act on keeping the journal):
    every number the monitoring crons use is read from here."""
    _inherit = "res.company"

    school_mon_no_grade_lessons = fields.Integer(
        string="Уроков подряд без отметки (N)", default=3, required=True,
        help="Ученик без единой отметки на последних N уроках предмета попадает в список "
             "классного руководителя.")
    school_mon_escalation_days = fields.Integer(
        string="Дней до сообщения заместителю (K)", default=3, required=True,
        help="Если проблема с накопляемостью не устранена за K дней, она попадает в сводку "
             "заместителю директора по УВР.")
    school_mon_parent_idle_days = fields.Integer(
        string="Родитель не заходил, дней", default=7, required=True)
    school_mon_parent_idle_percent = fields.Integer(
        string="Доля не читающих журнал родителей, % (X)", default=50, required=True,
        help="Классы, где больше X % родителей не открывали журнал, попадают в сводку заместителю.")
    school_mon_homework_required = fields.Boolean(
        string="Домашнее задание обязательно на каждом уроке", default=True)
    school_mon_control_days = fields.Integer(
        string="Отметки за контрольную — не позже, дней (D)", default=3, required=True,
        help="Контрольная без отметок через D дней после урока — нарушение.")
    school_mon_late_entry_days = fields.Integer(
        string="Отметка выставлена поздно, если позже урока на дней", default=3, required=True)
    school_mon_violation_limit = fields.Integer(
        string="Нарушений за период до сообщения директору (R)", default=3, required=True)
    school_mon_lookback_days = fields.Integer(
        string="Глубина проверки журнала, дней", default=14, required=True,
        help="Проверка ведения журнала смотрит уроки за последние дни (кроме итоговых оценок).")
    school_mon_digest_enabled = fields.Boolean(
        string="Еженедельный отчёт родителям по эл. почте", default=True)

    @api.constrains("school_mon_no_grade_lessons", "school_mon_escalation_days", "school_mon_parent_idle_days",
                    "school_mon_parent_idle_percent", "school_mon_control_days", "school_mon_late_entry_days",
                    "school_mon_violation_limit", "school_mon_lookback_days")
    def _check_school_monitoring(self):
        for company in self:
            if not 1 <= company.school_mon_no_grade_lessons <= 30:
                raise ValidationError(_("Число уроков без отметки должно быть от 1 до 30."))
            if not 0 <= company.school_mon_parent_idle_percent <= 100:
                raise ValidationError(_("Доля родителей задаётся в процентах: от 0 до 100."))
            for value in (company.school_mon_escalation_days, company.school_mon_control_days,
                          company.school_mon_late_entry_days):
                if not 0 <= value <= 90:
                    raise ValidationError(_("Сроки мониторинга задаются в днях: от 0 до 90."))
            if not 1 <= company.school_mon_parent_idle_days <= 90:
                raise ValidationError(_("Срок «родитель не заходил» должен быть от 1 до 90 дней."))
            if not 1 <= company.school_mon_violation_limit <= 100:
                raise ValidationError(_("Число нарушений для сообщения директору должно быть от 1 до 100."))
            if not 1 <= company.school_mon_lookback_days <= 366:
                raise ValidationError(_("Глубина проверки журнала должна быть от 1 до 366 дней."))

    def _school_monitoring_rules(self):
        """The thresholds as a plain dict (what the crons read)."""
        self.ensure_one()
        c = self.sudo()
        return {
            "no_grade_lessons": c.school_mon_no_grade_lessons,
            "escalation_days": c.school_mon_escalation_days,
            "parent_idle_days": c.school_mon_parent_idle_days,
            "parent_idle_percent": c.school_mon_parent_idle_percent,
            "homework_required": c.school_mon_homework_required,
            "control_days": c.school_mon_control_days,
            "late_entry_days": c.school_mon_late_entry_days,
            "violation_limit": c.school_mon_violation_limit,
            "lookback_days": c.school_mon_lookback_days,
            "digest_enabled": c.school_mon_digest_enabled,
            "min_grades": c.school_min_grades,
        }
