import contextlib

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.translate import _
from ..tools.append_only import install_append_only_trigger, unchanged
from .journal_mixin import OPERATIONS
from .sql_values import execute_values

# on the cursor (never the context): the user for whom an internal sudo() path acts
ACTING_KEY = "school_change_log_acting_uid"

class SchoolChangeLog(models.Model):
    """Append-only log of every change of a record of the journal (lesson, roster
    row, grade, period grade; journal_mixin.py writes the lines): who, when,
    what, old → new. Nobody may change or delete a line: there is no
    write/unlink right for any group, write()/unlink() raise, and a PostgreSQL
    trigger refuses UPDATE and DELETE on the table even from SQL run through
    Odoo. (A database administrator can still ``ALTER TABLE school_change_log
    DISABLE TRIGGER school_change_log_immutable``: the log guards against the
    application and its users, not against the owner of the database.)"""
    _name = "school.change.log"
    _description = "Change Log"
    _order = "id desc"
    _rec_name = "id"
    _log_access = False

    user_id = fields.Many2one("res.users", string="Who", readonly=True, index=True)
    change_date = fields.Datetime(string="When", readonly=True, index=True)
    model = fields.Char(string="Object", readonly=True)
    res_id = fields.Integer(string="Record ID", readonly=True)
    lesson_id = fields.Many2one("school.lesson", readonly=True, index=True,
                                ondelete="set null")
    student_id = fields.Many2one("school.student", readonly=True, index=True,
                                 ondelete="set null")
    lesson_date = fields.Date(readonly=True)
    field_name = fields.Char(string="Field", readonly=True)
    field_label = fields.Char(string="What", readonly=True)
    old_value = fields.Char(readonly=True)
    new_value = fields.Char(readonly=True)
    operation = fields.Selection(OPERATIONS, string="Action", readonly=True)
    readable_by = fields.Integer(string="Record Readable by User", compute="_compute_readable_by",
                                 search="_search_readable_by")

    def _compute_readable_by(self):
        for line in self:
            line.readable_by = self.env.uid

    def _search_readable_by(self, operator, value):
        """Lines whose logged record the user ``value`` may read (his ACL and record
        rules on that model; a deleted record only when his rules hide nothing of
        its model). The record rules of the log use it. The logged models are
        those of the journal mixin; lines of any other only the superuser reads."""
        if operator != "=" or not isinstance(value, int) or isinstance(value, bool):
            raise UserError(_("Search by record access: only “= user” is supported."))
        # imported here: importing reports/ at load time would define its SQL views
        # before the tables they read
        from ..reports.ir_actions_report import readable_sql
        env = self.env(user=value)
        parts, params = [], []
        for model in self.env["school.journal.mixin"]._inherit_children:
            if not env[model].check_access_rights("read", raise_exception=False):
                continue
            parts.append("(model = %s AND " + readable_sql(env, model, "res_id") + ")")
            params.append(model)
        if not parts:
            return [("id", "=", 0)]
        return [("id", "inselect", ("SELECT id FROM school_change_log WHERE " + " OR ".join(parts), params))]

    def init(self):
        # ``ondelete set null`` of the two links must stay possible (a lesson of a
        # class that is removed entirely): the trigger lets through an UPDATE
        # that only clears lesson_id/student_id and refuses anything else.
        install_append_only_trigger(
            self.env.cr, "school_change_log", "Журнал изменений нельзя изменять или удалять (%)",
            allow_update_when="""
                (NEW.lesson_id IS NULL OR NEW.lesson_id IS NOT DISTINCT FROM OLD.lesson_id)
                AND (NEW.student_id IS NULL OR NEW.student_id IS NOT DISTINCT FROM OLD.student_id)
                AND (NEW.lesson_id IS DISTINCT FROM OLD.lesson_id OR NEW.student_id IS DISTINCT FROM OLD.student_id)
                AND """ + unchanged("id", "user_id", "change_date", "model", "res_id", "lesson_date",
                                    "field_name", "old_value", "new_value", "operation"))

    # The ORM never writes or deletes a line; only _record inserts them (the
    # journal mixin's _journal_log and _journal_log_rows).
    def write(self, vals):
        raise AccessError(_("The change log cannot be edited: entries are only appended to it."))

    def unlink(self):
        raise AccessError(_("Change log entries cannot be deleted."))

    @api.model
    def create(self, vals):
        raise AccessError(_("Change log entries are created only by the journal itself."))

    @api.model
    @contextlib.contextmanager
    def _acting_for(self, uid):
        """Within the block, lines written under sudo() name ``uid``: a path that
        checked the user's rights itself (the cancellation of a lesson) and then
        removes marks the ACL would not let him remove."""
        outer = self.env.cr.cache.get(ACTING_KEY)
        self.env.cr.cache[ACTING_KEY] = uid
        try:
            yield
        finally:
            self.env.cr.cache[ACTING_KEY] = outer

    @api.model
    def _record(self, entries, page_size=1000):
        """Append ``entries`` in one INSERT (per ``page_size``). Each entry is a dict with model,
        res_id, lesson_id, student_id, lesson_date, field_name, field_label,
        old_value, new_value, operation. Who and when are taken from the
        environment, unless the entry gives them (user_id, change_date: the
        generators, which fill a past year)."""
        entries = [e for e in entries if e.get("operation") != "write"
                   or (e.get("old_value") or "") != (e.get("new_value") or "")]
        if not entries:
            return
        uid = self.env.uid
        if uid == SUPERUSER_ID:
            uid = self.env.cr.cache.get(ACTING_KEY) or uid
        execute_values(self.env.cr, """
            INSERT INTO school_change_log (user_id, change_date, model, res_id, lesson_id, student_id,
                                           lesson_date, field_name, field_label, old_value, new_value,
                                           operation)
            VALUES %s
        """, [(e.get("user_id") or uid, e.get("change_date"), e.get("model"), e.get("res_id"), e.get("lesson_id"),
               e.get("student_id"), e.get("lesson_date"), e.get("field_name"), e.get("field_label"),
               e.get("old_value") or None, e.get("new_value") or None, e["operation"])
              for e in entries],
            template="(%s, COALESCE(%s, now() AT TIME ZONE 'UTC'), %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            page_size=page_size)
