"""«Задано на»: the day a lesson's homework is due.

By default the date of the next lesson of the same subject for the same class
(a subgroup's lesson: the next lesson of that subgroup or of the whole class);
with no such lesson yet, the next day the timetable has the subject. The
teacher may give another date, never one before the lesson. The default is a
stored value kept in SQL: creating, moving or removing one lesson changes the
due date of the lesson before it, and a generation of many lessons recomputes
every affected class and subject in one statement."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .journal_guard import _format_date

# The default due date of lesson ``t``: the next lesson, else the next day of
# the timetable (weekday '0' = Monday, as extract(isodow) - 1).
DUE_SQL = """COALESCE(
    (SELECT min(n.date) FROM school_lesson n
      WHERE n.class_id = t.class_id AND n.subject_id = t.subject_id AND n.date > t.date
        AND (t.subgroup_id IS NULL OR n.subgroup_id IS NULL OR n.subgroup_id = t.subgroup_id)),
    (SELECT min(t.date + ((tt.weekday::int - extract(isodow FROM t.date)::int + 7) %% 7 + 1))
       FROM school_timetable tt
      WHERE tt.class_id = t.class_id AND tt.subject_id = t.subject_id
        AND (t.subgroup_id IS NULL OR tt.subgroup_id IS NULL OR tt.subgroup_id = t.subgroup_id)
        AND t.date + ((tt.weekday::int - extract(isodow FROM t.date)::int + 7) %% 7 + 1)
            BETWEEN COALESCE(tt.date_from, t.date) AND COALESCE(tt.date_to, '9999-12-31'::date)))"""


class SchoolLessonHomeworkDue(models.Model):
    _inherit = "school.lesson"
    # client_gate.py: whether the date is the teacher's own follows from his write
    _school_server_fields = ("homework_due_manual",)

    homework_due_date = fields.Date(
        string="Задано на", index=True,
        help="День, к которому задано домашнее задание. По умолчанию — следующий урок этого предмета "
             "в классе (подгруппе); учитель может указать другую дату, но не раньше урока. "
             "Очистите поле, чтобы вернуть дату по расписанию.")
    homework_due_manual = fields.Boolean(string="Дата задания указана учителем", readonly=True)

    @api.model_cr
    def init(self):
        super(SchoolLessonHomeworkDue, self).init()
        # the next lesson of a class and subject: one index probe per lesson
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS school_lesson_class_subject_date
                ON school_lesson (class_id, subject_id, date)
        """)
        # lessons from before the field (or whose class had no timetable then): filled once
        self.env.cr.execute("""
            SELECT DISTINCT class_id, subject_id FROM school_lesson
             WHERE homework_due_date IS NULL AND NOT COALESCE(homework_due_manual, FALSE)
        """)
        keys = set(self.env.cr.fetchall())
        if keys:
            self._update_homework_due(keys)

    @api.constrains("homework_due_date", "date")
    def _check_homework_due_date(self):
        for lesson in self:
            if lesson.homework_due_date and lesson.date and lesson.homework_due_date < lesson.date:
                raise ValidationError(_("Домашнее задание урока «%s» не может быть задано на %s: эта дата "
                                        "раньше самого урока (%s). Укажите дату урока или позже.")
                                      % (lesson.name, _format_date(lesson.homework_due_date),
                                         _format_date(lesson.date)))

    @api.model
    def create(self, vals):
        if vals.get("homework_due_date"):
            vals = dict(vals, homework_due_manual=True)
        lesson = super(SchoolLessonHomeworkDue, self).create(vals)
        self._update_homework_due(self._due_keys(lesson.ids))
        return lesson

    def write(self, vals):
        if "homework_due_date" in vals:
            vals = dict(vals, homework_due_manual=bool(vals["homework_due_date"]))
        moved = {"date", "class_id", "subgroup_id", "subject_id"} & set(vals)
        keys = self._due_keys(self.ids) if moved else set()
        result = super(SchoolLessonHomeworkDue, self).write(vals)
        if moved or ("homework_due_date" in vals and not vals["homework_due_date"]):
            self._update_homework_due(keys | self._due_keys(self.ids))
        return result

    def unlink(self):
        keys = self._due_keys(self.ids)
        result = super(SchoolLessonHomeworkDue, self).unlink()
        self._update_homework_due(keys)
        return result

    @api.model
    def _due_keys(self, lesson_ids):
        """{(class_id, subject_id)} of the lessons (read in SQL: the caller may be a
        server path over lessons the user does not read)."""
        if not lesson_ids:
            return set()
        self.env.cr.execute("SELECT DISTINCT class_id, subject_id FROM school_lesson WHERE id IN %s",
                            (tuple(lesson_ids),))
        return set(self.env.cr.fetchall())

    @api.model
    def _update_homework_due(self, keys):
        """Recompute the default due date of every lesson of these (class, subject)
        pairs whose date the teacher did not set, in one statement; lessons of a
        closed period keep theirs (its pages are sealed as they were), a missing one
        is filled."""
        if not keys:
            return 0
        classes, subjects = zip(*sorted(keys))
        cr = self.env.cr
        cr.execute("SELECT 1 FROM school_period WHERE state != 'open' LIMIT 1")
        locked = ("AND (t.homework_due_date IS NULL OR school_period_locked_id(t.date, c.grade_level_id) IS NULL)"
                  if cr.fetchone() else "")
        cr.execute("""
            WITH due AS (
                SELECT t.id, """ + DUE_SQL + """ AS day
                  FROM school_lesson t JOIN school_class c ON c.id = t.class_id
                 WHERE (t.class_id, t.subject_id) IN (SELECT * FROM unnest(%s::int[], %s::int[]))
                   AND NOT COALESCE(t.homework_due_manual, FALSE) """ + locked + """
            )
            UPDATE school_lesson l SET homework_due_date = due.day
              FROM due WHERE due.id = l.id AND l.homework_due_date IS DISTINCT FROM due.day
        """, (list(classes), list(subjects)))
        count = cr.rowcount
        if count:
            self.invalidate_cache(["homework_due_date"])
        return count
