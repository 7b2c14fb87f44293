from odoo import fields, models, tools


class SchoolStaffUsageReport(models.Model):
    """How staff use the journal, per person and week: logins, lessons held and
    those with a topic, grades entered and grades entered late (more than the
    school's «late» days after the lesson). A SQL view, read by pivot and graph."""
    _name = "school.staff.usage.report"
    _description = "Journal Usage by Staff"
    _auto = False
    _order = "week_start desc, user_id"
    _rec_name = "user_id"

    user_id = fields.Many2one("res.users", string="Staff Member", readonly=True)
    week_start = fields.Date(string="Week (Starting Monday)", readonly=True)
    login_count = fields.Integer(string="Number of Logins", readonly=True)
    lesson_count = fields.Integer(string="Number of Lessons", readonly=True)
    topic_count = fields.Integer(string="Lessons with Topic", readonly=True)
    grade_count = fields.Integer(string="Grades Entered", readonly=True)
    late_grade_count = fields.Integer(string="Grades Entered Late", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # The id is stable: user and week number since 2000-01-03 (a Monday).
        self.env.cr.execute("""
            CREATE VIEW school_staff_usage_report AS (
                WITH late AS (
                    SELECT coalesce((SELECT school_mon_late_entry_days FROM res_company ORDER BY id LIMIT 1), 3) AS days
                ), events AS (
                    SELECT g.create_uid AS user_id, date_trunc('week', g.create_date)::date AS week,
                           1 AS logins, 0 AS lessons, 0 AS topics, 0 AS grades, 0 AS late
                      FROM res_users_log g WHERE g.create_uid IS NOT NULL
                    UNION ALL
                    SELECT coalesce(l.substitute_teacher_id, l.teacher_id), date_trunc('week', l.date)::date,
                           0, 1, (coalesce(trim(l.topic), '') <> '')::int, 0, 0
                      FROM school_lesson l WHERE l.date <= (now() AT TIME ZONE 'UTC')::date
                       AND NOT coalesce(l.cancelled, false)  -- a cancelled lesson was not held
                    UNION ALL
                    SELECT g.create_uid, date_trunc('week', g.create_date)::date, 0, 0, 0, 1,
                           (g.create_date::date > g.date + late.days
                            AND g.create_date > l.create_date + interval '1 hour')::int
                      FROM school_grade g JOIN school_lesson l ON l.id = g.lesson_id, late
                )
                SELECT (e.user_id::bigint * 100000 + (e.week - DATE '2000-01-03') / 7) AS id,
                       e.user_id, e.week AS week_start, sum(e.logins)::int AS login_count,
                       sum(e.lessons)::int AS lesson_count, sum(e.topics)::int AS topic_count,
                       sum(e.grades)::int AS grade_count, sum(e.late)::int AS late_grade_count
                  FROM events e JOIN res_users u ON u.id = e.user_id AND NOT u.share AND u.id <> 1
                 GROUP BY e.user_id, e.week
            )
        """)
