from odoo import _, models
from odoo.exceptions import UserError

from .period_seal import SEAL_SPECS

# Journal rows of the period (same scope as the seal) written by transactions that
# the given snapshot does not see: rows committed after the closing began.
UNSEEN_SQL = "\nUNION ALL\n".join(
    "SELECT count(*) %s AND NOT txid_visible_in_snapshot("
    "((txid_snapshot_xmax(txid_current_snapshot()) >> 32) << 32) + t.xmin::text::bigint, "
    "%%(snapshot)s::txid_snapshot)" % scope for _model, scope, _columns in SEAL_SPECS)


class SchoolPeriodCloseRace(models.Model):
    """Closing a period seals what is really committed (issue 10).

    Odoo's transactions are REPEATABLE READ: the closing sees the journal as of
    its first query. The guard (period_lock.py) takes FOR SHARE on the period, so
    once the closing holds FOR UPDATE no journal write of the period can commit
    any more; but a write committed between the closing's first query and its
    lock would be invisible to the seal and stay unsealed in a closed period.
    After taking the lock, a fresh connection looks for rows of the period
    written by transactions this snapshot does not see: if any, the closing is
    refused in Russian and is to be repeated (a new transaction sees them)."""
    _inherit = "school.period"

    def _close_levels(self, levels, incomplete=None):
        self.ensure_one()
        self._check_closing_rights()
        # a test registry shares one cursor: there is no other connection to ask
        if levels and self.pool.test_cr is None:
            cr = self.env.cr
            cr.execute("SELECT id FROM school_period WHERE id = %s FOR UPDATE", (self.id,))
            cr.execute("SELECT txid_current_snapshot()::text")
            snapshot = cr.fetchone()[0]
            period = self.sudo()
            params = {"start": period.date_start, "end": period.date_end, "levels": list(levels.ids),
                      "snapshot": snapshot}
            with self.pool.cursor() as fresh:
                fresh.execute(UNSEEN_SQL, params)
                unseen = sum(row[0] for row in fresh.fetchall())
            if unseen:
                raise UserError(_("Пока период «%s» закрывался, в журнал за него внесены изменения (%s). "
                                  "Повторите закрытие: печать целостности должна включить все записи.")
                                % (period.name, unseen))
        return super(SchoolPeriodCloseRace, self)._close_levels(levels, incomplete=incomplete)
