from odoo import fields, models

from ..tools.lesson_sql import MEMBER_BACKFILL_SQL


class SchoolClassSubgroupMember(models.Model):
    """A pupil's time in a teaching group, dated like class membership: from
    ``date_from`` to ``date_to`` (the last day; empty: still in the group).
    Kept by the server from the group's list of pupils and the date its change
    takes effect (class_subgroup.py); the rosters, the period grades and the
    journal's checks read the dated rows, so a pupil moved from one group to
    another in March stays in the first group's lessons before March."""
    _name = "school.class.subgroup.member"
    _description = "Teaching Group Membership"
    _order = "subgroup_id, date_from, student_id"

    subgroup_id = fields.Many2one("school.class.subgroup", string="Teaching Group", required=True,
                                  ondelete="cascade", index=True, readonly=True)
    student_id = fields.Many2one("school.student", required=True, ondelete="cascade", index=True, readonly=True)
    date_from = fields.Date(string="From", required=True, readonly=True)
    date_to = fields.Date(string="To", readonly=True, help="The last day in the group; empty: still in it.")

    _sql_constraints = [
        ("dates_ordered", "check(date_to IS NULL OR date_to >= date_from)",
         "A membership in a teaching group cannot end before it begins."),
    ]

    def init(self):
        # groups whose pupils were listed before memberships were dated: each
        # listed pupil counts from the start of the group's year
        self.env.cr.execute(MEMBER_BACKFILL_SQL)
