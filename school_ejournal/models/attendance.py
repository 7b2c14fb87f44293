from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.translate import _
from ..tools.attendance_sql import (CURRENT_VALUES_SQL, EXEMPT_ROWS_SQL, GRADES_SQL, INDEX_SQL, LOG_FACTS_SQL,
                                    ROW_CODES_SQL, UPDATE_CODES_SQL)
from ..tools.journal_grid import (KIND_FIELDS, LESSON_TITLES_SQL, PUPILS_SQL, GridRow, GridRows, _kind_tags,
                                  cell_text, grade_changes, grid_sql, parse_cell)
from .grade import LESSON_GRADE_VALUES
from .journal_guard import SCOPE_ATTENDANCE, _format_date

GRADE_FIELDS = ("grade_1", "grade_2", "grade_comment", "grade_1_kind_id", "grade_2_kind_id")
OWN_FIELDS = ("code_id", "comment")


class SchoolAttendance(models.Model):
    """The roster row: one pupil at one lesson, with the attendance mark (empty =
    present) and, through grade_1/grade_2, the lesson's grades. Rows are created
    and removed in SQL by school.lesson._sync_roster from class membership."""
    _name = "school.attendance"
    _inherit = ["school.journal.mixin"]
    _description = "Student in Lesson (Attendance)"
    _order = "date, lesson_number, lesson_id, student_id"
    _rec_name = "student_id"
    _school_create_only_fields = ("lesson_id", "student_id")   # client_gate.py
    # journal_mixin.py: the guard's scope, what the change log keeps
    _journal_scope = SCOPE_ATTENDANCE
    _journal_logged_fields = ("code_id",)
    _journal_main_field = "code_id"
    _journal_snapshot_sql = LOG_FACTS_SQL

    # auto_join: the teacher's record rules («lesson_id.teacher_id») become a join
    # instead of the ids of all his ~1,000 lessons of the year in every query (bench/)
    lesson_id = fields.Many2one("school.lesson", required=True, index=True,
                                ondelete="cascade", auto_join=True)
    student_id = fields.Many2one("school.student", required=True, index=True,
                                 ondelete="cascade")
    code_id = fields.Many2one("school.attendance.code", string="Attendance", ondelete="restrict",
                              index=True, help="Empty — the student was present.")
    comment = fields.Char()
    grade_1 = fields.Selection(LESSON_GRADE_VALUES, compute="_compute_grades",
                               inverse="_inverse_grades")
    grade_2 = fields.Selection(LESSON_GRADE_VALUES, compute="_compute_grades",
                               inverse="_inverse_grades")
    grade_comment = fields.Char(compute="_compute_grades",
                                inverse="_inverse_grades")
    # the kind of work of each mark: its weight in the average (empty: the lesson's kind)
    grade_1_kind_id = fields.Many2one("school.work.kind", string="Kind of Work (Grade 1)",
                                      compute="_compute_grades", inverse="_inverse_grades")
    grade_2_kind_id = fields.Many2one("school.work.kind", string="Kind of Work (Grade 2)",
                                      compute="_compute_grades", inverse="_inverse_grades")
    grade_ids = fields.One2many("school.grade", "attendance_id", string="Grades")
    # Stored copies of the lesson for reports and the grid (filled by the roster SQL too).
    date = fields.Date(related="lesson_id.date", store=True, readonly=True, string="Date", index=True)
    lesson_number = fields.Integer(related="lesson_id.lesson_number", store=True, readonly=True,
                                   string="Lesson No.")
    # the pupil's class on the lesson's date: a teaching group's lesson has pupils of several classes
    class_id = fields.Many2one("school.class", readonly=True, index=True)
    subject_id = fields.Many2one(related="lesson_id.subject_id", store=True, readonly=True,
                                 string="Subject", index=True)
    teacher_id = fields.Many2one(related="lesson_id.teacher_id", store=True, readonly=True,
                                 string="Teacher", index=True)
    period_id = fields.Many2one(related="lesson_id.period_id", store=True, readonly=True,
                                string="Academic Period", index=True)
    # The grid («Журнал класса») shows one text cell per pupil and lesson.
    exempt = fields.Boolean(string="Exempt from the Subject", compute="_compute_exempt",
                            help="The pupil is exempt from the lesson’s subject on its date: no marks are expected.")
    cell = fields.Char(string="Grades", compute="_compute_cell", inverse="_inverse_cell")
    lesson_label = fields.Char(string="Lesson Date", compute="_compute_cell")

    _sql_constraints = [
        ("lesson_student_unique", "unique(lesson_id, student_id)",
         "The student is already on this lesson’s list."),
    ]

    def init(self):
        # The grid and the reports read a class × subject × date range of rows
        # (bench/: a bitmap AND of three single-column indexes before).
        self.env.cr.execute(INDEX_SQL)

    # ------------------------------------------------------------------ computes
    def _compute_grades(self):
        grades = {}
        if self.ids:
            self.env.cr.execute(GRADES_SQL, (tuple(self.ids),))
            for attendance_id, sequence, value, comment, kind_id in self.env.cr.fetchall():
                grades[(attendance_id, sequence)] = (value, comment, kind_id or False)
        for row in self:
            first = grades.get((row.id, 1), (False, False, False))
            second = grades.get((row.id, 2), (False, False, False))
            row.grade_1 = first[0]
            row.grade_2 = second[0]
            row.grade_comment = first[1]
            row.grade_1_kind_id = first[2]
            row.grade_2_kind_id = second[2]

    def _inverse_grades(self):
        """Only reached for records in cache (onchange); real writes go through write()."""

    def _compute_exempt(self):
        real = tuple(row.id for row in self if isinstance(row.id, int))
        exempt = set()
        if real:
            self.env.cr.execute(EXEMPT_ROWS_SQL, (real,))
            exempt = {row[0] for row in self.env.cr.fetchall()}
        for row in self:
            row.exempt = row.id in exempt

    def _compute_cell(self):
        # The grid computes ~1,200 cells at once: one query for the stored rows
        # instead of prefetching every column of every row through the ORM
        # (profiled in bench/); new rows (onchange) from the cache.
        facts = self._grid_cells()
        tags = _kind_tags(self.env.cr)[0] if len(facts) < len(self) else {}
        for row in self:
            if row.id in facts:
                row.cell, row.lesson_label = facts[row.id][:2]
                continue
            lesson_kind = row.lesson_id.work_kind_id
            row.cell = cell_text(row.code_id.code, row.grade_1, row.grade_2,
                                 *[tags.get(kind.id, "") if kind and kind != lesson_kind else ""
                                   for kind in (row.grade_1_kind_id, row.grade_2_kind_id)])
            row.lesson_label = _format_date(row.date)[:5]

    def _grid_cells(self):
        """{row id: (cell, lesson_label, student_id)} of the stored rows."""
        real = [i for i in self.ids if isinstance(i, int)]
        if not real:
            return {}
        return {row.id: (row.cell, row.lesson_label, row.student_id)
                for row in self._grid_rows([("id", "in", real)])}

    @api.model
    def _grid_rows(self, domain):
        """The rows of ``domain`` for the grid («Журнал класса»), in this model's
        order (date, lesson number, lesson, pupil), the user's record rules
        applied: GridRows of GridRow, with the teachers of their lessons."""
        self.check_access_rights("read")
        query = self._where_calc(domain)
        self._apply_ir_rules(query, "read")
        from_clause, where_clause, params = query.get_sql()
        # sorted here, not in SQL (grid_sql)
        self.env.cr.execute(grid_sql(from_clause, where_clause), params)
        fetched = self.env.cr.fetchall()
        if not fetched:
            return GridRows()
        self.env.cr.execute(PUPILS_SQL, (tuple({r[4] for r in fetched}),))
        pupils = {sid: (rank, name) for rank, (sid, name) in enumerate(self.env.cr.fetchall())}
        fetched.sort(key=lambda r: (r[1], r[2], r[3], pupils[r[4]][0]))
        lessons = self._lesson_grid_facts({r[3] for r in fetched})
        tags = _kind_tags(self.env.cr)[0] if any(r[9] or r[10] for r in fetched) else {}
        rows = GridRows(GridRow(row_id, cell_text(code, grade_1, grade_2, tags.get(kind_1, ""), tags.get(kind_2, ""))
                                if code or grade_1 or grade_2 else "",
                                lessons[lesson_id][0], lesson_id, student_id, pupils[student_id][1], absent)
                        for row_id, _day, _number, lesson_id, student_id, code, absent, grade_1, grade_2, kind_1, kind_2
                        in fetched)
        rows.teacher_ids = {uid for facts in lessons.values() for uid in facts[1:] if uid}
        return rows

    @api.model
    def _lesson_grid_facts(self, lesson_ids):
        """{lesson id: (column title, teacher id, substitute id)} in one query. The
        title is «01.09», or «01.09 (1)», «01.09 (2)» when the class (subgroup) has
        two lessons of the subject that day: the matrix widget makes one column per
        title, a shared one would hide a lesson."""
        if not lesson_ids:
            return {}
        self.env.cr.execute(LESSON_TITLES_SQL, (tuple(lesson_ids),))
        return {lesson_id: (_format_date(day)[:5] + (" (%d)" % (before + 1) if double else ""), teacher, substitute)
                for lesson_id, day, before, double, teacher, substitute in self.env.cr.fetchall()}

    def _inverse_cell(self):
        """Only reached for records in cache (onchange); real writes go through write()."""

    # ------------------------------------------------------------------ CRUD
    @api.model
    def create(self, vals):
        vals = dict(vals)
        grade_vals = {k: vals.pop(k) for k in GRADE_FIELDS if k in vals}
        self._journal_guard_new(vals)
        lesson = self.env["school.lesson"].sudo().browse(vals.get("lesson_id"))
        vals["class_id"] = self._check_member(lesson, vals.get("student_id"))
        row = super(SchoolAttendance, self).create(vals)
        if row.code_id:
            row._journal_log("create")
            row._apply_absence_notes()
        if grade_vals:
            row._apply_grades(grade_vals)
        return row

    @api.model
    def _check_member(self, lesson, student_id):
        """The pupil's class on the lesson's date, if he is on its list; else a refusal."""
        members = self.env["school.student.movement"].sudo()._get_membership_on(
            lesson.date, class_ids=(lesson.class_id | lesson.subgroup_id.class_ids).ids, student_ids=[student_id])
        in_subgroup = not lesson.subgroup_id or lesson.subgroup_id._has_member(student_id, lesson.date)
        if members and in_subgroup:
            return members[0][1]
        student = self.env["school.student"].sudo().browse(student_id)
        raise ValidationError(_("Student %(student)s is not enrolled in %(subgroup)s on %(date)s.")
                              % {"student": student.name or "?",
                                 "subgroup": lesson.subgroup_id.display_name if lesson.subgroup_id
                                 else _("class %s") % lesson.class_id.name, "date": _format_date(lesson.date)})

    def write(self, vals):
        vals = dict(vals)
        if "cell" in vals:
            self._cell_to_vals(vals)
        self._drop_unchanged_keys(vals)
        if {"lesson_id", "student_id"} & set(vals):
            raise UserError(_("A journal line cannot be moved to another lesson or another student."))
        grade_vals = {k: vals.pop(k) for k in GRADE_FIELDS if k in vals}
        result = True
        if vals:
            with self._journal_writing(vals):
                result = super(SchoolAttendance, self).write(vals)
            if "code_id" in vals:
                self._apply_absence_notes()
        if grade_vals:
            self._apply_grades(grade_vals)
        return result

    def _drop_unchanged_keys(self, vals):
        """The web client sends a row's lesson and pupil back with every change
        (the grid's y axis): the same value is not a move, only a new one is."""
        for name in ("lesson_id", "student_id"):
            if name in vals and all(row[name].id == (vals[name] or False) for row in self):
                del vals[name]

    def read(self, fields=None, load="_classic_read"):
        # the lesson form's rows show the pupils' names: fetch the names, not every
        # column of every pupil (Odoo's «prefetch_fields» switch; bench/)
        return super(SchoolAttendance, self.with_context(prefetch_fields=False)).read(fields, load)

    def unlink(self):
        if not self:
            return True
        self._journal_guard()
        if self.mapped("grade_ids"):
            self.mapped("grade_ids").unlink()
        self.filtered("code_id")._journal_log("unlink")
        return super(SchoolAttendance, self).unlink()

    @api.model
    @api.model
    def _write_roster(self, lesson, commands):
        """Apply the lesson form's one2many commands on the roster of ``lesson``:
        changed rows in batches (_write_commands), new rows and removals one by one."""
        for command in commands:
            if command[0] == 0:
                self.create(dict(command[2], lesson_id=command[2].get("lesson_id") or lesson.id))
            elif command[0] in (2, 3):
                self.browse(command[1]).unlink()
            elif command[0] == 5:
                raise UserError(_("The lesson’s student list cannot be cleared."))
        self._write_commands([c for c in commands if c[0] == 1])

    def _write_commands(self, commands):
        """Apply (1, id, vals) commands of a form or the grid in few batches: rows
        with the same change are written together (one guard check, one UPDATE,
        one change-log INSERT per batch) instead of one write per row."""
        with self.env["school.journal.guard"]._checks_once():
            return self._write_command_batches(commands)

    @api.model
    def _write_command_batches(self, commands):
        batches = {}
        current = self._current_values([c[1] for c in commands if c[0] == 1 and c[2]])
        for command in commands:
            if command[0] != 1 or not command[2]:
                continue
            vals = dict(command[2])
            if "cell" in vals:
                self.browse(command[1])._cell_to_vals(vals)
            for name, value in vals.items():
                # A form or the grid sends whole rows: what does not change is not
                # written (bench/: a 27-pupil lesson saved ~3x faster).
                if name in current.get(command[1], {}) and \
                        (current[command[1]][name] or False) == (value or False):
                    continue
                key = (name, value if not isinstance(value, (list, dict)) else repr(value))
                batches.setdefault(key, (name, value, []))[2].append(command[1])
        order = {"code_id": 0, "comment": 1, "grade_1": 2, "grade_2": 3, "grade_comment": 4,
                 "grade_1_kind_id": 5, "grade_2_kind_id": 6}
        per_row, codes = {}, {}
        for name, value, ids in sorted(batches.values(), key=lambda b: order.get(b[0], 9)):
            if name == "code_id" and (value is False or isinstance(value, int)):
                codes.update(dict.fromkeys(ids, value))  # all the marks in one UPDATE
                continue
            if name in GRADE_FIELDS:
                for row_id in ids:  # the grades of all rows together, after the marks
                    per_row.setdefault(row_id, {})[name] = value
                continue
            self.browse(ids).write({name: value})
        if codes:
            self._write_codes(codes)
        if per_row:
            self.browse(list(per_row))._apply_grade_rows(per_row)
        return True

    @api.model
    def _write_codes(self, codes):
        """Set the attendance marks of many rows at once, ``codes`` = {row id: code
        id or False} (the lesson form and the grid): what write({"code_id": c})
        does for each — the one write guard, the access rules, the change log —
        with one check, one UPDATE and one change-log INSERT for all of them
        (bench/: one ORM write per distinct mark before)."""
        rows = self.browse(list(codes))
        wanted = {c for c in codes.values() if c}
        if wanted:
            self.env.cr.execute("SELECT id FROM school_attendance_code WHERE id IN %s", (tuple(wanted),))
            if len(self.env.cr.fetchall()) != len(wanted):
                raise ValidationError(_("No such attendance code."))
        self.env.cr.execute(ROW_CODES_SQL, (tuple(rows.ids),))
        found = self.env.cr.fetchall()
        if len(found) != len(rows):
            raise UserError(_("Journal line not found: it may have been deleted already. Refresh the page."))
        self._journal_guard({r[1] for r in found})
        rows._journal_check_fields({"code_id": next(iter(codes.values()))})
        rows.check_access_rights("write")
        rows.check_access_rule("write")
        ids = list(codes)
        self.env.cr.execute(UPDATE_CODES_SQL, (self.env.uid, ids, [codes[i] or None for i in ids]))
        rows.invalidate_cache(["code_id", "write_uid", "write_date"], rows.ids)
        rows._journal_log("write", {r[0]: {"code_id": r[2]} for r in found})
        rows._apply_absence_notes()
        return True

    def _apply_absence_notes(self):
        """An «н» on a day a confirmed справка of the pupil covers becomes the
        справка's code at once, by the same user and path (logged as a second
        change): the справка is already checked, the teacher cannot know of it."""
        codes = self.env["school.absence.note"]._codes_for(self.ids)
        if codes:
            self._write_codes(codes)

    @api.model
    def _current_values(self, row_ids):
        """{row id: {field: stored value}} of the fields a form or the grid sends,
        in one query (rows the user cannot see are simply absent: their write
        goes through the ORM's checks as before)."""
        row_ids = [i for i in row_ids if isinstance(i, int)]
        if not row_ids:
            return {}
        visible = set(self.search([("id", "in", row_ids)], order="id").ids)
        if not visible:
            return {}
        self.env.cr.execute(CURRENT_VALUES_SQL, (tuple(visible),))
        return {r[0]: {"code_id": r[1], "comment": r[2], "grade_1": r[3], "grade_2": r[4], "grade_comment": r[5],
                       "lesson_id": r[6], "student_id": r[7], "grade_1_kind_id": r[8], "grade_2_kind_id": r[9]}
                for r in self.env.cr.fetchall()}

    # ------------------------------------------------------------------ grades
    def _apply_grades(self, grade_vals):
        """Create, change or delete the grades behind grade_1/grade_2/grade_comment
        of these rows (the same values for every row)."""
        return self._apply_grade_rows({row.id: grade_vals for row in self})

    def _apply_grade_rows(self, per_row):
        """Create, change or delete the grades behind grade_1/grade_2/grade_comment,
        ``per_row`` = {row id: {field: value}}, in batches: one guard check, one
        search, one UPDATE of changed values (school.grade._write_values), one
        INSERT of new grades, one unlink."""
        Grade = self.env["school.grade"]
        rows = self.browse(list(per_row))
        # the rows' lessons and pupils, and the slots of their grades, in SQL
        # (not a prefetch of every column of the rows and the grades)
        self.env.cr.execute("SELECT id, lesson_id, student_id FROM school_attendance WHERE id IN %s",
                            (tuple(rows.ids),))
        facts = {r[0]: r[1:] for r in self.env.cr.fetchall()}
        if len(facts) != len(rows):
            raise UserError(_("Journal line not found: it may have been deleted already. Refresh the page."))
        Grade._journal_guard({f[0] for f in facts.values()})
        existing = Grade.search([("attendance_id", "in", rows.ids)], order="id")  # the user's record rules
        by_slot = {}
        if existing:
            self.env.cr.execute("SELECT id, attendance_id, sequence, value, work_kind_id FROM school_grade "
                                "WHERE id IN %s", (tuple(existing.ids),))
            by_slot = {(row_id, sequence): (grade_id, value, kind_id)
                       for grade_id, row_id, sequence, value, kind_id in self.env.cr.fetchall()}
        lesson_kinds = {}
        if any(KIND_FIELDS[n] in vals for vals in per_row.values() for n in (1, 2)):
            self.env.cr.execute("SELECT id, work_kind_id FROM school_lesson WHERE id IN %s",
                                (tuple({f[0] for f in facts.values()}),))
            lesson_kinds = dict(self.env.cr.fetchall())
        for sequence, name in ((1, "grade_1"), (2, "grade_2")):
            to_unlink, changes, to_create, kinds = grade_changes(
                rows.ids, per_row, by_slot, facts, lesson_kinds, sequence, name, Grade._check_value)
            Grade.browse(to_unlink).unlink()
            Grade._write_values(changes)
            for kind, grade_ids in kinds.items():
                Grade.browse(grade_ids).write({"work_kind_id": kind})
            Grade._create_batch(to_create)
        comments = {}
        for row_id in rows.ids:
            if "grade_comment" in per_row[row_id]:
                comments.setdefault(per_row[row_id]["grade_comment"] or False, []).append(row_id)
        if comments:
            self.env.cr.execute("SELECT attendance_id, id FROM school_grade WHERE attendance_id IN %s AND sequence = 1",
                                (tuple(rows.ids),))
            firsts_of = dict(self.env.cr.fetchall())
        for comment, comment_rows in comments.items():
            firsts = Grade.browse([firsts_of[row_id] for row_id in comment_rows if row_id in firsts_of])
            if comment and len(firsts) < len(comment_rows):
                raise ValidationError(_("A grade comment can only be left together with a grade."))
            if firsts:
                firsts.write({"comment": comment})
        self.invalidate_cache(["grade_1", "grade_2", "grade_comment", "grade_1_kind_id", "grade_2_kind_id", "cell"],
                              rows.ids)

    # ------------------------------------------------------------------ grid cell
    def _cell_to_vals(self, vals):
        """Turn the grid's text (e.g. «н», «5», «4/5», «о 5») into code_id and
        grade_1/grade_2, keeping only what really changes for this row."""
        text = (vals.pop("cell") or "").strip().lower()
        codes = {c.code.lower(): c.id for c in self.env["school.attendance.code"].search([])}
        code_id, grades, tags = parse_cell(text, codes, lambda: _kind_tags(self.env.cr)[1])
        if len(grades) > 2:
            raise ValidationError(_("A student can receive no more than two grades in one lesson."))
        for row in self:
            if row.code_id.id != code_id:
                vals["code_id"] = code_id
            if (row.grade_1 or False) != (grades[0] if grades else False):
                vals["grade_1"] = grades[0] if grades else False
            if (row.grade_2 or False) != (grades[1] if len(grades) > 1 else False):
                vals["grade_2"] = grades[1] if len(grades) > 1 else False
            for index, name in enumerate(("grade_1_kind_id", "grade_2_kind_id")):
                if index < len(grades):
                    wanted = tags[index] or row.lesson_id.work_kind_id.id or False
                    if row[name].id != wanted:
                        vals[name] = wanted
        return vals
