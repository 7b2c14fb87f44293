from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError

from ..tools.translate import _


class SchoolPortalVisit(models.Model):
    """Parents' and pupils' visits of the journal in the portal: one row per user,
    day and child (hits counted). The portal controllers call ``_log_visit``."""
    _name = "school.portal.visit"
    _description = "Portal Journal Visit"
    _order = "visit_date desc"
    _rec_name = "user_id"

    user_id = fields.Many2one("res.users", required=True, index=True,
                              ondelete="cascade", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Contact", index=True, ondelete="cascade",
                                 readonly=True)
    student_id = fields.Many2one("school.student", index=True, ondelete="cascade",
                                 readonly=True)
    day = fields.Date(required=True, index=True, readonly=True)
    visit_date = fields.Datetime(string="Last Login", required=True, readonly=True)
    hits = fields.Integer(string="Number of Views", default=1, readonly=True)

    def init(self):
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS school_portal_visit_day_unique
                ON school_portal_visit (user_id, day, COALESCE(student_id, 0))
        """)

    @api.model
    def create(self, vals):
        # The portal groups' create right serves _log_visit (the caller's own row,
        # in SQL); a create() would let the caller name any user, pupil, day or count.
        if self.env.uid != SUPERUSER_ID:
            raise AccessError(_("Journal visits are recorded by the portal itself: they cannot be created manually."))
        return super(SchoolPortalVisit, self).create(vals)

    @api.model
    def _log_visit(self, student=None):
        """Record that the current user opened the journal (of ``student``, a
        school.student record or id, when given). Portal groups have the create
        right only: nobody's visits become readable through this. The row is
        always the current user's own (uid from the session, never a parameter);
        a student the user is neither nor a parent of is stored as empty.
        Returns True when logged, False for users without the right."""
        if not self.check_access_rights("create", raise_exception=False):
            return False
        student_id = student.id if hasattr(student, "id") else (int(student) if student else None)
        # Plain SQL: the ORM's create() reads the new row back, which the portal
        # groups may not do; the statement writes only the caller's own visit.
        self.env.cr.execute("""
            INSERT INTO school_portal_visit (create_uid, create_date, write_uid, write_date,
                                             user_id, partner_id, student_id, day, visit_date, hits)
            SELECT u.id, now() AT TIME ZONE 'UTC', u.id, now() AT TIME ZONE 'UTC', u.id, u.partner_id,
                   (SELECT s.id FROM school_student s
                     WHERE s.id = %(student)s
                       AND (s.partner_id = u.partner_id
                            OR EXISTS (SELECT 1 FROM school_student_guardian g
                                        WHERE g.student_id = s.id AND g.partner_id = u.partner_id))),
                   (now() AT TIME ZONE 'UTC')::date, now() AT TIME ZONE 'UTC', 1
              FROM res_users u WHERE u.id = %(uid)s
            ON CONFLICT (user_id, day, (COALESCE(student_id, 0)))
            DO UPDATE SET visit_date = EXCLUDED.visit_date, hits = school_portal_visit.hits + 1,
                          write_date = EXCLUDED.write_date
        """, {"student": student_id, "uid": self.env.uid})
        return True
