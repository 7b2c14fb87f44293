"""The deputy director's analytic report («аналитическая справка»): the metrics
of a chosen period by class, by subject and for the school, compared with the
previous period. All figures come from the SQL view school.report.metrics
through read_group, i.e. ratios from summed counts."""
from odoo import api, models
from odoo.exceptions import UserError

from ..tools.translate import _
from .report_metrics import ratios
from .report_pupil_results import CATEGORIES, pupil_ratios

MEASURES = ["n_students", "n5", "n4", "n3", "n2", "n_na", "n_osv", "n_total", "points_sum",
            "points_count"]


def _fmt(value, digits=1):
    return ("%.*f" % (digits, value)).replace(".", ",")


class ReportMetrics(models.AbstractModel):
    _name = "report.school_ejournal.report_metrics"
    _description = "Analytical Note on Academic Performance"

    @api.model
    def _groups(self, period, groupby, levels=None):
        """{group id: counts + ratios} of ``period`` grouped by ``groupby`` (or one
        school total when groupby is None)."""
        if not period:
            return {}
        domain = [("period_id", "=", period.id)]
        if levels:
            domain.append(("grade_level_id", "in", levels.ids))
        Metrics = self.env["school.report.metrics"]
        groups = Metrics.read_group(domain, MEASURES + ([groupby] if groupby else []), [groupby] if groupby else [],
                                    lazy=False)
        result = {}
        for group in groups:
            key = group[groupby][0] if groupby and group.get(groupby) else (groupby and 0)
            values = {m: int(group.get(m) or 0) for m in MEASURES}
            values.update(ratios(values))
            values["label"] = group[groupby][1] if groupby and group.get(groupby) else _("School")
            result[key] = values
        return result

    @api.model
    def _compare(self, period, previous, groupby, levels=None):
        now, before = self._groups(period, groupby, levels), self._groups(previous, groupby, levels)
        rows = []
        for key, values in sorted(now.items(), key=lambda kv: kv[1]["label"]):
            old = before.get(key)
            row = dict(values)
            for name in ("average", "success_pct", "quality_pct", "sou"):
                digits = 2 if name == "average" else 1
                row[name + "_txt"] = _fmt(values[name], digits)
                if old and old["n_total"]:
                    delta = values[name] - old[name]
                    row[name + "_prev"] = _fmt(old[name], digits)
                    row[name + "_delta"] = ("+" if delta > 0 else "") + _fmt(delta, digits)
                else:
                    row[name + "_prev"] = row[name + "_delta"] = "—"
            rows.append(row)
        return rows

    @api.model
    def _pupil_rows(self, period, levels=None):
        """The period's results by pupils, per class and for the school: pupils
        by category (confirmed period grades only), % успеваемости and % качества
        by pupils, and the movement of pupils over the period. Returns
        (rows with the school total last, the pupils with «2»/«н/а» and their subjects)."""
        if not period:
            return [], []
        domain = [("period_id", "=", period.id), ("kind", "=", period.kind)]
        if levels:
            domain.append(("grade_level_id", "in", levels.ids))
        Results = self.env["school.report.pupil.results"]
        counts = {}
        for group in Results.read_group(domain, ["pupils", "class_id", "category"], ["class_id", "category"],
                                        lazy=False):
            if group.get("class_id"):
                counts.setdefault(group["class_id"][0], {})[group["category"]] = group["pupils"]
        classes = self.env["school.class"].browse(list(counts)).sorted(
            lambda c: (c.grade_level_id.number, c.name))
        movement = self.env["school.student.movement"]._class_movement_counts(
            period.date_start, period.date_end, classes.ids)
        rows, total = [], {"label": _("School")}
        for school_class in classes:
            row = dict(counts[school_class.id])
            row["label"] = school_class.name
            row["movement"] = movement.get(school_class.id, (0, 0, 0, 0))
            rows.append(row)
            for key, _label in CATEGORIES:
                total[key] = total.get(key, 0) + row.get(key, 0)
            total["movement"] = tuple(a + b for a, b in zip(total.get("movement", (0, 0, 0, 0)), row["movement"]))
        total.setdefault("movement", (0, 0, 0, 0))
        for row in rows + [total]:
            row.update(pupil_ratios(row))
            row["success_txt"], row["quality_txt"] = _fmt(row["success_pct"]), _fmt(row["quality_pct"])
        behind = Results.search_read(domain + [("category", "in", ("failing", "not_attested"))],
                                     ["class_id", "student_name", "category", "failed_subjects", "na_subjects"],
                                     order="class_id, student_name")
        return rows + [total], behind

    @api.model
    def _checked_wizard(self, wizard):
        """(period, previous, levels) of the user's own wizard, read through his
        rules at print time; the figures then come through his rules too
        (read_group on school.report.metrics)."""
        wizard.check_access_rights("read")
        wizard.check_access_rule("read")
        self.env["school.report.metrics"].check_access_rights("read")
        period, previous, levels = wizard.period_id, wizard.previous_period_id, wizard.grade_level_ids
        for records in (period, previous, levels):
            records.check_access_rights("read")
            records.check_access_rule("read")
        return period, previous, levels

    @api.model
    def get_report_values(self, docids, data=None):
        wizard = self.env["school.report.metrics.wizard"].browse(docids)[:1]
        if not wizard:
            raise UserError(_("The analytical note is built from the “Analytical Note” wizard."))
        period, previous, levels = self._checked_wizard(wizard)
        by_pupils, behind = self._pupil_rows(period, levels)
        return {
            "doc_ids": docids, "doc_model": wizard._name, "docs": wizard,
            "period": period, "previous": previous,
            "levels": ", ".join(levels.mapped("name")),
            "school": self._compare(period, previous, None, levels),
            "by_level": self._compare(period, previous, "grade_level_id", levels),
            "by_class": self._compare(period, previous, "class_id", levels),
            "by_subject": self._compare(period, previous, "subject_id", levels),
            "by_pupils": by_pupils, "behind": behind, "categories": CATEGORIES,
            "company": self.env.user.company_id,
        }

    _get_report_values = get_report_values
