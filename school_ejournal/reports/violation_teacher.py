from odoo import fields, models, tools
from odoo.exceptions import UserError

from ..tools.translate import _


class SchoolViolationTeacher(models.Model):
    """«Нарушения по учителям»: one row per teacher and period with the number
    of violations of each kind, whether they reach the school's limit for
    repeated violations and when the director was last told. A SQL view over
    school.violation; the deputy director works it (ACL and menu)."""
    _name = "school.violation.teacher"
    _description = "Violations by Teacher"
    _auto = False
    _order = "repeated desc, violation_count desc, teacher_id"
    _rec_name = "teacher_id"

    teacher_id = fields.Many2one("res.users", readonly=True)
    period_id = fields.Many2one("school.period", string="Academic Period", readonly=True)
    violation_count = fields.Integer(string="Number of Violations", readonly=True,
                                     help="Excluding those recognized as excused.")
    open_count = fields.Integer(string="Not Resolved", readonly=True)
    no_topic_count = fields.Integer(string="No Topic", readonly=True)
    no_homework_count = fields.Integer(string="No Homework", readonly=True)
    control_no_grades_count = fields.Integer(string="Test without Grades", readonly=True)
    late_grades_count = fields.Integer(string="Late Grades", readonly=True)
    period_no_grades_count = fields.Integer(string="No Final Grades", readonly=True)
    programme_gap_count = fields.Integer(string="Behind the Programme", readonly=True)
    excused_count = fields.Integer(string="Excused", readonly=True)
    limit = fields.Integer(string="Threshold", readonly=True)
    repeated = fields.Boolean(readonly=True,
                              help="Violations not below the school threshold: the teacher is referred to the "
                                   "director and to the incentive payments commission.")
    escalated_date = fields.Date(string="Reported to Director", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # id: the smallest violation of the row (unique per teacher and period)
        self.env.cr.execute("""
            CREATE VIEW school_violation_teacher AS (
                SELECT min(v.id) AS id, v.teacher_id, v.period_id,
                       count(*) FILTER (WHERE v.state <> 'excused')::int AS violation_count,
                       count(*) FILTER (WHERE v.state = 'open')::int AS open_count,
                       count(*) FILTER (WHERE v.state <> 'excused' AND v.rule = 'no_topic')::int AS no_topic_count,
                       count(*) FILTER (WHERE v.state <> 'excused' AND v.rule = 'no_homework')::int
                           AS no_homework_count,
                       count(*) FILTER (WHERE v.state <> 'excused' AND v.rule = 'control_no_grades')::int
                           AS control_no_grades_count,
                       count(*) FILTER (WHERE v.state <> 'excused' AND v.rule = 'late_grades')::int
                           AS late_grades_count,
                       count(*) FILTER (WHERE v.state <> 'excused' AND v.rule = 'period_no_grades')::int
                           AS period_no_grades_count,
                       count(*) FILTER (WHERE v.state <> 'excused' AND v.rule = 'programme_gap')::int
                           AS programme_gap_count,
                       count(*) FILTER (WHERE v.state = 'excused')::int AS excused_count,
                       max(c.school_mon_violation_limit) AS "limit",
                       count(*) FILTER (WHERE v.state <> 'excused') >= max(c.school_mon_violation_limit) AS repeated,
                       (SELECT max(a.date) FROM school_monitoring_alert a
                         WHERE a.kind = 'violations' AND a.teacher_id = v.teacher_id
                           AND a.period_id IS NOT DISTINCT FROM v.period_id) AS escalated_date
                  FROM school_violation v
                  JOIN res_users u ON u.id = v.teacher_id
                  JOIN res_company c ON c.id = u.company_id
                 GROUP BY v.teacher_id, v.period_id
            )
        """)

    def _violations(self):
        self.ensure_one()
        return self.env["school.violation"].search([("teacher_id", "=", self.teacher_id.id),
                                                    ("period_id", "=", self.period_id.id or False)])

    def action_open_violations(self):
        """The violations of this row (the deputy's list, with its buttons)."""
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "school.violation",
                "name": _("Violations: %s") % self.teacher_id.name, "view_mode": "tree,form",
                "views": [(False, "list"), (False, "form")], "target": "current",
                "domain": [("teacher_id", "=", self.teacher_id.id), ("period_id", "=", self.period_id.id or False)]}

    def action_escalate(self):
        """«Сообщить директору» for this teacher and period (school.violation decides who may)."""
        self.ensure_one()
        violation = self._violations().filtered(lambda v: v.state != "excused")[:1]
        if not violation:
            raise UserError(_("Teacher %s has no violations to report: all of them have been recognized as "
                              "excused.") % self.teacher_id.name)
        return violation.action_escalate()
