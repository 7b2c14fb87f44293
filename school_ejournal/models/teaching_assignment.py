from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..tools.translate import _
from ..tools.lesson_sql import LOAD_CLASSES_VIEW_SQL, TEACHING_LOAD_SQL


class SchoolTeachingAssignment(models.Model):
    """Teaching load: who teaches which subject to which class (or subgroup),
    how many hours a week, in one academic year."""
    _name = "school.teaching.assignment"
    _description = "Teaching Load"
    _order = "academic_year_id, class_id, subject_id, subgroup_id"

    name = fields.Char(string="Load", compute="_compute_name", store=True)
    class_id = fields.Many2one("school.class", required=True, index=True,
                               ondelete="cascade")
    subgroup_id = fields.Many2one("school.class.subgroup", string="Teaching Group",
                                  domain="[('class_id', '=', class_id)]")
    subject_id = fields.Many2one("school.subject", required=True, index=True)
    teacher_id = fields.Many2one("res.users", required=True, index=True,
                                 domain=lambda self: [("groups_id", "in", self.env.ref(
                                     "school_ejournal.group_teacher").id)])
    hours_per_week = fields.Float(string="Hours per Week", required=True, default=1.0)
    academic_year_id = fields.Many2one(related="class_id.academic_year_id", store=True, readonly=True,
                                       string="Academic Year", index=True)

    _sql_constraints = [
        ("hours_positive", "check(hours_per_week > 0 AND hours_per_week <= 12)",
         "Hours per week must be greater than 0 and not more than 12."),
    ]

    def init(self):
        # The load by every class it covers: a teaching group's load reaches each
        # class the group draws on (the period grades' teacher, the guard, the
        # hours). One definition, read by the SQL of period_grade_sql.py.
        self.env.cr.execute(LOAD_CLASSES_VIEW_SQL)

    # the pupils a teacher may read follow his teaching load (rule_student_teacher)
    @api.model
    def create(self, vals):
        assignment = super(SchoolTeachingAssignment, self).create(vals)
        self.env["res.users"]._school_classes_changed()
        return assignment

    def write(self, vals):
        result = super(SchoolTeachingAssignment, self).write(vals)
        if {"class_id", "teacher_id"} & set(vals):
            self.env["res.users"]._school_classes_changed()
        return result

    def unlink(self):
        result = super(SchoolTeachingAssignment, self).unlink()
        self.env["res.users"]._school_classes_changed()
        return result

    @api.depends("class_id.name", "subgroup_id.name", "subject_id.name", "teacher_id.name")
    def _compute_name(self):
        for line in self:
            group = " (%s)" % line.subgroup_id.name if line.subgroup_id else ""
            line.name = "%s%s — %s — %s" % (line.class_id.name or "", group,
                                            line.subject_id.name or "", line.teacher_id.name or "")

    @api.constrains("class_id", "subgroup_id", "subject_id", "teacher_id")
    def _check_assignment(self):
        teacher_group = self.env.ref("school_ejournal.group_teacher")
        for line in self:
            if line.subgroup_id and line.subgroup_id.class_id != line.class_id:
                raise ValidationError(_("Subgroup “%s” belongs to another class.") % line.subgroup_id.name)
            if teacher_group not in line.teacher_id.sudo().groups_id:
                raise ValidationError(_("%s is not a teacher (no “Teacher” role).") % line.teacher_id.name)
            duplicate = self.search_count([
                ("id", "!=", line.id), ("class_id", "=", line.class_id.id),
                ("subgroup_id", "=", line.subgroup_id.id), ("subject_id", "=", line.subject_id.id)])
            if duplicate:
                raise ValidationError(_("The teaching load for subject “%(subject)s” in %(subgroup)s has already "
                                        "been assigned.")
                                      % {"subject": line.subject_id.name, "subgroup": line.subgroup_id.display_name
                                         if line.subgroup_id else line.class_id.name})

    @api.onchange("subgroup_id")
    def _onchange_subgroup(self):
        if self.subgroup_id.subject_id and not self.subject_id:
            self.subject_id = self.subgroup_id.subject_id

    @api.model
    def _check_own_load(self, vals):
        """A teacher (not the admin) creates lessons only of his own teaching load
        (school.lesson's create, ``vals``: the lesson's)."""
        if self.env.uid == SUPERUSER_ID or self.env.user.has_group("school_ejournal.group_school_admin"):
            return
        if (vals.get("teacher_id") or self.env.uid) != self.env.uid:
            raise AccessError(_("A teacher can create lessons only for themselves."))
        self.env.cr.execute(TEACHING_LOAD_SQL, (vals.get("class_id"), vals.get("subject_id"), self.env.uid,
                                                vals.get("subgroup_id") or None))
        if not self.env.cr.fetchone():
            raise AccessError(_("You have no teaching load for this subject in this class: the lesson cannot be "
                                "created."))
