"""Launch wizards of the reports (menu «Отчёты»): printed class journal,
attendance, deputy's analytic report, gradebook and сводная ведомость in XLSX."""
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


def _may_print(model, reports, raise_exception):
    """A report wizard is for the roles that may print its reports (the
    reports' groups): others may not create, read or use it."""
    if model.env.uid == SUPERUSER_ID:
        return True
    groups = model.env["res.groups"]
    for xmlid in reports:
        groups |= model.env.ref(xmlid).sudo().groups_id
    if groups & model.env.user.groups_id:
        return True
    if raise_exception:
        raise AccessError(_("Мастер «%s» вам недоступен: его отчёты печатают только %s.")
                          % (model._description, ", ".join(sorted(groups.mapped("name")))))
    return False


def _previous_period(period):
    """The period just before ``period``: same year, same kind, number − 1."""
    if not period:
        return period
    return period.search([("academic_year_id", "=", period.academic_year_id.id),
                          ("kind", "=", period.kind), ("number", "=", period.number - 1)], limit=1)


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
                raise ValidationError(_("Период «%s» не относится к параллели класса %s.")
                                      % (self.period_id.name, self.class_id.name))
        return {"class_ids": self.class_id.ids,
                "period_id": self.period_id.id if self.scope == "period" else False,
                "certify_date": self.certify_date, "print_sides": self.print_sides}

    def action_print(self):
        return self.env.ref("school_ejournal.action_report_class_journal").report_action(
            self.class_id, data=self._data())


class SchoolReportAttendanceWizard(models.TransientModel):
    _name = "school.report.attendance.wizard"
    _description = "Отчёт о посещаемости"

    _print_reports = ("school_ejournal.action_report_attendance",)

    @api.model
    def check_access_rights(self, operation, raise_exception=True):
        return (_may_print(self, self._print_reports, raise_exception)
                and super(SchoolReportAttendanceWizard, self).check_access_rights(operation, raise_exception))

    period_id = fields.Many2one("school.period", string="Период")
    date_from = fields.Date(string="С", required=True)
    date_to = fields.Date(string="По", required=True)
    class_ids = fields.Many2many("school.class", string="Классы", help="Пусто — все классы.")

    @api.onchange("period_id")
    def _onchange_period(self):
        if self.period_id:
            self.date_from, self.date_to = self.period_id.date_start, self.period_id.date_end

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(_("Дата начала позже даты окончания."))

    def action_print(self):
        return self.env.ref("school_ejournal.action_report_attendance").report_action(self)


class SchoolReportMetricsWizard(models.TransientModel):
    _name = "school.report.metrics.wizard"
    _description = "Аналитическая справка об успеваемости"

    _print_reports = ("school_ejournal.action_report_metrics", "school_ejournal.action_report_metrics_xlsx")

    @api.model
    def check_access_rights(self, operation, raise_exception=True):
        return (_may_print(self, self._print_reports, raise_exception)
                and super(SchoolReportMetricsWizard, self).check_access_rights(operation, raise_exception))

    period_id = fields.Many2one("school.period", string="Период", required=True)
    previous_period_id = fields.Many2one("school.period", string="Сравнить с периодом")
    grade_level_ids = fields.Many2many("school.grade.level", string="Параллели",
                                       help="Пусто — все параллели периода.")

    @api.onchange("period_id")
    def _onchange_period(self):
        self.previous_period_id = _previous_period(self.period_id)

    def action_print(self):
        return self.env.ref("school_ejournal.action_report_metrics").report_action(self)

    def action_xlsx(self):
        return self.env.ref("school_ejournal.action_report_metrics_xlsx").report_action(self)


class SchoolReportGradebookWizard(models.TransientModel):
    _name = "school.report.gradebook.wizard"
    _description = "Ведомости в Excel"

    _print_reports = ("school_ejournal.action_report_gradebook_xlsx", "school_ejournal.action_report_summary_xlsx")

    @api.model
    def check_access_rights(self, operation, raise_exception=True):
        return (_may_print(self, self._print_reports, raise_exception)
                and super(SchoolReportGradebookWizard, self).check_access_rights(operation, raise_exception))

    class_id = fields.Many2one("school.class", string="Класс", required=True)
    subject_id = fields.Many2one("school.subject", string="Предмет")
    period_id = fields.Many2one("school.period", string="Период")

    def action_gradebook(self):
        if not self.subject_id or not self.period_id:
            raise UserError(_("Для журнала предмета выберите предмет и период."))
        return self.env.ref("school_ejournal.action_report_gradebook_xlsx").report_action(self)

    def action_summary(self):
        return self.env.ref("school_ejournal.action_report_summary_xlsx").report_action(self)
