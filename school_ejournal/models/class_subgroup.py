from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.translate import _


class SchoolClassSubgroup(models.Model):
    """A part of a class for a split subject («Английский язык, группа 1»).
    Its members are a static list; on a date only those still in the class count."""
    _name = "school.class.subgroup"
    _description = "Class Subgroup"
    _order = "class_id, subject_id, name"
    _school_create_only_fields = ("class_id",)   # client_gate.py

    name = fields.Char(string="Subgroup", required=True)
    class_id = fields.Many2one("school.class", required=True,
                               ondelete="cascade", index=True)
    academic_year_id = fields.Many2one(related="class_id.academic_year_id", store=True,
                                       readonly=True, string="Academic Year")
    subject_id = fields.Many2one("school.subject")
    student_ids = fields.Many2many("school.student", "school_class_subgroup_student_rel",
                                   "subgroup_id", "student_id", string="Students")

    _sql_constraints = [
        ("name_unique", "unique(class_id, name)", "A subgroup with this name already exists in the class."),
    ]

    def name_get(self):
        return [(sub.id, "%s: %s" % (sub.class_id.name, sub.name)) for sub in self]

    @api.model
    def _name_search(self, name="", args=None, operator="ilike", limit=100, name_get_uid=None):
        """Accept the displayed «5А: Английский язык, группа 1» too (imports)."""
        if name and ":" in name:
            class_name, subgroup_name = [part.strip() for part in name.split(":", 1)]
            domain = [("class_id.name", "=", class_name), ("name", operator, subgroup_name)]
            records = self.search(domain + (args or []), limit=limit)
            return records.name_get()
        return super(SchoolClassSubgroup, self)._name_search(
            name=name, args=args, operator=operator, limit=limit, name_get_uid=name_get_uid)

    @api.constrains("student_ids", "class_id")
    def _check_students_in_class(self):
        """Members must have been in the class at some point (a movement into it)."""
        for subgroup in self.sudo():
            if not subgroup.student_ids:
                continue
            self.env.cr.execute("""
                SELECT s.id FROM school_student s
                 WHERE s.id IN %s
                   AND NOT EXISTS (SELECT 1 FROM school_student_movement m
                                    WHERE m.student_id = s.id AND m.to_class_id = %s)
            """, (tuple(subgroup.student_ids.ids), subgroup.class_id.id))
            strangers = self.env["school.student"].sudo().browse([r[0] for r in self.env.cr.fetchall()])
            if strangers:
                raise ValidationError(_("Students not from class %(class)s: %(strangers)s")
                                      % {"class": subgroup.class_id.name,
                                         "strangers": ", ".join(strangers.mapped("name"))})

    def _get_students_on(self, day):
        """Members still in the subgroup's class on ``day``: {subgroup_id: [student_id]}."""
        rosters = self.mapped("class_id")._get_students_on(day)
        result = {}
        for subgroup in self:
            in_class = rosters.get(subgroup.class_id.id, [])
            members = set(subgroup.student_ids.ids)
            result[subgroup.id] = [sid for sid in in_class if sid in members]
        return result
