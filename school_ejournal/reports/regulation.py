"""«Положение об электронном журнале»: the school's local act, printed from the
settings the system enforces (grading rules, weights, attendance codes, periods,
storage periods) so that the paper and the software never disagree."""
from odoo import api, fields, models

from ..models.grade import GRADE_VALUES
from ..models.grade_level import PERIOD_KINDS

GRADE_MEANINGS = {
    "5": "отлично", "4": "хорошо", "3": "удовлетворительно", "2": "неудовлетворительно",
    "1": "плохо (используется, если предусмотрено положением школы)",
    "zach": "зачёт", "nezach": "незачёт", "na": "не аттестован (мало отметок или пропуски)",
    "osv": "освобождён",
}

# Who may correct what: the rules of the one write guard (models/journal_guard.py),
# the closing (models/period.py) and the record rules, in words.
ROLE_RIGHTS = [
    ("Учитель", "ведёт свои уроки (и уроки, на которые назначен заменяющим): тему, домашнее задание, отметки и "
                "посещаемость; предлагает и выставляет итоговые отметки по своим предметам, пока период открыт."),
    ("Классный руководитель", "всё, что может учитель; кроме того, отмечает посещаемость на любых уроках "
                              "своего класса, ведёт список учеников, родителей (законных представителей), "
                              "согласия на обработку персональных данных и выдаёт доступ ученикам и родителям."),
    ("Заместитель директора", "читает все журналы, отметки, итоговые отметки и журнал изменений, "
                              "контролирует ведение журнала и формирует отчёты; отметки не исправляет."),
    ("Администратор школы", "ведёт справочники (учебные годы, периоды, классы, предметы, расписание), "
                            "настройки журнала, закрывает и повторно открывает периоды, может исправить "
                            "любую запись открытого периода."),
    ("Ученик, родитель (законный представитель)", "только просматривают на портале дневник, отметки, посещаемость и "
                                                  "расписание своего ребёнка (своё); ничего не изменяют."),
]

KIND_ORDER = {key: index for index, (key, _label) in enumerate(PERIOD_KINDS)}


def _fmt(value):
    return ("%.2f" % value).replace(".", ",")


class ReportSchoolRegulation(models.AbstractModel):
    _name = "report.school_ejournal.report_school_regulation"
    _description = "E-Journal Regulation"

    @api.model
    def _current_year(self, company):
        Year = self.env["school.academic.year"]
        today = fields.Date.context_today(self)
        year = Year.search([("company_id", "=", company.id), ("date_start", "<=", today),
                            ("date_end", ">=", today)], limit=1)
        # between years (summer) the act describes the coming one
        return year or Year.search([("company_id", "=", company.id)], order="date_start desc", limit=1)

    @api.model
    def _regulation_data(self, company):
        rules = company._school_grading_rules()
        year = self._current_year(company)
        periods = []
        for period in year.period_ids.sorted(lambda p: (KIND_ORDER.get(p.kind, 9), p.number, p.date_start)):
            periods.append({
                "name": period.name,
                "levels": ", ".join(period.grade_level_ids.sorted("number").mapped("name")),
                "date_start": fields.Date.from_string(period.date_start).strftime("%d.%m.%Y"),
                "date_end": fields.Date.from_string(period.date_end).strftime("%d.%m.%Y"),
            })
        kinds = self.env["school.work.kind"].search([])
        codes = self.env["school.attendance.code"].search([])
        ties = company._school_selection_labels("school_year_tie_rule")
        na_rules = company._school_selection_labels("school_year_na_rule")
        return {
            "company": company,
            "year": year.name or "",
            "periods": periods,
            "grades": [{"label": label, "meaning": GRADE_MEANINGS.get(key, "")} for key, label in GRADE_VALUES],
            "work_kinds": [{"name": k.name, "short": k.short_name or "", "weight": _fmt(k.weight),
                            "required": k.requires_topic_mark, "control": k.is_control} for k in kinds],
            "t5": _fmt(rules["t5"]), "t4": _fmt(rules["t4"]), "t3": _fmt(rules["t3"]),
            "min_grades": rules["min_grades"],
            "min_table": rules["min_grades_table"], "na_absence_pct": rules["na_absence_pct"],
            "missed_day": company._school_selection_labels("school_missed_day_rule")[rules["missed_day_rule"]]
            + (" (%s)" % rules["missed_day_lessons"] if rules["missed_day_rule"] == "at_least" else ""),
            "absence_signal_pct": rules["absence_signal_pct"],
            "two_excludes_five": rules["two_excludes_five"],
            # printed only when the journal enforces it (the form's warning, the control's violation)
            "mark_required": rules["mark_required"], "mark_required_days": rules["mark_required_days"],
            "mark_required_kinds": ", ".join(k.name for k in kinds if k.requires_topic_mark),
            "year_tie_rule": ties.get(rules["year_tie_rule"], ""),
            "year_na_rule": na_rules.get(rules["year_na_rule"], ""),
            "print_double": rules["print_sides"] == "double",
            "codes": [{"code": c.code, "name": c.name, "excused": c.is_excused, "late": c.is_late,
                       "absence": c.counts_as_absence} for c in codes],
            "role_rights": ROLE_RIGHTS,
            "journal_years": company.school_journal_storage_years,
            "programme_gap": company._school_monitoring_rules()["programme_gap"],
            "summary_years": company.school_summary_storage_years,
            "today": fields.Date.from_string(fields.Date.context_today(self)).strftime("%d.%m.%Y"),
        }

    @api.model
    def get_report_values(self, docids, data=None):
        companies = self.env["res.company"].browse(docids)
        companies.check_access_rights("read")
        companies.check_access_rule("read")
        return {
            "doc_ids": docids, "doc_model": "res.company", "docs": companies,
            "regulations": [self._regulation_data(company) for company in companies],
        }
