import json

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html_escape

from ..tools.translate import _
from ..tools.journal_grid import GridRows
from ..models.journal_guard import SCOPE_ATTENDANCE
from ..tools.grading import weighted_average  # noqa: F401  (the Python twin, see tools/grading.py)

# the longest text a grid cell takes («н 5/4» and some spaces)
CELL_MAX_LENGTH = 20


class SchoolGradebook(models.TransientModel):
    """«Журнал класса»: one class × subject × period as pupils × lessons. The cells
    are the roster rows themselves (school.attendance, text cell «н 5/4»). The form
    shows them with the grid widget (static/src/js/gradebook_grid.js, data from
    ``grid_data``), which saves each cell as it is typed through ``grid_set_cell``:
    the roster's own write, so the same write guard and change log as the lesson
    form. ``attendance_ids`` keeps the rows for RPC clients that send commands."""
    _name = "school.gradebook"
    _description = "Class Journal"

    class_id = fields.Many2one("school.class", required=True)
    subject_id = fields.Many2one("school.subject", required=True)
    subgroup_id = fields.Many2one("school.class.subgroup", string="Teaching Group",
                                  domain="[('class_ids', '=', class_id)]")
    period_id = fields.Many2one("school.period", required=True)
    attendance_ids = fields.Many2many("school.attendance", "school_gradebook_attendance_rel",
                                      "gradebook_id", "attendance_id", string="Journal")
    average_html = fields.Html(string="Average Score", compute="_compute_averages", sanitize=False)
    can_edit = fields.Boolean(compute="_compute_can_edit")
    grid_data = fields.Text(string="Table", compute="_compute_grid_data")

    @api.onchange("class_id")
    def _onchange_class(self):
        if self.class_id and self.period_id and self.class_id.grade_level_id not in \
                self.period_id.grade_level_ids:
            self.period_id = False
        if self.class_id and not self.period_id:
            today = fields.Date.context_today(self)
            self.period_id = self.env["school.period"]._get_attestation_period(
                today, self.class_id.grade_level_id)

    @api.onchange("class_id", "subject_id", "subgroup_id", "period_id")
    def _onchange_load(self):
        self.attendance_ids = [(6, 0, self._rows().ids)]

    def _rows_domain(self):
        if not (self.class_id and self.subject_id and self.period_id):
            return None
        domain = [("subject_id", "=", self.subject_id.id),
                  ("date", ">=", self.period_id.date_start), ("date", "<=", self.period_id.date_end)]
        if self.subgroup_id:
            # the group's lessons, with its pupils of every class (filed under its lead class)
            return domain + [("lesson_id.subgroup_id", "=", self.subgroup_id.id)]
        # the class's pupils (a row's class is the pupil's), in its lessons and its groups' lessons
        return domain + [("class_id", "=", self.class_id.id)]

    def _rows(self):
        domain = self._rows_domain()
        return self.env["school.attendance"].search(domain) if domain else self.env["school.attendance"]

    def _grid_rows(self, row_ids=None):
        """The grid's rows (school.attendance._grid_rows); ``row_ids`` instead of the
        book's class, subject and period, for rows already in the form."""
        domain = [("id", "in", list(row_ids))] if row_ids is not None else self._rows_domain()
        if not domain or (row_ids is not None and not row_ids):
            return GridRows()
        return self.env["school.attendance"]._grid_rows(domain)

    @api.depends("attendance_ids", "period_id", "subject_id")
    def _compute_averages(self):
        for book in self:
            book.average_html = book._average_html(book._grid_rows(book._stored_row_ids()))

    @api.depends("attendance_ids", "period_id")
    def _compute_can_edit(self):
        for book in self:
            book.can_edit = book._can_edit(book._grid_rows(book._stored_row_ids()))

    @api.depends("class_id", "subject_id", "subgroup_id", "period_id")
    def _compute_grid_data(self):
        for book in self:
            book.grid_data = json.dumps(book._grid_data())

    def _grid_data(self, rows=None):
        """What the grid widget draws: the lessons (columns, with whether the user
        may write them), the pupils (rows: short name, average, absences) and the
        cells [row id, lesson id, pupil id, text]."""
        rows = self._grid_rows() if rows is None else rows
        if not rows:
            return {"lessons": [], "pupils": [], "cells": []}
        self.env.cr.execute("""
            SELECT l.id, l.date, l.lesson_number, l.teacher_id, l.substitute_teacher_id
              FROM school_lesson l WHERE l.id IN %s
        """, (tuple({row.lesson_id for row in rows}),))
        facts = {r[0]: r[1:] for r in self.env.cr.fetchall()}
        open_period = self._period_open()
        admin = self.env.user.has_group("school_ejournal.group_school_admin")
        lessons, seen = [], set()
        for row in rows:
            if row.lesson_id in seen:
                continue
            seen.add(row.lesson_id)
            day, number, teacher, substitute = facts[row.lesson_id]
            lessons.append({"id": row.lesson_id, "label": row.lesson_label, "date": day, "number": number,
                            "editable": bool(open_period and (admin or self.env.uid in (teacher, substitute)))})
        return {"lessons": lessons, "pupils": self._grid_pupils(rows),
                "cells": [[row.id, row.lesson_id, row.student_id, row.cell] for row in rows]}

    def _grid_pupils(self, rows):
        """The grid's pupils in the rows' order: «Фамилия И.» (the patronymic's
        initial too when two pupils share it), weighted average, absences."""
        absences = {}
        for row in rows:
            absences[row.student_id] = absences.get(row.student_id, 0) + (1 if row.absent else 0)
        self.env.cr.execute("SELECT id, last_name, first_name, middle_name FROM school_student WHERE id IN %s",
                            (tuple(absences),))
        names = {sid: (last, first or "", middle or "") for sid, last, first, middle in self.env.cr.fetchall()}
        short = {sid: "%s %s." % (n[0], n[1][:1]) for sid, n in names.items()}
        shared = {s for s in short.values() if list(short.values()).count(s) > 1}
        for sid, n in names.items():
            if short[sid] in shared and n[2]:
                short[sid] += " %s." % n[2][:1]
        averages = self._grid_averages(list(absences), self.subject_id.id, self.period_id)
        return [{"id": sid, "name": short[sid], "full": " ".join(p for p in names[sid] if p),
                 "average": averages.get(sid, ""), "absences": absences[sid]}
                for sid in sorted(names, key=lambda sid: (names[sid], sid))]

    @api.model
    def _grid_averages(self, student_ids, subject_id, period):
        """{pupil id: «4.50»} over the period's dates (the one SQL calculation)."""
        if not (student_ids and period and subject_id):
            return {}
        averages = self.env["school.grade"]._weighted_averages(
            student_ids, [subject_id], period.date_start, period.date_end)
        return {sid: "%.2f" % value for (sid, _subject), value in averages.items()}

    def _period_open(self):
        """The book's period is open for its class (a period closed for the
        class's grade level only is closed here too)."""
        return self.period_id.state == "open" or (
            self.period_id.state == "partial"
            and self.class_id.grade_level_id not in self.period_id.lock_ids.mapped("grade_level_id"))

    @api.model
    def grid_set_cell(self, row_id, text, period_id=None):
        """One cell of the grid typed («н», «5», «4/5», «о 4» or empty): written
        through the roster's write (the one guard, the change log). Answers the
        cell as stored and the pupil's average and absences in the subject over
        ``period_id`` (the grid's period); a refusal is a Russian error and
        writes nothing (the RPC rolls back)."""
        if not isinstance(row_id, int) or isinstance(row_id, bool):
            raise UserError(_("Journal line not found: it may have been deleted already. Refresh the page."))
        text = text or ""
        if not isinstance(text, str) or len(text) > CELL_MAX_LENGTH:
            raise UserError(_("A cell contains an attendance code and/or up to two grades, for example “abs” or "
                              "“4/5”."))
        self.env.cr.execute("SELECT lesson_id FROM school_attendance WHERE id = %s", (row_id,))
        found = self.env.cr.fetchone()
        if not found:
            raise UserError(_("Journal line not found: it may have been deleted already. Refresh the page."))
        # the guard first: its refusals (a closed period, another teacher's
        # lesson) name the lesson, those of the record rules would not
        self.env["school.journal.guard"]._check([found[0]], SCOPE_ATTENDANCE)
        Attendance = self.env["school.attendance"]
        Attendance.browse(row_id).write({"cell": text})
        row = Attendance._grid_rows([("id", "=", row_id)])[0]
        answer = {"cell": row.cell, "average": "", "absences": None}
        period = self.env["school.period"].browse(period_id) \
            if isinstance(period_id, int) and not isinstance(period_id, bool) else None
        if period and period.exists():
            self.env.cr.execute("SELECT subject_id, class_id FROM school_attendance WHERE id = %s", (row_id,))
            subject_id, class_id = self.env.cr.fetchone()
            pupil_rows = Attendance._grid_rows([
                ("student_id", "=", row.student_id), ("subject_id", "=", subject_id),
                ("class_id", "=", class_id), ("date", ">=", period.date_start), ("date", "<=", period.date_end)])
            answer["absences"] = sum(1 for r in pupil_rows if r.absent)
            answer["average"] = self._grid_averages([row.student_id], subject_id, period).get(row.student_id, "")
        return answer

    def _stored_row_ids(self):
        return tuple(i for i in self.attendance_ids.ids if isinstance(i, int))

    def _average_html(self, rows):
        """The table of the pupils' weighted averages and absences."""
        absences, names = {}, {}
        for row in rows:
            absences[row.student_id] = absences.get(row.student_id, 0) + (1 if row.absent else 0)
            names[row.student_id] = row.student_name
        if not absences or not self.period_id:
            return False
        subject_id = self.subject_id.id
        averages = self.env["school.grade"]._weighted_averages(
            list(absences), [subject_id], self.period_id.date_start, self.period_id.date_end)
        lines = "".join(
            "<tr><td>%s</td><td class='text-right'>%s</td><td class='text-right'>%s</td></tr>"
            % (html_escape(names[sid]), "%.2f" % averages[(sid, subject_id)]
               if (sid, subject_id) in averages else "—", absences[sid])
            for sid in sorted(absences, key=lambda sid: (names[sid], sid)))
        return ("<table class='table table-condensed'><thead><tr><th>%s</th><th class='text-right'>%s</th><th "
                "class='text-right'>%s</th></tr></thead><tbody>%s</tbody></table>"
                % (_("Student"), _("Weighted Average"), _("Absences"), lines))

    def _can_edit(self, rows):
        """The lessons' teacher (or a substitute) or the administrator, in an open period."""
        admin = self.env.user.has_group("school_ejournal.group_school_admin")
        return bool(self._period_open() and (admin or self.env.uid in rows.teacher_ids))

    # Loading the grid: Odoo's generic onchange builds a new record, snapshots
    # every row of the matrix through the ORM and, in onchange mode, recomputes
    # even stored computed fields (every pupil's name), which made «Журнал
    # класса» 17x a no-op RPC (bench/), 12x with the rows alone taken
    # out of it. When the class, subject, subgroup or period change, everything
    # the form shows is fresh from the database anyway: it is answered here
    # from one query of the rows (record rules applied): the grid widget's
    # data, or for RPC clients of «attendance_ids» the same (1, id, values)
    # commands the generic path sends. Edits of cells (field_name
    # «attendance_ids») take the generic path.
    GRID_KEYS = ("class_id", "subject_id", "subgroup_id", "period_id")
    GRID_SUBFIELDS = ("lesson_label", "student_id", "cell")

    def onchange(self, values, field_name, field_onchange):
        names = field_name if isinstance(field_name, list) else [field_name] if field_name else []
        prefix = "attendance_ids."
        subfields = [k[len(prefix):] for k in field_onchange if k.startswith(prefix)]
        if not (names and all(n in self.GRID_KEYS for n in names)
                and set(subfields) <= set(self.GRID_SUBFIELDS)):
            return super(SchoolGradebook, self).onchange(values, field_name, field_onchange)
        return self._grid_onchange(values, names, subfields, field_onchange)

    def _grid_onchange(self, values, names, subfields, field_onchange=None):
        """The onchange answer for a new choice of class, subject, subgroup or period."""
        result = {}
        with self.env.do_in_onchange():
            book = self.new({k: values.get(k) or False for k in self.GRID_KEYS})
            if "class_id" in names:
                period = book.period_id
                book._onchange_class()
                if book.period_id != period:
                    result["period_id"] = self._fields["period_id"].convert_to_onchange(
                        book.period_id, book, {})
        rows = book._grid_rows()
        asked = (lambda name: True) if field_onchange is None else (lambda name: name in field_onchange)
        if asked("grid_data"):  # the form's grid widget
            result["grid_data"] = json.dumps(book._grid_data(rows))
        if asked("average_html"):
            result["average_html"] = book._average_html(rows)
        if asked("can_edit"):
            result["can_edit"] = book._can_edit(rows)
        if not asked("attendance_ids"):
            return {"value": result}
        if set(subfields) == set(self.GRID_SUBFIELDS):  # what RPC clients of the rows ask
            commands = [(5,)] + [(1, row.id, {"cell": row.cell, "lesson_label": row.lesson_label,
                                              "student_id": (row.student_id, row.student_name)}) for row in rows]
        else:
            commands = [(5,)] + [(1, row.id, {name: {"cell": row.cell, "lesson_label": row.lesson_label,
                                                     "student_id": (row.student_id, row.student_name)}[name]
                                              for name in subfields}) for row in rows]
        result["attendance_ids"] = commands
        return {"value": result}

    # The grid's cells are written in batches through the roster's own write.
    @api.model
    def create(self, vals):
        vals = dict(vals)
        commands = vals.pop("attendance_ids", None)
        book = super(SchoolGradebook, self).create(vals)
        book._apply_commands(commands)
        return book

    def write(self, vals):
        vals = dict(vals)
        commands = vals.pop("attendance_ids", None)
        result = super(SchoolGradebook, self).write(vals) if vals else True
        self._apply_commands(commands)
        return result

    def _apply_commands(self, commands):
        if commands is None:
            return
        updates = [c for c in commands if c[0] == 1]
        self.env["school.attendance"]._write_commands(updates)
        for book in self:
            book_rows = book._rows()
            super(SchoolGradebook, book).write({"attendance_ids": [(6, 0, book_rows.ids)]})
