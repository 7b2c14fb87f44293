from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.translate import _
from ..models.journal_guard import _format_date

# columns of the day view: lesson numbers 1..8 (a school day has at most 8 lessons)
MAX_LESSONS = 8
ILL_CODE = "б"
NOTE_CODES = [("б", "Illness (ill)"), ("у", "Valid Reason (exc)")]



def _class_lessons(school_class):
    """The domain of the class's lessons: its own and those of the teaching groups drawing on it."""
    return ["|", ("class_id", "=", school_class.id), ("subgroup_id.class_ids", "=", school_class.id)]

class SchoolClassDay(models.TransientModel):
    """«День класса»: the class teacher's day of his class — the lessons of the
    day as columns, the pupils as rows with their attendance codes; a row's
    «Болел весь день» and «По справке…» write the codes through the roster rows
    (school.attendance._write_codes: the one write guard, the record rules, the
    change log), so a closed period or another class is refused as everywhere."""
    _name = "school.class.day"
    _description = "Class Day"

    class_id = fields.Many2one("school.class", required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    line_ids = fields.One2many("school.class.day.line", "day_id", string="Students")
    lessons_text = fields.Text(string="Day’s Lessons", compute="_compute_lessons")
    for _number in range(1, MAX_LESSONS + 1):
        locals()["has_lesson_%d" % _number] = fields.Boolean(string="Has Lesson %d" % _number,
                                                              compute="_compute_lessons")
    del _number

    @api.model
    def _default_class(self):
        Class = self.env["school.class"]
        mine = Class.search([("class_teacher_id", "=", self.env.uid)], order="id desc", limit=1)
        if not mine and self.env.user.has_group("school_ejournal.group_school_admin"):
            # the school admin keeps every class: the first one of the current year
            today = fields.Date.context_today(self)
            mine = Class.search([("academic_year_id.date_start", "<=", today),
                                 ("academic_year_id.date_end", ">=", today)], order="name", limit=1)
        return mine

    @api.model
    def action_open(self):
        """The menu: today's day of the user's class, saved, so that a row's
        buttons act at once (no unsaved form in between)."""
        school_class = self._default_class()
        if not school_class:
            raise UserError(_("You are not the class teacher of any class: the class day is opened by the class "
                              "teacher."))
        day = self.create({"class_id": school_class.id})
        return day._action()

    def _action(self):
        return {"type": "ir.actions.act_window", "name": _("Class Day"), "res_model": self._name,
                "res_id": self.id, "view_mode": "form", "target": "current"}

    @api.model
    def create(self, vals):
        day = super(SchoolClassDay, self).create(vals)
        day._fill_lines()
        return day

    def write(self, vals):
        result = super(SchoolClassDay, self).write(vals)
        if {"class_id", "date"} & set(vals):
            self._fill_lines()
        return result

    def _fill_lines(self):
        """One row per pupil of the class on the day (class membership from movements)."""
        for day in self:
            pupils = day.class_id.sudo()._get_roster(day.date) if day.class_id and day.date else []
            # the wizard's own rows, rebuilt as its user
            day.line_ids.unlink()
            for pupil in pupils:
                self.env["school.class.day.line"].create({"day_id": day.id, "student_id": pupil.id})

    def _lessons(self):
        """The class's lessons of the day the user may read, by number."""
        self.ensure_one()
        if not (self.class_id and self.date):
            return self.env["school.lesson"]
        return self.env["school.lesson"].search(
            _class_lessons(self.class_id) + [("date", "=", self.date)], order="lesson_number, id")

    @api.depends("class_id", "date")
    def _compute_lessons(self):
        for day in self:
            lessons = day._lessons()
            numbers = set(lessons.mapped("lesson_number"))
            for number in range(1, MAX_LESSONS + 1):
                day["has_lesson_%d" % number] = number in numbers
            day.lessons_text = "\n".join(
                "%s. %s%s — %s" % (lesson.lesson_number, lesson.subject_id.name,
                                   " (%s)" % lesson.subgroup_id.name if lesson.subgroup_id else "",
                                   (lesson.substitute_teacher_id or lesson.teacher_id).name or "")
                for lesson in lessons) or _("The class has no lessons on this day.")

    # ------------------------------------------------------------------ writing
    def _mark(self, student, date_from, date_to, code):
        """Set ``code`` on the pupil's roster rows of this class from ``date_from``
        to ``date_to``; rows with a mark stay (a pupil with a mark was there).
        Returns the number of lessons marked."""
        self.ensure_one()
        code_rec = self.env["school.attendance.code"].search([("code", "=", code)], limit=1)
        if not code_rec:
            raise UserError(_("The journal settings have no attendance code “%s”.") % code)
        rows = self.env["school.attendance"].search([
            ("student_id", "=", student.id), ("class_id", "=", self.class_id.id),
            ("date", ">=", date_from), ("date", "<=", date_to), ("grade_ids", "=", False),
            ("lesson_id.cancelled", "=", False)])  # a cancelled lesson keeps no attendance
        if not rows:
            raise UserError(_("Student %(student)s has no lessons without grades in %(class)s from %(date_from)s "
                              "to %(date_to)s.")
                            % {"student": student.name, "class": self.class_id.name,
                               "date_from": _format_date(date_from), "date_to": _format_date(date_to)})
        todo = rows.filtered(lambda r: r.code_id != code_rec)
        if todo:
            self.env["school.attendance"]._write_codes(dict.fromkeys(todo.ids, code_rec.id))
        return len(rows)


class SchoolClassDayLine(models.TransientModel):
    """A pupil's row of «День класса»: his codes per lesson number of the day,
    and his note («по справке с … по …»)."""
    _name = "school.class.day.line"
    _description = "Student in Class Day"
    _order = "id"

    day_id = fields.Many2one("school.class.day", string="Class Day", required=True, ondelete="cascade")
    student_id = fields.Many2one("school.student", required=True, ondelete="cascade")
    absent_count = fields.Integer(string="Number of Attendance Marks", compute="_compute_cells")
    for _number in range(1, MAX_LESSONS + 1):
        locals()["lesson_%d" % _number] = fields.Char(string="%d" % _number, compute="_compute_cells")
    del _number
    note_date_from = fields.Date(string="From")
    note_date_to = fields.Date(string="To")
    note_code = fields.Selection(NOTE_CODES, string="Reason", default=ILL_CODE)

    @api.depends("day_id.date", "day_id.class_id", "student_id")
    def _compute_cells(self):
        """The codes of all rows in one read of the roster (the user's rights):
        «б», «н»… an absence, empty = present, «—» not on that lesson's list."""
        days = self.mapped("day_id")
        cells = {}
        for day in days:
            lines = self.filtered(lambda l: l.day_id == day)
            if not (day.class_id and day.date):
                continue
            for row in self.env["school.attendance"].search_read(
                    [("class_id", "=", day.class_id.id), ("date", "=", day.date),
                     ("student_id", "in", lines.mapped("student_id").ids)],
                    ["student_id", "lesson_number", "code_id"]):
                key = (day.id, row["student_id"][0], row["lesson_number"])
                code = row["code_id"][1] if row["code_id"] else ""
                cells[key] = " ".join(c for c in (cells.get(key), code) if c) if key in cells else code
            numbers = {n for (_day, _pupil, n) in cells if _day == day.id}
            day_cells = {key: value for key, value in cells.items() if key[0] == day.id}
            for line in lines:
                absent = 0
                for number in range(1, MAX_LESSONS + 1):
                    key = (day.id, line.student_id.id, number)
                    value = day_cells.get(key, "—" if number in numbers else "")
                    line["lesson_%d" % number] = value
                    absent += bool(day_cells.get(key))
                line.absent_count = absent

    def action_ill_all_day(self):
        """«Болел весь день»: «б» on every lesson of the day."""
        self.ensure_one()
        self.day_id._mark(self.student_id, self.day_id.date, self.day_id.date, ILL_CODE)
        # nothing to open: the web client reloads the day

    def action_open_note(self):
        """«По справке…»: the row's note in a dialog, from the day on."""
        self.ensure_one()
        self.write({"note_date_from": self.day_id.date, "note_date_to": self.day_id.date, "note_code": ILL_CODE})
        return {"type": "ir.actions.act_window", "name": _("Per medical note: %s") % self.student_id.name,
                "res_model": self._name, "res_id": self.id, "view_mode": "form", "target": "new",
                "views": [(self.env.ref("school_ejournal.view_school_class_day_note_form").id, "form")]}

    def action_apply_note(self):
        """«Отметить»: the code of the note on every lesson from … to …."""
        self.ensure_one()
        date_from = self.note_date_from or self.day_id.date
        date_to = self.note_date_to or self.day_id.date
        if date_from > date_to:
            raise UserError(_("Date “from” is later than date “to”."))
        self.day_id._mark(self.student_id, date_from, date_to, self.note_code or ILL_CODE)
        return {"type": "ir.actions.act_window_close"}
