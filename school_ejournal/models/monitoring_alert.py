from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError

from ..tools.translate import _

ALERT_KINDS = [
    ("accumulation", "Grade Accumulation (Class)"),
    ("accumulation_summary", "Grade Accumulation: Summary for Deputy"),
    ("parent_usage", "Parents Not Reading the Journal (Class)"),
    ("parent_usage_summary", "Parents Not Reading the Journal: Summary for Deputy"),
    ("violations", "Repeated Violations: Report to Director"),
    ("absence", "Systematic Unexcused Absences (Student)"),
]
LINE_REASONS = [
    ("no_recent", "No grades in recent lessons"),
    ("pace", "Will not reach the minimum number of grades for the period"),
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
    _description = "Monitoring Alert"
    _inherit = ["school.field.guard", "mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    # client_gate.py: closed by the button or the cron
    _school_server_fields = ("state",)
    # Whoever may read an alert (its class teacher, the deputy) may comment on it
    # and mark its activity done.
    _mail_post_access = "read"

    name = fields.Char(string="Alert", required=True, readonly=True)
    kind = fields.Selection(ALERT_KINDS, required=True, readonly=True, index=True)
    key = fields.Char(required=True, readonly=True, index=True, copy=False)
    date = fields.Date(required=True, readonly=True, index=True)
    date_last = fields.Date(string="Last Check", readonly=True)
    state = fields.Selection([("open", "Open"), ("closed", "Closed")],
                             default="open", required=True, index=True, track_visibility="onchange")
    class_id = fields.Many2one("school.class", readonly=True, index=True, ondelete="cascade")
    teacher_id = fields.Many2one("res.users", readonly=True, index=True)
    period_id = fields.Many2one("school.period", string="Academic Period", readonly=True, ondelete="cascade")
    escalated_by = fields.Many2one("res.users", readonly=True,
                                   help="Who sent the alert to the director (empty: nightly check).")
    recipient_ids = fields.Many2many("res.users", "school_monitoring_alert_recipient_rel", "alert_id",
                                     "user_id", string="Recipients", readonly=True)
    item_count = fields.Integer(string="Number of Items", readonly=True)
    note = fields.Html(string="Content", readonly=True, sanitize=True)
    line_ids = fields.One2many("school.monitoring.alert.line", "alert_id", string="Students")

    _sql_constraints = [("key_unique", "unique(key)", "This monitoring alert already exists.")]

    # What the class teacher and the deputy change by hand: only whether the alert
    # is open (the buttons); everything else is the monitoring's own finding.
    USER_WRITABLE = frozenset(["state"])

    def write(self, vals):
        if self.env.uid != SUPERUSER_ID and not self.env.user.has_group("school_ejournal.group_school_admin"):
            fixed = sorted(set(vals) - self.USER_WRITABLE)
            if fixed:
                raise AccessError(_("A monitoring alert is filled in by the system itself: only its state can be "
                                    "changed (fields: %s).") % ", ".join(
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
        # the activity tells the recipients; a «created» note, the initial values'
        # tracking and the cron's own subscription would only repeat it (and cost
        # most of a nightly run that raises a hundred alerts)
        alert = self.with_context(mail_create_nolog=True, mail_create_nosubscribe=True, mail_notrack=True).create(vals)
        alert = self.browse(alert.id)
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
        self._close(_("Alert closed manually: %s.") % self.env.user.name)
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
    _description = "Grade Accumulation: Student and Subject"
    _order = "class_id, student_id, subject_id"

    alert_id = fields.Many2one("school.monitoring.alert", index=True, ondelete="cascade")
    class_id = fields.Many2one("school.class", required=True, index=True, ondelete="cascade")
    student_id = fields.Many2one("school.student", required=True, index=True,
                                 ondelete="cascade")
    subject_id = fields.Many2one("school.subject", required=True, ondelete="cascade")
    reason = fields.Selection(LINE_REASONS, string="Problem", required=True)
    grade_count = fields.Integer(string="Number of Grades")
    lesson_count = fields.Integer(string="Number of Lessons")
    projected = fields.Float(string="Projected Grades", digits=(4, 1))
    date_first = fields.Date(string="First Seen", required=True)
    date_last = fields.Date(string="Last Seen", required=True)
    escalated = fields.Boolean(string="Reported to Deputy")

    _sql_constraints = [("line_unique", "unique(class_id, student_id, subject_id, reason)",
                         "This grade accumulation line already exists.")]
