"""The demo's ОГЭ in 9А: year and exam grades in algebra and Russian, with the
primary scores of the protocol, and the final grades suggested from them; one
pupil failed the algebra exam («2»): his final grade waits for the retake. In
bulk SQL after the demo journal, like it; the 1st form has no marks at all
(journal_demo.py skips it)."""
from odoo import api, models

from .period_grade import round_half_up

# ОГЭ grade → (lowest, highest) primary score (ФИПИ's usual scales)
SCALES = {"alg": {"2": (0, 7), "3": (8, 14), "4": (15, 21), "5": (22, 31)},
          "rus": {"2": (0, 10), "3": (11, 21), "4": (22, 31), "5": (32, 37)}}


class SchoolJournalDemoExams(models.AbstractModel):
    _inherit = "school.journal.demo"

    @api.model
    def _create_demo_exams(self):
        ref = lambda xmlid: self.env.ref("school_ejournal." + xmlid, raise_if_not_found=False)  # noqa: E731
        year, school_class = ref("demo_year_2026"), ref("demo_class_9a")
        if not (year and school_class):
            return False
        subjects = {code: ref("subject_" + code) for code in SCALES}
        period = self.env["school.period"].search([
            ("academic_year_id", "=", year.id), ("kind", "=", "year"),
            ("grade_level_ids", "in", school_class.grade_level_id.ids)], limit=1)
        PeriodGrade = self.env["school.period.grade"]
        if not period or PeriodGrade.search_count([("class_id", "=", school_class.id), ("kind", "=", "exam")]):
            return False
        cr = self.env.cr
        # each pupil's journal average per subject: his year grade, and the exam close to it
        cr.execute("""
            SELECT g.student_id, g.subject_id, avg(g.numeric_value)
              FROM school_grade g
             WHERE g.class_id = %s AND g.subject_id IN %s AND g.numeric_value > 0
             GROUP BY g.student_id, g.subject_id
             ORDER BY g.subject_id, g.student_id
        """, (school_class.id, tuple(s.id for s in subjects.values())))
        averages = cr.fetchall()
        if not averages:
            return False
        code_of = {s.id: code for code, s in subjects.items()}
        # the retake: the weakest pupil in algebra
        weakest = min((r for r in averages if code_of[r[1]] == "alg"), key=lambda r: (r[2], r[0]))[0]
        rows = []
        for student_id, subject_id, average in averages:
            code = code_of[subject_id]
            year_value = str(max(3, min(5, round_half_up(average))))
            shift = (student_id % 3) - 1  # −1, 0 or +1: the exam is not the year grade
            exam_value = str(max(3, min(5, int(year_value) + shift)))
            if code == "alg" and student_id == weakest:
                exam_value = "2"
            low, high = SCALES[code][exam_value]
            score = low + (student_id * 7) % (high - low + 1)
            rows.append((student_id, subject_id, "year", year_value, None))
            rows.append((student_id, subject_id, "exam", exam_value, score))
        ids, subject_ids, kinds, values, scores = (list(c) for c in zip(*rows))
        cr.execute("""
            INSERT INTO school_period_grade
                   (create_uid, create_date, write_uid, write_date, student_id, student_name, subject_id,
                    period_id, academic_year_id, class_id, grade_level_id, date, kind, value, suggested_value,
                    exam_primary_score, teacher_id, state)
            SELECT 1, now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC', x.student_id, s.name,
                   x.subject_id, p.id, p.academic_year_id, c.id, c.grade_level_id, p.date_end, x.kind, x.value,
                   CASE WHEN x.kind = 'year' THEN x.value END, x.score,
                   (SELECT min(t.teacher_id) FROM school_teaching_assignment t
                     WHERE t.class_id = c.id AND t.subject_id = x.subject_id), 'draft'
              FROM unnest(%s::int[], %s::int[], %s::varchar[], %s::varchar[], %s::int[])
                   AS x(student_id, subject_id, kind, value, score)
              JOIN school_student s ON s.id = x.student_id
              JOIN school_period p ON p.id = %s
              JOIN school_class c ON c.id = %s
            ON CONFLICT (student_id, subject_id, period_id, kind) DO NOTHING
        """, (ids, subject_ids, kinds, values, scores, period.id, school_class.id))
        # the log tells who entered them: the subject teacher, in June
        cr.execute("""
            INSERT INTO school_change_log (user_id, change_date, model, res_id, student_id, lesson_date,
                                           field_name, field_label, old_value, new_value, operation)
            SELECT pg.teacher_id, pg.date + time '15:00', 'school.period.grade', pg.id, pg.student_id, pg.date,
                   'value', CASE pg.kind WHEN 'year' THEN 'Годовая' ELSE 'Экзаменационная' END
                            || ': ' || sj.name || ', ' || p.name, NULL, pg.value, 'create'
              FROM school_period_grade pg
              JOIN school_subject sj ON sj.id = pg.subject_id
              JOIN school_period p ON p.id = pg.period_id
             WHERE pg.class_id = %s AND pg.period_id = %s AND pg.kind IN ('year', 'exam')
        """, (school_class.id, period.id))
        PeriodGrade.invalidate_cache()
        PeriodGrade.suggest(period, [school_class.id], [s.id for s in subjects.values()], kind="final")
        return True
