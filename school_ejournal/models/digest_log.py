from odoo import api, fields, models


class SchoolDigestLog(models.Model):
    """Which progress report went to which parent for which days: it keeps the
    weekly cron from sending twice and shows the class teacher what was sent."""
    _name = "school.digest.log"
    _description = "Academic Performance Report to Parents"
    _order = "id desc"
    _rec_name = "student_id"

    guardian_id = fields.Many2one("school.student.guardian", string="Parent Link", index=True,
                                  ondelete="set null", readonly=True)
    student_id = fields.Many2one("school.student", required=True, index=True,
                                 ondelete="cascade", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Parent", required=True, ondelete="cascade",
                                 readonly=True)
    kind = fields.Selection([("weekly", "Weekly"), ("on_demand", "At the Class Teacher’s Request")],
                            required=True, readonly=True)
    date_from = fields.Date(string="From", required=True, readonly=True)
    date_to = fields.Date(string="To", required=True, readonly=True)
    mail_id = fields.Many2one("mail.mail", string="Mail Message", ondelete="set null", readonly=True)
    create_date = fields.Datetime(string="Sent", readonly=True)

    @api.model
    def _create_many(self, vals_list):
        """Log many sent reports in one INSERT (the weekly run logs ~700 of them)."""
        if not vals_list:
            return self.browse()
        self.check_access_rights("create")
        names = ("guardian_id", "student_id", "partner_id", "kind", "date_from", "date_to", "mail_id")
        self.env.cr.execute("""
            INSERT INTO school_digest_log (create_uid, create_date, write_uid, write_date,
                                           guardian_id, student_id, partner_id, kind, date_from, date_to, mail_id)
            SELECT %s, now() AT TIME ZONE 'UTC', %s, now() AT TIME ZONE 'UTC', x.*
              FROM unnest(%s::int[], %s::int[], %s::int[], %s::varchar[], %s::date[], %s::date[], %s::int[])
                   AS x(guardian_id, student_id, partner_id, kind, date_from, date_to, mail_id)
            RETURNING id
        """, [self.env.uid, self.env.uid] + [[vals.get(name) or None for vals in vals_list] for name in names])
        logs = self.browse([r[0] for r in self.env.cr.fetchall()])
        self.env["school.student"].invalidate_cache(["digest_log_ids"])
        return logs
