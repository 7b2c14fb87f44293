import re

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.translate import _


class SchoolClass(models.Model):
    """A class of one academic year («5А»). Its roster is not stored: it is
    derived from student movements, see ``_get_students_on``."""
    _name = "school.class"
    _description = "Class"
    _inherit = ["mail.thread"]
    # academic_year_id orders by the year's own order (newest first), so that
    # name lookups such as «5А» in imports prefer the current year.
    _order = "academic_year_id, grade, letter"

    name = fields.Char(string="Class", compute="_compute_name", store=True, index=True)
    grade_level_id = fields.Many2one("school.grade.level", required=True,
                                     track_visibility="onchange")
    grade = fields.Integer(string="Grade Level Number", related="grade_level_id.number",
                           store=True, readonly=True)
    letter = fields.Char(required=True, size=3, track_visibility="onchange")
    academic_year_id = fields.Many2one("school.academic.year", required=True,
                                       index=True, ondelete="restrict", track_visibility="onchange",
                                       default=lambda self: self._default_academic_year())
    class_teacher_id = fields.Many2one("res.users", index=True,
                                       track_visibility="onchange")
    shift = fields.Selection([("1", "First Shift"), ("2", "Second Shift")], required=True, default="1")
    room = fields.Char(string="Classroom")
    active = fields.Boolean(default=True)

    @api.model
    def _default_academic_year(self):
        """The year of today, else the latest: a new class is almost always of it."""
        today = fields.Date.context_today(self)
        Year = self.env["school.academic.year"]
        return (Year.search([("date_start", "<=", today), ("date_end", ">=", today)], limit=1)
                or Year.search([], order="date_start desc", limit=1))
    subgroup_ids = fields.One2many("school.class.subgroup", "class_id", string="Subgroups")
    teaching_assignment_ids = fields.One2many("school.teaching.assignment", "class_id",
                                              string="Teaching Load")
    timetable_ids = fields.One2many("school.timetable", "class_id")
    current_student_ids = fields.One2many("school.student", "current_class_id",
                                          string="Students (Today)")
    student_count = fields.Integer(string="Number of Students", compute="_compute_student_count")
    is_my_class = fields.Boolean(string="I Teach This Class", compute="_compute_is_my_class",
                                 search="_search_is_my_class")

    _sql_constraints = [
        ("class_unique", "unique(academic_year_id, grade_level_id, letter)",
         "This class already exists in this academic year."),
    ]

    @api.depends("grade_level_id.number", "letter")
    def _compute_name(self):
        for school_class in self:
            school_class.name = "%s%s" % (school_class.grade_level_id.number or "",
                                          school_class.letter or "")

    def _compute_student_count(self):
        rosters = self._get_students_on(fields.Date.context_today(self))
        for school_class in self:
            school_class.student_count = len(rosters.get(school_class.id, []))

    def _compute_is_my_class(self):
        mine = self._search_is_my_class("=", True)[0][2]
        for school_class in self:
            school_class.is_my_class = school_class.id in mine

    def _search_is_my_class(self, operator, value):
        """Classes where the user teaches (teaching load) or is class teacher."""
        self.env.cr.execute("""
            SELECT class_id FROM school_load_class WHERE teacher_id = %s
            UNION SELECT id FROM school_class WHERE class_teacher_id = %s
        """, (self.env.uid, self.env.uid))
        ids = [row[0] for row in self.env.cr.fetchall()]
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", ids)]

    @api.onchange("letter")
    def _onchange_letter(self):
        if self.letter:
            self.letter = self.letter.strip().upper()

    @api.model
    def create(self, vals):
        if vals.get("letter"):
            vals["letter"] = vals["letter"].strip().upper()
        school_class = super(SchoolClass, self).create(vals)
        if vals.get("class_teacher_id"):
            self.env["res.users"]._school_classes_changed()  # the class teacher's pupils (rule_student_teacher)
        return school_class

    def write(self, vals):
        if vals.get("letter"):
            vals["letter"] = vals["letter"].strip().upper()
        # The grade level decides which closing locks a class's journal (locks are
        # per period and grade level); the year, which periods it belongs to.
        moves_journal = {"grade_level_id", "academic_year_id"} & set(vals)
        if moves_journal:
            self._assert_journal_open()
        result = super(SchoolClass, self).write(vals)
        if moves_journal:
            self._assert_journal_open()
        if {"class_teacher_id", "active"} & set(vals):
            self.env["res.users"]._school_classes_changed()  # the class teacher's pupils (rule_student_teacher)
        return result

    def unlink(self):
        result = super(SchoolClass, self).unlink()
        self.env["res.users"]._school_classes_changed()
        return result

    def _assert_journal_open(self):
        """Refuse (UserError) when a lesson or a period grade of these classes lies
        in a closed period of the class's grade level."""
        if not self.ids:
            return
        self.env.cr.execute("""
            SELECT DISTINCT l.date, c.grade_level_id, c.name
              FROM school_lesson l JOIN school_class c ON c.id = l.class_id WHERE c.id IN %(ids)s
             UNION
            SELECT DISTINCT p.date_end, c.grade_level_id, c.name
              FROM school_period_grade g JOIN school_period p ON p.id = g.period_id
              JOIN school_class c ON c.id = g.class_id WHERE c.id IN %(ids)s
        """, {"ids": tuple(self.ids)})
        rows = self.env.cr.fetchall()
        try:
            self.env["school.period"]._assert_dates_open([(day, level) for day, level, _name in rows])
        except UserError as error:
            raise UserError(_("The grade level and academic year of a class whose journal is in a closed period "
                              "cannot be changed: lessons and final grades would escape the closing. %s")
                            % error.name)

    @api.constrains("letter")
    def _check_letter(self):
        for school_class in self:
            if not re.match(r"^[А-ЯЁA-Z0-9]{1,3}$", school_class.letter or ""):
                raise ValidationError(_("The class letter must consist of 1–3 capital letters or digits, for "
                                        "example “A”."))

    @api.constrains("class_teacher_id")
    def _check_class_teacher(self):
        group = self.env.ref("school_ejournal.group_class_teacher")
        for school_class in self:
            teacher = school_class.class_teacher_id
            if teacher and group not in teacher.sudo().groups_id:
                raise ValidationError(_("%s is not in the “Class Teacher” group.") % teacher.name)

    def _get_students_on(self, day):
        """Rosters of all classes in ``self`` on ``day``: {class_id: [student_id, ...]},
        students ordered by name. One SQL query however many classes."""
        rosters = {class_id: [] for class_id in self.ids}
        if not self.ids:
            return rosters
        pairs = self.env["school.student.movement"]._get_membership_on(day, class_ids=self.ids)
        for student_id, class_id in pairs:
            rosters[class_id].append(student_id)
        return rosters

    def _get_roster(self, day):
        """Students of this one class on ``day`` as a recordset, ordered by name."""
        self.ensure_one()
        return self.env["school.student"].browse(self._get_students_on(day)[self.id])

    def action_open_students(self):
        self.ensure_one()
        action = self.env.ref("school_ejournal.action_school_student").read()[0]
        action["domain"] = [("current_class_id", "=", self.id)]
        action["context"] = {"default_enroll_class_id": self.id}
        return action
