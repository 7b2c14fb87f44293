"""SQL helpers for the journal's whole-school statements (crons, the closing's seal),
with no database environment."""


def without_jit(cr):
    """Turn PostgreSQL's JIT compilation off for the rest of this transaction.

    The whole-school statements are estimated expensive (correlated subqueries over
    the roster) and run in a fraction of a second, but an estimate above
    ``jit_above_cost`` makes PostgreSQL compile them first, which takes seconds on
    every run. Servers without JIT (before PostgreSQL 11) are left as they are."""
    cr.execute("SELECT set_config('jit', 'off', true) WHERE current_setting('jit', true) IS NOT NULL")
