from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.translate import _

WEEKDAYS = [("0", "Monday"), ("1", "Tuesday"), ("2", "Wednesday"), ("3", "Thursday"),
            ("4", "Friday"), ("5", "Saturday")]


class SchoolTimetable(models.Model):
    """A weekly timetable entry, valid between two dates: a change of the
    timetable from some date ends the old entry and starts a new one."""
    _name = "school.timetable"
    _description = "Lesson Timetable"
    _order = "class_id, weekday, lesson_number, subgroup_id"

    class_id = fields.Many2one("school.class", required=True, index=True,
                               ondelete="cascade")
    subgroup_id = fields.Many2one("school.class.subgroup", domain="[('class_id', '=', class_id)]")
    weekday = fields.Selection(WEEKDAYS, required=True)
    lesson_number = fields.Integer(required=True, default=1)
    subject_id = fields.Many2one("school.subject", required=True)
    teacher_id = fields.Many2one("res.users", required=True, index=True,
                                 domain=lambda self: [("groups_id", "in", self.env.ref(
                                     "school_ejournal.group_teacher").id)])
    room = fields.Char()
    date_from = fields.Date(string="Valid From", required=True)
    date_to = fields.Date(string="Valid To", required=True)
    academic_year_id = fields.Many2one(related="class_id.academic_year_id", store=True, readonly=True,
                                       string="Academic Year", index=True)

    _sql_constraints = [
        ("dates_order", "check(date_from <= date_to)",
         "The timetable start date cannot be later than the end date."),
        ("lesson_range", "check(lesson_number between 0 and 12)", "The lesson number must be between 0 and 12."),
    ]

    def name_get(self):
        days = self._school_selection_labels("weekday")
        return [(e.id, _("%(class)s, %(day)s, lesson %(number)s: %(subject)s") % {
            "class": e.class_id.name, "day": days.get(e.weekday), "number": e.lesson_number,
            "subject": e.subject_id.name}) for e in self]

    @api.onchange("class_id")
    def _onchange_class(self):
        year = self.class_id.academic_year_id
        if year:
            self.date_from = self.date_from or year.date_start
            self.date_to = self.date_to or year.date_end
            self.room = self.room or self.class_id.room

    @api.model
    def create(self, vals):
        if vals.get("class_id") and not (vals.get("date_from") and vals.get("date_to")):
            year = self.env["school.class"].browse(vals["class_id"]).academic_year_id
            vals = dict(vals, date_from=vals.get("date_from") or year.date_start,
                        date_to=vals.get("date_to") or year.date_end)
        return super(SchoolTimetable, self).create(vals)

    @api.constrains("class_id", "subgroup_id", "weekday", "lesson_number", "teacher_id",
                    "date_from", "date_to")
    def _check_timetable(self):
        for entry in self.sudo():
            year = entry.class_id.academic_year_id
            if entry.date_from < year.date_start or entry.date_to > year.date_end:
                raise ValidationError(_("The timetable validity period extends beyond academic year %s.") % year.name)
            if entry.subgroup_id and entry.subgroup_id.class_id != entry.class_id:
                raise ValidationError(_("Subgroup “%s” belongs to another class.") % entry.subgroup_id.name)
            if int(entry.weekday) > year.company_id._school_last_weekday():
                raise ValidationError(_("The school has a five-day week: there are no lessons on Saturday."))
        self._check_conflicts()

    def _check_conflicts(self):
        """One query for both clashes at the same weekday+lesson in overlapping
        validity: a class in common (a teaching group counts every class it draws
        on) with the whole class, the same group or groups sharing a pupil; or the
        same teacher in another class/group."""
        if not self.ids:
            return
        self.env.cr.execute("""
            SELECT a.id, b.id, a.teacher_id = b.teacher_id AND NOT (a.class_id = b.class_id AND
                   a.subgroup_id IS NOT DISTINCT FROM b.subgroup_id) AS teacher_clash
              FROM school_timetable a
              JOIN school_timetable b
                ON b.id != a.id AND b.weekday = a.weekday AND b.lesson_number = a.lesson_number
               AND b.date_from <= a.date_to AND a.date_from <= b.date_to
             WHERE a.id IN %s
               AND (((ARRAY[a.class_id] || ARRAY(SELECT r.class_id FROM school_class_subgroup_class_rel r
                                                   WHERE r.subgroup_id = a.subgroup_id))
                     && (ARRAY[b.class_id] || ARRAY(SELECT r.class_id FROM school_class_subgroup_class_rel r
                                                   WHERE r.subgroup_id = b.subgroup_id))
                     AND (a.subgroup_id IS NULL OR b.subgroup_id IS NULL
                      OR a.subgroup_id = b.subgroup_id
                      OR EXISTS (SELECT 1 FROM school_class_subgroup_student_rel ra
                                   JOIN school_class_subgroup_student_rel rb
                                     ON rb.student_id = ra.student_id
                                  WHERE ra.subgroup_id = a.subgroup_id AND rb.subgroup_id = b.subgroup_id)))
                    OR a.teacher_id = b.teacher_id)
             LIMIT 1
        """, (tuple(self.ids),))
        row = self.env.cr.fetchone()
        if not row:
            return
        entry, other = self.browse(row[0]).sudo(), self.browse(row[1]).sudo()
        day = entry._school_selection_labels("weekday")[entry.weekday]
        if row[2]:
            raise ValidationError(_("Teacher %(teacher)s cannot teach two lessons at the same time: %(day)s, "
                                    "lesson %(lesson_number)s — already %(subject)s in "
                                    "%(class)s.") % {"teacher": entry.teacher_id.name, "day": day,
                                                                       "lesson_number": entry.lesson_number,
                                                       "subject": other.subject_id.name, "class": other.class_id.name})
        common = (entry.class_id | entry.subgroup_id.class_ids) & (other.class_id | other.subgroup_id.class_ids)
        raise ValidationError(_("Class %(class)s already has a lesson on %(day)s, lesson %(lesson_number)s: "
                                "%(subject)s.")
                              % {"class": common.sorted("name")[:1].name or entry.class_id.name, "day": day.lower(),
                                 "lesson_number": entry.lesson_number, "subject": other.subject_id.name})

    def action_change_from(self, date_from, vals):
        """Change these entries from ``date_from``: the old versions end the day
        before, copies with ``vals`` start on it. Returns the new entries."""
        try:
            day_before = fields.Date.to_string(fields.Date.from_string(date_from) - timedelta(days=1))
        except (TypeError, ValueError):
            raise ValidationError(_("“%s” is not a date: enter the date as YYYY-MM-DD.") % (date_from,))
        if not isinstance(vals, dict):
            raise ValidationError(_("Changes to a timetable entry are passed as a dictionary of fields."))
        date_from = fields.Date.to_string(fields.Date.from_string(date_from))
        new_entries = self.browse()
        for entry in self:
            if not (entry.date_from < date_from <= entry.date_to):
                raise ValidationError(_("Date %s is outside the validity period of the timetable entry.") % date_from)
            old_end = entry.date_to
            entry.date_to = day_before
            new_entries |= entry.copy(dict(vals, date_from=date_from, date_to=old_end))
        return new_entries

    @api.model
    def _get_entries_on(self, day, class_ids=None):
        """Timetable entries in force on ``day`` for its weekday."""
        weekday = str(fields.Date.from_string(day).weekday())
        domain = [("weekday", "=", weekday), ("date_from", "<=", day), ("date_to", ">=", day)]
        if class_ids is not None:
            domain += self._class_domain(class_ids)
        return self.search(domain)

    @api.model
    def _class_domain(self, class_ids):
        """The entries of these classes: their own and those of the teaching groups drawing on them."""
        return ["|", ("class_id", "in", list(class_ids)), ("subgroup_id.class_ids", "in", list(class_ids))]

    # ------------------------------------------------------------------ week grid
    @api.model
    def get_week_grid(self, kind="class", key=False, day=False):
        """One week of a class, a teacher or a room as a grid: the weekdays as
        columns, the lesson numbers as rows, each cell the entries in force on
        that day. Read with the caller's rights; ``key`` 'mine' is the caller."""
        if kind not in ("class", "teacher", "room"):
            kind = "class"
        try:
            day = fields.Date.from_string(day) if day else fields.Date.from_string(fields.Date.context_today(self))
        except (TypeError, ValueError):
            raise ValidationError(_("“%s” is not a date: enter the date as YYYY-MM-DD.") % (day,))
        monday = day - timedelta(days=day.weekday())
        last = self.env.user.company_id._school_last_weekday()
        dates = [monday + timedelta(days=i) for i in range(last + 1)]
        week = [("date_from", "<=", fields.Date.to_string(dates[-1])),
                ("date_to", ">=", fields.Date.to_string(monday))]
        in_week = self.search(week)
        options = self._week_options(kind, in_week)
        keys = [str(option[0]) for option in options]
        if key == "mine" and kind == "teacher":
            key = self.env.uid
        if str(key) not in keys:
            key = options[0][0] if options else False
        if kind == "room":
            entries = in_week.filtered(lambda e: (e.room or "") == key)
        else:
            field = "class_id" if kind == "class" else "teacher_id"
            entries = in_week.filtered(lambda e: e[field].id == int(key or 0)
                                       or kind == "class" and int(key or 0) in e.subgroup_id.class_ids.ids)
        numbers = sorted(set(entries.mapped("lesson_number")))
        rows = []
        for number in numbers:
            cells = []
            for index, date in enumerate(dates):
                date = fields.Date.to_string(date)
                cell = entries.filtered(lambda e: e.weekday == str(index) and e.lesson_number == number
                                        and e.date_from <= date <= e.date_to)
                cells.append([{"subject": e.subject_id.name, "detail": e._week_detail(kind)}
                              for e in cell.sorted(lambda e: (e.subgroup_id.name or "", e.id))])
            rows.append({"number": number, "cells": cells})
        short = [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat")]
        title = dict(options).get(key, "")
        return {
            "kind": kind, "key": key,
            "kinds": [["class", _("Class")], ["teacher", _("Teacher")], ["room", _("Room")]],
            "options": options,
            "title": _("Weekly Timetable: %s") % title if title else _("Weekly Timetable"),
            "days": ["%s %s" % (short[i], d.strftime("%d.%m")) for i, d in enumerate(dates)],
            "week": "%s – %s" % (monday.strftime("%d.%m.%Y"), dates[-1].strftime("%d.%m.%Y")),
            "monday": fields.Date.to_string(monday),
            "prev": fields.Date.to_string(monday - timedelta(days=7)),
            "next": fields.Date.to_string(monday + timedelta(days=7)),
            "rows": rows,
        }

    @api.model
    def _week_options(self, kind, entries):
        if kind == "class":
            return [[c.id, c.name] for c in entries.mapped("class_id").sorted(lambda c: (len(c.name), c.name))]
        if kind == "teacher":
            teachers = entries.mapped("teacher_id")
            if self.env.user in teachers or not teachers:
                teachers |= self.env.user if self.env.user.has_group("school_ejournal.group_teacher") else teachers
            return [[t.id, t.name] for t in teachers.sorted("name")]
        return [[r, r] for r in sorted(set(entries.filtered("room").mapped("room")))]

    def _week_detail(self, kind):
        parts = []
        if kind != "class":
            parts.append("+".join(self.subgroup_id.class_ids.sorted("name").mapped("name")) or self.class_id.name)
        if self.subgroup_id:
            parts.append(self.subgroup_id.name)
        if kind != "teacher":
            parts.append(self.teacher_id.name)
        if kind != "room" and self.room:
            parts.append(_("room %s") % self.room)
        return ", ".join(parts)
