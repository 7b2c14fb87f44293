import contextlib

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .journal_guard import _format_date

# on the cursor, not in the context: an RPC caller sets the context, never the cursor
PERIOD_ACT_KEY = "school_period_act"


@contextlib.contextmanager
def period_act(cr):
    """Marks the cursor while a closing or a reopening (period_closing.py) or a
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


class SchoolPeriodLock(models.Model):
    """The state the journal guard reads: a closed period refuses every write of
    lessons, grades and attendance dated inside it for its grade levels.
    Closing itself (per grade level, who, when, the seal, reopening) lives in
    period_closing.py and period_seal.py."""
    _inherit = "school.period"

    # «closed»: closed for all its grade levels; «partial»: for some of them (the
    # closed levels are the school.period.lock lines, see period_closing.py).
    state = fields.Selection([("open", "Открыт"), ("partial", "Закрыт частично"), ("closed", "Закрыт")],
                             string="Состояние", required=True, default="open", index=True, copy=False,
                             readonly=True)

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
        # interleave with this write: a closing (FOR UPDATE in period_closing.py)
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
            raise UserError(_("Период «%s» (%s — %s) закрыт: изменения за %s невозможны. "
                              "Открыть период может администратор школы.")
                            % (period.name, _format_date(period.date_start), _format_date(period.date_end),
                               _format_date(row[0])))
        return True
