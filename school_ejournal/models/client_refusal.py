"""The database's refusals in the user's words: what the client gate
(client_gate.py) answers when PostgreSQL refuses a change the gate let through."""
import contextlib
import logging
import re

import psycopg2

from odoo import sql_db
from odoo.exceptions import UserError

from ..tools.translate import _
from ..tools.client_gate import CYRILLIC

_logger = logging.getLogger(__name__)


def _column_label(model, column):
    field = model._fields.get(column or "")
    return model._school_field_label(field.name) if field else (column or "")


def _table_label(model, table):
    for name, other in model.env.registry.items():
        if other._table == table and not other._abstract:
            return model.env[name]._school_model_label() or name
    return table or ""


def refusal_message(model, error, operation):
    """A Russian sentence for a database refusal ``error`` met while doing
    ``operation`` (create/write/unlink) on ``model``."""
    diag = getattr(error, "diag", None)
    code = getattr(error, "pgcode", None) or ""
    constraint = getattr(diag, "constraint_name", None)
    known = model.env.registry._sql_error.get(constraint) if constraint else None
    if known and constraint.startswith("school_"):
        env = model._school_lang_env()
        return env["ir.translation"]._get_source(None, ("sql_constraint",), env.lang, known) or known
    primary = getattr(diag, "message_primary", None) or ""
    if code == "23505":
        return _("Such a record (“%s”) already exists.") % model._school_model_label()
    if code == "23503":
        if operation == "unlink":
            table = _table_label(model, getattr(diag, "table_name", None))
            return _("The “%(model)s” record cannot be deleted: other records refer to it (“%(table_label)s”).") % {
                "model": model._school_model_label(), "table_label": table}
        detail = getattr(diag, "message_detail", None) or ""
        column = re.search(r"\((\w+)\)=", detail)
        return _("Field “%s”: no such record.") % _column_label(model, column.group(1) if column else "")
    if code == "23502":
        return _("Fill in the “%s” field.") % _column_label(model, getattr(diag, "column_name", None))
    if code == "23514":
        return _("The value failed validation (“%s”).") % (constraint or model._school_model_label())
    if code == "22001":
        return _("The value is too long.")
    if code == "22003":
        return _("The number is out of the allowed range.")
    if code in ("22007", "22008"):
        return _("Invalid date or time.")
    if CYRILLIC.search(primary):
        # the addon's own triggers (append-only tables) speak Russian already
        return re.sub(r"\s*\((INSERT|UPDATE|DELETE)\)", "", primary).strip()
    return _("The database rejected the change (“%s”): invalid value.") % model._school_model_label()


def _refusal_words(model, error, operation):
    """refusal_message in a cursor of its own: the erring transaction is aborted."""
    with sql_db.db_connect(model.env.cr.dbname).cursor() as cr:
        self = model.with_env(model.env(cr=cr))  # the language and the cursor of _() (tools/translate.py)
        return refusal_message(self, error, operation)


@contextlib.contextmanager
def refusals_in_russian(model, operation):
    try:
        yield
    except psycopg2.OperationalError:
        raise  # serialization failures, lock timeouts: Odoo retries or reports them
    except psycopg2.Error as error:
        _logger.info("%s.%s refused by the database: %s", model._name, operation, error)
        raise UserError(_refusal_words(model, error, operation)) from None
    except ValueError as error:
        text = str(error)
        _logger.info("%s.%s refused: %s", model._name, operation, text)
        if CYRILLIC.search(text):
            raise UserError(text) from None
        if "NUL" in text:
            raise UserError(_("The text contains an invalid NUL character (U+0000).")) from None
        raise UserError(_("Invalid value: the change was not saved.")) from None
