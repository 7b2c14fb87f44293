from odoo import _, api, fields, models
from odoo.tools import html_escape

from ..models.attendance import GridRows
from ..models.grade import weighted_average  # noqa: F401  (the Python twin, see models/grade.py)


class SchoolGradebook(models.TransientModel):
    """«Журнал класса»: one class × subject × period as pupils × lessons. The cells
    are the roster rows themselves (school.attendance, shown by the OCA matrix
    widget with x = lesson, y = pupil, value = the text cell «н 5/4»), so what the
    grid saves goes through the same write guard and change log as the lesson form."""
    _name = "school.gradebook"
    _description = "Журнал класса"

    class_id = fields.Many2one("school.class", string="Класс", required=True)
    subject_id = fields.Many2one("school.subject", string="Предмет", required=True)
    subgroup_id = fields.Many2one("school.class.subgroup", string="Подгруппа",
                                  domain="[('class_id', '=', class_id)]")
    period_id = fields.Many2one("school.period", string="Период", required=True)
    attendance_ids = fields.Many2many("school.attendance", "school_gradebook_attendance_rel",
                                      "gradebook_id", "attendance_id", string="Журнал")
    average_html = fields.Html(string="Средний балл", compute="_compute_averages", sanitize=False)
    can_edit = fields.Boolean(string="Можно редактировать", compute="_compute_can_edit")

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
        domain = [("class_id", "=", self.class_id.id), ("subject_id", "=", self.subject_id.id),
                  ("date", ">=", self.period_id.date_start), ("date", "<=", self.period_id.date_end)]
        if self.subgroup_id:
            domain.append(("lesson_id.subgroup_id", "=", self.subgroup_id.id))
        return domain

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
        return ("<table class='table table-condensed'><thead><tr><th>%s</th>"
                "<th class='text-right'>%s</th><th class='text-right'>%s</th></tr>"
                "</thead><tbody>%s</tbody></table>"
                % (_("Ученик"), _("Средневзвешенный балл"), _("Пропуски"), lines))

    def _can_edit(self, rows):
        """The lessons' teacher (or a substitute) or the administrator, in an open period."""
        teachers = rows.teacher_ids
        # a period closed for this class's grade level only is closed here too
        open_period = self.period_id.state == "open" or (
            self.period_id.state == "partial"
            and self.class_id.grade_level_id not in self.period_id.lock_ids.mapped("grade_level_id"))
        admin = self.env.user.has_group("school_ejournal.group_school_admin")
        return bool(open_period and (admin or self.env.uid in teachers))

    # Loading the grid: Odoo's generic onchange builds a new record, snapshots
    # every row of the matrix through the ORM and, in onchange mode, recomputes
    # even stored computed fields (every pupil's name), which made «Журнал
    # класса» 17x a no-op RPC (bench/, issue 9), 12x with the rows alone taken
    # out of it. When the class, subject, subgroup or period change, everything
    # the form shows is fresh from the database anyway: it is answered here
    # from one query of the rows (record rules applied), with the same
    # (1, id, values) commands the generic path sends. Edits of cells
    # (field_name «attendance_ids») take the generic path.
    GRID_KEYS = ("class_id", "subject_id", "subgroup_id", "period_id")
    GRID_SUBFIELDS = ("lesson_label", "student_id", "cell")

    def onchange(self, values, field_name, field_onchange):
        names = field_name if isinstance(field_name, list) else [field_name] if field_name else []
        prefix = "attendance_ids."
        subfields = [k[len(prefix):] for k in field_onchange if k.startswith(prefix)]
        if not (names and all(n in self.GRID_KEYS for n in names)
                and set(subfields) <= set(self.GRID_SUBFIELDS)):
            return super(SchoolGradebook, self).onchange(values, field_name, field_onchange)
        return self._grid_onchange(values, names, subfields)

    def _grid_onchange(self, values, names, subfields):
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
        if set(subfields) == set(self.GRID_SUBFIELDS):  # what the form asks
            commands = [(5,)] + [(1, row.id, {"cell": row.cell, "lesson_label": row.lesson_label,
                                              "student_id": (row.student_id, row.student_name)}) for row in rows]
        else:
            commands = [(5,)] + [(1, row.id, {name: {"cell": row.cell, "lesson_label": row.lesson_label,
                                                     "student_id": (row.student_id, row.student_name)}[name]
                                              for name in subfields}) for row in rows]
        result.update(attendance_ids=commands, average_html=book._average_html(rows),
                      can_edit=book._can_edit(rows))
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

    def action_save(self):
        """The form saves itself before calling a button: reopen with fresh averages."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
            "view_mode": "form", "target": "current", "name": _("Журнал класса"),
        }
