"""Performance metrics over the period grades: crafted grades give the
hand-computed средний балл, % успеваемости, % качества and СОУ, and a group of
rows gets its ratios from summed counts, not from averaged percentages."""
from odoo.exceptions import AccessError

from .common import ReportsCase


class TestMetrics(ReportsCase):

    def setUp(self):
        super(TestMetrics, self).setUp()
        PG = self.env["school.period.grade"]
        PG.search([("period_id", "=", self.q1.id), ("subject_id", "=", self.math.id),
                   ("class_id", "in", (self.class_5a | self.class_5b).ids)]).unlink()
        day = self.q1.date_end
        pupils_5a = self.roster(self.class_5a, day)[:8]
        pupils_5b = self.roster(self.class_5b, day)[:2]
        self.assertEqual((len(pupils_5a), len(pupils_5b)), (8, 2))
        for school_class, pupils, values in (
                (self.class_5a, pupils_5a, ["5", "5", "4", "3", "2", "na", "osv", False]),
                (self.class_5b, pupils_5b, ["5", "5"])):
            for student_id, value in zip(pupils, values):
                PG.create({"student_id": student_id, "subject_id": self.math.id, "period_id": self.q1.id,
                           "class_id": school_class.id, "kind": "quarter", "value": value,
                           "teacher_id": self.teacher.id})
        self.Metrics = self.env["school.report.metrics"]
        self.domain = [("period_id", "=", self.q1.id), ("subject_id", "=", self.math.id)]

    def test_one_class_hand_computed(self):
        row = self.Metrics.search(self.domain + [("class_id", "=", self.class_5a.id)])
        self.assertEqual(len(row), 1)
        self.assertEqual((row.n_students, row.n5, row.n4, row.n3, row.n2, row.n_na, row.n_osv, row.n_total),
                         (8, 2, 1, 1, 1, 1, 1, 6))
        self.assertAlmostEqual(row.average, 3.8)          # (5+5+4+3+2)/5
        self.assertAlmostEqual(row.success_pct, 66.7)     # 4·100/6
        self.assertAlmostEqual(row.quality_pct, 50.0)     # 3·100/6
        self.assertAlmostEqual(row.sou, 53.8)             # (200+64+36+16+7)/6 = 53.83
        self.assertEqual(row.teacher_id, self.teacher)
        self.assertEqual(row.grade_level_id, self.class_5a.grade_level_id)

    def test_group_ratios_from_summed_counts(self):
        groups = self.Metrics.read_group(self.domain, ["n_total", "success_pct", "quality_pct", "sou", "average"],
                                         ["subject_id"])
        self.assertEqual(len(groups), 1)
        g = groups[0]
        self.assertEqual(g["n_total"], 8)
        self.assertAlmostEqual(g["success_pct"], 75.0)   # 6/8, not (66.7+100)/2
        self.assertAlmostEqual(g["quality_pct"], 62.5)   # 5/8
        self.assertAlmostEqual(g["sou"], 65.4)           # 523/8 = 65.375
        self.assertAlmostEqual(g["average"], 4.14)       # 29/7
        by_class = {g["class_id"][0]: g for g in self.Metrics.read_group(
            self.domain, ["success_pct:avg"], ["class_id"])}
        self.assertAlmostEqual(by_class[self.class_5b.id]["success_pct"], 100.0)
        self.assertAlmostEqual(by_class[self.class_5a.id]["success_pct"], 66.7)

    def test_analytic_report_and_previous_period(self):
        wizard = self.env["school.report.metrics.wizard"].sudo(self.deputy).create({"period_id": self.q2.id})
        wizard._onchange_period()
        self.assertEqual(wizard.previous_period_id, self.q1)
        wizard = self.env["school.report.metrics.wizard"].sudo(self.deputy).create(
            {"period_id": self.q1.id})
        values = self.env["report.school_ejournal.report_metrics"].sudo(self.deputy).get_report_values(
            wizard.ids)
        math = [r for r in values["by_subject"] if r["label"] == self.math.name][0]
        self.assertEqual(math["success_pct_txt"], "75,0")
        self.assertEqual(math["success_pct_prev"], "—")
        html = self.env.ref("school_ejournal.action_report_metrics").sudo(self.deputy).render_qweb_html(
            wizard.ids)[0].decode("utf-8")
        self.assertIn("Аналитическая справка", html)
        self.assertIn("75,0", html)

    def test_rights(self):
        # deputy and admin: the whole school
        for user in (self.deputy, self.admin):
            self.assertEqual(len(self.Metrics.sudo(user).search(self.domain)), 2)
        # the math teacher: his rows; the class teacher of 5А: her class only
        self.assertEqual(len(self.Metrics.sudo(self.teacher).search(self.domain)), 2)
        rows = self.Metrics.sudo(self.class_teacher).search(self.domain)
        self.assertEqual(rows.mapped("class_id"), self.class_5a)
        for user in (self.parent_user, self.student_user):
            with self.assertRaises(AccessError):
                self.Metrics.sudo(user).search(self.domain)
