"""XLSX exports (OCA report_xlsx): the gradebook of a class × subject × period,
the сводная ведомость of a class for its year, the metrics table of a period, the
month of substitutions per teacher, «Выполнение программы»."""
from odoo import models
from odoo.exceptions import UserError

from ..tools.translate import _
from ..models.journal_guard import _format_date
from .report_pupil_results import CATEGORIES

HEADER = {"bold": True, "bg_color": "#DDDDDD", "border": 1, "align": "center", "valign": "vcenter",
          "text_wrap": True}
CELL = {"border": 1, "align": "center"}


def _checked(env, wizards, fields):
    """The records the user's own gradebook wizard names, read through his ACL and
    rules at print time (the wizard's values are not trusted); the class's
    pupils must be readable to him. The rows then pass his rules (_journal_data)."""
    wizard = wizards[:1]
    if not wizard:
        raise UserError(_("The sheet is built from the “Excel Sheets” wizard."))
    wizard.check_access_rights("read")
    wizard.check_access_rule("read")
    records = [wizard[name] for name in fields]
    for record in records:
        record.check_access_rights("read")
        record.check_access_rule("read")
    env["report.school_ejournal.report_class_journal"]._check_pupils_readable(records[0])
    return records


class XlsxGradebook(models.AbstractModel):
    _name = "report.school_ejournal.xlsx_gradebook"
    _inherit = "report.report_xlsx.abstract"
    _description = "Subject Journal (Excel)"

    def generate_xlsx_report(self, workbook, data, wizards):
        school_class, subject, period = _checked(self.env, wizards, ("class_id", "subject_id", "period_id"))
        if not subject or not period:
            raise UserError(_("For a subject journal, select a subject and a period."))
        journal = self.env["report.school_ejournal.report_class_journal"]._journal_data(
            school_class, period.date_start, period.date_end)
        lessons = next((s["lessons"] for s in journal["subjects"] if s["id"] == subject.id), [])
        students = journal["students"]
        averages = self.env["school.grade"]._weighted_averages(
            [s["id"] for s in students], [subject.id], period.date_start, period.date_end) if students else {}
        head, cell = workbook.add_format(HEADER), workbook.add_format(CELL)
        sheet = workbook.add_worksheet(subject.short_name or subject.name[:31])
        sheet.write(0, 0, _("%(subject)s, class %(school_class)s, %(period)s") % {"subject": subject.name,
                                                                                  "school_class": school_class.name,
                                                   "period": period.name},
                    workbook.add_format({"bold": True, "font_size": 13}))
        row = 2
        titles = [_("№"), _("Student")] + [l["short"] for l in lessons] + [_("Average Score"), _("For the Period")]
        for col, title in enumerate(titles):
            sheet.write(row, col, title, head)
        sheet.set_column(0, 0, 4)
        sheet.set_column(1, 1, 32)
        sheet.set_column(2, 1 + len(lessons), 6)
        sheet.set_column(2 + len(lessons), 3 + len(lessons), 12)
        for student in students:
            row += 1
            sheet.write(row, 0, student["number"], cell)
            sheet.write(row, 1, student["name"])
            for col, lesson in enumerate(lessons, 2):
                sheet.write(row, col, journal["cells"].get((lesson["id"], student["id"]), ""), cell)
            average = averages.get((student["id"], subject.id))
            sheet.write(row, 2 + len(lessons), average if average is not None else "", cell)
            sheet.write(row, 3 + len(lessons),
                        journal["period_grades"].get((student["id"], subject.id, period.id), ""), cell)
        topics = workbook.add_worksheet(_("Topics"))
        for col, title in enumerate([_("Date"), _("№"), _("Lesson Topic"), _("Kind of Work"),
                                     _("Homework")]):
            topics.write(0, col, title, head)
        topics.set_column(2, 2, 50)
        topics.set_column(4, 4, 50)
        for r, lesson in enumerate(lessons, 1):
            topics.write_row(r, 0, [lesson["date"], lesson["number"], lesson["topic"], lesson["kind"],
                                    lesson["homework"]])


class XlsxSummary(models.AbstractModel):
    _name = "report.school_ejournal.xlsx_summary"
    _inherit = "report.report_xlsx.abstract"
    _description = "Summary Sheet (Excel)"

    def generate_xlsx_report(self, workbook, data, wizards):
        school_class, = _checked(self.env, wizards, ("class_id",))
        year = school_class.academic_year_id
        journal = self.env["report.school_ejournal.report_class_journal"]._journal_data(
            school_class, year.date_start, year.date_end)
        columns = journal["summary_columns"]
        head, cell = workbook.add_format(HEADER), workbook.add_format(CELL)
        sheet = workbook.add_worksheet(_("Summary Sheet"))
        sheet.write(0, 0, _("Summary Sheet of Academic Performance: class %(school_class)s, %(year)s academic year")
                    % {"school_class": school_class.name, "year": year.name}, workbook.add_format({"bold": True,
                       "font_size": 13}))
        sheet.merge_range(2, 0, 3, 0, _("№"), head)
        sheet.merge_range(2, 1, 3, 1, _("Student"), head)
        sheet.set_column(1, 1, 32)
        col = 2
        for subject in journal["summary_subjects"]:
            if len(columns) > 1:
                sheet.merge_range(2, col, 2, col + len(columns) - 1, subject["name"], head)
            else:
                sheet.write(2, col, subject["name"], head)
            for offset, (_key, label) in enumerate(columns):
                sheet.write(3, col + offset, label, head)
            col += len(columns)
        # the last column: the pedagogical council's decision
        sheet.merge_range(2, col, 3, col, _("Teachers’ Council Decision"), head)
        sheet.set_column(col, col, 30)
        for r, student in enumerate(journal["students"], 4):
            sheet.write(r, 0, student["number"], cell)
            sheet.write(r, 1, student["name"])
            col = 2
            for subject in journal["summary_subjects"]:
                for key, _label in columns:
                    sheet.write(r, col, journal["period_grades"].get((student["id"], subject["id"], key), ""),
                                cell)
                    col += 1
            sheet.write(r, col, student["decision"])
        if journal["council_protocols"]:
            sheet.write(len(journal["students"]) + 5, 1, _("Teachers’ council decision: %s")
                        % journal["council_protocols"])


class XlsxMetrics(models.AbstractModel):
    _name = "report.school_ejournal.xlsx_metrics"
    _inherit = "report.report_xlsx.abstract"
    _description = "Academic Performance Metrics (Excel)"

    def generate_xlsx_report(self, workbook, data, wizards):
        wizard = wizards[:1]
        report = self.env["report.school_ejournal.report_metrics"]
        if not wizard:
            raise UserError(_("The table is built from the “Analytical Note” wizard."))
        report._checked_wizard(wizard)
        head, cell = workbook.add_format(HEADER), workbook.add_format(CELL)
        titles = [_("Group"), _("Number of Students"), _("N"), "5", "4", "3", "2", _("n/a"), _("exempt"),
                  _("Average Score"), _("Pass Rate %"), _("Quality %"), _("Degree of Learning (SOU), %")]
        for name, groupby in ((_("By Class"), "class_id"), (_("By Subject"), "subject_id"),
                              (_("By Grade Level"), "grade_level_id"), (_("School"), None)):
            sheet = workbook.add_worksheet(name)
            sheet.write(0, 0, _("Performance Indicators: %s") % wizard.period_id.name,
                        workbook.add_format({"bold": True, "font_size": 13}))
            sheet.set_column(0, 0, 28)
            sheet.set_column(1, len(titles), 11)
            for col, title in enumerate(titles):
                sheet.write(2, col, title, head)
            rows = report._compare(wizard.period_id, self.env["school.period"], groupby,
                                   wizard.grade_level_ids)
            for r, row in enumerate(rows, 3):
                sheet.write(r, 0, row["label"])
                sheet.write_row(r, 1, [row["n_students"], row["n_total"], row["n5"], row["n4"], row["n3"],
                                       row["n2"], row["n_na"], row["n_osv"], row["average"],
                                       row["success_pct"], row["quality_pct"], row["sou"]], cell)
        categories = self.env["school.report.pupil.results"]._school_selection_labels("category")
        sheet = workbook.add_worksheet(_("By Student"))
        sheet.write(0, 0, _("Results by Student: %s") % wizard.period_id.name,
                    workbook.add_format({"bold": True, "font_size": 13}))
        titles = [_("Class"), _("At Start"), _("Arrived"), _("Departed"), _("At End"), _("Assessed")] + \
            [categories[key] for key, _label in CATEGORIES] + [_("Pass Rate %"), _("Quality %")]
        sheet.set_column(0, 0, 14)
        sheet.set_column(1, len(titles), 12)
        for col, title in enumerate(titles):
            sheet.write(2, col, title, head)
        rows, behind = report._pupil_rows(wizard.period_id, wizard.grade_level_ids)
        for r, row in enumerate(rows, 3):
            sheet.write(r, 0, row["label"])
            sheet.write_row(r, 1, list(row["movement"]) + [row["pupils"]] + [row.get(k, 0) for k, _l in CATEGORIES]
                            + [row["success_pct"], row["quality_pct"]], cell)
        sheet = workbook.add_worksheet(_("Failing Students"))
        for col, title in enumerate([_("Class"), _("Student"), _("“2”, “fail”"), _("“n/a”")]):
            sheet.write(0, col, title, head)
        sheet.set_column(0, 3, 30)
        for r, item in enumerate(behind, 1):
            sheet.write_row(r, 0, [item["class_id"] and item["class_id"][1] or "", item["student_name"],
                                   item["failed_subjects"] or "", item["na_subjects"] or ""])


class XlsxSubstitutions(models.AbstractModel):
    _name = "report.school_ejournal.xlsx_substitutions"
    _inherit = "report.report_xlsx.abstract"
    _description = "Substitutions of the Month (Excel)"

    def generate_xlsx_report(self, workbook, data, wizards):
        wizard = wizards[:1]
        if not wizard:
            raise UserError(_("The table is built from the “Substitutions of the Month” wizard."))
        wizard.check_access_rights("read")
        wizard.check_access_rule("read")
        totals, lines = self.env["school.substitution"]._report_rows(wizard.date_from, wizard.date_to)
        head, cell = workbook.add_format(HEADER), workbook.add_format(CELL)
        bold = workbook.add_format({"bold": True, "font_size": 13})
        period = "%s — %s" % (_format_date(wizard.date_from), _format_date(wizard.date_to))
        sheet = workbook.add_worksheet(_("By Teacher"))
        sheet.write(0, 0, _("Lesson Substitutions: %s") % period, bold)
        titles = [_("Teacher"), _("Number of Lessons"), _("Hours"), _("Paid Hours"), _("Unpaid Hours")]
        sheet.set_column(0, 0, 36)
        sheet.set_column(1, len(titles), 14)
        for col, title in enumerate(titles):
            sheet.write(2, col, title, head)
        row = 2
        for row, item in enumerate(totals, 3):
            sheet.write(row, 0, item["teacher"])
            sheet.write_row(row, 1, [item["lessons"], item["hours"], item["paid"], item["unpaid"]], cell)
        sheet.write(row + 1, 0, _("Total"), head)
        sheet.write_row(row + 1, 1, [sum(t[key] for t in totals) for key in ("lessons", "hours", "paid", "unpaid")],
                        head)
        sheet = workbook.add_worksheet(_("Lessons"))
        titles = [_("Date"), _("Lesson No."), _("Class"), _("Subject"), _("Absent Teacher"), _("Substituted By"),
                  _("Kind"), _("Payment"), _("Hours")]
        sheet.set_column(0, 1, 10)
        sheet.set_column(2, 8, 22)
        for col, title in enumerate(titles):
            sheet.write(0, col, title, head)
        kinds = lines._school_selection_labels("kind")
        for r, line in enumerate(lines, 1):
            sheet.write_row(r, 0, [_format_date(line.date), line.lesson_number, line.class_id.name,
                                   line.subject_id.name, line.teacher_id.name, line.substitute_teacher_id.name,
                                   kinds.get(line.kind), _("yes") if line.paid else _("no"), line.hours], cell)
class XlsxProgramme(models.AbstractModel):
    _name = "report.school_ejournal.xlsx_programme"
    _inherit = "report.report_xlsx.abstract"
    _description = "Programme Completion (Excel)"

    def generate_xlsx_report(self, workbook, data, wizards):
        values = self.env["report.school_ejournal.report_programme"]._programme_data(wizards)
        head, cell = workbook.add_format(HEADER), workbook.add_format(CELL)
        sheet = workbook.add_worksheet(_("Programme Completion"))
        sheet.write(0, 0, _("Programme Completion: %(title)s (%(date_from)s to %(date_to)s, held up to %(today)s)")
                    % values, workbook.add_format({"bold": True, "font_size": 13}))
        titles = [_("Class"), _("Subject"), _("Teacher"), _("Hours per Week"), _("Hours in Thematic Plan"),
                  _("Planned"), _("Planned to Date"), _("Confirmed"), _("Cancelled"), _("Difference"),
                  _("Tests: Planned"), _("Tests: Held"), _("Practical Works: Planned"), _("Practical Works: Held"),
                  _("Laboratory Works: Planned"), _("Laboratory Works: Held"), _("Thematic Plan Topics Not Covered")]
        for col, title in enumerate(titles):
            sheet.write(2, col, title, head)
        sheet.set_column(0, 2, 22)
        sheet.set_column(3, 15, 11)
        sheet.set_column(16, 16, 60)
        for r, row in enumerate(values["rows"], 3):
            sheet.write_row(r, 0, [row["class_name"], row["subject_name"], row["teacher_name"]])
            sheet.write_row(r, 3, [row[key] for key in (
                "hours_per_week", "plan_hours", "planned", "planned_to_date", "held", "cancelled", "difference",
                "control_planned", "control_held", "practical_planned", "practical_held", "laboratory_planned",
                "laboratory_held")], cell)
            sheet.write(r, 16, "; ".join(row["not_covered"]))
