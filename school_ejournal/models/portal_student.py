from odoo import api, fields, models


class SchoolStudentPortal(models.Model):
    """What the portal (the families' diary) needs on the pupil: who may read
    him there, and posting messages with read access only."""
    _inherit = "school.student"

    # Families write to teachers on the pupil's thread: reading the pupil is
    # enough to post there (the portal user never gets write access on him).
    _mail_post_access = "read"

    # who logs in for the pupil is personal data: the record rules search these under sudo
    guardian_user_ids = fields.Many2many(
        "res.users", string="Логины законных представителей", compute="_compute_portal_users",
        search="_search_guardian_users", groups="school_ejournal.group_class_teacher",
        help="Логины родителей (законных представителей), которые видят дневник ученика.")
    portal_user_ids = fields.Many2many(
        "res.users", string="Видят дневник", compute="_compute_portal_users",
        search="_search_portal_users", groups="school_ejournal.group_class_teacher",
        help="Логин самого ученика и логины его законных представителей.")

    # One query for both: {student_id: (own login or None, [guardian logins])}.
    _PORTAL_USERS_SQL = """
        SELECT s.id, s.user_id,
               ARRAY(SELECT u.id FROM school_student_guardian g
                       JOIN res_users u ON u.partner_id = g.partner_id
                      WHERE g.student_id = s.id AND g.is_legal_representative)
          FROM school_student s WHERE s.id IN %s
    """

    @api.model
    def _portal_students(self):
        """Pupils whose diary the current user reads: himself, or his children as
        their legal representative (the portal's list), through his own rules."""
        # sudo: the search is on the user's own id only; the result is filtered by his rules
        ids = self.sudo().search([("portal_user_ids", "in", [self.env.uid])]).ids
        return self.search([("id", "in", ids)])

    def _compute_portal_users(self):
        found = {}
        visible = self._guard_visible(["portal_user_ids"])
        if visible.ids:
            self.env.cr.execute(self._PORTAL_USERS_SQL, (tuple(visible.ids),))
            found = {sid: (uid, uids) for sid, uid, uids in self.env.cr.fetchall()}
        for student in self:
            uid, uids = found.get(student.id, (None, []))
            student.guardian_user_ids = [(6, 0, uids)]
            student.portal_user_ids = [(6, 0, ([uid] if uid else []) + uids)]

    @api.model
    def _user_ids_from(self, operator, value):
        if operator not in ("in", "=") or not value:
            return None
        return [v for v in (value if isinstance(value, (list, tuple)) else [value]) if v]

    def _search_guardian_users(self, operator, value):
        """Pupils whose legal representative logs in as one of the given users
        (the parents' record rules). Only legal representatives get a diary
        login (login wizard), so only they read the pupil here."""
        users = self._user_ids_from(operator, value)
        if not users:
            return [("id", "=", 0)]
        self.env.cr.execute("""
            SELECT g.student_id FROM school_student_guardian g
              JOIN res_users u ON u.partner_id = g.partner_id
             WHERE u.id IN %s AND g.is_legal_representative
        """, (tuple(users),))
        return [("id", "in", [r[0] for r in self.env.cr.fetchall()])]

    def _search_portal_users(self, operator, value):
        """The pupil himself or a pupil of whom the user is a legal representative."""
        users = self._user_ids_from(operator, value)
        if not users:
            return [("id", "=", 0)]
        self.env.cr.execute("""
            SELECT id FROM school_student WHERE user_id IN %s
             UNION
            SELECT g.student_id FROM school_student_guardian g
              JOIN res_users u ON u.partner_id = g.partner_id
             WHERE u.id IN %s AND g.is_legal_representative
        """, (tuple(users), tuple(users)))
        return [("id", "in", [r[0] for r in self.env.cr.fetchall()])]
