"""Closing and reopening a period, for the whole school or some grade levels.

Closing writes nothing but the state the journal's one guard reads
(school.period.state + school.period.lock lines, see period_lock.py), seals what
the period holds (period_seal.py) and logs the act (school.period.event);
reopening is the administrator's act with a mandatory reason, logged the same
way."""
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.append_only import install_append_only_trigger
from .journal_guard import _format_date
from .period_lock import in_period_act, period_act

EVENT_ACTIONS = [("close", "Закрытие"), ("reopen", "Повторное открытие")]
FROZEN_FIELDS = ("date_start", "date_end", "grade_level_ids", "academic_year_id", "kind")


def _is_school_admin(env):
    return env.uid == SUPERUSER_ID or env.user.has_group("school_ejournal.group_school_admin")


class SchoolPeriodLockLine(models.Model):
    """A grade level for which a period is closed."""
    _name = "school.period.lock"
    _description = "Закрытие периода для параллели"
    _order = "period_id, grade_level_id"
    _rec_name = "grade_level_id"

    period_id = fields.Many2one("school.period", string="Период", required=True, index=True,
                                ondelete="restrict")
    grade_level_id = fields.Many2one("school.grade.level", string="Параллель", required=True,
                                     ondelete="restrict")
    user_id = fields.Many2one("res.users", string="Закрыл", readonly=True)
    close_date = fields.Datetime(string="Дата закрытия", readonly=True)
    seal_id = fields.Many2one("school.period.seal", string="Печать", readonly=True, ondelete="restrict")

    _sql_constraints = [
        ("period_level_unique", "unique(period_id, grade_level_id)",
         "Период уже закрыт для этой параллели."),
    ]

    @api.model
    def create(self, vals):
        if not in_period_act(self.env.cr):
            raise AccessError(_("Период закрывается для параллели только мастером «Закрытие периода»."))
        return super(SchoolPeriodLockLine, self).create(vals)

    def write(self, vals):
        if not in_period_act(self.env.cr):
            raise AccessError(_("Закрытие периода для параллели нельзя изменить: откройте период повторно."))
        return super(SchoolPeriodLockLine, self).write(vals)

    def unlink(self):
        raise AccessError(_("Закрытие периода для параллели нельзя удалить: откройте период повторно."))


class SchoolPeriodEvent(models.Model):
    """Append-only log of closings and reopenings: who, when, what, why."""
    _name = "school.period.event"
    _description = "Закрытие и открытие периодов"
    _order = "event_date desc, id desc"
    _rec_name = "action"
    _log_access = False

    period_id = fields.Many2one("school.period", string="Период", required=True, index=True,
                                ondelete="restrict", readonly=True)
    action = fields.Selection(EVENT_ACTIONS, string="Действие", required=True, readonly=True)
    grade_level_ids = fields.Many2many("school.grade.level", "school_period_event_grade_level_rel",
                                       "event_id", "grade_level_id", string="Параллели", readonly=True)
    user_id = fields.Many2one("res.users", string="Кто", readonly=True, ondelete="restrict")
    event_date = fields.Datetime(string="Когда", readonly=True)
    reason = fields.Text(string="Причина", readonly=True)
    incomplete = fields.Text(string="Незаполнено при закрытии", readonly=True)
    seal_id = fields.Many2one("school.period.seal", string="Печать", readonly=True, ondelete="restrict")

    @api.model_cr
    def init(self):
        install_append_only_trigger(self.env.cr, "school_period_event",
                                    "Журнал закрытия периодов нельзя изменять или удалять (%)")

    @api.model
    def create(self, vals):
        if not in_period_act(self.env.cr):
            raise AccessError(_("Записи журнала закрытия периодов создаются только при закрытии и открытии."))
        return super(SchoolPeriodEvent, self).create(vals)

    def write(self, vals):
        raise AccessError(_("Журнал закрытия периодов нельзя исправлять."))

    def unlink(self):
        raise AccessError(_("Записи журнала закрытия периодов нельзя удалять."))


class SchoolPeriodClosing(models.Model):
    _name = "school.period"
    _inherit = ["school.period", "mail.thread"]

    lock_ids = fields.One2many("school.period.lock", "period_id", string="Закрыт для параллелей",
                               readonly=True)
    closed_grade_level_ids = fields.Many2many("school.grade.level", string="Закрытые параллели",
                                              compute="_compute_closed_levels")
    event_ids = fields.One2many("school.period.event", "period_id", string="История закрытия", readonly=True)
    seal_ids = fields.One2many("school.period.seal", "period_id", string="Печати целостности", readonly=True)

    @api.depends("state", "lock_ids.grade_level_id", "grade_level_ids")
    def _compute_closed_levels(self):
        for period in self:
            period.closed_grade_level_ids = period._closed_levels()

    def _closed_levels(self):
        self.ensure_one()
        if self.state == "closed":
            return self.grade_level_ids
        return self.lock_ids.mapped("grade_level_id")

    # ------------------------------------------------------------------ protection
    @api.model
    def create(self, vals):
        if vals.get("state", "open") != "open":
            raise UserError(_("Новый период создаётся открытым: закрыть его можно только мастером "
                              "«Закрытие периода»."))
        return super(SchoolPeriodClosing, self).create(vals)

    def write(self, vals):
        # the state changes only inside _close_levels / _reopen_levels, which log an event
        if "state" in vals and not in_period_act(self.env.cr):
            raise UserError(_("Закрыть или открыть период можно только мастером «Закрытие периода» "
                              "(администратор школы)."))
        if set(FROZEN_FIELDS) & set(vals):
            closed = self.filtered(lambda p: p.state != "open")
            if closed:
                raise UserError(_("Период «%s» закрыт: его даты, вид и параллели менять нельзя. "
                                  "Сначала откройте период.") % closed[0].name)
        return super(SchoolPeriodClosing, self).write(vals)

    def unlink(self):
        closed = self.filtered(lambda p: p.state != "open" or p.sudo().seal_ids or p.sudo().event_ids)
        if closed:
            raise UserError(_("Период «%s» закрывался, по нему есть печать целостности: удалить его нельзя.")
                            % closed[0].name)
        return super(SchoolPeriodClosing, self).unlink()

    # ------------------------------------------------------------------ closing
    @api.model
    def _check_closing_rights(self):
        if not _is_school_admin(self.env):
            raise AccessError(_("Закрывать и открывать учебные периоды может только администратор школы."))

    def _close_levels(self, levels, incomplete=None):
        """Close this period for ``levels`` (school.grade.level records): lock,
        seal, log, post. Refuses levels that are already closed."""
        self.ensure_one()
        self._check_closing_rights()
        with period_act(self.env.cr):
            return self._close_levels_act(levels, incomplete)

    def _close_levels_act(self, levels, incomplete=None):
        self.ensure_one()
        self._check_closing_rights()
        # before the first write of the closing: has this transaction written anything?
        self.env.cr.execute("SELECT txid_current_if_assigned() IS NOT NULL")
        wrote_before = self.env.cr.fetchone()[0]
        period = self.sudo()
        if not levels:
            raise UserError(_("Выберите параллели, для которых закрывается период."))
        foreign = levels - period.grade_level_ids
        if foreign:
            raise UserError(_("Период «%s» не относится к параллелям: %s.")
                            % (period.name, ", ".join(foreign.mapped("name"))))
        # The lock first: concurrent closings serialise, journal writes in flight
        # finish, new ones wait at the guard's FOR SHARE (period_lock.py) and fail
        # once this closing commits; the seal then reads what is committed
        # (period_seal.py, _committed_digests), so the closing wins in bounded time.
        self.env.cr.execute("SELECT id FROM school_period WHERE id = %s FOR UPDATE", (period.id,))
        period.invalidate_cache(["state"], period.ids)
        already = levels & period._closed_levels()
        if already:
            raise UserError(_("Период «%s» уже закрыт для параллелей: %s. Повторно закрыть его нельзя.")
                            % (period.name, ", ".join(already.sorted("number").mapped("name"))))
        now = fields.Datetime.now()
        Lock = self.env["school.period.lock"].sudo()
        locks = Lock
        for level in levels:
            locks |= Lock.create({"period_id": period.id, "grade_level_id": level.id,
                                  "user_id": self.env.uid, "close_date": now})
        closed = period._closed_levels() | levels
        state = "closed" if closed == period.grade_level_ids else "partial"
        period.write({"state": state})
        seal = self.env["school.period.seal"].sudo()._create_seal(period, levels, wrote_before=wrote_before)
        locks.write({"seal_id": seal.id})
        self.env["school.period.event"].sudo().create({
            "period_id": period.id, "action": "close", "grade_level_ids": [(6, 0, levels.ids)],
            "user_id": self.env.uid, "event_date": now, "incomplete": incomplete or False,
            "seal_id": seal.id})
        body = _("Период закрыт для параллелей: %s. Печать целостности № %s (SHA-256 %s).") % (
            ", ".join(levels.sorted("number").mapped("name")), seal.sequence, seal.digest)
        if incomplete:
            body += "\n" + _("Закрыт, несмотря на незаполненное:") + "\n" + incomplete
        period.message_post(body=body.replace("\n", "<br/>"), subtype="mail.mt_note")
        return seal

    def _reopen_levels(self, levels, reason):
        """Reopen this period for ``levels``: administrator only, reason required."""
        self.ensure_one()
        self._check_closing_rights()
        with period_act(self.env.cr):
            return self._reopen_levels_act(levels, reason)

    def _reopen_levels_act(self, levels, reason):
        self.ensure_one()
        self._check_closing_rights()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Укажите причину повторного открытия периода: без неё период не открывается."))
        period = self.sudo()
        self.env.cr.execute("SELECT id FROM school_period WHERE id = %s FOR UPDATE", (period.id,))
        period.invalidate_cache(["state"], period.ids)
        closed = period._closed_levels()
        if not levels:
            levels = closed
        not_closed = levels - closed
        if not closed or not_closed:
            raise UserError(_("Период «%s» не закрыт для параллелей: %s.")
                            % (period.name, ", ".join((not_closed or levels).sorted("number").mapped("name"))
                               or _("все")))
        # A period closed by a direct state write has no lock lines: make them explicit.
        Lock = self.env["school.period.lock"].sudo()
        existing = period.lock_ids.mapped("grade_level_id")
        for level in closed - existing:
            Lock.create({"period_id": period.id, "grade_level_id": level.id, "user_id": self.env.uid,
                         "close_date": fields.Datetime.now()})
        period.invalidate_cache(["lock_ids"], period.ids)
        reopened = period.lock_ids.filtered(lambda l: l.grade_level_id in levels)
        seals = reopened.mapped("seal_id")
        self.env.cr.execute("DELETE FROM school_period_lock WHERE id IN %s", (tuple(reopened.ids),))
        self.env["school.period.lock"].invalidate_cache()
        period.invalidate_cache(["lock_ids"], period.ids)
        remaining = closed - levels
        period.write({"state": "partial" if remaining else "open"})
        if seals:
            seals._mark_reopened()
        now = fields.Datetime.now()
        self.env["school.period.event"].sudo().create({
            "period_id": period.id, "action": "reopen", "grade_level_ids": [(6, 0, levels.ids)],
            "user_id": self.env.uid, "event_date": now, "reason": reason})
        period.message_post(body=_("Период открыт повторно для параллелей: %s. Причина: %s") % (
            ", ".join(levels.sorted("number").mapped("name")), reason), subtype="mail.mt_note")
        return True

    # ------------------------------------------------------------------ checklist
    def _closing_checklist(self, levels):
        """What is missing before closing for ``levels``: (text, count).
        Lessons without a topic and pupils without a confirmed period grade."""
        self.ensure_one()
        period = self.sudo()
        if not levels:
            return "", 0
        cr = self.env.cr
        cr.execute("""
            SELECT l.date, c.name, s.name
              FROM school_lesson l
              JOIN school_class c ON c.id = l.class_id
              JOIN school_subject s ON s.id = l.subject_id
             WHERE l.date BETWEEN %s AND %s AND c.grade_level_id IN %s
               AND coalesce(trim(l.topic), '') = ''
             ORDER BY l.date, c.name, s.name
        """, (period.date_start, period.date_end, tuple(levels.ids)))
        no_topic = cr.fetchall()
        missing = self.env["school.period.grade"].sudo()._missing_for_period(period, levels.ids)
        lines = []
        limit = 30
        if no_topic:
            lines.append(_("Уроки без темы: %s") % len(no_topic))
            lines += ["  • %s, %s, %s" % (_format_date(d), c, s) for d, c, s in no_topic[:limit]]
            if len(no_topic) > limit:
                lines.append(_("  … и ещё %s") % (len(no_topic) - limit))
        absent = [r for r in missing if r[3] == "missing"]
        drafts = [r for r in missing if r[3] == "draft"]
        for title, rows in ((_("Нет итоговой оценки за период: %s"), absent),
                            (_("Итоговая оценка не утверждена: %s"), drafts)):
            if rows:
                lines.append(title % len(rows))
                lines += ["  • %s, %s: %s" % (c, s, st) for c, s, st, _k in rows[:limit]]
                if len(rows) > limit:
                    lines.append(_("  … и ещё %s") % (len(rows) - limit))
        return "\n".join(lines), len(no_topic) + len(missing)

    # ------------------------------------------------------------------ buttons
    def action_open_close_wizard(self):
        self.ensure_one()
        self._check_closing_rights()
        return {
            "type": "ir.actions.act_window", "res_model": "school.period.close", "view_mode": "form",
            "target": "new", "name": _("Закрытие периода"),
            "context": {"default_period_id": self.id},
        }

    def action_open_reopen_wizard(self):
        self.ensure_one()
        self._check_closing_rights()
        return {
            "type": "ir.actions.act_window", "res_model": "school.period.reopen", "view_mode": "form",
            "target": "new", "name": _("Повторное открытие периода"),
            "context": {"default_period_id": self.id},
        }
