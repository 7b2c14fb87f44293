from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.translate import _

MOVEMENT_TYPES = [("arrival", "Arrival"), ("transfer", "Transfer"), ("departure", "Withdrawal")]


def membership_intervals_sql(classes):
    """Class membership in its interval form, the set form of _get_membership_on
    (the latest movement on or before a day, by date then id, decides): each
    movement opens [date_from, date_to) in its target class (to_class_id, none
    for a departure), date_to being the pupil's next movement. Columns: id,
    student_id, to_class_id, date_from, date_to. Only the pupils who ever entered
    ``classes`` (SQL: a parenthesised subquery, list or parameter) are read: only
    they can be members of those classes."""
    return """
        SELECT m.id, m.student_id, m.to_class_id, m.date AS date_from,
               lead(m.date) OVER (PARTITION BY m.student_id ORDER BY m.date, m.id) AS date_to
          FROM school_student_movement m
         WHERE m.student_id IN (SELECT student_id FROM school_student_movement
                                 WHERE to_class_id IN """ + classes + ")"


class SchoolStudentMovement(models.Model):
    """An order moving a pupil: arrival, transfer between classes, departure.
    Movements are the only source of class membership; a movement dated D is in
    effect from D on (a pupil who departs on D is no longer in class on D)."""
    _name = "school.student.movement"
    _description = "Student Movement"
    _order = "date desc, id desc"
    _rec_name = "student_id"
    _school_create_only_fields = ("student_id",)   # client_gate.py

    student_id = fields.Many2one("school.student", required=True,
                                 ondelete="cascade", index=True)
    movement_type = fields.Selection(MOVEMENT_TYPES, string="Kind", required=True, default="arrival")
    date = fields.Date(required=True, index=True,
                       default=fields.Date.context_today)
    from_class_id = fields.Many2one("school.class", index=True,
                                    ondelete="restrict",
                                    help="Filled in automatically from data as of the movement date.")
    to_class_id = fields.Many2one("school.class", index=True, ondelete="restrict")
    from_school = fields.Char(string="Arrived From")
    to_school = fields.Char(string="Left For")
    order_number = fields.Char()
    order_date = fields.Date()
    reason = fields.Char(string="Grounds")
    note = fields.Text(string="Remarks")
    academic_year_id = fields.Many2one("school.academic.year", compute="_compute_academic_year", store=True, index=True)

    @api.depends("to_class_id.academic_year_id", "from_class_id.academic_year_id")
    def _compute_academic_year(self):
        for movement in self:
            movement.academic_year_id = (movement.to_class_id or movement.from_class_id).academic_year_id

    # ------------------------------------------------------------ membership
    @api.model
    def _get_membership_on(self, day, class_ids=None, student_ids=None):
        """The one query behind every roster: [(student_id, class_id)] of pupils
        enrolled on ``day``, optionally limited to some classes and/or students,
        ordered by pupil name. The latest movement on or before ``day`` (date,
        then id) decides: arrival/transfer put the pupil in its target class,
        departure leaves him in none."""
        if class_ids is not None and not class_ids or student_ids is not None and not student_ids:
            return []
        # Odoo 11 writes at once; later versions buffer writes and need a flush first.
        for flush in ("flush_model", "flush"):
            if hasattr(self, flush):
                getattr(self, flush)()
                break
        params = {"day": day}
        filters = ""
        if student_ids is not None:
            filters += " AND m.student_id IN %(students)s"
            params["students"] = tuple(student_ids)
        if class_ids is not None:
            # Only pupils who ever entered these classes can be in them.
            filters += """ AND m.student_id IN (SELECT student_id FROM school_student_movement
                                                 WHERE to_class_id IN %(classes)s AND date <= %(day)s)"""
            params["classes"] = tuple(class_ids)
        self.env.cr.execute("""
            SELECT last.student_id, last.to_class_id
              FROM (SELECT m.student_id, m.to_class_id,
                           row_number() OVER (PARTITION BY m.student_id
                                              ORDER BY m.date DESC, m.id DESC) AS rank
                      FROM school_student_movement m
                     WHERE m.date <= %(day)s""" + filters + """) last
              JOIN school_student s ON s.id = last.student_id
             WHERE last.rank = 1 AND last.to_class_id IS NOT NULL"""
                            + (" AND last.to_class_id IN %(classes)s" if class_ids is not None else "") + """
             ORDER BY s.last_name, s.first_name, s.middle_name, s.id
        """, params)
        return self.env.cr.fetchall()

    @api.model
    def _class_movement_counts(self, date_start, date_end, class_ids):
        """{class_id: (on the first day, arrived, left, on the last day)} over
        [date_start, date_end], from the same membership intervals as the rosters
        (a movement dated D is in effect from D on): one query."""
        if not class_ids:
            return {}
        self.env.cr.execute("""
            WITH i AS (
                SELECT m.student_id, m.to_class_id AS class_id, m.date AS date_from,
                       lead(m.date) OVER (PARTITION BY m.student_id ORDER BY m.date, m.id) AS date_to
                  FROM school_student_movement m
                 WHERE m.student_id IN (SELECT student_id FROM school_student_movement
                                         WHERE to_class_id IN %(classes)s)
            )
            SELECT class_id,
                   count(DISTINCT student_id) FILTER (WHERE date_from <= %(start)s
                                                        AND (date_to IS NULL OR date_to > %(start)s)),
                   count(*) FILTER (WHERE date_from > %(start)s AND date_from <= %(end)s
                                      AND (date_to IS NULL OR date_to > date_from)),
                   count(*) FILTER (WHERE date_to > %(start)s AND date_to <= %(end)s AND date_to > date_from),
                   count(DISTINCT student_id) FILTER (WHERE date_from <= %(end)s
                                                        AND (date_to IS NULL OR date_to > %(end)s))
              FROM i
             WHERE class_id IN %(classes)s
             GROUP BY class_id
        """, {"classes": tuple(class_ids), "start": date_start, "end": date_end})
        return {row[0]: tuple(row[1:]) for row in self.env.cr.fetchall()}

    # ------------------------------------------------------------ CRUD & checks
    @api.onchange("student_id", "date", "movement_type")
    def _onchange_fill_from_class(self):
        if self.student_id and self.date and self.movement_type in ("transfer", "departure") \
                and self.student_id.id:
            self.from_class_id = self.student_id.sudo()._get_class_on(self.date)
        if self.movement_type == "departure":
            self.to_class_id = False
        if self.movement_type == "arrival":
            self.from_class_id = False

    @api.model
    def create(self, vals):
        vals = dict(vals)
        if vals.get("movement_type") in ("transfer", "departure") and not vals.get("from_class_id") \
                and vals.get("student_id") and vals.get("date"):
            student = self.env["school.student"].sudo().browse(vals["student_id"])
            vals["from_class_id"] = student._get_class_on(vals["date"]).id or False
        movement = super(SchoolStudentMovement, self).create(vals)
        self.env["school.lesson"].sudo()._sync_roster_for_students(movement.student_id.ids,
                                                                   movement.date)
        return movement

    def unlink(self):
        students = self.mapped("student_id")
        roster_students = students.ids
        dates = self.mapped("date")
        result = super(SchoolStudentMovement, self).unlink()
        # Removing an order must leave a consistent history behind it.
        students.exists().mapped("movement_ids")._check_history()
        if roster_students:
            self.env["school.lesson"].sudo()._sync_roster_for_students(roster_students, min(dates))
        return result

    @api.constrains("movement_type", "date", "from_class_id", "to_class_id", "student_id")
    def _check_movement(self):
        names = self._school_selection_labels("movement_type")
        for movement in self.sudo():
            kind = movement.movement_type
            if kind in ("arrival", "transfer") and not movement.to_class_id:
                raise ValidationError(_("For movement “%s”, specify the class the student is enrolled in.")
                                      % names[kind])
            if kind == "departure" and movement.to_class_id:
                raise ValidationError(_("No destination class is specified for a departure."))
            if kind == "arrival" and movement.from_class_id:
                raise ValidationError(_("For an arrival, the class the student came from is not specified: to "
                                        "move between classes, register a transfer."))
            if movement.from_class_id and movement.from_class_id == movement.to_class_id:
                raise ValidationError(_("Student %(student)s cannot be transferred to the same class %(to_class)s.")
                                      % {"student": movement.student_id.name, "to_class": movement.to_class_id.name})
            target = movement.to_class_id
            if target:
                year = target.academic_year_id
                if not (year.date_start <= movement.date <= year.date_end):
                    raise ValidationError(_("Class %(target)s belongs to academic year %(year)s, and the "
                                            "movement date %(date)s is not within it.")
                                          % {"target": target.name, "year": year.name, "date": movement.date})
        self._check_history()

    def _check_history(self):
        """Replay each affected pupil's movements in order: arrival only when not
        enrolled, transfer/departure only from the class he is in, never to it."""
        students = self.sudo().mapped("student_id")
        if not students:
            return
        movements = self.sudo().search([("student_id", "in", students.ids)])
        by_student = {}
        for movement in movements.sorted(lambda m: (m.date, m.id)):
            by_student.setdefault(movement.student_id, []).append(movement)
        for student, history in by_student.items():
            current = self.env["school.class"]
            for movement in history:
                kind, day = movement.movement_type, movement.date
                if kind == "arrival":
                    if current:
                        raise ValidationError(_("%(student)s is already enrolled in class %(current)s on "
                                                "%(day)s: register a transfer or a departure, not an arrival.")
                                              % {"student": student.name, "day": day, "current": current.name})
                    current = movement.to_class_id
                    continue
                if not current:
                    raise ValidationError(_("%(student)s is not enrolled in any class on %(day)s: register the "
                                            "arrival first.") % {"student": student.name, "day": day})
                if movement.from_class_id and movement.from_class_id != current:
                    raise ValidationError(_("%(student)s is enrolled in class %(current)s on %(day)s, not in "
                                            "%(from_class)s.")
                                          % {"student": student.name, "day": day, "current": current.name,
                                             "from_class": movement.from_class_id.name})
                if kind == "transfer":
                    if movement.to_class_id == current:
                        raise ValidationError(_("Student %(student)s cannot be transferred to the same class "
                                                "%(current)s.")
                                              % {"student": student.name, "current": current.name})
                    current = movement.to_class_id
                else:
                    current = self.env["school.class"]

    # ------------------------------------------------------------ lesson rosters
    # Movements change class membership, so they re-sync the rosters of the
    # lessons they touch (school.lesson._sync_roster, in SQL), at the end of
    # create, write and unlink. A movement that would change the roster of a
    # lesson in a closed period (dated inside it, or before it with no later
    # movement) is refused there: the period was sealed with its rosters, and its
    # reports count pupils by membership on a date.
    def write(self, vals):
        before = {m.student_id.id: m.date for m in self}
        result = super(SchoolStudentMovement, self).write(vals)
        if {"date", "to_class_id", "from_class_id", "movement_type", "student_id"} & set(vals):
            students = set(before) | set(self.mapped("student_id").ids)
            dates = list(before.values()) + self.mapped("date")
            self.env["school.lesson"].sudo()._sync_roster_for_students(list(students), min(dates))
        return result
