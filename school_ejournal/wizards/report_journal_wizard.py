"""Launch wizard of «Печать классного журнала» (menu «Отчёты»)."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .report_access import may_print as _may_print


class SchoolReportJournalWizard(models.TransientModel):
    _name = "school.report.journal.wizard"
    _description = "Печать классного журнала"

    _print_reports = ("school_ejournal.action_report_class_journal",)

    @api.model
    def check_access_rights(self, operation, raise_exception=True):
        return (_may_print(self, self._print_reports, raise_exception)
                and super(SchoolReportJournalWizard, self).check_access_rights(operation, raise_exception))

    class_id = fields.Many2one("school.class", string="Класс", required=True)
    scope = fields.Selection([("year", "Учебный год"), ("period", "Учебный период")],
                             string="Что печатать", required=True, default="year")
    period_id = fields.Many2one("school.period", string="Период",
                                help="Для печати за один период (например, закрытую четверть).")
    certify_date = fields.Date(string="Дата заверения", default=fields.Date.context_today)
    print_sides = fields.Selection(
        [("single", "Односторонняя"), ("double", "Двусторонняя")], string="Печать", required=True,
        default=lambda self: self.env.user.company_id.school_print_sides or "single",
        help="Лист — физический лист бумаги: при двусторонней печати листов в заверительной надписи "
             "вдвое меньше, чем страниц.")

    def _data(self):
        self.ensure_one()
        if self.scope == "period":
            if not self.period_id:
                raise ValidationError(_("Выберите учебный период."))
            if self.class_id.grade_level_id not in self.period_id.grade_level_ids:
                raise ValidationError(_("Период «%(period)s» не относится к параллели класса %(class)s.")
                                      % {"period": self.period_id.name, "class": self.class_id.name})
        return {"class_ids": self.class_id.ids,
                "period_id": self.period_id.id if self.scope == "period" else False,
                "certify_date": self.certify_date, "print_sides": self.print_sides}

    def action_print(self):
        return self.env.ref("school_ejournal.action_report_class_journal").report_action(
            self.class_id, data=self._data())
