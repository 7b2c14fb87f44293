"""Export of a closed period as one versioned JSON document (format
«school_ejournal.period_export», version 1.0; schema in
data/export_schema_v1.json, description in docs/period_export.md).

Stable identifiers: every object carries an ``id`` that is a UUID (version 5)
derived from the database's uuid (ir.config_parameter ``database.uuid``), the
model and the record id. Database ids are never reused, so the same record
gets the same UUID in every export of this database, and no two databases
collide; no column has to be added to the journal's tables.

Only the grade levels closed in the period are exported: closed data no longer
change, so an export can be passed on (regional system, ФГИС «Моя школа») and
compared with a later one. Everything is read in one query per section."""
import json
import uuid
from datetime import datetime

from odoo import api, models
from odoo.exceptions import AccessError, UserError

from ..tools.translate import _

EXPORT_FORMAT = "school_ejournal.period_export"
EXPORT_VERSION = "1.0"
NAMESPACE = uuid.UUID("6f1c7f4e-3b0a-5c51-9d8e-5c2f3a1e7b10")


class SchoolPeriodExport(models.AbstractModel):
    _name = "school.period.export"
    _description = "Closed Period Export"

    @api.model
    def _uid_maker(self):
        db_uuid = self.env["ir.config_parameter"].sudo().get_param("database.uuid") or self.env.cr.dbname

        def make(model, res_id):
            if not res_id:
                return None
            return str(uuid.uuid5(NAMESPACE, "%s/%s/%d" % (db_uuid, model, res_id)))
        return make

    @api.model
    def _check_rights(self):
        user = self.env.user
        if not (user.has_group("school_ejournal.group_school_admin")
                or user.has_group("school_ejournal.group_deputy")):
            raise AccessError(_("Period data can be exported by the school administrator and the deputy director."))

    @api.model
    def _export(self, period):
        """The export of ``period`` as a dict (see docs/period_export.md)."""
        self._check_rights()
        period.check_access_rule("read")  # the wizard's period, read as the user first
        period = period.sudo()  # after the role check above: staff who read the whole journal
        levels = period._closed_levels()
        if not levels:
            raise UserError(_("Period “%s” is not closed: only a closed period (or the grade levels closed in "
                              "it) can be exported.") % period.name)
        cr, U = self.env.cr, self._uid_maker()
        params = {"start": period.date_start, "end": period.date_end, "levels": tuple(levels.ids),
                  "year": period.academic_year_id.id, "period": period.id}
        cr.execute("""SELECT c.id, c.name, gl.number, c.letter FROM school_class c
                        JOIN school_grade_level gl ON gl.id = c.grade_level_id
                       WHERE c.academic_year_id = %(year)s AND c.grade_level_id IN %(levels)s
                       ORDER BY gl.number, c.letter""", params)
        rows = cr.fetchall()
        classes = [{"id": U("school.class", r[0]), "name": r[1], "grade": r[2], "letter": r[3]}
                   for r in rows]
        class_ids = tuple(r[0] for r in rows) or (0,)
        params["classes"] = class_ids
        cr.execute("""
            SELECT l.id, l.date, l.lesson_number, l.class_id, sg.name, l.subject_id, l.teacher_id,
                   l.substitute_teacher_id, l.topic, wk.code, l.homework
              FROM school_lesson l
              LEFT JOIN school_class_subgroup sg ON sg.id = l.subgroup_id
              LEFT JOIN school_work_kind wk ON wk.id = l.work_kind_id
             WHERE l.class_id IN %(classes)s AND l.date BETWEEN %(start)s AND %(end)s
             ORDER BY l.date, l.class_id, l.lesson_number, l.id""", params)
        lessons, subject_ids, teacher_ids = [], set(), set()
        for lid, day, number, cid, subgroup, sid, tid, sub_tid, topic, kind, homework in cr.fetchall():
            subject_ids.add(sid)
            teacher_ids.update(t for t in (tid, sub_tid) if t)
            lessons.append({"id": U("school.lesson", lid), "date": str(day), "lesson_number": number,
                            "class_id": U("school.class", cid), "subgroup": subgroup,
                            "subject_id": U("school.subject", sid), "teacher_id": U("res.users", tid),
                            "substitute_teacher_id": U("res.users", sub_tid), "topic": topic or "",
                            "work_kind": kind, "homework": homework or ""})
        cr.execute("""
            SELECT t.id, t.class_id, sg.name, t.weekday, t.lesson_number, t.subject_id, t.teacher_id,
                   t.room, t.date_from, t.date_to
              FROM school_timetable t LEFT JOIN school_class_subgroup sg ON sg.id = t.subgroup_id
             WHERE t.class_id IN %(classes)s AND t.date_from <= %(end)s AND t.date_to >= %(start)s
             ORDER BY t.class_id, t.weekday, t.lesson_number, t.id""", params)
        timetable = []
        for tid, cid, subgroup, weekday, number, sid, teacher, room, d_from, d_to in cr.fetchall():
            subject_ids.add(sid)
            teacher_ids.add(teacher)
            timetable.append({"id": U("school.timetable", tid), "class_id": U("school.class", cid),
                              "subgroup": subgroup, "weekday": int(weekday) + 1, "lesson_number": number,
                              "subject_id": U("school.subject", sid), "teacher_id": U("res.users", teacher),
                              "room": room or "", "date_from": str(d_from), "date_to": str(d_to)})
        cr.execute("""
            SELECT g.id, g.lesson_id, g.student_id, g.value, g.weight, wk.code, g.sequence, g.date
              FROM school_grade g LEFT JOIN school_work_kind wk ON wk.id = g.work_kind_id
             WHERE g.class_id IN %(classes)s AND g.date BETWEEN %(start)s AND %(end)s
             ORDER BY g.date, g.lesson_id, g.student_id, g.sequence""", params)
        grades = [{"id": U("school.grade", r[0]), "lesson_id": U("school.lesson", r[1]),
                   "student_id": U("school.student", r[2]), "value": r[3], "weight": r[4] or 0.0,
                   "work_kind": r[5], "sequence": r[6], "date": str(r[7])} for r in cr.fetchall()]
        cr.execute("""
            SELECT a.id, a.lesson_id, a.student_id, c.code, a.comment
              FROM school_attendance a JOIN school_attendance_code c ON c.id = a.code_id
             WHERE a.class_id IN %(classes)s AND a.date BETWEEN %(start)s AND %(end)s
             ORDER BY a.date, a.lesson_id, a.student_id""", params)
        attendance = [{"id": U("school.attendance", r[0]), "lesson_id": U("school.lesson", r[1]),
                       "student_id": U("school.student", r[2]), "code": r[3], "comment": r[4] or ""}
                      for r in cr.fetchall()]
        cr.execute("""
            SELECT pg.id, pg.student_id, pg.subject_id, pg.class_id, pg.kind, pg.value, pg.state
              FROM school_period_grade pg
             WHERE pg.period_id = %(period)s AND pg.class_id IN %(classes)s
             ORDER BY pg.class_id, pg.subject_id, pg.student_id""", params)
        period_grades = []
        for pid, sid, subj, cid, kind, value, state in cr.fetchall():
            subject_ids.add(subj)
            period_grades.append({"id": U("school.period.grade", pid), "student_id": U("school.student", sid),
                                  "subject_id": U("school.subject", subj), "class_id": U("school.class", cid),
                                  "kind": kind, "value": value, "state": state})
        # Pupils: those on a roster of an exported lesson or with a period grade.
        cr.execute("""
            SELECT s.id, s.last_name, s.first_name, s.middle_name, s.birth_date, s.current_class_id
              FROM school_student s
             WHERE s.id IN (SELECT student_id FROM school_attendance
                             WHERE class_id IN %(classes)s AND date BETWEEN %(start)s AND %(end)s
                            UNION SELECT student_id FROM school_period_grade
                             WHERE period_id = %(period)s AND class_id IN %(classes)s)
             ORDER BY s.last_name, s.first_name, s.id""", params)
        students = [{"id": U("school.student", r[0]), "last_name": r[1], "first_name": r[2],
                     "middle_name": r[3] or "", "birth_date": str(r[4]) if r[4] else None,
                     "current_class_id": U("school.class", r[5])} for r in cr.fetchall()]
        subjects, teachers = [], []
        if subject_ids:
            cr.execute("SELECT id, code, name FROM school_subject WHERE id IN %s ORDER BY sequence, name",
                       (tuple(subject_ids),))
            subjects = [{"id": U("school.subject", r[0]), "code": r[1], "name": r[2]} for r in cr.fetchall()]
        if teacher_ids:
            cr.execute("""SELECT u.id, p.name FROM res_users u JOIN res_partner p ON p.id = u.partner_id
                           WHERE u.id IN %s ORDER BY p.name""", (tuple(teacher_ids),))
            teachers = [{"id": U("res.users", r[0]), "name": r[1]} for r in cr.fetchall()]
        cr.execute("SELECT code, name, weight FROM school_work_kind ORDER BY sequence, code")
        work_kinds = [{"code": r[0], "name": r[1], "weight": r[2]} for r in cr.fetchall()]
        cr.execute("""SELECT code, name, is_excused, is_late, counts_as_absence FROM school_attendance_code
                       ORDER BY sequence, code""")
        codes = [{"code": r[0], "name": r[1], "is_excused": bool(r[2]), "is_late": bool(r[3]),
                  "counts_as_absence": bool(r[4])} for r in cr.fetchall()]
        company = period.academic_year_id.company_id or self.env.user.company_id
        return {
            "format": EXPORT_FORMAT, "version": EXPORT_VERSION,
            "generated_at": datetime.utcnow().replace(microsecond=0).isoformat() + "Z",
            "source": {"database_uuid": self.env["ir.config_parameter"].sudo().get_param("database.uuid") or "",
                       "school": company.name or ""},
            "period": {"id": U("school.period", period.id), "name": period.name, "kind": period.kind,
                       "number": period.number, "date_start": str(period.date_start),
                       "date_end": str(period.date_end), "state": period.state,
                       "academic_year": {"id": U("school.academic.year", period.academic_year_id.id),
                                         "name": period.academic_year_id.name},
                       "grade_levels": sorted(levels.mapped("number"))},
            "work_kinds": work_kinds, "attendance_codes": codes,
            "classes": classes, "subjects": subjects, "teachers": teachers, "students": students,
            "timetable": timetable, "lessons": lessons, "grades": grades, "attendance": attendance,
            "period_grades": period_grades,
        }

    @api.model
    def _export_json(self, period):
        return json.dumps(self._export(period), ensure_ascii=False, indent=1, sort_keys=False)
