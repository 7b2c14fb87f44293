"""«Положение об электронном журнале»: the local act prints as a real
PDF filled from the school's settings, and follows them: a changed threshold,
storage period or clause shows up in the next print."""
from odoo.exceptions import AccessError, ValidationError

from .common import ReportsCase, flat, pdftotext


class TestRegulation(ReportsCase):

    def setUp(self):
        super(TestRegulation, self).setUp()
        self.company = self.env.ref("base.main_company")
        self.report = self.env.ref("school_ejournal.action_report_school_regulation")

    def render(self, user=None):
        self.enable_pdf()
        report = self.report.sudo(user) if user else self.report
        pdf, fmt = report.render_qweb_pdf(self.company.ids)
        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        return flat(pdftotext(pdf))

    def test_regulation_is_filled_from_settings(self):
        text = self.render(user=self.admin)
        self.assertIn("ПОЛОЖЕНИЕ", text)
        self.assertIn(self.company.name, text)
        # periods of the current year, with their dates
        self.assertIn("2026/2027", text)
        q1 = self.q1
        self.assertIn(q1.name, text)
        # weights by kind of work, thresholds, minimum grades, attendance codes
        for kind in self.env["school.work.kind"].search([]):
            self.assertIn(kind.name, text)
        rules = self.company._school_grading_rules()
        self.assertIn(("%.2f" % rules["t5"]).replace(".", ","), text)
        self.assertIn("не менее %d отметок" % rules["min_grades"], text)
        self.assertIn("не менее 5 — с 2 часами, не менее 7 — с 3 и более часами", text)
        self.assertIn("пропустил более 50 % уроков", text)
        for code in self.env["school.attendance.code"].search([]):
            self.assertIn(code.name, text)
        # storage periods (defaults), roles, personal data, the closing procedure
        self.assertIn("Классные журналы хранятся 5 лет", text)
        self.assertIn("сводные ведомости итоговых отметок — 25 лет", text)
        self.assertIn("Классный руководитель", text)
        self.assertIn("152-ФЗ", text)
        self.assertIn("печатью целостности", text)

    def test_changed_threshold_shows_in_the_next_print(self):
        before = self.render(user=self.admin)
        self.assertNotIn("«5» — от 4,72", before)
        company = self.company.sudo(self.admin)
        company.write({"school_threshold_5": 4.72, "school_min_grades": 7,
                       "school_journal_storage_years": 6, "school_two_excludes_five": True,
                       "school_regulation_intro": "<p>Принято педагогическим советом, протокол № 42.</p>",
                       "school_regulation_extra": "<p>Особое положение о зачётной системе.</p>"})
        after = self.render(user=self.admin)
        self.assertIn("«5» — от 4,72", after)
        self.assertIn("не менее 7 отметок", after)
        self.assertIn("Классные журналы хранятся 6 лет", after)
        self.assertIn("итоговая отметка «5» не выставляется", after)
        self.assertIn("протокол № 42", after)
        self.assertIn("Особое положение о зачётной системе", after)
        self.assertIn("Дополнительные положения", after)

    def test_button_returns_the_report_action(self):
        action = self.company.sudo(self.admin).action_print_school_regulation()
        self.assertEqual(action["report_name"], "school_ejournal.report_school_regulation")

    def test_storage_periods_are_validated(self):
        with self.assertRaises(ValidationError):
            self.company.write({"school_summary_storage_years": 0})

    def test_only_the_administrator_changes_the_act(self):
        for user in (self.teacher, self.deputy, self.class_teacher):
            with self.assertRaises(AccessError):
                self.company.sudo(user).write({"school_journal_storage_years": 7})
        self.company.sudo(self.admin).write({"school_journal_storage_years": 7})
        self.assertEqual(self.company.school_journal_storage_years, 7)

    def test_each_year_grade_rule_chosen_in_the_settings_is_printed(self):
        """Every choice of the year-grade settings (tie at x.5, «н/а» in a
        quarter) prints its own words; the final-grade rules of приказ № 546
        are printed as they are enforced."""
        company = self.company.sudo(self.admin)
        choices = {name: [key for key, _label in company._fields[name].selection]
                   for name in ("school_year_tie_rule", "school_year_na_rule", "school_missed_day_rule")}
        for index in range(max(len(v) for v in choices.values())):
            values = {name: keys[min(index, len(keys) - 1)] for name, keys in choices.items()}
            company.write(values)
            text = self.render(user=self.admin)
            for name, key in values.items():
                label = company.with_context(lang="ru_RU")._school_selection_labels(name)[key]
                self.assertIn(flat(label)[1:], text, "%s = %s" % (name, key))  # [1:]: may start lowercase
        self.assertIn("при неудовлетворительном результате экзамена итоговая отметка не выставляется", text)
        self.assertIn("полугодия (четверти) и годовых отметок за 10 и 11 классы", text)
        self.assertIn("5, 5, 4, 4 → 4,5", text)
        self.assertIn("закрываются только закрытием учебного года", text)
