"""Append-only tables: the change log, the period-closing log and the seals.

One helper installs the PostgreSQL trigger that refuses UPDATE and DELETE of
such a table, so that not even SQL sent through Odoo can rewrite history (a DBA
can still disable the trigger: that is outside the application's reach).
"""


def unchanged(*columns):
    """SQL: none of ``columns`` changed in this UPDATE."""
    return " AND ".join("NEW.%s IS NOT DISTINCT FROM OLD.%s" % (c, c) for c in columns)


def install_append_only_trigger(cr, table, message, allow_update_when=None):
    """Refuse UPDATE/DELETE on ``table`` with ``message`` (``%`` = the operation).

    ``allow_update_when``: an SQL condition on OLD/NEW under which an UPDATE
    still passes (e.g. a foreign key set to NULL by ``ondelete``)."""
    allow = ""
    if allow_update_when:
        allow = "IF TG_OP = 'UPDATE' AND (%s) THEN RETURN NEW; END IF;" % allow_update_when
    function = "%s_immutable" % table
    cr.execute("""
        CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
        BEGIN
            {allow}
            RAISE EXCEPTION '{message}', TG_OP USING ERRCODE = 'insufficient_privilege';
        END;
        $$ LANGUAGE plpgsql;
        DROP TRIGGER IF EXISTS {function} ON {table};
        CREATE TRIGGER {function} BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE PROCEDURE {function}();
    """.format(function=function, table=table, allow=allow, message=message.replace("'", "''")))
