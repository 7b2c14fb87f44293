from datetime import timedelta

from odoo import api, fields, models
from odoo.addons.queue_job.job import identity_exact, job

from ..tools.monitoring import as_date
from ..tools.translate import _

# pupils' parents per background job of the weekly report: whole classes, a few of them
WEEKLY_JOB_SIZE = 300


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

    @api.model
    def _weekly_sent(self, date_from):
        """The parent links that have the weekly report of the week from ``date_from``."""
        self.env.cr.execute("SELECT guardian_id FROM school_digest_log WHERE kind = 'weekly' AND date_from = %s",
                            (date_from,))
        return {row[0] for row in self.env.cr.fetchall()}

    # ------------------------------------------------------------------ the weekly report's jobs
    @api.model
    def _enqueue_weekly(self, recipients, date_from, date_to):
        """The week's reports (school.monitoring._digest_recipients rows, ordered by class) in
        background jobs of whole classes: the scheduled action ends at once, a failing batch is
        retried alone and a batch queued or run twice sends nothing twice."""
        classes = {}
        for row in recipients:
            classes.setdefault(row[4], []).append(row)
        batches = []
        for class_name, rows in classes.items():
            if not batches or len(batches[-1][1]) + len(rows) > WEEKLY_JOB_SIZE:
                batches.append(([], []))
            batches[-1][0].append(class_name)
            batches[-1][1].extend(rows)
        # a context key of queue_job's own tests would run the jobs inside the scheduled action
        Log = self.with_context(test_queue_job_no_delay=False)
        for classes, rows in batches:
            Log.with_delay(description=_("Weekly report to parents: %s") % ", ".join(classes),
                           identity_key=identity_exact)._job_weekly(sorted(row[0] for row in rows),
                                                                    date_from, date_to)
        return {"queued": len(recipients), "jobs": len(batches)}

    @job(default_channel="root")
    def _job_weekly(self, guardian_ids, date_from, date_to):
        """The week's reports to these parents, read again now (a consent revoked, an opt-out
        or a report sent since the job was queued is honoured)."""
        self.env.cr.execute("SELECT DISTINCT student_id FROM school_student_guardian WHERE id IN %s",
                            (tuple(guardian_ids),))
        students = [row[0] for row in self.env.cr.fetchall()]
        done = self._weekly_sent(date_from)
        Monitoring = self.env["school.monitoring"]
        day = fields.Date.to_string(as_date(date_to) + timedelta(days=1))
        recipients = [row for row in Monitoring._digest_recipients(student_ids=students, day=day)
                      if row[0] in guardian_ids and row[0] not in done] if students else []
        mails = Monitoring._send_digests(recipients, date_from, date_to, "weekly")
        return _("Reports sent: %s") % len(mails)

