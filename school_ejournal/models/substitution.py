"""One lesson of an absent teacher and its replacement (school.teacher.absence):
«замена» (another teacher gives the lesson), «объединение классов» (a teacher
takes the class together with his own) or «отмена».

A confirmed line writes the lesson's «Замена» (substitute_teacher_id) through
the lesson's own write: the journal guard refuses a closed period, the lesson's
checks refuse a substitute without the teacher's role, and the change log keeps
who set it. The substitute may then keep the journal of this lesson only (the
guard knows the lesson's substitute). The lesson has no «cancelled» state yet:
«отмена» is kept here as a record (the report, the absence) and touches no lesson."""
from datetime import date as _date

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.translate import _
from .journal_guard import _format_date

KINDS = [("replace", "Substitute"), ("merge", "Merged Classes"), ("cancel", "Cancel")]

# Teachers free at a lesson's date and number: a teaching load in the lesson's
# year, no lesson of theirs (taught or substituted) and no timetable entry at
# that number that day, no absence of their own; the subject's teachers first,
# then those already at school that day.
FREE_TEACHERS_SQL = """
    SELECT a.teacher_id, bool_or(a.subject_id = %(subject)s) AS of_subject,
           (SELECT count(*) FROM school_lesson d
             WHERE d.date = %(date)s AND (d.teacher_id = a.teacher_id OR d.substitute_teacher_id = a.teacher_id))
             AS day_load
      FROM school_teaching_assignment a
      JOIN school_class c ON c.id = a.class_id AND c.academic_year_id = %(year)s
      JOIN res_users u ON u.id = a.teacher_id AND u.active
     WHERE a.teacher_id <> %(absent)s
       AND NOT EXISTS (SELECT 1 FROM school_lesson x
                        WHERE x.date = %(date)s AND x.lesson_number = %(number)s AND x.id <> %(lesson)s
                          AND (x.teacher_id = a.teacher_id OR x.substitute_teacher_id = a.teacher_id))
       AND NOT EXISTS (SELECT 1 FROM school_timetable t
                        WHERE t.teacher_id = a.teacher_id AND t.weekday = %(weekday)s
                          AND t.lesson_number = %(number)s AND %(date)s BETWEEN t.date_from AND t.date_to
                          AND t.id IS DISTINCT FROM %(timetable)s)
       AND NOT EXISTS (SELECT 1 FROM school_teacher_absence b
                        WHERE b.teacher_id = a.teacher_id AND %(date)s BETWEEN b.date_from AND b.date_to)
     GROUP BY a.teacher_id
     ORDER BY of_subject DESC, day_load DESC, a.teacher_id
"""

# The lessons a teacher gives (or substitutes) at one date and number, another lesson aside.
BUSY_SQL = """
    SELECT count(*) FROM school_lesson x
     WHERE x.date = %s AND x.lesson_number = %s AND x.id <> %s
       AND (x.teacher_id = %s OR x.substitute_teacher_id = %s)
"""


class SchoolSubstitution(models.Model):
    _name = "school.substitution"
    _description = "Lesson Substitution"
    _order = "date, lesson_number, id"
    _school_server_fields = ("hours",)

    absence_id = fields.Many2one("school.teacher.absence", required=True, index=True,
                                 ondelete="cascade")
    lesson_id = fields.Many2one("school.lesson", required=True, index=True, ondelete="cascade")
    date = fields.Date(related="lesson_id.date", store=True, readonly=True, string="Date", index=True)
    lesson_number = fields.Integer(related="lesson_id.lesson_number", store=True, readonly=True,
                                   string="Lesson No.")
    class_id = fields.Many2one(related="lesson_id.class_id", store=True, readonly=True, string="Class")
    subject_id = fields.Many2one(related="lesson_id.subject_id", store=True, readonly=True, string="Subject")
    teacher_id = fields.Many2one(related="absence_id.teacher_id", store=True, readonly=True,
                                 string="Absent Teacher", index=True)
    state = fields.Selection(related="absence_id.state", store=True, readonly=True, string="State")
    kind = fields.Selection(KINDS, required=True, default="replace")
    substitute_teacher_id = fields.Many2one("res.users", index=True,
                                            ondelete="restrict",
                                            domain=lambda self: [("groups_id", "in", self.env.ref(
                                                "school_ejournal.group_teacher").id)])
    paid = fields.Boolean(default=True,
                          help="The substitution hours are paid on top of the teaching load (for the accountant).")
    hours = fields.Float(compute="_compute_hours", store=True,
                         help="One hour per lesson; a cancelled lesson gives no hours.")
    proposal = fields.Char(string="Free Teachers", compute="_compute_proposal",
                           help="Teachers free at this time: the subject’s teachers first.")

    _sql_constraints = [
        ("lesson_unique", "unique(lesson_id)", "The lesson already has a record in the journal of substitutions."),
    ]

    @api.depends("kind")
    def _compute_hours(self):
        for line in self:
            line.hours = 0.0 if line.kind == "cancel" else 1.0

    def _compute_proposal(self):
        for line in self:
            names = []
            if isinstance(line.lesson_id.id, int) and line.state == "draft":
                users = self.env["res.users"].browse([uid for uid, _s in self._free_teachers(line.lesson_id)[:5]])
                names = users.mapped("name")
            line.proposal = ", ".join(names)

    @api.onchange("kind")
    def _onchange_kind(self):
        # only a replacement is paid by default; a cancelled lesson has no substitute
        self.paid = self.kind == "replace"
        if self.kind == "cancel":
            self.substitute_teacher_id = False

    # ------------------------------------------------------------------ proposal
    @api.model
    def _free_teachers(self, lesson):
        """[(user id, teaches the subject)] free at the lesson's date and number, best first."""
        facts = lesson
        day = fields.Date.from_string(facts.date)
        self.env.cr.execute(FREE_TEACHERS_SQL, {
            "subject": facts.subject_id.id, "date": facts.date, "number": facts.lesson_number,
            "lesson": facts.id, "absent": facts.teacher_id.id, "year": facts.class_id.academic_year_id.id,
            "weekday": str(day.weekday()), "timetable": facts.timetable_id.id or None})
        return [(row[0], row[1]) for row in self.env.cr.fetchall()]

    @api.model
    def _propose(self, lines):
        """A free teacher for each draft «замена» line without one (none twice at one time)."""
        taken = {(line.date, line.lesson_number, line.substitute_teacher_id.id)
                 for line in lines if line.substitute_teacher_id}
        for line in lines.filtered(lambda l: l.kind == "replace" and not l.substitute_teacher_id):
            for uid, _of_subject in self._free_teachers(line.lesson_id):
                if (line.date, line.lesson_number, uid) not in taken:
                    taken.add((line.date, line.lesson_number, uid))
                    line.write({"substitute_teacher_id": uid})
                    break

    # ------------------------------------------------------------------ checks
    def _check_lesson_of_absence(self):
        for line in self:
            absence, lesson = line.absence_id, line.lesson_id
            if lesson.teacher_id != absence.teacher_id or not (absence.date_from <= lesson.date <= absence.date_to):
                raise ValidationError(_("Lesson “%(lesson)s” does not belong to absence %(absence)s: the journal of "
                                        "substitutions holds the absent teacher’s lessons on the days of the absence.")
                                      % {"lesson": lesson.name, "absence": absence.display_name})

    @api.constrains("kind", "substitute_teacher_id", "lesson_id", "absence_id")
    def _check_line(self):
        self._check_lesson_of_absence()
        for line in self:
            if line.kind == "cancel" and line.substitute_teacher_id:
                raise ValidationError(_("Lesson “%s” is cancelled: no substitute teacher is given.")
                                      % line.lesson_id.name)
            if line.substitute_teacher_id and line.substitute_teacher_id == line.teacher_id:
                raise ValidationError(_("A teacher cannot substitute for himself (lesson “%s”).") % line.lesson_id.name)

    def _assert_draft(self, absence_ids):
        self.env["school.teacher.absence"]._assert_manager()
        absences = self.env["school.teacher.absence"].browse(absence_ids)
        if any(absence.state != "draft" for absence in absences):
            raise UserError(_("The absence is already confirmed: to change the substitutions, set it back to draft."))

    # ------------------------------------------------------------------ CRUD
    @api.model
    def create(self, vals):
        self._assert_draft([vals.get("absence_id")] if vals.get("absence_id") else [])
        if vals.get("kind") in ("merge", "cancel") and "paid" not in vals:
            vals = dict(vals, paid=False)  # only a replacement is paid by default
        return super(SchoolSubstitution, self).create(vals)

    def write(self, vals):
        self._assert_draft(self.mapped("absence_id").ids + ([vals["absence_id"]] if vals.get("absence_id") else []))
        if vals.get("kind") == "cancel":
            vals = dict(vals, substitute_teacher_id=False)
        return super(SchoolSubstitution, self).write(vals)

    def unlink(self):
        self._assert_draft(self.mapped("absence_id").ids)
        return super(SchoolSubstitution, self).unlink()

    # ------------------------------------------------------------------ confirm
    def _apply(self):
        """Each line's substitute goes into its lesson (none for «отмена»)."""
        for line in self:
            lesson = line.lesson_id
            if line.kind != "cancel" and not line.substitute_teacher_id:
                raise UserError(_("Lesson “%s”: choose a substitute teacher or the kind “Cancellation”.")
                                % lesson.name)
            if line.kind == "replace":
                sub = line.substitute_teacher_id
                self.env.cr.execute(BUSY_SQL, (lesson.date, lesson.lesson_number, lesson.id, sub.id, sub.id))
                if self.env.cr.fetchone()[0]:
                    raise ValidationError(_("%(teacher)s is busy at this time (%(date)s, lesson %(number)s): choose a "
                                            "free teacher for the substitution or the kind “Merged Classes”.")
                                          % {"teacher": sub.name, "date": _format_date(lesson.date),
                                             "number": lesson.lesson_number})
            line._set_substitute(line.substitute_teacher_id if line.kind != "cancel" else self.env["res.users"])

    def _revert(self):
        for line in self:
            if line.substitute_teacher_id and line.lesson_id.substitute_teacher_id == line.substitute_teacher_id:
                line._set_substitute(self.env["res.users"])

    def _set_substitute(self, user):
        """The lesson's own write with the guard's admin rights (the deputy writes no
        lesson himself): the guard still refuses a closed period; the change log
        records the real user."""
        lesson = self.lesson_id
        old = lesson.substitute_teacher_id
        if old == user:
            return
        # sudo: the deputy's confirmation, checked above (_assert_manager); the lesson's guard and
        # checks run, and its change log names the deputy
        with self.env["school.change.log"]._acting_for(self.env.uid):
            lesson.sudo().write({"substitute_teacher_id": user.id or False})

    # ------------------------------------------------------------------ report
    @api.model
    def _report_rows(self, date_from, date_to):
        """The accountant's month: per substitute teacher (name, lessons, hours, paid,
        unpaid), and the lines themselves, from the confirmed lines the user reads."""
        lines = self.search([("state", "=", "confirmed"), ("kind", "!=", "cancel"),
                             ("date", ">=", date_from), ("date", "<=", date_to)],
                            order="date, lesson_number, id")
        totals = {}
        for line in lines:
            name = line.substitute_teacher_id.name or ""
            row = totals.setdefault(name, {"teacher": name, "lessons": 0, "hours": 0.0, "paid": 0.0, "unpaid": 0.0})
            row["lessons"] += 1
            row["hours"] += line.hours
            row["paid" if line.paid else "unpaid"] += line.hours
        return [totals[name] for name in sorted(totals)], lines

    @api.model
    def _month_bounds(self, day=None):
        day = fields.Date.from_string(day) if day else _date.today()
        first = day.replace(day=1)
        last = (first.replace(year=first.year + 1, month=1) if first.month == 12
                else first.replace(month=first.month + 1)).toordinal() - 1
        return fields.Date.to_string(first), fields.Date.to_string(_date.fromordinal(last))
