from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

from ..tools.translate import _

# A year mean of x.5 (5,5,4,4 → 4.5) is a tie that the local act decides.
YEAR_TIE_RULES = [
    ("favour", "In the student’s favour (round up)"),
    ("last_period", "By the grade for the last quarter (half-year)"),
    ("written", "By the average grade of written (test) work for the year"),
]
# What counts as a missed day in the attendance reports and the printed journal.
MISSED_DAY_RULES = [
    ("all", "All of the day’s lessons were missed"),
    ("at_least", "At least the set number of lessons were missed"),
    ("half", "More than half of the day’s lessons were missed"),
]
# A period «н/а» in the row of a year grade is never dropped silently.
YEAR_NA_RULES = [
    ("na", "Year grade is not given (“n/a”) until the academic debt is cleared"),
    ("mean_rest", "Average of the assessed periods (noted in the calculation)"),
]


# How the printed journal is printed: a «лист» is a physical sheet.
PRINT_SIDES = [
    ("single", "Single-Sided (sheet = one page)"),
    ("double", "Double-Sided (sheet = two pages)"),
]

class ResCompany(models.Model):
    """The company is «the school»: its work mode lives here."""
    _inherit = "res.company"

    school_week_days = fields.Selection(
        [("5", "Five-Day Week"), ("6", "Six-Day Week")],
        string="School Week", default="5", required=True)
    school_shift_count = fields.Selection(
        [("1", "One Shift"), ("2", "Two Shifts")],
        string="Shifts", default="1", required=True)
    school_director_id = fields.Many2one("res.users", string="Director")
    school_portal_url = fields.Char(
        string="Journal Address for Parents and Students",
        help="Printed on access credential slips. If empty, the system address (web.base.url) is used.")

    def _school_last_weekday(self):
        """Index (Monday = 0) of the last school day of the week."""
        self.ensure_one()
        return 5 if self.school_week_days == "6" else 4

    def _school_emblem(self):
        """True when the school has its own emblem: Odoo's default company logo
        is the «Your logo» placeholder, which the school's pages never show."""
        self.ensure_one()
        logo = self.sudo().logo
        if not logo:
            return False
        default = self._get_logo()
        # res.partner stores the logo resized (image_resize_images on write)
        return logo not in (default, tools.image_resize_image_big(default))

    # ------------------------------------------------------------ grading rules
    # The school's rules for period grades (its local act on attestation):
    # rounding thresholds, the minimum number of grades, the «a 2 rules out a 5»
    # rule and the year grade's tie and «н/а» rules. The weights of the kinds of
    # work live on school.work.kind.
    school_threshold_5 = fields.Float(
        string="“5” From", default=4.60, digits=(3, 2), required=True,
        help="Weighted average score from which “5” is given.")
    school_threshold_4 = fields.Float(
        string="“4” From", default=3.60, digits=(3, 2), required=True,
        help="Weighted average score from which “4” is given.")
    school_threshold_3 = fields.Float(
        string="“3” From", default=2.60, digits=(3, 2), required=True,
        help="Weighted average score from which “3” is given; below it, “2”.")
    # The minimum number of marks for an attestation grows with the subject's weekly hours.
    school_min_grades = fields.Integer(
        string="Minimum Grades per Quarter: 1 h per Week", default=3, required=True,
        help="If a student has fewer grades in the period, “n/a” (not assessed) is suggested.")
    school_min_grades_2h = fields.Integer(string="Minimum Grades per Quarter: 2 h per Week", default=5,
                                          required=True)
    school_min_grades_3h = fields.Integer(string="Minimum Grades per Quarter: 3 h or More", default=7,
                                          required=True)
    school_min_grades_half_1h = fields.Integer(string="Minimum Grades per Half-Year: 1 h per Week", default=5,
                                               required=True)
    school_min_grades_half_2h = fields.Integer(string="Minimum Grades per Half-Year: 2 h per Week", default=8,
                                               required=True)
    school_min_grades_half_3h = fields.Integer(string="Minimum Grades per Half-Year: 3 h or More", default=12,
                                               required=True)
    school_na_absence_pct = fields.Integer(
        string="“n/a” If Absent More Than, %", default=50, required=True,
        help="If a student missed more than this share of a subject’s lessons in the period (for any reason), "
             "“n/a” is suggested with the reason stated.")
    school_two_excludes_five = fields.Boolean(
        string="“2” in Period Excludes “5”",
        help="If a student has at least one “2” (or “1”) in the period, a final “5” is not suggested: “4” is "
             "suggested instead.")
    school_missed_day_rule = fields.Selection(
        MISSED_DAY_RULES, string="Missed Day", default="all", required=True,
        help="When a day counts as missed in attendance reports and in the printed journal.")
    school_missed_day_lessons = fields.Integer(
        string="Lessons for a Missed Day", default=3, required=True,
        help="For the “at least the specified number of lessons” rule.")
    school_print_sides = fields.Selection(
        PRINT_SIDES, string="Print Class Journal", default="single", required=True,
        help="Suggested in the journal print wizard; the number of sheets in the certification note is counted "
             "in physical sheets: for double-sided printing, pages / 2 rounded up.")
    school_absence_signal_pct = fields.Integer(
        string="Systematic Absences: More Than, % of Lessons per Month", default=30, required=True,
        help="Once a month, the class teacher and the deputy director receive an alert about students who missed "
             "more than this share of lessons without a valid reason (“abs”) in the previous calendar month "
             "(prevention under 120-FZ). Codes “ill”, “exc” and late arrivals are not counted.")
    school_year_tie_rule = fields.Selection(
        YEAR_TIE_RULES, string="Year Grade at Half-Point Average", default="favour", required=True,
        help="The year grade is the arithmetic mean of the quarter (half-year) grades, rounded by mathematical "
             "rules; when the mean is exactly halfway (5, 5, 4, 4 → 4.5), this rule determines the grade.")
    school_year_na_rule = fields.Selection(
        YEAR_NA_RULES, string="Year Grade with “n/a” for a Period", default="na", required=True,
        help="What is suggested for the year if the student was not assessed in one of the quarters (half-years).")
    # «Отметка обязательна всем» (the kinds marked so: practical, laboratory, control works…)
    school_mark_required = fields.Boolean(
        string="Grade Required for All in Marked Kinds of Work", default=True,
        help="If enabled, for kinds of work marked “Grade Required”, every student present gets a grade: the "
             "lesson form warns the teacher, and journal keeping control shows lessons where students present "
             "have no grade. If disabled, the rule does not apply and is not printed in the “Regulation”.")
    # 7 days: the longest usual time for checking a written work in the local acts
    # (сочинения, изложения: «в течение недели»); a teacher within the norm is never flagged
    school_mark_required_days = fields.Integer(
        string="Required Grades — No Later Than, Days after Lesson", default=7, required=True,
        help="A lesson with a required grade where students who were present still have no grade after this many days "
             "is included in journal keeping control (one violation per lesson, with the students’ last names).")

    @api.constrains("school_threshold_5", "school_threshold_4", "school_threshold_3", "school_min_grades",
                    "school_min_grades_2h", "school_min_grades_3h", "school_min_grades_half_1h",
                    "school_min_grades_half_2h", "school_min_grades_half_3h", "school_na_absence_pct",
                    "school_missed_day_lessons", "school_mark_required_days", "school_absence_signal_pct")
    def _check_school_grading(self):
        for company in self:
            t5, t4, t3 = company.school_threshold_5, company.school_threshold_4, company.school_threshold_3
            if not (2.0 < t3 < t4 < t5 <= 5.0):
                raise ValidationError(_(
                    "Rounding thresholds must decrease: 5 ≥ threshold “5” > threshold “4” > threshold “3” > 2 "
                    "(currently “5” from %(t5).2f, “4” from %(t4).2f, “3” from "
                    "%(t3).2f).") % {"t5": t5, "t4": t4, "t3": t3})
            for name in ("school_min_grades", "school_min_grades_2h", "school_min_grades_3h",
                         "school_min_grades_half_1h", "school_min_grades_half_2h", "school_min_grades_half_3h"):
                if company[name] < 1 or company[name] > 30:
                    raise ValidationError(_("“%(field)s” must be between 1 and 30 (currently %(company)s).")
                                          % {"field": company._school_field_label(name), "company": company[name]})
            if not 1 <= company.school_missed_day_lessons <= 12:
                raise ValidationError(_("The number of lessons for a missed day must be between 1 and 12 "
                                        "(currently %s).")
                                      % company.school_missed_day_lessons)
            if not 1 <= company.school_mark_required_days <= 30:
                raise ValidationError(_("The deadline for mandatory grades must be between 1 and 30 days "
                                        "(currently %s).")
                                      % company.school_mark_required_days)
            if not 1 <= company.school_absence_signal_pct <= 100:
                raise ValidationError(_("The share of unexcused absences for an alert must be between 1 and 100 "
                                        "%% (currently %s).") % company.school_absence_signal_pct)
            if not 1 <= company.school_na_absence_pct <= 100:
                raise ValidationError(_("The share of missed lessons for “n/a” must be between 1 and 100 %% "
                                        "(currently %s).")
                                      % company.school_na_absence_pct)

    def _school_grading_rules(self):
        """The rules as a plain dict (what the period grade suggestion reads)."""
        self.ensure_one()
        company = self.sudo()
        return {
            "t5": round(company.school_threshold_5, 2),
            "t4": round(company.school_threshold_4, 2),
            "t3": round(company.school_threshold_3, 2),
            "min_grades": company.school_min_grades,
            # (period kind group, weekly-hours bucket 1/2/3) → minimum number of marks
            "min_grades_table": {
                ("quarter", 1): company.school_min_grades, ("quarter", 2): company.school_min_grades_2h,
                ("quarter", 3): company.school_min_grades_3h, ("half_year", 1): company.school_min_grades_half_1h,
                ("half_year", 2): company.school_min_grades_half_2h,
                ("half_year", 3): company.school_min_grades_half_3h},
            "na_absence_pct": company.school_na_absence_pct,
            "missed_day_rule": company.school_missed_day_rule,
            "missed_day_lessons": company.school_missed_day_lessons,
            "absence_signal_pct": company.school_absence_signal_pct,
            "print_sides": company.school_print_sides,
            "two_excludes_five": company.school_two_excludes_five,
            "year_tie_rule": company.school_year_tie_rule,
            "year_na_rule": company.school_year_na_rule,
            "mark_required": company.school_mark_required,
            "mark_required_days": company.school_mark_required_days,
        }

    # ------------------------------------------------------------ monitoring
    # The school's monitoring thresholds (its local act on keeping the journal):
    # every number the monitoring crons use is read from here.
    school_mon_no_grade_lessons = fields.Integer(
        string="Consecutive Lessons without Grade (N)", default=3, required=True,
        help="A student without a single grade in the last N lessons of a subject is put on the class teacher’s list.")
    school_mon_escalation_days = fields.Integer(
        string="Days before Notifying Deputy (K)", default=3, required=True,
        help="If a grade accumulation problem is not resolved within K days, it goes into the summary for the "
             "deputy director for academic affairs.")
    school_mon_parent_idle_days = fields.Integer(
        string="Parent Inactive, Days", default=7, required=True)
    school_mon_parent_idle_percent = fields.Integer(
        string="Share of Parents Not Reading the Journal, % (X)", default=50, required=True,
        help="Classes where more than X % of parents have not opened the journal go into the summary for the deputy.")
    school_mon_homework_required = fields.Boolean(
        string="Homework Required for Every Lesson", default=True)
    school_mon_control_days = fields.Integer(
        string="Test Grades — No Later Than, Days (D)", default=3, required=True,
        help="A test without grades D days after the lesson is a violation.")
    school_mon_late_entry_days = fields.Integer(
        string="Grade Entered Late If Later than Lesson by, Days", default=3, required=True)
    school_mon_violation_limit = fields.Integer(
        string="Violations per Period before Notifying Director (R)", default=3, required=True)
    school_mon_lookback_days = fields.Integer(
        string="Journal Check Depth, Days", default=14, required=True,
        help="The journal keeping check looks at lessons over this many recent days (except final grades).")
    school_mon_digest_enabled = fields.Boolean(
        string="Weekly Email Report to Parents", default=True)
    school_programme_gap = fields.Integer(
        string="Allowed Programme Lag, Lessons", default=2, required=True,
        help="If fewer lessons are held than the timetable planned, by more than this number (cancelled "
             "lessons), for a period or to date, it is a “Behind the Programme” violation.")

    @api.constrains("school_mon_no_grade_lessons", "school_mon_escalation_days", "school_mon_parent_idle_days",
                    "school_mon_parent_idle_percent", "school_mon_control_days", "school_mon_late_entry_days",
                    "school_mon_violation_limit", "school_mon_lookback_days", "school_programme_gap")
    def _check_school_monitoring(self):
        for company in self:
            if not 1 <= company.school_mon_no_grade_lessons <= 30:
                raise ValidationError(_("The number of lessons without a grade must be between 1 and 30."))
            if not 0 <= company.school_mon_parent_idle_percent <= 100:
                raise ValidationError(_("The share of parents is set in percent: from 0 to 100."))
            for value in (company.school_mon_escalation_days, company.school_mon_control_days,
                          company.school_mon_late_entry_days):
                if not 0 <= value <= 90:
                    raise ValidationError(_("Monitoring periods are set in days: from 0 to 90."))
            if not 1 <= company.school_mon_parent_idle_days <= 90:
                raise ValidationError(_("The “parent has not logged in” period must be between 1 and 90 days."))
            if not 1 <= company.school_mon_violation_limit <= 100:
                raise ValidationError(_("The number of violations for reporting to the director must be between "
                                        "1 and 100."))
            if not 1 <= company.school_mon_lookback_days <= 366:
                raise ValidationError(_("The journal check depth must be between 1 and 366 days."))
            if not 0 <= company.school_programme_gap <= 100:
                raise ValidationError(_("The allowed programme lag is set in lessons: from 0 to 100."))

    def _school_monitoring_rules(self):
        """The thresholds as a plain dict (what the crons read)."""
        self.ensure_one()
        c = self.sudo()
        return {
            "no_grade_lessons": c.school_mon_no_grade_lessons,
            "escalation_days": c.school_mon_escalation_days,
            "parent_idle_days": c.school_mon_parent_idle_days,
            "parent_idle_percent": c.school_mon_parent_idle_percent,
            "homework_required": c.school_mon_homework_required,
            "control_days": c.school_mon_control_days,
            "late_entry_days": c.school_mon_late_entry_days,
            "violation_limit": c.school_mon_violation_limit,
            "lookback_days": c.school_mon_lookback_days,
            "digest_enabled": c.school_mon_digest_enabled,
            "programme_gap": c.school_programme_gap,
            "min_grades": c.school_min_grades,
        }

    # ------------------------------------------------------------ the «Положение»
    # What the school's local act «Положение об электронном журнале» needs beyond
    # the grading rules: storage periods (domain notes: 5 and 25 years are widely
    # cited but unconfirmed, so they are settings) and the editable clauses the
    # printed act opens and ends with. Everything else in the act is read from
    # the settings the system enforces (reports/regulation.py).
    school_journal_storage_years = fields.Integer(
        string="Journal Retention Period, Years", default=5, required=True,
        help="How many years the school keeps printed and certified class journals.")
    school_summary_storage_years = fields.Integer(
        string="Summary Sheet Retention Period, Years", default=25, required=True,
        help="How many years the school keeps summary sheets of final grades.")
    school_regulation_intro = fields.Html(
        string="Introductory Provisions",
        help="Text of the “General Provisions” section, placed before the sections filled in from the journal "
             "settings: the grounds, and by whom and when the regulation was adopted.")
    school_regulation_extra = fields.Html(
        string="Additional Provisions",
        help="Sections that the school adds at the end of the regulation.")

    @api.constrains("school_journal_storage_years", "school_summary_storage_years")
    def _check_school_storage_years(self):
        for company in self:
            for years in (company.school_journal_storage_years, company.school_summary_storage_years):
                if years < 1 or years > 100:
                    raise ValidationError(_("The retention period must be between 1 and 100 years "
                                            "(currently %s).") % years)

    def action_print_school_regulation(self):
        self.ensure_one()
        return self.env.ref("school_ejournal.action_report_school_regulation").report_action(self)
