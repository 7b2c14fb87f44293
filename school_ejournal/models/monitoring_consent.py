from odoo import api, models


class SchoolMonitoringConsent(models.AbstractModel):
    """E-mail reports to parents (weekly digest and on-demand) are an optional
    e-service: they go only for pupils with a consent to personal-data
    processing in force (152-ФЗ); none given or a revoked one stops them."""
    _inherit = "school.monitoring"

    @api.model
    def _digest_recipients(self, student_ids=None, day=None):
        rows = super(SchoolMonitoringConsent, self)._digest_recipients(student_ids=student_ids, day=day)
        if not rows:
            return rows
        self.env.cr.execute("SELECT id FROM school_student WHERE id IN %s AND consent_state IS DISTINCT FROM 'given'",
                            (tuple({r[1] for r in rows}),))
        without = {r[0] for r in self.env.cr.fetchall()}
        return [r for r in rows if r[1] not in without]
