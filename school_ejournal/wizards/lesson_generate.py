from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.lesson import PERIOD_SQL


class SchoolLessonGenerate(models.TransientModel):
    """Lessons from the timetable for a range of dates: one INSERT … SELECT over
    the days joined with the timetable entries valid on each day (so a change of
    the timetable from some date is followed), on the school's working weekdays,
    skipping holidays; idempotent (ON CONFLICT DO NOTHING on the lesson slot);
    then the rosters of the new lessons in one more INSERT … SELECT."""
    _name = "school.lesson.generate"
    _description = "Создание уроков по расписанию"
    _school_server_fields = ("state",)   # client_gate.py: the result of the button

    period_id = fields.Many2one("school.period", string="Учебный период")
    date_from = fields.Date(string="С", required=True, default=fields.Date.context_today)
    date_to = fields.Date(string="По", required=True, default=fields.Date.context_today)
    class_ids = fields.Many2many("school.class", string="Классы",
                                 help="Пусто — все классы школы.")
    lesson_count = fields.Integer(string="Создано уроков", readonly=True)
    row_count = fields.Integer(string="Создано строк журнала", readonly=True)
    state = fields.Selection([("draft", "Параметры"), ("done", "Готово")], default="draft")

    @api.onchange("period_id")
    def _onchange_period(self):
        if self.period_id:
            self.date_from = self.period_id.date_start
            self.date_to = self.period_id.date_end

    def action_generate(self):
        self.ensure_one()
        if not (self.env.user.has_group("school_ejournal.group_school_admin")):
            raise UserError(_("Создавать уроки по расписанию может только администратор школы."))
        lessons, rows = self.env["school.lesson"]._generate_from_timetable(
            self.date_from, self.date_to, self.class_ids.ids or None)
        self._school_server_write({"lesson_count": lessons, "row_count": rows, "state": "done"})
        return {
            "type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
            "view_mode": "form", "target": "new", "name": _("Создание уроков по расписанию"),
        }


class SchoolLessonGeneration(models.Model):
    _inherit = "school.lesson"

    @api.model
    def _generate_from_timetable(self, date_from, date_to, class_ids=None):
        """Create the lessons of the timetable between two dates (inclusive) for
        ``class_ids`` (None: all active classes). Returns (lessons, roster rows)
        created. Refuses dates in a closed period."""
        if not date_from or not date_to or date_from > date_to:
            raise UserError(_("Укажите период: дата начала не позже даты окончания."))
        cr = self.env.cr
        params = {"date_from": date_from, "date_to": date_to, "uid": self.env.uid,
                  "classes": tuple(class_ids) if class_ids else None,
                  "kind": self._default_work_kind().id or None}
        # Closed periods in the range refuse the whole generation (one query).
        cr.execute("""
            SELECT DISTINCT d::date, c.grade_level_id
              FROM generate_series(%(date_from)s::date, %(date_to)s::date, interval '1 day') d
              JOIN school_class c ON (%(no_filter)s OR c.id IN %(classes)s)
             WHERE school_period_locked_id(d::date, c.grade_level_id) IS NOT NULL
             LIMIT 1
        """, dict(params, no_filter=not class_ids, classes=params["classes"] or (0,)))
        closed = cr.fetchall()
        if closed:
            self.env["school.period"]._assert_dates_open(closed)
        cr.execute("""
            WITH days AS (
                SELECT d::date AS day
                  FROM generate_series(%(date_from)s::date, %(date_to)s::date, interval '1 day') d
            ), slots AS (
                SELECT days.day, t.id AS timetable_id, t.lesson_number, t.class_id, t.subgroup_id,
                       t.subject_id, t.teacher_id, c.academic_year_id, c.grade_level_id
                  FROM days
                  JOIN school_timetable t
                    ON t.weekday = (extract(isodow FROM days.day)::int - 1)::varchar
                   AND days.day BETWEEN t.date_from AND t.date_to
                  JOIN school_class c ON c.id = t.class_id AND c.active
                  JOIN school_academic_year y ON y.id = c.academic_year_id
                  JOIN res_company co ON co.id = y.company_id
                 WHERE days.day BETWEEN y.date_start AND y.date_end
                   AND extract(isodow FROM days.day) <= (CASE WHEN co.school_week_days = '6' THEN 6 ELSE 5 END)
                   AND (%(no_filter)s OR t.class_id IN %(classes)s)
                   AND NOT EXISTS (
                        SELECT 1 FROM school_holiday h
                         WHERE h.academic_year_id = c.academic_year_id
                           AND days.day BETWEEN h.date_start AND h.date_end
                           AND (NOT EXISTS (SELECT 1 FROM school_grade_level_school_holiday_rel hr
                                             WHERE hr.school_holiday_id = h.id)
                                OR EXISTS (SELECT 1 FROM school_grade_level_school_holiday_rel hr
                                            WHERE hr.school_holiday_id = h.id
                                              AND hr.school_grade_level_id = c.grade_level_id)))
            )
            INSERT INTO school_lesson (create_uid, create_date, write_uid, write_date, date,
                                       lesson_number, class_id, subgroup_id, subject_id, teacher_id,
                                       timetable_id, academic_year_id, period_id, work_kind_id)
            SELECT %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC', s.day,
                   s.lesson_number, s.class_id, s.subgroup_id, s.subject_id, s.teacher_id,
                   s.timetable_id, s.academic_year_id, """ + PERIOD_SQL.format(cls="s", day="s.day") + """,
                   %(kind)s
              FROM slots s
             ORDER BY s.day, s.class_id, s.lesson_number
            ON CONFLICT DO NOTHING
            RETURNING id
        """, dict(params, no_filter=not class_ids, classes=params["classes"] or (0,)))
        lesson_ids = [r[0] for r in cr.fetchall()]
        rows = 0
        if lesson_ids:
            rows, _deleted = self._sync_roster(lesson_ids)
            self._update_homework_due(self._due_keys(lesson_ids))  # «задано на», one statement
        self.invalidate_cache()
        self.env["school.attendance"].invalidate_cache()
        return len(lesson_ids), rows
