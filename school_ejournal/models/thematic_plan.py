from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.translate import _
from .journal_guard import SCOPE_LESSON


class SchoolThematicPlan(models.Model):
    """Календарно-тематическое планирование (КТП): the topics of one subject in one
    class for a year, hour by hour, with learning materials attached."""
    _name = "school.thematic.plan"
    _description = "Thematic Planning (KTP)"
    _order = "academic_year_id, class_id, subject_id"
    # client_gate.py: whose plan it is is changed by the school admin only
    _school_fixed_fields = {name: "school_ejournal.group_school_admin"
                            for name in ("class_id", "subgroup_id", "subject_id", "teacher_id")}

    name = fields.Char(compute="_compute_name", store=True)
    class_id = fields.Many2one("school.class", required=True, index=True,
                               ondelete="cascade")
    subgroup_id = fields.Many2one("school.class.subgroup", domain="[('class_id', '=', class_id)]", ondelete="cascade")
    subject_id = fields.Many2one("school.subject", required=True, index=True,
                                 ondelete="restrict")
    academic_year_id = fields.Many2one(related="class_id.academic_year_id", store=True, readonly=True,
                                       string="Academic Year", index=True)
    teacher_id = fields.Many2one("res.users", required=True, index=True,
                                 default=lambda self: self.env.uid)
    line_ids = fields.One2many("school.thematic.plan.line", "plan_id", string="Topics", copy=True)
    attachment_ids = fields.Many2many("ir.attachment", "school_thematic_plan_attachment_rel",
                                      "plan_id", "attachment_id", string="Learning Materials")
    note = fields.Text(string="Remarks")
    total_hours = fields.Integer(compute="_compute_total_hours")

    _sql_constraints = [
        ("plan_unique", "unique(class_id, subgroup_id, subject_id)",
         "A thematic plan for this subject in this class already exists."),
    ]

    # uploaded materials are bound to the plan (ir_attachment.py): its writers alone replace them
    @api.model
    def create(self, vals):
        record = super(SchoolThematicPlan, self).create(vals)
        self.env["ir.attachment"]._school_bind(record, vals.get("attachment_ids"))
        return record

    def write(self, vals):
        result = super(SchoolThematicPlan, self).write(vals)
        self.env["ir.attachment"]._school_bind(self, vals.get("attachment_ids"))
        return result

    @api.depends("class_id.name", "subject_id.name", "subgroup_id.name")
    def _compute_name(self):
        for plan in self:
            group = " (%s)" % plan.subgroup_id.name if plan.subgroup_id else ""
            plan.name = "%s — %s%s" % (plan.subject_id.name or "", plan.class_id.name or "", group)

    @api.depends("line_ids.hours")
    def _compute_total_hours(self):
        for plan in self:
            plan.total_hours = sum(plan.line_ids.mapped("hours"))

    def action_import_lines(self):
        self.ensure_one()
        return {
            "type": "ir.actions.client", "tag": "import",
            "params": {"model": "school.thematic.plan.line",
                       "context": {"default_plan_id": self.id}},
        }

    def action_fill_topics(self):
        self._fill_topics()
        return {"type": "ir.actions.client", "tag": "reload"}

    def _remaining_hours(self):
        """The plan's hours not yet given to a lesson, in the plan's order: one
        line per hour (a line of 2 hours twice, less the lessons linked to it)."""
        self.ensure_one()
        hours = []
        for line in self.line_ids.sorted(lambda l: (l.number, l.id)):
            hours.extend([line] * max(line.hours, 0))
        self.env.cr.execute("""
            SELECT plan_line_id, count(*) FROM school_lesson
             WHERE plan_line_id IN %s AND NOT COALESCE(cancelled, FALSE) GROUP BY plan_line_id
        """, (tuple(self.line_ids.ids) or (0,),))
        used = dict(self.env.cr.fetchall())
        remaining = []
        for line in hours:
            if used.get(line.id):
                used[line.id] -= 1
            else:
                remaining.append(line)
        return remaining

    def _fill_topics(self):
        """Fill the empty topics of this class×subject's lessons in date order,
        one hour of the plan per lesson, continuing after the hours already used.
        One guard check and one UPDATE; returns the number of lessons filled."""
        self.ensure_one()
        remaining = self._remaining_hours()
        self.env.cr.execute("""
            SELECT id FROM school_lesson
             WHERE class_id = %s AND subject_id = %s AND subgroup_id IS NOT DISTINCT FROM %s
               AND COALESCE(topic, '') = '' AND plan_line_id IS NULL AND NOT COALESCE(cancelled, FALSE)
             ORDER BY date, lesson_number, id
        """, (self.class_id.id, self.subject_id.id, self.subgroup_id.id or None))
        lesson_ids = [r[0] for r in self.env.cr.fetchall()][:len(remaining)]
        if not lesson_ids:
            raise UserError(_("There are no lessons without a topic that can be filled in from this thematic plan."))
        self.env["school.journal.guard"]._check(lesson_ids, SCOPE_LESSON)
        lines = remaining[:len(lesson_ids)]
        self.env.cr.execute("""
            UPDATE school_lesson l
               SET topic = x.topic, plan_line_id = x.line_id,
                   work_kind_id = COALESCE(x.kind_id, l.work_kind_id),
                   homework = COALESCE(NULLIF(l.homework, ''), x.homework),
                   write_uid = %s, write_date = now() AT TIME ZONE 'UTC'
              FROM unnest(%s::int[], %s::int[], %s::text[], %s::int[], %s::text[])
                   AS x(lesson_id, line_id, topic, kind_id, homework)
             WHERE l.id = x.lesson_id
        """, (self.env.uid, lesson_ids, [l.id for l in lines], [l.topic for l in lines],
              [l.work_kind_id.id or None for l in lines], [l.homework or None for l in lines]))
        self.env["school.lesson"].invalidate_cache(ids=lesson_ids)
        return len(lesson_ids)

    @api.model
    def _next_line_for(self, lesson):
        """The КТП's first hour not yet given to a lesson (as «Заполнить темы по КТП»
        counts them), for a lesson without a topic of the plan; else False."""
        if lesson.plan_line_id or not (lesson.class_id and lesson.subject_id):
            return False
        plan = self.search([("class_id", "=", lesson.class_id.id), ("subject_id", "=", lesson.subject_id.id),
                            ("subgroup_id", "=", lesson.subgroup_id.id)], limit=1)
        remaining = plan._remaining_hours() if plan else []
        return remaining[0] if remaining else False
