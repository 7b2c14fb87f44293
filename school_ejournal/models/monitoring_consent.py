from odoo import api, models


class SchoolMonitoringConsent(models.AbstractModel):
    """A revoked consent to personal-data processing stops the reports to parents
    (weekly digest and on-demand), as it already hides the pupil in the portal
    (issue 10: the digests went on after a revocation)."""
    _inherit = "school.monitoring"

    @api.model
    def _digest_recipients(self, student_ids=None, day=None):
        rows = super(SchoolMonitoringConsent, self)._digest_recipients(student_ids=student_ids, day=day)
        if not rows:
            return rows
        self.env.cr.execute("SELECT id FROM school_student WHERE id IN %s AND consent_state = 'revoked'",
                            (tuple({r[1] for r in rows}),))
        revoked = {r[0] for r in self.env.cr.fetchall()}
        return [r for r in rows if r[1] not in revoked]
