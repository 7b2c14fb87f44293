from odoo import _, api, fields, models
from odoo.tools import html_escape

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

    def _rows(self):
        if not (self.class_id and self.subject_id and self.period_id):
            return self.env["school.attendance"]
        domain = [("class_id", "=", self.class_id.id), ("subject_id", "=", self.subject_id.id),
                  ("date", ">=", self.period_id.date_start), ("date", "<=", self.period_id.date_end)]
        if self.subgroup_id:
            domain.append(("lesson_id.subgroup_id", "=", self.subgroup_id.id))
        return self.env["school.attendance"].search(domain)

    @api.depends("attendance_ids", "period_id", "subject_id")
    def _compute_averages(self):
        for book in self:
            # pupils and absences of the grid's rows in one query (not ~1,200 ORM reads)
            row_ids = tuple(i for i in book.attendance_ids.ids if isinstance(i, int))
            absences = {}
            if row_ids:
                self.env.cr.execute("""
                    SELECT a.student_id, count(*) FILTER (WHERE c.counts_as_absence)
                      FROM school_attendance a LEFT JOIN school_attendance_code c ON c.id = a.code_id
                     WHERE a.id IN %s GROUP BY a.student_id
                """, (row_ids,))
                absences = dict(self.env.cr.fetchall())
            students = self.env["school.student"].browse(sorted(absences))
            if not students or not book.period_id:
                book.average_html = False
                continue
            averages = self.env["school.grade"]._weighted_averages(
                students.ids, [book.subject_id.id], book.period_id.date_start, book.period_id.date_end)
            lines = "".join(
                "<tr><td>%s</td><td class='text-right'>%s</td><td class='text-right'>%s</td></tr>"
                % (html_escape(s.name), "%.2f" % averages[(s.id, book.subject_id.id)]
                   if (s.id, book.subject_id.id) in averages else "—", absences.get(s.id, 0))
                for s in students.sorted("name"))
            book.average_html = ("<table class='table table-condensed'><thead><tr><th>%s</th>"
                                 "<th class='text-right'>%s</th><th class='text-right'>%s</th></tr>"
                                 "</thead><tbody>%s</tbody></table>"
                                 % (_("Ученик"), _("Средневзвешенный балл"), _("Пропуски"), lines))

    def _compute_can_edit(self):
        admin = self.env.user.has_group("school_ejournal.group_school_admin")
        for book in self:
            row_ids = tuple(i for i in book.attendance_ids.ids if isinstance(i, int))
            teachers = set()
            if row_ids:  # the lessons' teachers in one query (not ~1,200 ORM reads)
                self.env.cr.execute("""
                    SELECT DISTINCT l.teacher_id, l.substitute_teacher_id
                      FROM school_lesson l JOIN school_attendance a ON a.lesson_id = l.id
                     WHERE a.id IN %s
                """, (row_ids,))
                teachers = {uid for pair in self.env.cr.fetchall() for uid in pair if uid}
            # a period closed for this class's grade level only is closed here too
            open_period = book.period_id.state == "open" or (
                book.period_id.state == "partial"
                and book.class_id.grade_level_id not in book.period_id.lock_ids.mapped("grade_level_id"))
            book.can_edit = open_period and (admin or self.env.uid in teachers)

    # Loading the grid: Odoo's generic onchange snapshots every row of the
    # matrix through the ORM (a full prefetch of ~1,200 roster rows, twice),
    # which made «Журнал класса» 17x a no-op RPC (bench/, issue 9). When the
    # class, subject, subgroup or period change, the rows are fresh from the
    # database anyway: the generic onchange runs without the rows' subfields and
    # the rows are filled in here from one query, as the same (1, id, values)
    # commands. Edits of cells (field_name «attendance_ids») take the generic path.
    GRID_KEYS = ("class_id", "subject_id", "subgroup_id", "period_id")
    GRID_SUBFIELDS = ("lesson_label", "student_id", "cell")

    def onchange(self, values, field_name, field_onchange):
        names = field_name if isinstance(field_name, list) else [field_name]
        prefix = "attendance_ids."
        subfields = [k[len(prefix):] for k in field_onchange if k.startswith(prefix)]
        if not (subfields and names and all(n in self.GRID_KEYS for n in names)
                and set(subfields) <= set(self.GRID_SUBFIELDS)):
            return super(SchoolGradebook, self).onchange(values, field_name, field_onchange)
        spec = {k: v for k, v in field_onchange.items() if not k.startswith(prefix)}
        result = super(SchoolGradebook, self).onchange(values, field_name, spec)
        commands = result.get("value", {}).get("attendance_ids")
        if commands:
            ids = [c[1] for c in commands if c[0] in (1, 4)]
            if len(ids) == len(commands) - 1:  # (5,) then the rows, all stored
                cells = self.env["school.attendance"].browse(ids)._grid_cells()
                names = dict(self.env["school.student"].browse({c[2] for c in cells.values()}).name_get())
                rows = [(5,)]
                for row_id in ids:
                    cell, label, student_id = cells[row_id]
                    full = {"cell": cell, "lesson_label": label, "student_id": (student_id, names[student_id])}
                    rows.append((1, row_id, {name: full[name] for name in subfields}))
                result["value"]["attendance_ids"] = rows
        return result

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
