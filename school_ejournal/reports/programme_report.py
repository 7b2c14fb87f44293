"""«Выполнение программы» for the deputy director: per class (group) × subject of
the teaching load, the lessons planned by the timetable, held, cancelled, the
difference, the КТП's topics not covered and the works planned vs held
(tools/programme_sql.py: one statement). The PDF and the Excel read the same rows."""
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.translate import _
from ..tools.dates import format_date
from ..tools.programme_sql import programme_rows


class ReportProgramme(models.AbstractModel):
    _name = "report.school_ejournal.report_programme"
    _description = "Programme Completion"

    @api.model
    def _programme_data(self, wizard):
        """The report's figures for the user's own wizard, its year, period and
        classes read through his rights at print time."""
        wizard = wizard[:1]
        if not wizard:
            raise UserError(_("The report is built from the “Programme Completion” wizard."))
        wizard.check_access_rights("read")
        wizard.check_access_rule("read")
        year, period = wizard.academic_year_id, wizard.period_id
        classes = wizard.class_ids or self.env["school.class"].search([("academic_year_id", "=", year.id)])
        for records in (year, period, classes):
            records.check_access_rights("read")
            records.check_access_rule("read")
        date_from, date_to = (period.date_start, period.date_end) if period else (year.date_start, year.date_end)
        today = fields.Date.context_today(self)
        rows = programme_rows(self.env.cr, classes.ids, date_from, date_to, today)
        names = {}
        for model, key in (("school.class", "class_id"), ("school.class.subgroup", "subgroup_id"),
                           ("school.subject", "subject_id"), ("res.users", "teacher_id")):
            # names of what the rows link: one read per model, through the user's rights
            records = self.env[model].browse(list({row[key] for row in rows if row[key]}))
            names[key] = dict(records.name_get()) if model != "school.class.subgroup" else {
                r.id: r.name_get()[0][1].replace(": ", " (", 1) + ")" for r in records}
        for row in rows:
            # a teaching group: its classes and name («5А+5Б (Английский язык, группа 1)»)
            row["class_name"] = names["subgroup_id"].get(row["subgroup_id"]) if row["subgroup_id"] else \
                names["class_id"].get(row["class_id"], "")
            row["subject_name"] = names["subject_id"].get(row["subject_id"], "")
            row["teacher_name"] = names["teacher_id"].get(row["teacher_id"], "")
            row["hours_txt"] = ("%g" % row["hours_per_week"]).replace(".", ",")
            row["difference_txt"] = ("+%s" % row["difference"]) if row["difference"] > 0 else str(row["difference"])
        return {
            "title": period.name if period else _("%s Academic Year") % year.name,
            "date_from": format_date(date_from), "date_to": format_date(date_to),
            "today": format_date(min(today, date_to)), "rows": rows,
            "gap_allowed": self.env.user.company_id._school_monitoring_rules()["programme_gap"],
            "company": self.env.user.company_id,
        }

    @api.model
    def get_report_values(self, docids, data=None):
        wizard = self.env["school.report.programme.wizard"].browse(docids)
        values = self._programme_data(wizard)
        values.update({"doc_ids": docids, "doc_model": "school.report.programme.wizard", "docs": wizard[:1]})
        return values

    _get_report_values = get_report_values
