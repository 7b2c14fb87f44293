from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..tools.translate import _

# The staff roles with a home screen, the highest first: the client action
# (ir.actions.client, tag school_home) that res.users.action_id points at.
HOME_ROLES = [
    ("school_admin", "school_ejournal.group_school_admin"),
    ("deputy", "school_ejournal.group_deputy"),
    ("class_teacher", "school_ejournal.group_class_teacher"),
    ("teacher", "school_ejournal.group_teacher"),
]
HOME_ROLE_NAMES = [role for role, _group in HOME_ROLES]
HOME_TITLES = {
    "school_admin": _("Administrator Home"),
    "deputy": _("Deputy Director Home"),
    "class_teacher": _("Class Teacher Home"),
    "teacher": _("Teacher Home"),
}


class SchoolHome(models.AbstractModel):
    """The staff's home screen: today's lessons with what is missing, counts of
    unread messages and open alerts, each opening its list. Everything is read
    with the caller's own rights; the role only chooses what is shown."""
    _name = "school.home"
    _description = "Home"

    @api.model
    def _home_role(self):
        return next((role for role, group in HOME_ROLES if self.env.user.has_group(group)), False)

    @api.model
    def _home_role_of_groups(self, groups):
        """The highest role of these groups (res.users keeps the implied ones)."""
        names = set(groups.get_external_id().values())
        return next((role for role, group in HOME_ROLES if group in names), False)

    @api.model
    def _home_action(self, role):
        return self.env.ref("school_ejournal.action_school_home_%s" % role, raise_if_not_found=False) if role else None

    @api.model
    def get_home(self, role=None):
        """The home screen of the caller: ``role`` (the action's) is shown only if
        his groups give it, else his own highest role."""
        own = self._home_role()
        if not own:
            raise AccessError(_("Only school staff have a journal home page."))
        roles = [r for r, group in HOME_ROLES if self.env.user.has_group(group)]
        role = role if role in roles else own
        today = fields.Date.context_today(self)
        day = fields.Date.from_string(today)
        weekdays = ["понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"]
        tiles = []
        if role == "class_teacher":
            tiles += self._class_teacher_tiles(today)
        if role in ("deputy", "school_admin"):
            tiles += self._control_tiles(today)
        if role == "school_admin":
            tiles += self._admin_tiles(today)
        tiles += self._common_tiles(role)
        return {
            "role": role,
            "title": _(HOME_TITLES[role]),
            "user": self.env.user.name,
            "date": "%s, %s" % (day.strftime("%d.%m.%Y"), _(weekdays[day.weekday()])),
            "lessons": self._lessons_today(today),
            "tiles": tiles,
        }

    # ------------------------------------------------------------------ lessons
    @api.model
    def _missing(self, lessons, today):
        """{lesson id: [what is missing]}: a topic, homework, marks (a lesson of
        today or earlier with no mark yet)."""
        marked = set()
        if lessons:
            self.env.cr.execute("SELECT DISTINCT lesson_id FROM school_grade WHERE lesson_id IN %s",
                                (tuple(lessons.ids),))
            marked = {r[0] for r in self.env.cr.fetchall()}
        result = {}
        for lesson in lessons:
            missing = []
            if not (lesson.topic or "").strip():
                missing.append(_("no topic"))
            if not (lesson.homework or "").strip() and not lesson.homework_attachment_ids:
                missing.append(_("no homework"))
            if lesson.date <= today and lesson.id not in marked:
                missing.append(_("no grades"))
            result[lesson.id] = missing
        return result

    @api.model
    def _lessons_today(self, today):
        uid = self.env.uid
        lessons = self.env["school.lesson"].search(
            [("date", "=", today), "|", ("teacher_id", "=", uid), ("substitute_teacher_id", "=", uid)],
            order="lesson_number, id")
        missing = self._missing(lessons, today)
        return [{
            "id": lesson.id,
            "number": lesson.lesson_number,
            "class": lesson.class_id.name,
            "subgroup": lesson.subgroup_id.name or "",
            "subject": lesson.subject_id.name,
            "topic": lesson.topic or "",
            "substitute": lesson.substitute_teacher_id.id == uid,
            "missing": missing[lesson.id],
        } for lesson in lessons]

    # ------------------------------------------------------------------ tiles
    @api.model
    def _tile(self, key, label, count, action, level="info"):
        return {"key": key, "label": label, "count": count, "action": action,
                "level": level if count else "muted"}

    @api.model
    def _list_action(self, name, model, domain):
        return {"type": "ir.actions.act_window", "name": name, "res_model": model, "domain": domain,
                "views": [[False, "list"], [False, "form"]], "view_mode": "tree,form", "target": "current",
                "context": {}}

    @api.model
    def _common_tiles(self, role):
        tiles = []
        unread = self.env.user.partner_id.get_needaction_count()
        tiles.append(self._tile("unread", _("Unread Messages"), unread,
                                "mail.mail_channel_action_client_chat", "warning"))
        Violation = self.env["school.violation"]
        if role in ("teacher", "class_teacher"):
            domain = [("teacher_id", "=", self.env.uid), ("state", "=", "open")]
            tiles.append(self._tile("violations", _("My Journal-Keeping Violations"),
                                    Violation.search_count(domain),
                                    self._list_action(_("My Journal-Keeping Violations"), "school.violation",
                                                      domain),
                                    "danger"))
        return tiles

    @api.model
    def _class_teacher_tiles(self, today):
        classes = self.env.user.school_led_class_ids
        names = ", ".join(classes.mapped("name"))
        absent_domain = [("date", "=", today), ("lesson_id.class_id", "in", classes.ids),
                         ("code_id", "!=", False)]
        absent = self.env["school.attendance"].search(absent_domain)
        tiles = [self._tile("absent", _("My Class %s: Absent Today") % names, len(absent.mapped("student_id")),
                            self._list_action(_("Absent Today"), "school.attendance", absent_domain),
                            "warning")]
        Alert = self.env["school.monitoring.alert"]
        alert_domain = [("state", "=", "open"), ("class_id", "in", classes.ids)]
        tiles.append(self._tile("alerts", _("My Class %s: Open Alerts") % names, Alert.search_count(alert_domain),
                                self._list_action(_("Class Alerts"), "school.monitoring.alert", alert_domain),
                                "danger"))
        return tiles

    @api.model
    def _control_tiles(self, today):
        Lesson = self.env["school.lesson"]
        tiles = []
        for key, label, condition in (
                ("no_topic", _("Today’s Lessons without Topic"), [("topic", "=", False)]),
                ("no_homework", _("Today’s Lessons without Homework"), [("homework", "=", False)])):
            domain = [("date", "=", today)] + condition
            tiles.append(self._tile(key, label, Lesson.search_count(domain),
                                    self._list_action(label, "school.lesson", domain), "warning"))
        domain = [("state", "=", "open")]
        tiles.append(self._tile("violations", _("Open Journal-Keeping Violations"),
                                self.env["school.violation"].search_count(domain),
                                self._list_action(_("Open Journal-Keeping Violations"), "school.violation",
                                                  domain), "danger"))
        tiles.append(self._tile("alerts", _("Open Monitoring Alerts"),
                                self.env["school.monitoring.alert"].search_count(domain),
                                self._list_action(_("Open Monitoring Alerts"), "school.monitoring.alert",
                                                  domain),
                                "danger"))
        return tiles

    @api.model
    def _admin_tiles(self, today):
        domain = [("date_end", "<", today), ("state", "!=", "closed")]
        Period = self.env["school.period"]
        return [self._tile("periods", _("Periods to Close"), Period.search_count(domain),
                           self._list_action(_("Periods to Close"), "school.period", domain), "warning")]
