from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.translate import _
from ..tools.grading import GRADE_LABELS, GRADE_VALUES, NUMERIC
from .journal_guard import SCOPE_GRADE, _format_date

# «н/а» and «осв.» are results of a period, never a mark at a lesson.
PERIOD_ONLY_VALUES = ("na", "osv")
LESSON_GRADE_VALUES = [(key, label) for key, label in GRADE_VALUES if key not in PERIOD_ONLY_VALUES]
# What the change log keeps of the grades %s (journal_mixin.py).
LOG_FACTS_SQL = """
            SELECT g.id, g.lesson_id, g.student_id, g.date, g.value, coalesce(k.name, ''), coalesce(g.comment, '')
              FROM school_grade g LEFT JOIN school_work_kind k ON k.id = g.work_kind_id
             WHERE g.id IN %s
        """


class SchoolGrade(models.Model):
    """A grade of one pupil at one lesson; at most two per pupil and lesson."""
    _name = "school.grade"
    _inherit = ["school.journal.mixin"]
    _description = "Grade"
    _order = "date, lesson_id, student_id, sequence"
    _rec_name = "value"
    # client_gate.py: weight and numeric_value (readonly) are the server's; a
    # grade stays on its lesson and pupil
    _school_create_only_fields = ("lesson_id", "student_id", "attendance_id", "sequence")
    # journal_mixin.py: the guard's scope, what the change log keeps
    _journal_scope = SCOPE_GRADE
    _journal_logged_fields = ("value", "work_kind_id", "comment")
    _journal_main_field = "value"
    _journal_snapshot_sql = LOG_FACTS_SQL

    # auto_join: the teacher's record rules («lesson_id.teacher_id») become a join
    # instead of the ids of all his ~1,000 lessons of the year in every query (bench/)
    lesson_id = fields.Many2one("school.lesson", required=True, index=True,
                                ondelete="cascade", auto_join=True)
    student_id = fields.Many2one("school.student", required=True, index=True,
                                 ondelete="cascade")
    attendance_id = fields.Many2one("school.attendance", string="Journal Line", required=True,
                                    index=True, ondelete="restrict",
                                    help="Student in the lesson list: a grade can only be given to a student "
                                         "enrolled in the class (subgroup) on the lesson date.")
    # _check_value says which marks are allowed (the input guard leaves it that)
    _input_own_checks = ("value",)

    value = fields.Selection(LESSON_GRADE_VALUES, string="Grade", required=True)
    numeric_value = fields.Float(string="Score", readonly=True, digits=(2, 0),
                                 help="Empty for “pass”, “fail”, “n/a”, “exempt”.")
    work_kind_id = fields.Many2one("school.work.kind", string="Kind of Work", ondelete="restrict")
    weight = fields.Float(readonly=True, digits=(4, 2),
                          help="Weight of the kind of work at the time the grade was given.")
    comment = fields.Char()
    sequence = fields.Integer(string="Grade No.", required=True, default=1)
    date = fields.Date(related="lesson_id.date", store=True, readonly=True, string="Date", index=True)
    subject_id = fields.Many2one(related="lesson_id.subject_id", store=True, readonly=True,
                                 string="Subject", index=True)
    class_id = fields.Many2one(related="attendance_id.class_id", store=True, readonly=True, string="Class")
    period_id = fields.Many2one(related="lesson_id.period_id", store=True, readonly=True,
                                string="Academic Period", index=True)

    _sql_constraints = [
        ("slot_unique", "unique(lesson_id, student_id, sequence)",
         "The student already has a grade with this number in the lesson."),
        ("two_per_lesson", "check(sequence IN (1, 2))",
         "A student can receive no more than two grades in one lesson."),
    ]

    def name_get(self):
        # the mark as the journal writes it («н/а», not its key), whose and when
        return [(r.id, "%s: %s, %s" % (GRADE_LABELS.get(r.value, ""), r.student_id.name or "", _format_date(r.date)))
                for r in self]

    def init(self):
        # Averages read a few pupils' grades of one subject over a period (the
        # grid, the diary, period grades): a bitmap AND of three single-column
        # indexes before (bench/).
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS school_grade_student_subject_date_index
                ON school_grade (student_id, subject_id, date)
        """)

    # ------------------------------------------------------------------ checks
    @api.model
    def _check_value(self, value):
        if value in PERIOD_ONLY_VALUES:
            raise ValidationError(_("“%s” is given only for a period (quarter, half-year, year), not in a "
                                    "lesson. Allowed in a lesson: 1–5, “pass”, “fail”.") % GRADE_LABELS[value])
        if value not in GRADE_LABELS:
            raise ValidationError(_("Invalid grade “%s”. Allowed: 1–5, “pass”, “fail”.") % (value,))

    @api.model
    def _check_marks_allowed(self, lesson_ids):
        """Lessons of a grade level without marks (безотметочное обучение, the
        first grade) take no marks 1–5: one query for all of ``lesson_ids``."""
        if not lesson_ids:
            return
        self.env.cr.execute("""
            SELECT gl.name FROM school_lesson l
              JOIN school_class c ON c.id = l.class_id
              JOIN school_grade_level gl ON gl.id = c.grade_level_id
             WHERE l.id IN %s AND NOT coalesce(gl.marks_used, false) LIMIT 1
        """, (tuple(set(lesson_ids)),))
        row = self.env.cr.fetchone()
        if row:
            raise ValidationError(_("Grade level “%s” is taught without grades: grades 1–5 are not given in "
                                    "lessons.") % row[0])

    @api.model
    def _prepare_create(self, vals):
        """Complete and validate ``vals`` for one new grade (raises in Russian)."""
        vals = dict(vals)
        lesson = self.env["school.lesson"].browse(vals.get("lesson_id")).sudo()
        if not lesson.exists():
            raise ValidationError(_("A grade must belong to a lesson."))
        self._check_value(vals.get("value"))
        if vals.get("value") in NUMERIC:
            self._check_marks_allowed(lesson.ids)
        attendance = self.env["school.attendance"].sudo()
        if vals.get("attendance_id"):
            attendance = attendance.browse(vals["attendance_id"])
            vals.setdefault("student_id", attendance.student_id.id)
            if attendance.lesson_id != lesson or attendance.student_id.id != vals["student_id"]:
                raise ValidationError(_("The journal line does not match the lesson and student of the grade."))
        else:
            attendance = attendance.search([("lesson_id", "=", lesson.id),
                                            ("student_id", "=", vals.get("student_id"))], limit=1)
            if not attendance:
                student = self.env["school.student"].sudo().browse(vals.get("student_id"))
                raise ValidationError(
                    _("Student %(student)s is not enrolled in %(subgroup)s on %(date)s: they cannot be given a "
                      "grade in this lesson.")
                    % {"student": student.name or "?", "subgroup": lesson.subgroup_id.display_name if lesson.subgroup_id
                       else _("class %s") % lesson.class_id.name, "date": _format_date(lesson.date)})
            vals["attendance_id"] = attendance.id
        if not vals.get("sequence"):
            self.env.cr.execute("SELECT sequence FROM school_grade WHERE lesson_id = %s AND student_id = %s",
                                (lesson.id, vals["student_id"]))
            taken = {r[0] for r in self.env.cr.fetchall()}
            free = [n for n in (1, 2) if n not in taken]
            if not free:
                raise ValidationError(_("Student %(student)s already has two grades for lesson %(lesson)s: a "
                                        "third one cannot be given. Correct one of the existing grades.")
                                      % {"student": attendance.student_id.name, "lesson": lesson.name})
            vals["sequence"] = free[0]
        elif vals["sequence"] not in (1, 2):
            raise ValidationError(_("A student can receive no more than two grades in one lesson."))
        if "work_kind_id" not in vals:
            vals["work_kind_id"] = lesson.work_kind_id.id
        kind = self.env["school.work.kind"].sudo().browse(vals.get("work_kind_id"))
        vals["weight"] = kind.weight if kind else 1.0
        vals["numeric_value"] = NUMERIC.get(vals["value"], False)
        return vals

    # ------------------------------------------------------------------ CRUD
    @api.model
    def create(self, vals):
        self._journal_guard_new(vals)
        vals = self._prepare_create(vals)
        grade = super(SchoolGrade, self).create(vals)
        grade._null_non_numeric()
        grade._journal_log("create")
        return grade

    @api.model
    def _create_batch(self, vals_list):
        """Create many grades of the roster in one INSERT (the lesson form and the
        grid): one guard check, the same validation as create(), the stored copies
        of the lesson filled from it as the ORM's related fields would, one
        change-log INSERT. Each vals has lesson_id, student_id, attendance_id,
        sequence (free slot, checked by the SQL constraint) and value."""
        if not vals_list:
            return self.browse()
        lesson_ids = list({v["lesson_id"] for v in vals_list})
        self._journal_guard(lesson_ids)
        self._journal_check_fields({name: value for vals in vals_list for name, value in vals.items()}, creating=True)
        # the lessons' kind of work and its weight (no prefetch of the lessons)
        self.env.cr.execute("""
            SELECT l.id, l.work_kind_id, CASE WHEN k.id IS NULL THEN 1.0 ELSE k.weight END
              FROM school_lesson l LEFT JOIN school_work_kind k ON k.id = l.work_kind_id
             WHERE l.id IN %s
        """, (tuple(lesson_ids),))
        kind_of = {lesson_id: (kind_id, weight) for lesson_id, kind_id, weight in self.env.cr.fetchall()}
        # a mark of another kind of work than the lesson's (an oral answer at a control work)
        chosen = {v["work_kind_id"] for v in vals_list if v.get("work_kind_id")}
        weight_of = {}
        if chosen:
            self.env.cr.execute("SELECT id, weight FROM school_work_kind WHERE id IN %s", (tuple(chosen),))
            weight_of = dict(self.env.cr.fetchall())
            if len(weight_of) != len(chosen):
                raise ValidationError(_("No such kind of work."))
        self._check_marks_allowed([v["lesson_id"] for v in vals_list if v["value"] in NUMERIC])
        rows = []
        for vals in vals_list:
            self._check_value(vals["value"])
            if vals["sequence"] not in (1, 2):
                raise ValidationError(_("A student can receive no more than two grades in one lesson."))
            kind_id, weight = kind_of[vals["lesson_id"]]
            if vals.get("work_kind_id"):
                kind_id, weight = vals["work_kind_id"], weight_of[vals["work_kind_id"]]
            rows.append((vals["lesson_id"], vals["student_id"], vals["attendance_id"], vals["value"],
                         NUMERIC.get(vals["value"]), kind_id, weight, vals["sequence"]))
        cols = [list(c) for c in zip(*rows)]
        self.env.cr.execute("""
            INSERT INTO school_grade (create_uid, create_date, write_uid, write_date, lesson_id,
                                      student_id, attendance_id, value, numeric_value, work_kind_id,
                                      weight, sequence, date, subject_id, class_id, period_id)
            SELECT %s, now() AT TIME ZONE 'UTC', %s, now() AT TIME ZONE 'UTC', x.lesson_id,
                   x.student_id, x.attendance_id, x.value, x.num, x.kind_id, x.weight, x.seq,
                   l.date, l.subject_id, l.class_id, l.period_id
              FROM unnest(%s::int[], %s::int[], %s::int[], %s::varchar[], %s::float[], %s::int[],
                          %s::float[], %s::int[])
                   AS x(lesson_id, student_id, attendance_id, value, num, kind_id, weight, seq)
              JOIN school_lesson l ON l.id = x.lesson_id
              JOIN school_attendance a ON a.id = x.attendance_id AND a.lesson_id = x.lesson_id
                                      AND a.student_id = x.student_id
            RETURNING id
        """, [self.env.uid, self.env.uid] + cols)
        grades = self.browse([r[0] for r in self.env.cr.fetchall()])
        if len(grades) != len(rows):
            raise ValidationError(_("A grade can only be given to a student on the lesson’s list."))
        self.env["school.attendance"].invalidate_cache(["grade_ids"])
        self.env["school.lesson"].invalidate_cache(["grade_ids"])
        grades._journal_log("create")
        return grades

    def write(self, vals):
        vals = dict(vals)
        if {"lesson_id", "student_id", "attendance_id", "sequence"} & set(vals):
            for grade in self:
                if any(vals[f] != (grade[f].id if hasattr(grade[f], "id") else grade[f])
                       for f in ("lesson_id", "student_id", "attendance_id", "sequence") if f in vals):
                    raise UserError(_("A grade cannot be moved to another lesson or another student: delete it "
                                      "and give it again."))
        with self._journal_writing(vals):
            if "value" in vals:
                self._check_value(vals["value"])
                if vals["value"] in NUMERIC:
                    self._check_marks_allowed(self.sudo().mapped("lesson_id").ids)
                vals["numeric_value"] = NUMERIC.get(vals["value"], False)
            if "work_kind_id" in vals:
                kind = self.env["school.work.kind"].sudo().browse(vals["work_kind_id"])
                vals["weight"] = kind.weight if kind else 1.0
            result = super(SchoolGrade, self).write(vals)
            if "value" in vals:
                self._null_non_numeric()
        return result

    @api.model
    def _write_values(self, values):
        """Change the value of many grades at once, ``values`` = {grade id: value}
        (the lesson form and the grid): what write({"value": v}) does for each —
        the one write guard, the access rules, numeric_value, the change log —
        with one check, one UPDATE and one change-log INSERT for all of them."""
        if not values:
            return True
        grades = self.browse(list(values))
        for value in set(values.values()):
            self._check_value(value)
        self._check_marks_allowed(grades.filtered(lambda g: values[g.id] in NUMERIC).sudo().mapped("lesson_id").ids)
        grades._journal_guard()
        grades._journal_check_fields({"value": next(iter(values.values()))})
        grades.check_access_rights("write")
        grades.check_access_rule("write")
        before = grades._journal_values()
        ids = list(values)
        self.env.cr.execute("""
            UPDATE school_grade g SET value = x.value, numeric_value = x.num, write_uid = %s,
                   write_date = now() AT TIME ZONE 'UTC'
              FROM unnest(%s::int[], %s::varchar[], %s::float[]) AS x(id, value, num)
             WHERE g.id = x.id
        """, (self.env.uid, ids, [values[i] for i in ids], [NUMERIC.get(values[i]) for i in ids]))
        grades.invalidate_cache(["value", "numeric_value", "write_uid", "write_date"], grades.ids)
        grades._journal_log("write", before, ("value",))
        return True

    def _null_non_numeric(self):
        """The ORM stores a Float False as 0.0: «зач», «н/а»… keep NULL instead."""
        if any(grade.value not in NUMERIC for grade in self):
            self.env.cr.execute("""UPDATE school_grade SET numeric_value = NULL
                                    WHERE id IN %s AND value NOT IN ('1', '2', '3', '4', '5')""",
                                (tuple(self.ids),))
            self.invalidate_cache(["numeric_value"], self.ids)

    def unlink(self):
        if not self:
            return True
        self._journal_guard()
        self._journal_log("unlink")
        return super(SchoolGrade, self).unlink()

    # ------------------------------------------------------------------ averages
    @api.model
    def _weighted_averages(self, student_ids, subject_ids=None, date_from=None, date_to=None,
                           period_ids=None):
        """{(student_id, subject_id): weighted average} in one query:
        Σ(numeric_value·weight)/Σweight over numeric grades, rounded to 2 places.
        The SQL twin of ``weighted_average`` (tools/grading.py); a test keeps them equal."""
        if not student_ids:
            return {}
        where, params = ["g.student_id IN %s", "g.value IN ('1', '2', '3', '4', '5')", "g.weight > 0"], \
            [tuple(student_ids)]
        if subject_ids:
            where.append("g.subject_id IN %s")
            params.append(tuple(subject_ids))
        if period_ids:
            where.append("g.period_id IN %s")
            params.append(tuple(period_ids))
        if date_from:
            where.append("g.date >= %s")
            params.append(date_from)
        if date_to:
            where.append("g.date <= %s")
            params.append(date_to)
        self.env.cr.execute("""
            SELECT g.student_id, g.subject_id,
                   round(sum(g.numeric_value::numeric * g.weight::numeric) / sum(g.weight::numeric), 2)
              FROM school_grade g
             WHERE """ + " AND ".join(where) + """
             GROUP BY g.student_id, g.subject_id
        """, params)
        return {(s, subj): float(avg) for s, subj, avg in self.env.cr.fetchall()}
