from odoo import fields, models


class SchoolAnnouncementRead(models.Model):
    """A family member's «Прочитано» on an announcement: written only by
    school.announcement.action_mark_read, for the user himself."""
    _name = "school.announcement.read"
    _description = "Announcement Read Mark"
    _order = "read_at desc, id desc"
    _rec_name = "announcement_id"

    announcement_id = fields.Many2one("school.announcement", required=True, index=True,
                                      ondelete="cascade", readonly=True)
    user_id = fields.Many2one("res.users", required=True, index=True, ondelete="cascade",
                              readonly=True)
    read_at = fields.Datetime(string="Read", required=True, readonly=True, default=fields.Datetime.now)

    _sql_constraints = [("announcement_user_unique", "unique(announcement_id, user_id)",
                         "The announcement is already marked as read.")]
