"""A study period (четверть, полугодие, триместр or the year), the grade levels
attested by it, and its closing.

Closing writes nothing but the state the journal's one guard reads
(school.period.state + school.period.lock lines), seals what
the period holds (period_seal.py) and logs the act (school.period.event);
reopening is the administrator's act with a mandatory reason, logged the same
way."""
import contextlib

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.translate import _
from ..tools.period_grade_sql import MISSING_SQL
from .grade_level import PERIOD_KINDS
from .journal_guard import _format_date
from .period_grade import MEMBERS_SQL

# The attestation period of a lesson: the period of the class's grade level whose
# kind is the level's attestation kind (quarter / half-year / trimester) and that
# covers the date. The same expression serves the ORM compute and the SQL that
# generates lessons in bulk, so both fill period_id identically.
PERIOD_SQL = """(SELECT p.id FROM school_period p
                   JOIN school_grade_level_school_period_rel pr ON pr.school_period_id = p.id
                   JOIN school_grade_level gl ON gl.id = pr.school_grade_level_id
                  WHERE pr.school_grade_level_id = {cls}.grade_level_id
                    AND p.kind = gl.period_kind
                    AND {day} BETWEEN p.date_start AND p.date_end
                  ORDER BY p.date_start, p.id LIMIT 1)"""

# on the cursor, not in the context: an RPC caller sets the context, never the cursor
PERIOD_ACT_KEY = "school_period_act"


@contextlib.contextmanager
def period_act(cr):
    """Marks the cursor while a closing or a reopening (below) or a
    verification (period_seal.py) writes a period's state, lock lines, seal or
    event: outside such an act none of them can be written."""
    outer = cr.cache.get(PERIOD_ACT_KEY)
    cr.cache[PERIOD_ACT_KEY] = True
    try:
        yield
    finally:
        if not outer:
            cr.cache.pop(PERIOD_ACT_KEY, None)


def in_period_act(cr):
    return bool(cr.cache.get(PERIOD_ACT_KEY))


FROZEN_FIELDS = ("date_start", "date_end", "grade_level_ids", "academic_year_id", "kind")


def _is_school_admin(env):
    return env.uid == SUPERUSER_ID or env.user.has_group("school_ejournal.group_school_admin")


class SchoolPeriod(models.Model):
    """A study period (четверть, полугодие, триместр or the year) and the grade
    levels attested by it. Closed, it refuses every write of lessons, grades and
    attendance dated inside it for its grade levels (the journal guard reads
    its state); closing and reopening: below, the seal: period_seal.py."""
    _name = "school.period"
    _description = "Academic Period"
    # the newest year first (the year's own order), each year's periods in their order
    _order = "academic_year_id, date_start, kind, number"
    _inherit = ["mail.thread"]

    name = fields.Char(string="Period", compute="_compute_name", store=True)
    academic_year_id = fields.Many2one("school.academic.year", required=True, ondelete="cascade", index=True)
    kind = fields.Selection(PERIOD_KINDS, required=True, default="quarter")
    number = fields.Integer(required=True, default=1)
    date_start = fields.Date(string="Start", required=True)
    date_end = fields.Date(string="End", required=True)
    grade_level_ids = fields.Many2many("school.grade.level", string="Grade Levels", required=True)
    # «closed»: closed for all its grade levels; «partial»: for some of them (the
    # closed levels are the school.period.lock lines).
    state = fields.Selection([("open", "Open"), ("partial", "Partially Closed"), ("closed", "Closed")],
                             required=True, default="open", index=True, copy=False,
                             readonly=True)
    lock_ids = fields.One2many("school.period.lock", "period_id", string="Closed for Grade Levels",
                               readonly=True)
    closed_grade_level_ids = fields.Many2many("school.grade.level", string="Closed Grade Levels",
                                              compute="_compute_closed_levels")
    event_ids = fields.One2many("school.period.event", "period_id", string="Closing History", readonly=True)
    seal_ids = fields.One2many("school.period.seal", "period_id", string="Integrity Seals", readonly=True)

    _sql_constraints = [
        ("kind_number_unique", "unique(academic_year_id, kind, number)",
         "A period of this kind and number already exists in this academic year."),
        ("dates_order", "check(date_start <= date_end)",
         "The period start date cannot be later than the end date."),
        ("number_positive", "check(number > 0)", "The period number must be positive."),
    ]

    @api.depends("kind", "number")
    def _compute_name(self):
        roman = {1: "I", 2: "II", 3: "III", 4: "IV"}
        labels = {"quarter": "четверть", "half_year": "полугодие", "trimester": "триместр"}
        for period in self:
            if period.kind == "year":
                period.name = "Учебный год"
            elif period.kind:
                period.name = "%s %s" % (roman.get(period.number, period.number), labels[period.kind])

    @api.constrains("date_start", "date_end", "academic_year_id", "kind", "grade_level_ids")
    def _check_dates(self):
        for period in self:
            year = period.academic_year_id
            if period.date_start < year.date_start or period.date_end > year.date_end:
                raise ValidationError(_("Period “%(period)s” lies outside academic year %(year)s.")
                                      % {"period": period.name, "year": year.name})
            # Two periods of one kind for the same grade level must not overlap.
            clash = self.search([
                ("id", "!=", period.id), ("academic_year_id", "=", year.id),
                ("kind", "=", period.kind),
                ("grade_level_ids", "in", period.grade_level_ids.ids),
                ("date_start", "<=", period.date_end), ("date_end", ">=", period.date_start),
            ], limit=1)
            if clash:
                raise ValidationError(_("Period “%(period)s” overlaps with period “%(clash)s” for the same grade "
                                        "levels.")
                                      % {"period": period.name, "clash": clash.name})

    @api.model
    def _get_attestation_period(self, day, grade_level):
        """The quarter/half-year/trimester in which ``grade_level`` is attested on ``day``."""
        return self.search([
            ("date_start", "<=", day), ("date_end", ">=", day),
            ("kind", "=", grade_level.period_kind),
            ("grade_level_ids", "in", grade_level.ids),
        ], limit=1)

    def init(self):
        # THE lock rule, in one place: the guard (below), lesson generation and the
        # delete triggers of period_seal.py all ask this function. plpgsql, so that
        # it may be created before school_period_lock exists.
        # year_only: year, exam and final grades are locked by the year's own closing,
        # not by the closing of the last quarter (half-year) that shares its last day.
        self.env.cr.execute("""
            DROP FUNCTION IF EXISTS school_period_locked_id(date, int);
            CREATE OR REPLACE FUNCTION school_period_locked_id(day date, level_id int,
                                                               year_only boolean DEFAULT false) RETURNS int AS $$
            BEGIN
                RETURN (SELECT p.id FROM school_period p
                          JOIN school_grade_level_school_period_rel r ON r.school_period_id = p.id
                         WHERE r.school_grade_level_id = level_id
                           AND day BETWEEN p.date_start AND p.date_end
                           AND (NOT year_only OR p.kind = 'year')
                           AND (p.state = 'closed' OR (p.state = 'partial' AND EXISTS (
                                SELECT 1 FROM school_period_lock k
                                 WHERE k.period_id = p.id AND k.grade_level_id = level_id)))
                         ORDER BY p.date_start LIMIT 1);
            END;
            $$ LANGUAGE plpgsql STABLE;
        """)

    @api.model
    def _assert_dates_open(self, pairs, year_only=False):
        """Raise a UserError if any (date, grade_level_id) of ``pairs`` falls into a
        closed period of that grade level (a period closed for all its levels, or
        closed for this level only: school.period.lock). One query however many pairs.
        ``year_only``: only the closing of a year counts (year, exam, final grades)."""
        pairs = {(fields.Date.to_string(d) if not isinstance(d, str) else d, level)
                 for d, level in pairs if d and level}
        if not pairs:
            return True
        days, levels = zip(*sorted(pairs))
        # One statement both asks the lock rule and locks the periods the dates fall
        # into (FOR SHARE: writers do not block each other), so that a closing cannot
        # interleave with this write: a closing (FOR UPDATE in _close_levels_act)
        # waits until this transaction ends, and a write that waited for a closing
        # fails with a serialization error (REPEATABLE READ; the RPC layer retries
        # it, then it is refused here) instead of slipping into the closed period.
        # No LIMIT: it would lock only the rows returned.
        self.env.cr.execute("""
            SELECT x.day, school_period_locked_id(x.day, x.level_id, %s)
              FROM unnest(%s::date[], %s::int[]) AS x(day, level_id)
              JOIN school_grade_level_school_period_rel r ON r.school_grade_level_id = x.level_id
              JOIN school_period p ON p.id = r.school_period_id AND x.day BETWEEN p.date_start AND p.date_end
               FOR SHARE OF p
        """, (bool(year_only), list(days), list(levels)))
        locked = sorted((str(day), period_id) for day, period_id in self.env.cr.fetchall() if period_id)
        row = locked[0] if locked else None
        if row:
            # sudo: the period's name and dates for the message; whoever writes may
            # not read school.period (a class teacher's attendance mark)
            period = self.browse(row[1]).sudo()
            raise UserError(_("Period “%(period)s” (%(date_start)s — %(date_end)s) is closed: changes for "
                              "%(row)s are not possible. The school administrator can open the period.")
                            % {"period": period.name, "date_start": _format_date(period.date_start),
                               "date_end": _format_date(period.date_end),
                               "row": _format_date(row[0])})
        return True

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
            raise UserError(_("A new period is created open: it can only be closed with the “Period Closing” wizard."))
        return super(SchoolPeriod, self).create(vals)

    def write(self, vals):
        # the state changes only inside _close_levels / _reopen_levels, which log an event
        if "state" in vals and not in_period_act(self.env.cr):
            raise UserError(_("A period can be closed or opened only with the “Period Closing” wizard (school "
                              "administrator)."))
        if set(FROZEN_FIELDS) & set(vals):
            closed = self.filtered(lambda p: p.state != "open")
            if closed:
                raise UserError(_("Period “%s” is closed: its dates, type and grade levels cannot be changed. "
                                  "Open the period first.") % closed[0].name)
        return super(SchoolPeriod, self).write(vals)

    def unlink(self):
        closed = self.filtered(lambda p: p.state != "open" or p.sudo().seal_ids or p.sudo().event_ids)
        if closed:
            raise UserError(_("Period “%s” has been closed and has an integrity seal: it cannot be deleted.")
                            % closed[0].name)
        return super(SchoolPeriod, self).unlink()

    # ------------------------------------------------------------------ closing
    @api.model
    def _check_closing_rights(self):
        if not _is_school_admin(self.env):
            raise AccessError(_("Only the school administrator can close and open academic periods."))

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
            raise UserError(_("Select the grade levels for which the period is being closed."))
        foreign = levels - period.grade_level_ids
        if foreign:
            raise UserError(_("Period “%(period)s” does not apply to grade levels: %(foreign)s.")
                            % {"period": period.name, "foreign": ", ".join(foreign.mapped("name"))})
        # The lock first: concurrent closings serialise, journal writes in flight
        # finish, new ones wait at the guard's FOR SHARE (_assert_dates_open) and fail
        # once this closing commits; the seal then reads what is committed
        # (period_seal.py, _committed_digests), so the closing wins in bounded time.
        self.env.cr.execute("SELECT id FROM school_period WHERE id = %s FOR UPDATE", (period.id,))
        period.invalidate_cache(["state"], period.ids)
        already = levels & period._closed_levels()
        if already:
            raise UserError(_("Period “%(period)s” is already closed for grade levels: %(already)s. It cannot be "
                              "closed again.")
                            % {"period": period.name, "already": ", ".join(already.sorted("number").mapped("name"))})
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
        body = _("Period closed for grade levels: %(levels)s. Integrity seal No. %(sequence)s (SHA-256 "
                 "%(digest)s).") % {
            "levels": ", ".join(levels.sorted("number").mapped("name")), "sequence": seal.sequence,
            "digest": seal.digest}
        if incomplete:
            body += "\n" + _("Closed despite unfilled items:") + "\n" + incomplete
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
            raise UserError(_("Specify the reason for reopening the period: the period is not opened without it."))
        period = self.sudo()
        self.env.cr.execute("SELECT id FROM school_period WHERE id = %s FOR UPDATE", (period.id,))
        period.invalidate_cache(["state"], period.ids)
        closed = period._closed_levels()
        if not levels:
            levels = closed
        not_closed = levels - closed
        if not closed or not_closed:
            raise UserError(_("Period “%(period)s” is not closed for grade levels: %(not_closed)s.")
                            % {"period": period.name,
                               "not_closed": ", ".join((not_closed or levels).sorted("number").mapped("name"))
                               or _("all")})
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
        period.message_post(body=_("Period reopened for grade levels: %(levels)s. Reason: %(reason)s") % {
            "levels": ", ".join(levels.sorted("number").mapped("name")), "reason": reason}, subtype="mail.mt_note")
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
        missing = period._missing_for_period(levels.ids)
        lines = []
        limit = 30
        if no_topic:
            lines.append(_("Lessons without topic: %s") % len(no_topic))
            lines += ["  • %s, %s, %s" % (_format_date(d), c, s) for d, c, s in no_topic[:limit]]
            if len(no_topic) > limit:
                lines.append(_("  … and %s more") % (len(no_topic) - limit))
        absent = [r for r in missing if r[3] == "missing"]
        drafts = [r for r in missing if r[3] == "draft"]
        for title, rows in ((_("No final grade for the period: %s"), absent),
                            (_("Final grade not approved: %s"), drafts)):
            if rows:
                lines.append(title % len(rows))
                lines += ["  • %s, %s: %s" % (c, s, st) for c, s, st, _k in rows[:limit]]
                if len(rows) > limit:
                    lines.append(_("  … and %s more") % (len(rows) - limit))
        return "\n".join(lines), len(no_topic) + len(missing)

    def _missing_for_period(self, level_ids):
        """Pupils without a period grade (or with an unconfirmed one) for a
        class × subject taught in this period for ``level_ids``:
        [(class name, subject name, student name, 'missing'|'draft')]. One query."""
        period = self
        kind = period.kind
        params = {"start": period.date_start, "end": period.date_end, "levels": tuple(level_ids) or (0,),
                  "all_classes": True, "classes": (0,), "all_subjects": True, "subjects": (0,),
                  "period": period.id, "kind": kind}
        self.env.cr.execute("WITH " + MEMBERS_SQL + MISSING_SQL, params)
        return self.env.cr.fetchall()

    # ------------------------------------------------------------------ buttons
    def action_open_close_wizard(self):
        self.ensure_one()
        self._check_closing_rights()
        return {
            "type": "ir.actions.act_window", "res_model": "school.period.close", "view_mode": "form",
            "target": "new", "name": _("Period Closing"),
            "context": {"default_period_id": self.id},
        }

    def action_open_reopen_wizard(self):
        self.ensure_one()
        self._check_closing_rights()
        return {
            "type": "ir.actions.act_window", "res_model": "school.period.reopen", "view_mode": "form",
            "target": "new", "name": _("Period Reopening"),
            "context": {"default_period_id": self.id},
        }

    # ------------------------------------------------------------------ incentive-pay committee
    # the list for the committee, printed from a period
    def _commission_rows(self):
        """[{teacher, count, rules: [(label, n)], violations: [...]}] of this period."""
        self.ensure_one()
        Violation = self.env["school.violation"].sudo()
        limit = self.env.user.company_id._school_monitoring_rules()["violation_limit"]
        labels = Violation._school_selection_labels("rule")
        states = Violation._school_selection_labels("state")
        rows = []
        for teacher_id, _period, count in Violation._offenders(limit, [self.id]):
            violations = Violation.search([("teacher_id", "=", teacher_id), ("period_id", "=", self.id),
                                           ("state", "!=", "excused")], order="date, id")
            by_rule = {}
            for v in violations:
                by_rule[v.rule] = by_rule.get(v.rule, 0) + 1
            rows.append({"teacher": self.env["res.users"].sudo().browse(teacher_id), "count": count,
                         "rules": [(labels[r], n) for r, n in sorted(by_rule.items())],
                         "violations": [(_format_date(v.date), labels[v.rule], v.lesson_id.name or
                                         "%s, %s" % (v.class_id.name, v.subject_id.name), states[v.state])
                                        for v in violations]})
        return rows

    def _commission_limit(self):
        return self.env.user.company_id._school_monitoring_rules()["violation_limit"]
