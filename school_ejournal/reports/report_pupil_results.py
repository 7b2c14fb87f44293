"""Results of a period by pupils («итоги по ученикам»), as an SQL view: one row
per period × kind × class × pupil over the CONFIRMED period grades only.

The figures a school sends to its education department count pupils, not grades:
  отличник — only «5» (and «зач»/«осв.»); «с одной 4» — one «4», the rest «5»;
  хорошист — only «4» and «5», two «4» or more; «с одной 3» — one «3», the rest
  «4»/«5»; неуспевающий — a «2» (or «1», «незач») in some subject; не аттестован —
  «н/а» in some subject (and no «2»); без отметок — only «зач»/«осв.».
  % успеваемости по ученикам = pupils without «2»/«н/а»/«незач» · 100 / all pupils;
  % качества по ученикам = pupils with only «4»/«5» (and «зач») · 100 / all pupils.
The per-subject metrics (school.report.metrics) stay grade-based."""
from odoo import fields, models, tools

from ..models.period_grade import PERIOD_GRADE_KINDS

CATEGORIES = [
    ("excellent", "Excellent Student"),
    ("one_four", "With One “4”"),
    ("good", "Good Student"),
    ("one_three", "With One “3”"),
    ("satisfactory", "Passing with “3”s"),
    ("no_marks", "No Grades (Pass, Exempt)"),
    ("not_attested", "Not Assessed"),
    ("failing", "Failing"),
]
SUCCESS = ("excellent", "one_four", "good", "one_three", "satisfactory", "no_marks")
QUALITY = ("excellent", "one_four", "good", "no_marks")


def pupil_ratios(counts):
    """{success_pct, quality_pct} of a group from its counts by category."""
    total = sum(counts.get(key, 0) for key, _label in CATEGORIES)
    if not total:
        return {"pupils": 0, "success_pct": 0.0, "quality_pct": 0.0}
    return {"pupils": total,
            "success_pct": round(100.0 * sum(counts.get(k, 0) for k in SUCCESS) / total, 1),
            "quality_pct": round(100.0 * sum(counts.get(k, 0) for k in QUALITY) / total, 1)}


class SchoolReportPupilResults(models.Model):
    _name = "school.report.pupil.results"
    _description = "Period Results by Student"
    _auto = False
    _order = "period_id, class_id, student_name"
    _rec_name = "student_name"

    academic_year_id = fields.Many2one("school.academic.year", readonly=True)
    period_id = fields.Many2one("school.period", readonly=True)
    kind = fields.Selection(PERIOD_GRADE_KINDS, string="Grade Kind", readonly=True)
    class_id = fields.Many2one("school.class", readonly=True)
    grade_level_id = fields.Many2one("school.grade.level", readonly=True)
    student_id = fields.Many2one("school.student", readonly=True)
    student_name = fields.Char(string="Full Name", readonly=True)
    category = fields.Selection(CATEGORIES, string="Final", readonly=True)
    n_subjects = fields.Integer(string="Number of Subjects", readonly=True)
    n5 = fields.Integer(string="«5»", readonly=True)
    n4 = fields.Integer(string="«4»", readonly=True)
    n3 = fields.Integer(string="«3»", readonly=True)
    n2 = fields.Integer(string="«2»", readonly=True)
    n_na = fields.Integer(string="n/a", readonly=True)
    failed_subjects = fields.Char(string="Subjects with “2”/“fail”", readonly=True)
    na_subjects = fields.Char(string="Subjects with “n/a”", readonly=True)
    pupils = fields.Integer(string="Number of Students", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE VIEW school_report_pupil_results AS (
                WITH c AS (
                    SELECT min(pg.id) AS id, p.academic_year_id, pg.period_id, pg.kind, pg.class_id,
                           cl.grade_level_id, pg.student_id, s.name AS student_name,
                           count(*) AS n_subjects,
                           count(*) FILTER (WHERE pg.value = '5') AS n5,
                           count(*) FILTER (WHERE pg.value = '4') AS n4,
                           count(*) FILTER (WHERE pg.value = '3') AS n3,
                           count(*) FILTER (WHERE pg.value IN ('2', '1')) AS n2,
                           count(*) FILTER (WHERE pg.value = 'nezach') AS n_nezach,
                           count(*) FILTER (WHERE pg.value = 'na') AS n_na,
                           string_agg(sub.name, ', ' ORDER BY sub.sequence, sub.name)
                               FILTER (WHERE pg.value IN ('2', '1', 'nezach')) AS failed_subjects,
                           string_agg(sub.name, ', ' ORDER BY sub.sequence, sub.name)
                               FILTER (WHERE pg.value = 'na') AS na_subjects
                      FROM school_period_grade pg
                      JOIN school_period p ON p.id = pg.period_id
                      JOIN school_class cl ON cl.id = pg.class_id
                      JOIN school_student s ON s.id = pg.student_id
                      JOIN school_subject sub ON sub.id = pg.subject_id
                     WHERE pg.state = 'confirmed' AND pg.value IS NOT NULL
                     GROUP BY p.academic_year_id, pg.period_id, pg.kind, pg.class_id, cl.grade_level_id,
                              pg.student_id, s.name
                )
                SELECT c.id, c.academic_year_id, c.period_id, c.kind, c.class_id, c.grade_level_id,
                       c.student_id, c.student_name, c.n_subjects, c.n5, c.n4, c.n3, c.n2, c.n_na,
                       c.failed_subjects, c.na_subjects, 1 AS pupils,
                       CASE WHEN c.n2 + c.n_nezach > 0 THEN 'failing'
                            WHEN c.n_na > 0 THEN 'not_attested'
                            WHEN c.n5 + c.n4 + c.n3 = 0 THEN 'no_marks'
                            WHEN c.n3 = 0 AND c.n4 = 0 THEN 'excellent'
                            WHEN c.n3 = 0 AND c.n4 = 1 THEN 'one_four'
                            WHEN c.n3 = 0 THEN 'good'
                            WHEN c.n3 = 1 THEN 'one_three'
                            ELSE 'satisfactory' END AS category
                  FROM c
            )
        """)
