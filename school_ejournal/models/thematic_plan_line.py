from odoo import api, fields, models


class SchoolThematicPlanLine(models.Model):
    _name = "school.thematic.plan.line"
    _description = "Thematic Plan Topic"
    _order = "plan_id, number, id"
    _rec_name = "topic"
    # client_gate.py: a topic stays in its plan; lessons link themselves (lesson.plan_line_id)
    _school_create_only_fields = ("plan_id",)
    _school_server_fields = ("lesson_ids",)

    plan_id = fields.Many2one("school.thematic.plan", string="Thematic Plan", required=True, index=True,
                              ondelete="cascade")
    number = fields.Integer(string="Lesson Number", required=True, default=1)
    topic = fields.Char(required=True)
    hours = fields.Integer(required=True, default=1)
    work_kind_id = fields.Many2one("school.work.kind", string="Kind of Work", ondelete="set null")
    homework = fields.Text()
    attachment_ids = fields.Many2many("ir.attachment", "school_thematic_plan_line_attachment_rel",
                                      "line_id", "attachment_id", string="Learning Materials")
    lesson_ids = fields.One2many("school.lesson", "plan_line_id", string="Lessons")

    _sql_constraints = [
        ("hours_positive", "check(hours > 0 AND hours <= 50)", "Hours per topic must be between 1 and 50."),
    ]

    # uploaded materials are bound to the plan (ir_attachment.py): its writers alone replace them
    @api.model
    def create(self, vals):
        record = super(SchoolThematicPlanLine, self).create(vals)
        self.env["ir.attachment"]._school_bind(record, vals.get("attachment_ids"))
        return record

    def write(self, vals):
        result = super(SchoolThematicPlanLine, self).write(vals)
        self.env["ir.attachment"]._school_bind(self, vals.get("attachment_ids"))
        return result

    def _lesson_values(self, lesson):
        """The topic, kind of work and homework this line gives ``lesson``: the
        topic and the kind of the line, the homework unless one is written."""
        self.ensure_one()
        return {"plan_line_id": self.id, "topic": self.topic,
                "work_kind_id": self.work_kind_id.id or lesson.work_kind_id.id,
                "homework": lesson.homework or self.homework or False}
