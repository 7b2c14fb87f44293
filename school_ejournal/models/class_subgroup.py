from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.dates import checked_day
from ..tools.translate import _


class SchoolClassSubgroup(models.Model):
    """A teaching group («учебная группа»): pupils of one class or of several
    classes of one grade level taught a subject together («Английский язык,
    группа 1» of 5А+5Б, a profile group of 10А+10Б). Its lessons are filed under
    the lead class (``class_id``); its pupils come from every class of
    ``class_ids``. Its pupils are listed in ``student_ids`` (now) and dated in
    ``member_ids`` (class_subgroup_member.py): on a date, those then in the
    group and in one of its classes count."""
    _name = "school.class.subgroup"
    _description = "Teaching Group"
    _order = "class_id, subject_id, name"
    _school_create_only_fields = ("class_id",)   # client_gate.py

    name = fields.Char(string="Teaching Group", required=True)
    class_id = fields.Many2one("school.class", string="Lead Class", required=True,
                               ondelete="cascade", index=True,
                               help="The class under which the group's lessons, load and plan are filed.")
    extra_class_ids = fields.Many2many(
        "school.class", "school_class_subgroup_extra_class_rel", "subgroup_id", "class_id",
        string="Also from Classes",
        help="Other classes of the same grade level whose pupils study in this group (English of 5A and 5B).")
    # Every class the group draws pupils from, kept by the server: the SQL of
    # rosters, the timetable's clash check and the period grades reads this table.
    class_ids = fields.Many2many(
        "school.class", "school_class_subgroup_class_rel", "subgroup_id", "class_id",
        string="Classes", compute="_compute_class_ids", store=True)
    academic_year_id = fields.Many2one(related="class_id.academic_year_id", store=True,
                                       readonly=True, string="Academic Year")
    subject_id = fields.Many2one("school.subject")
    student_ids = fields.Many2many("school.student", "school_class_subgroup_student_rel",
                                   "subgroup_id", "student_id", string="Students")
    member_ids = fields.One2many("school.class.subgroup.member", "subgroup_id", string="Membership by Dates",
                                 readonly=True)
    members_from = fields.Date(
        string="Changes Take Effect On", compute="_compute_members_from", inverse="_inverse_members_from",
        help="The first day a change of the list of pupils counts: the lessons before it keep their lists. "
             "By default today.")

    _sql_constraints = [
        ("name_unique", "unique(class_id, name)", "A subgroup with this name already exists in the class."),
    ]

    def _compute_members_from(self):
        for group in self:
            group.members_from = fields.Date.context_today(self)

    def _inverse_members_from(self):
        """Read by create() and write(), which take it out of the values."""

    @api.model
    def create(self, vals):
        vals = dict(vals)
        day = vals.pop("members_from", None)
        group = super(SchoolClassSubgroup, self).create(vals)
        if group.student_ids:
            group._record_members({group.id: set()}, day or group.academic_year_id.date_start)
        return group

    def write(self, vals):
        vals = dict(vals)
        day = _date_of(vals.pop("members_from", None) or fields.Date.context_today(self))
        before = {group.id: set(group.student_ids.ids) for group in self} if "student_ids" in vals else None
        result = super(SchoolClassSubgroup, self).write(vals)
        changed = self._record_members(before, day) if before is not None else set()
        if changed or {"class_id", "extra_class_ids"} & set(vals):
            self._members_changed(day, changed)
        return result

    def _record_members(self, before, day):
        """Date the change of the lists from ``before`` ({group id: pupil ids}):
        a new pupil counts from ``day``, a pupil taken off leaves the day before
        (a membership not yet begun is dropped). Returns the pupils changed."""
        day = _date_of(day)
        Member = self.env["school.class.subgroup.member"].sudo()
        changed = set()
        for group in self:
            now, was = set(group.student_ids.ids), before.get(group.id, set())
            for student_id in sorted(now - was):
                Member.create({"subgroup_id": group.id, "student_id": student_id, "date_from": day})
            gone = was - now
            if gone:
                open_rows = Member.search([("subgroup_id", "=", group.id), ("student_id", "in", sorted(gone)),
                                           ("date_to", "=", False)])
                open_rows.filtered(lambda m: m.date_from >= day).unlink()
                (open_rows.exists()).write({"date_to": fields.Date.to_string(
                    fields.Date.from_string(day) - timedelta(days=1))})
            changed |= (now - was) | gone
        return changed

    def _members_changed(self, day, students):
        """A change of the group reaches its lessons from ``day`` on (the lessons
        before keep the pupils who were taught in them; a change inside a closed
        period is refused); the teachers' record rules list their groups' pupils."""
        self.env["res.users"]._school_classes_changed()
        self.env.cr.execute("SELECT id FROM school_lesson WHERE subgroup_id IN %s AND date >= %s",
                            (tuple(self.ids), day))
        self.env["school.lesson"]._sync_roster([r[0] for r in self.env.cr.fetchall()],
                                               refuse_for_students=sorted(students) or None)

    def _has_member(self, student_id, day):
        """Whether the pupil is in this group on ``day`` (his dated membership)."""
        self.ensure_one()
        self.env.cr.execute("""
            SELECT 1 FROM school_class_subgroup_member
             WHERE subgroup_id = %s AND student_id = %s AND date_from <= %s AND (date_to IS NULL OR date_to >= %s)
        """, (self.id, student_id, day, day))
        return bool(self.env.cr.fetchone())

    @api.depends("class_id", "extra_class_ids")
    def _compute_class_ids(self):
        for group in self:
            group.class_ids = group.class_id | group.extra_class_ids

    def name_get(self):
        # the lead class first: «5А+5Б: Английский язык, группа 1»
        return [(sub.id, "%s: %s" % ("+".join([sub.class_id.name] + sub.extra_class_ids.sorted("name").mapped("name")),
                                     sub.name)) for sub in self]

    @api.model
    def _name_search(self, name="", args=None, operator="ilike", limit=100, name_get_uid=None):
        """Accept the displayed «5А: Английский язык, группа 1» too (imports)."""
        if name and ":" in name:
            class_name, subgroup_name = [part.strip() for part in name.split(":", 1)]
            class_name = class_name.split("+")[0].strip()
            domain = [("class_id.name", "=", class_name), ("name", operator, subgroup_name)]
            records = self.search(domain + (args or []), limit=limit)
            return records.name_get()
        return super(SchoolClassSubgroup, self)._name_search(
            name=name, args=args, operator=operator, limit=limit, name_get_uid=name_get_uid)

    @api.constrains("class_id", "extra_class_ids")
    def _check_classes(self):
        """One grade level of one year: the group's lessons take the lead class's
        periods, closings and holidays for all its pupils."""
        for group in self.sudo():
            strangers = group.extra_class_ids.filtered(
                lambda c: c.grade_level_id != group.class_id.grade_level_id
                or c.academic_year_id != group.class_id.academic_year_id)
            if strangers:
                raise ValidationError(
                    _("A teaching group joins classes of one grade level and one year: %(strangers)s "
                      "is not a parallel class of %(class)s.")
                    % {"strangers": ", ".join(strangers.mapped("name")), "class": group.class_id.name})

    @api.constrains("student_ids", "class_id", "extra_class_ids")
    def _check_students_in_class(self):
        """Members must have been in one of the group's classes at some point (a movement into it)."""
        for subgroup in self.sudo():
            if not subgroup.student_ids:
                continue
            classes = subgroup.class_id | subgroup.extra_class_ids
            self.env.cr.execute("""
                SELECT s.id FROM school_student s
                 WHERE s.id IN %s
                   AND NOT EXISTS (SELECT 1 FROM school_student_movement m
                                    WHERE m.student_id = s.id AND m.to_class_id IN %s)
            """, (tuple(subgroup.student_ids.ids), tuple(classes.ids)))
            strangers = self.env["school.student"].sudo().browse([r[0] for r in self.env.cr.fetchall()])
            if strangers:
                raise ValidationError(_("Students not from class %(class)s: %(strangers)s")
                                      % {"class": ", ".join(classes.mapped("name")),
                                         "strangers": ", ".join(strangers.mapped("name"))})


def _date_of(value):
    """``value`` (a date or its string) as Odoo's date string; a clear refusal otherwise."""
    return fields.Date.to_string(checked_day(value))
