"""Performance metrics («мониторинг успеваемости») over the period grades, as an
SQL view: one row per period × class × subject × teacher × kind of period grade.

Definitions (the «Сетевой город» formulas most schools know):
  n5, n4, n3 — period grades «5», «4», «3»; n2 — «2» and «1»; n_na — «н/а»;
  N = n5 + n4 + n3 + n2 + n_na: pupils with a period grade on the 5-point scale
      or «н/а». Exempt pupils («осв.»), pupils with no grade yet (value empty)
      and pass/fail grades («зач»/«незач») are outside N;
  % успеваемости = (n5 + n4 + n3)·100 / N;  % качества = (n5 + n4)·100 / N;
  СОУ = (100·n5 + 64·n4 + 36·n3 + 16·n2 + 7·n_na) / N;
  средний балл = mean of the numeric period grades (1–5).

Ratios in a pivot: a percentage of a group is NOT the average (nor the sum) of
the percentages of its rows — 10 pupils at 100 % and 30 at 50 % make 62.5 %, not
75 %. The view therefore stores the counts (summed by read_group) and
read_group below recomputes every ratio of each group from its summed counts;
the stored per-row ratios are only what a list of single rows shows."""
from odoo import api, fields, models, tools

from ..models.period_grade import PERIOD_GRADE_KINDS

RATIO_FIELDS = ("average", "success_pct", "quality_pct", "sou")
COUNT_FIELDS = ("n5", "n4", "n3", "n2", "n_na", "n_total", "points_sum", "points_count")


def ratios(counts):
    """The ratios of one group from its summed counts (also used by the reports)."""
    total = counts.get("n_total") or 0
    points = counts.get("points_count") or 0
    n5, n4, n3 = counts.get("n5") or 0, counts.get("n4") or 0, counts.get("n3") or 0
    n2, n_na = counts.get("n2") or 0, counts.get("n_na") or 0
    return {
        "average": round(float(counts.get("points_sum") or 0) / points, 2) if points else 0.0,
        "success_pct": round(100.0 * (n5 + n4 + n3) / total, 1) if total else 0.0,
        "quality_pct": round(100.0 * (n5 + n4) / total, 1) if total else 0.0,
        "sou": round((100.0 * n5 + 64.0 * n4 + 36.0 * n3 + 16.0 * n2 + 7.0 * n_na) / total, 1)
        if total else 0.0,
    }


class SchoolReportMetrics(models.Model):
    _name = "school.report.metrics"
    _description = "Academic Performance Metrics"
    _auto = False
    _order = "period_id, class_id, subject_id"
    _rec_name = "class_id"

    academic_year_id = fields.Many2one("school.academic.year", readonly=True)
    period_id = fields.Many2one("school.period", readonly=True)
    kind = fields.Selection(PERIOD_GRADE_KINDS, string="Grade Kind", readonly=True)
    class_id = fields.Many2one("school.class", readonly=True)
    grade_level_id = fields.Many2one("school.grade.level", readonly=True)
    subject_id = fields.Many2one("school.subject", readonly=True)
    teacher_id = fields.Many2one("res.users", readonly=True)
    n_students = fields.Integer(string="Number of Students", readonly=True)
    n5 = fields.Integer(string="«5»", readonly=True)
    n4 = fields.Integer(string="«4»", readonly=True)
    n3 = fields.Integer(string="«3»", readonly=True)
    n2 = fields.Integer(string="«2»", readonly=True)
    n_na = fields.Integer(string="n/a", readonly=True)
    n_osv = fields.Integer(string="exempt", readonly=True)
    n_total = fields.Integer(string="N (Assessed)", readonly=True)
    points_sum = fields.Integer(string="Score Sum", readonly=True)
    points_count = fields.Integer(string="Grades with Score", readonly=True)
    average = fields.Float(string="Average Score", digits=(3, 2), readonly=True, group_operator="avg")
    success_pct = fields.Float(string="Pass Rate %", digits=(5, 1), readonly=True, group_operator="avg")
    quality_pct = fields.Float(string="Quality %", digits=(5, 1), readonly=True, group_operator="avg")
    sou = fields.Float(string="Degree of Learning (SOU), %", digits=(5, 1), readonly=True, group_operator="avg")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE VIEW school_report_metrics AS (
                WITH c AS (
                    SELECT min(pg.id) AS id, p.academic_year_id, pg.period_id, pg.kind, pg.class_id,
                           cl.grade_level_id, pg.subject_id, pg.teacher_id,
                           count(*) AS n_students,
                           count(*) FILTER (WHERE pg.value = '5') AS n5,
                           count(*) FILTER (WHERE pg.value = '4') AS n4,
                           count(*) FILTER (WHERE pg.value = '3') AS n3,
                           count(*) FILTER (WHERE pg.value IN ('2', '1')) AS n2,
                           count(*) FILTER (WHERE pg.value = 'na') AS n_na,
                           count(*) FILTER (WHERE pg.value = 'osv') AS n_osv,
                           count(*) FILTER (WHERE pg.value IN ('5', '4', '3', '2', '1', 'na')) AS n_total,
                           COALESCE(sum(pg.value::int) FILTER (WHERE pg.value IN ('5', '4', '3', '2', '1')), 0)
                               AS points_sum,
                           count(*) FILTER (WHERE pg.value IN ('5', '4', '3', '2', '1')) AS points_count
                      FROM school_period_grade pg
                      JOIN school_period p ON p.id = pg.period_id
                      JOIN school_class cl ON cl.id = pg.class_id
                     GROUP BY p.academic_year_id, pg.period_id, pg.kind, pg.class_id, cl.grade_level_id,
                              pg.subject_id, pg.teacher_id
                )
                SELECT c.*,
                       CASE WHEN points_count > 0
                            THEN round(points_sum::numeric / points_count, 2) ELSE 0 END AS average,
                       CASE WHEN n_total > 0
                            THEN round(100.0 * (n5 + n4 + n3) / n_total, 1) ELSE 0 END AS success_pct,
                       CASE WHEN n_total > 0
                            THEN round(100.0 * (n5 + n4) / n_total, 1) ELSE 0 END AS quality_pct,
                       CASE WHEN n_total > 0
                            THEN round((100.0 * n5 + 64 * n4 + 36 * n3 + 16 * n2 + 7 * n_na) / n_total, 1)
                            ELSE 0 END AS sou
                  FROM c
            )
        """)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        """Ratios of a group from its summed counts (see the module docstring)."""
        names = [f.split(":")[0] for f in fields]
        wanted = [f for f in RATIO_FIELDS if f in names] if names else list(RATIO_FIELDS)
        if wanted and fields:
            groupby_names = [g.split(":")[0] for g in ([groupby] if isinstance(groupby, str) else groupby or [])]
            # the ratio columns stay in the query (ordering by them still works);
            # their aggregated values are replaced below
            fields = list(fields) + [f for f in COUNT_FIELDS + tuple(groupby_names) if f not in names]
        result = super(SchoolReportMetrics, self).read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)
        if wanted:
            for group in result:
                values = ratios(group)
                for name in wanted:
                    group[name] = values[name]
        return result
