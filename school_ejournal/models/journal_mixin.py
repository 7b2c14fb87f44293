"""What every record of the journal does around create/write/unlink. Lessons,
roster rows (school.attendance), grades and period grades inherit it; each
declares what a change of its records is with a few class attributes and
methods, and its own create/write/unlink call these hooks where its rules say:

- the one write guard (journal_guard.py, which also locks the periods FOR
  SHARE): ``_journal_scope`` and ``_journal_lessons`` (or ``_journal_guard``
  itself for records without a lesson) say what it checks;
- the fields a client may write, and who (client_gate.py's allow-list declared
  on each model): the ORM's create/write meet it at the gate, the paths that
  write in SQL call ``_journal_check_fields``;
- the one change log: ``_journal_log`` turns changes into lines with one set of
  labels, the field's translated description (and the record's ``detail`` when
  it has no lesson) and OPERATIONS; the demo and bench generators, which insert
  rows in SQL, write theirs through ``_journal_log_rows``.
"""
import contextlib

from odoo import api, fields, models

from ..tools.lesson_roster import locked_lessons
from .client_gate import check_client_vals
from .journal_guard import SCOPE_LESSON, _format_date

# the one label table of the operations (the change log's selection)
OPERATIONS = [("create", "Creation"), ("write", "Change"), ("unlink", "Deletion")]
# what the generators give for each line (_journal_log_rows)
ROW_KEYS = ("user_id", "change_date", "operation", "res_id", "lesson_id", "student_id", "lesson_date",
            "field_name", "old_value", "new_value", "detail")


class SchoolJournalMixin(models.AbstractModel):
    _name = "school.journal.mixin"
    _description = "Journal Record"

    # what changing these records is, for the guard (journal_guard.py)
    _journal_scope = SCOPE_LESSON
    # what the form's «Можно изменять» asks (None: _journal_scope)
    _journal_edit_scope = None
    # the fields whose change moves a record to other lessons: the guard asks again
    _journal_moving_fields = ()
    # the fields whose changes the change log keeps; the main one is also logged
    # when a record is created or deleted (None: changes only)
    _journal_logged_fields = ()
    _journal_main_field = None
    # the change log's facts of records (%s: their ids), in one query: id, lesson
    # id, student id, date, the values of _journal_detail_fields (which name a
    # record without a lesson in its lines), then those of _journal_logged_fields
    _journal_snapshot_sql = None
    _journal_detail_fields = ()

    school_can_edit = fields.Boolean(string="Editable", compute="_compute_school_can_edit")

    # ------------------------------------------------------------------ the guard
    def _journal_lessons(self):
        """{record id: lesson id} of these records (a lesson is its own)."""
        return {record.id: record.lesson_id.id for record in self}

    def _compute_school_can_edit(self):
        real = self.filtered(lambda record: isinstance(record.id, int))
        lessons = real._journal_lessons()
        editable = self.env["school.journal.guard"]._editable_lessons(
            [lid for lid in lessons.values() if lid], self._journal_edit_scope or self._journal_scope)
        for record in self:
            record.school_can_edit = not isinstance(record.id, int) or lessons.get(record.id) in editable

    def _journal_guard(self, lesson_ids=None):
        """Refuse (in Russian) unless the user may change these records, or the
        records of this model on ``lesson_ids``: their period open, the lesson his."""
        if lesson_ids is None:
            lesson_ids = [lid for lid in set(self._journal_lessons().values()) if lid]
        return self.env["school.journal.guard"]._check(lesson_ids, self._journal_scope)

    @api.model
    def _journal_guard_new(self, vals):
        """The guard for a record about to be created from ``vals``."""
        return self._journal_guard([vals["lesson_id"]] if vals.get("lesson_id") else [])

    @contextlib.contextmanager
    def _journal_writing(self, vals):
        """Around the model's own write of ``vals``: the guard before, and after
        it the guard again if it moved the records (the new date may fall into a
        closed period), then the change log of what it changed."""
        self._journal_guard()
        before = self._journal_before(vals)
        yield
        if set(self._journal_moving_fields) & set(vals):
            self.env["school.journal.guard"]._forget(self.ids)
            self._journal_guard()
        self._journal_log_write(before, vals)

    # ------------------------------------------------------------------ the lock
    @api.model
    def _journal_locked_lessons(self, lesson_ids):
        """{lesson id: period id} of ``lesson_ids`` in a closed period (its lock
        or its closing): the guard refuses their changes, the roster sync leaves
        their rows as they were sealed."""
        return locked_lessons(self.env.cr, lesson_ids)

    # ------------------------------------------------------------------ the allow-list
    def _journal_check_fields(self, vals, creating=False):
        """Refuse the fields of ``vals`` the user may not send (client_gate.py): for
        the paths that write in SQL, the ORM's create/write meet it at the gate."""
        check_client_vals(self, vals, creating=creating)

    # ------------------------------------------------------------------ the change log
    def _journal_snapshot(self):
        """{record id: (lesson id, student id, date, detail, {logged field: text})}
        in one query (_journal_snapshot_sql), not a prefetch of every column."""
        if not self.ids:
            return {}
        self.env.cr.execute(self._journal_snapshot_sql, (tuple(self.ids),))
        split = len(self._journal_detail_fields)
        return {row[0]: row[1:4] + (self._journal_detail(row[4:4 + split]), dict(zip(
            self._journal_logged_fields, map(self._journal_text, self._journal_logged_fields, row[4 + split:]))))
                for row in self.env.cr.fetchall()}

    @api.model
    def _journal_text(self, name, value):
        """A value of the field ``name`` as the log shows it: a choice's label, a
        date as the journal writes it, a link by the name the query gives."""
        if value is None or value is False:
            return ""
        field = self._fields[name]
        if field.type == "selection" and isinstance(field.selection, list):
            return self._school_selection_labels(name).get(value, value)
        return _format_date(value) if field.type == "date" else str(value)

    @api.model
    def _journal_detail(self, values):
        return ", ".join(map(self._journal_text, self._journal_detail_fields, values)) or None

    def _journal_values(self):
        """{record id: {logged field: text}} now."""
        return {rid: row[4] for rid, row in self._journal_snapshot().items()}

    def _journal_written(self, vals):
        return [name for name in self._journal_logged_fields if name in vals]

    def _journal_before(self, vals):
        """The texts a write of ``vals`` will change, or None (no query) when it
        touches no logged field: give them to _journal_log_write afterwards."""
        return self._journal_values() if self._journal_written(vals) else None

    def _journal_log_write(self, before, vals):
        if before is not None:
            self._journal_log("write", before, self._journal_written(vals))

    def _journal_log(self, operation, before=None, names=None):
        """Log ``operation`` on these records, one line per logged field that
        changed: created (the main field), deleted (its last text) or written
        (``before`` = _journal_values() taken before, for ``names``)."""
        if not self.ids:
            return
        if names is None:
            names = self._journal_logged_fields if operation == "write" else (self._journal_main_field,)
        snapshot = self._journal_snapshot()
        changes = []
        for rid in self.ids:
            lesson_id, student_id, day, detail, values = snapshot[rid]
            old = values if operation == "unlink" else {} if operation == "create" else (before or {}).get(rid, {})
            new = {} if operation == "unlink" else values
            changes.extend(dict(operation=operation, res_id=rid, lesson_id=lesson_id, student_id=student_id,
                                lesson_date=day, detail=detail, field_name=name, old_value=old.get(name, ""),
                                new_value=new.get(name, "")) for name in names)
        # a raw INSERT as the real user: sudo() here would log the superuser
        self.env["school.change.log"]._record(self._journal_entries(changes))

    @api.model
    def _journal_entries(self, changes):
        """The change-log entries of ``changes`` (dicts of ROW_KEYS): the label of
        the field, the model; a change that changes nothing is no line."""
        labels, entries = {}, []
        for change in changes:
            if (change.get("old_value") or "") == (change.get("new_value") or ""):
                continue
            name = change["field_name"]
            if name not in labels:
                labels[name] = self._school_field_label(name)
            detail = change.get("detail")
            entries.append(dict(change, model=self._name,
                                field_label="%s: %s" % (labels[name], detail) if detail else labels[name]))
        return entries

    @api.model
    def _journal_log_rows(self, rows, page_size=10000):
        """The generators' lines: tuples of ROW_KEYS, the values as stored (who and
        when are theirs, the detail a tuple of the values of _journal_detail_fields),
        by the path, with the texts and labels of _journal_log."""
        rows = list(rows)
        for start in range(0, len(rows), page_size):
            changes = []
            for row in rows[start:start + page_size]:
                change = dict(zip(ROW_KEYS, row))
                name = change["field_name"]
                change.update(old_value=self._journal_text(name, change["old_value"]),
                              new_value=self._journal_text(name, change["new_value"]),
                              detail=self._journal_detail(change["detail"] or ()))
                changes.append(change)
            self.env["school.change.log"]._record(self._journal_entries(changes), page_size=page_size)
