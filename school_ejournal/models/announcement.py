"""Announcements to the families («объявления»): a parents' meeting of a class,
the control week of a grade level, a school event.

The deputy and the administrator announce to any audience, a class teacher to
his class. The families see in the portal those of their children's classes,
grade levels and the whole school while the dates say so (the portal rules
search ``audience_user_ids``), and mark them «Прочитано»
(school.announcement.read); the staff see how many families have read one."""
from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.translate import _
from ..tools.student_sql import user_ids_from
from .journal_guard import _format_date

AUDIENCES = [("school", "Whole School"), ("level", "Grade Level"), ("class", "Class")]

# announcements a portal user sees today: the school's, his pupils' grade levels' and classes'
AUDIENCE_SQL = """
    WITH pupils AS (
        SELECT s.id, s.current_class_id FROM school_student s
         WHERE s.active AND (s.user_id IN %(users)s OR s.id IN %(guarded)s)
    )
    SELECT a.id FROM school_announcement a
     WHERE a.date_from <= %(today)s AND a.date_to >= %(today)s AND EXISTS (SELECT 1 FROM pupils)
       AND (a.audience = 'school'
            OR (a.audience = 'class' AND a.class_id IN (SELECT current_class_id FROM pupils))
            OR (a.audience = 'level' AND a.grade_level_id IN (
                    SELECT c.grade_level_id FROM school_class c WHERE c.id IN (SELECT current_class_id FROM pupils))))
"""


class SchoolAnnouncement(models.Model):
    _name = "school.announcement"
    _description = "Announcement"
    _order = "date_from desc, id desc"
    # client_gate.py: the author is the server's
    _school_server_fields = ("author_id",)

    name = fields.Char(string="Title", required=True, size=200)
    text = fields.Text(required=True)
    audience = fields.Selection(AUDIENCES, string="Recipients", required=True, default="class")
    grade_level_id = fields.Many2one("school.grade.level", ondelete="restrict")
    class_id = fields.Many2one("school.class", index=True, ondelete="restrict")
    date_from = fields.Date(string="Show From", required=True, default=fields.Date.context_today)
    date_to = fields.Date(string="Show Until", required=True)
    author_id = fields.Many2one("res.users", readonly=True, ondelete="restrict")
    read_count = fields.Integer(string="Read (Families)", compute="_compute_read_count",
                                help="How many portal users (parents, pupils) have marked the announcement as read.")
    audience_user_ids = fields.Many2many("res.users", string="Shown in the Diary To", compute="_compute_audience_users",
                                         search="_search_audience_users")

    # ------------------------------------------------------------------ computes
    def _compute_read_count(self):
        counts = {}
        if self.ids:
            # a count, no names: the staff who read the announcement see how many families read it
            self.env.cr.execute("""SELECT announcement_id, count(DISTINCT user_id) FROM school_announcement_read
                                    WHERE announcement_id IN %s GROUP BY announcement_id""", (tuple(self.ids),))
            counts = dict(self.env.cr.fetchall())
        for announcement in self:
            announcement.read_count = counts.get(announcement.id, 0)

    def _compute_audience_users(self):
        # only searched (the portal rules); never listed
        for announcement in self:
            announcement.audience_user_ids = False

    def _search_audience_users(self, operator, value):
        """Announcements the given portal users see today (the pupils themselves
        and legal representatives)."""
        users = user_ids_from(operator, value)
        if not users:
            return [("id", "=", 0)]
        # sudo: the ids of the pupils of exactly these users, for the SQL below
        guarded = self.env["school.student"].sudo().search([("guardian_user_ids", "in", users)]).ids
        self.env.cr.execute(AUDIENCE_SQL, {"users": tuple(users), "guarded": tuple(guarded) or (0,),
                                           "today": fields.Date.context_today(self)})
        return [("id", "in", [r[0] for r in self.env.cr.fetchall()])]

    # ------------------------------------------------------------------ checks
    def _check_values(self):
        for announcement in self:
            if announcement.date_from > announcement.date_to:
                raise ValidationError(_("The “show from” date (%(date_from)s) is later than the “until” date "
                                        "(%(date_to)s).")
                                      % {"date_from": _format_date(announcement.date_from),
                                         "date_to": _format_date(announcement.date_to)})
            if announcement.audience == "class" and not announcement.class_id:
                raise ValidationError(_("Choose the class the announcement is for."))
            if announcement.audience == "level" and not announcement.grade_level_id:
                raise ValidationError(_("Choose the grade level the announcement is for."))

    def _assert_may_announce(self):
        """The deputy and the administrator: any audience; a class teacher: his class."""
        user = self.env.user
        if user.has_group("school_ejournal.group_deputy") or user.has_group("school_ejournal.group_school_admin"):
            return
        for announcement in self:
            if announcement.audience != "class" or announcement.class_id.id not in user.school_led_class_ids.ids:
                raise AccessError(_("A class teacher makes announcements to his own class only; to a grade level "
                                    "or the whole school, the deputy director or the administrator."))

    def _stale_links(self):
        """The class or the level this announcement's audience does not use, to clear."""
        vals = {}
        if self.audience != "class" and self.class_id:
            vals["class_id"] = False
        if self.audience != "level" and self.grade_level_id:
            vals["grade_level_id"] = False
        return vals

    # ------------------------------------------------------------------ CRUD
    @api.model
    def create(self, vals):
        # the demo (superuser) names its author; everyone else is the author himself
        author = vals.get("author_id") if self.env.uid == SUPERUSER_ID else None
        vals = dict(vals, author_id=author or self.env.uid)
        audience = vals.get("audience") or self.default_get(["audience"]).get("audience")
        if audience != "class":
            vals.pop("class_id", None)
        if audience != "level":
            vals.pop("grade_level_id", None)
        announcement = super(SchoolAnnouncement, self).create(vals)
        announcement._check_values()
        announcement._assert_may_announce()
        return announcement

    def write(self, vals):
        self._assert_may_announce()
        result = super(SchoolAnnouncement, self).write(vals)
        for announcement in self:
            stale = announcement._stale_links()
            if stale:
                super(SchoolAnnouncement, announcement).write(stale)
        self._check_values()
        self._assert_may_announce()
        return result

    def unlink(self):
        self._assert_may_announce()
        return super(SchoolAnnouncement, self).unlink()

    # ------------------------------------------------------------------ portal
    def action_mark_read(self):
        """«Прочитано»: the portal user's own mark on announcements his rules let him read."""
        if not self.env.user.has_group("base.group_portal"):
            raise UserError(_("Parents and pupils mark an announcement as read in the diary."))
        self.check_access_rights("read")
        self.check_access_rule("read")
        done = set(self.env["school.announcement.read"].search([
            ("announcement_id", "in", self.ids), ("user_id", "=", self.env.uid)]).mapped("announcement_id").ids)
        for announcement in self.filtered(lambda a: a.id not in done):
            # sudo: the portal user may not create marks himself; this one is his own, on a readable announcement
            self.env["school.announcement.read"].sudo().create({
                "announcement_id": announcement.id, "user_id": self.env.uid})
        return True

    @api.model
    def _portal_announcements(self):
        """The announcements the current portal user sees today, newest first,
        with his read marks: [(announcement, read)]."""
        announcements = self.search([], limit=200)  # the record rules keep today's of his children
        read = set(self.env["school.announcement.read"].search([
            ("announcement_id", "in", announcements.ids), ("user_id", "=", self.env.uid)]).mapped(
            "announcement_id").ids)
        return [(a, a.id in read) for a in announcements]
