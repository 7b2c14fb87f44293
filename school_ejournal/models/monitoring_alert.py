from datetime import timedelta

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError

ALERT_KINDS = [
    ("accumulation", "Накопляемость отметок (класс)"),
    ("accumulation_summary", "Накопляемость отметок: сводка заместителю"),
    ("parent_usage", "Родители не читают журнал (класс)"),
    ("parent_usage_summary", "Родители не читают журнал: сводка заместителю"),
    ("violations", "Неоднократные нарушения: сообщение директору"),
    ("absence", "Систематические пропуски без уважительной причины (ученик)"),
]
LINE_REASONS = [
    ("no_recent", "Нет отметок на последних уроках"),
    ("pace", "Не наберёт минимум отметок за период"),
]
ACTIVITY_TYPES = {
    "accumulation": "school_ejournal.activity_type_accumulation",
    "accumulation_summary": "school_ejournal.activity_type_accumulation",
    "parent_usage": "school_ejournal.activity_type_parent_usage",
    "parent_usage_summary": "school_ejournal.activity_type_parent_usage",
    "violations": "school_ejournal.activity_type_violations",
    "absence": "school_ejournal.activity_type_absence",
}


class SchoolMonitoringAlert(models.Model):
    """A signal of the monitoring: what a cron found for one class (or a summary
    for the deputy, or a teacher for the director), with the activities of the
    people who must act. ``key`` makes every cron idempotent: one alert per key."""
    _name = "school.monitoring.alert"
    _description = "Сигнал мониторинга"
    _inherit = ["school.field.guard", "mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    # client_gate.py: closed by the button or the cron
    _school_server_fields = ("state",)
    # Whoever may read an alert (its class teacher, the deputy) may comment on it
    # and mark its activity done.
    _mail_post_access = "read"

    name = fields.Char(string="Сигнал", required=True, readonly=True)
    kind = fields.Selection(ALERT_KINDS, string="Вид", required=True, readonly=True, index=True)
    key = fields.Char(string="Ключ", required=True, readonly=True, index=True, copy=False)
    date = fields.Date(string="Дата", required=True, readonly=True, index=True)
    date_last = fields.Date(string="Последняя проверка", readonly=True)
    state = fields.Selection([("open", "Открыт"), ("closed", "Закрыт")], string="Состояние",
                             default="open", required=True, index=True, track_visibility="onchange")
    class_id = fields.Many2one("school.class", string="Класс", readonly=True, index=True, ondelete="cascade")
    teacher_id = fields.Many2one("res.users", string="Учитель", readonly=True, index=True)
    period_id = fields.Many2one("school.period", string="Учебный период", readonly=True, ondelete="cascade")
    escalated_by = fields.Many2one("res.users", string="Сообщил(а)", readonly=True,
                                   help="Кто направил сигнал директору (пусто: ночная проверка).")
    recipient_ids = fields.Many2many("res.users", "school_monitoring_alert_recipient_rel", "alert_id",
                                     "user_id", string="Кому", readonly=True)
    item_count = fields.Integer(string="Позиций", readonly=True)
    note = fields.Html(string="Содержание", readonly=True, sanitize=True)
    line_ids = fields.One2many("school.monitoring.alert.line", "alert_id", string="Ученики")

    _sql_constraints = [("key_unique", "unique(key)", "Такой сигнал мониторинга уже есть.")]

    # What the class teacher and the deputy change by hand: only whether the alert
    # is open (the buttons); everything else is the monitoring's own finding.
    USER_WRITABLE = frozenset(["state"])

    def write(self, vals):
        if self.env.uid != SUPERUSER_ID and not self.env.user.has_group("school_ejournal.group_school_admin"):
            fixed = sorted(set(vals) - self.USER_WRITABLE)
            if fixed:
                raise AccessError(_("Сигнал мониторинга заполняет сама система: изменить можно только его "
                                    "состояние (поля: %s).") % ", ".join(
                                        self._school_field_label(name) for name in fixed))
        return super(SchoolMonitoringAlert, self).write(vals)

    @api.model
    def _existing_keys(self, keys):
        if not keys:
            return set()
        self.env.cr.execute("SELECT key FROM school_monitoring_alert WHERE key IN %s", (tuple(keys),))
        return {r[0] for r in self.env.cr.fetchall()}

    @api.model
    def _raise(self, kind, key, name, users, note, day, summary, count=0, **extra):
        """Create one alert and one activity per user (the cron runs as superuser)."""
        vals = dict(kind=kind, key=key, name=name, date=day, date_last=day, note=note, item_count=count,
                    recipient_ids=[(6, 0, users.ids)], **extra)
        alert = self.create(vals)
        alert._schedule(users, summary, note, day)
        return alert

    def _schedule(self, users, summary, note, day):
        self.ensure_one()
        activity_type = self.env.ref(ACTIVITY_TYPES[self.kind])
        model_id = self.env["ir.model"]._get(self._name).id
        Activity = self.env["mail.activity"].with_context(mail_activity_quick_update=True)
        for user in users:
            Activity.create({"res_model_id": model_id, "res_id": self.id, "user_id": user.id,
                             "activity_type_id": activity_type.id, "summary": summary, "note": note,
                             "date_deadline": fields.Date.to_string(
                                 fields.Date.from_string(day) + timedelta(days=activity_type.days or 0))})

    def _update_note(self, note, count, day):
        """Refresh the list of an open alert and of its pending activities."""
        for alert in self:
            values = {"date_last": day, "item_count": count}
            if alert.note != note:
                values["note"] = note
                alert.activity_ids.write({"note": note})
            alert.write(values)

    def _close(self, reason):
        for alert in self:
            alert.activity_ids.unlink()
            alert._school_server_write({"state": "closed"})
            alert.message_post(body=reason)

    def action_close(self):
        self._close(_("Сигнал закрыт вручную: %s.") % self.env.user.name)
        return True

    # ------------------------------------------------------------------ recipients
    @api.model
    def _users_of(self, xmlid):
        group = self.env.ref(xmlid)
        return group.sudo().users.filtered(lambda u: u.active and not u.share and u.id != SUPERUSER_ID)

    @api.model
    def _deputies(self):
        """Deputy directors: the deputy role without the school admins (who imply it);
        the admins when the school has no separate deputy."""
        deputies = self._users_of("school_ejournal.group_deputy")
        admins = self._users_of("school_ejournal.group_school_admin")
        return (deputies - admins) or admins or self.env["res.users"].browse(SUPERUSER_ID)

    @api.model
    def _directors(self):
        """The director: the «Директор» role and the company's director; the school
        administrator when neither is set."""
        directors = self._users_of("school_ejournal.group_director")
        company_director = self.env.user.company_id.sudo().school_director_id
        if company_director and company_director.active:
            directors |= company_director
        return directors or self._users_of("school_ejournal.group_school_admin") \
            or self.env["res.users"].browse(SUPERUSER_ID)


class SchoolMonitoringAlertLine(models.Model):
    """One pupil × subject found by the grade-accumulation monitoring, kept while
    the problem lasts (``date_first`` tells how long)."""
    _name = "school.monitoring.alert.line"
    _description = "Накопляемость: ученик и предмет"
    _order = "class_id, student_id, subject_id"

    alert_id = fields.Many2one("school.monitoring.alert", string="Сигнал", index=True, ondelete="cascade")
    class_id = fields.Many2one("school.class", string="Класс", required=True, index=True, ondelete="cascade")
    student_id = fields.Many2one("school.student", string="Ученик", required=True, index=True,
                                 ondelete="cascade")
    subject_id = fields.Many2one("school.subject", string="Предмет", required=True, ondelete="cascade")
    reason = fields.Selection(LINE_REASONS, string="Проблема", required=True)
    grade_count = fields.Integer(string="Отметок")
    lesson_count = fields.Integer(string="Уроков")
    projected = fields.Float(string="Прогноз отметок", digits=(4, 1))
    date_first = fields.Date(string="Впервые", required=True)
    date_last = fields.Date(string="Последний раз", required=True)
    escalated = fields.Boolean(string="Сообщено заместителю")

    _sql_constraints = [("line_unique", "unique(class_id, student_id, subject_id, reason)",
                         "Строка накопляемости уже есть.")]
