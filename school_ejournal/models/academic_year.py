from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.translate import _


def _last_weekday_of_month(year, month, weekday):
    """Last given weekday (Monday = 0) of a month."""
    day = (date(year, month + 1, 1) if month < 12 else date(year + 1, 1, 1)) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def _next_sunday(day):
    return day + timedelta(days=(6 - day.weekday()) % 7)


def _shift_year(day):
    """The same day a year later (28 February for a 29th)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def standard_calendar(date_start, date_end):
    """Standard Russian school calendar for the year starting at ``date_start``.

    Returns (holidays, periods): holidays as (name, kind, start, end, grade_numbers)
    and periods as {kind: [(start, end), ...]}. The dates follow the ministry's
    usual pattern (autumn holidays from the last Monday of October, winter from
    31 December to the first Sunday after 8 January, spring from the last Monday
    of March, an extra February week for the first grade); a school edits them
    afterwards if its region decides otherwise.
    """
    y1, y2 = date_start.year, date_start.year + 1
    autumn_start = _last_weekday_of_month(y1, 10, 0)
    autumn_end = max(_next_sunday(autumn_start), date(y1, 11, 4))
    winter_start = date(y1, 12, 31)
    winter_end = _next_sunday(date(y2, 1, 8))
    spring_start = _last_weekday_of_month(y2, 3, 0)
    spring_end = _next_sunday(spring_start)
    feb_start = date(y2, 2, 15) - timedelta(days=date(y2, 2, 15).weekday())
    feb_end = feb_start + timedelta(days=6)
    one_day = timedelta(days=1)

    holidays = [
        ("Осенние каникулы", "vacation", autumn_start, autumn_end, []),
        ("Зимние каникулы", "vacation", winter_start, winter_end, []),
        ("Дополнительные каникулы для первоклассников", "vacation", feb_start, feb_end, [1]),
        ("Весенние каникулы", "vacation", spring_start, spring_end, []),
        ("День защитника Отечества", "public", date(y2, 2, 23), date(y2, 2, 23), []),
        ("Международный женский день", "public", date(y2, 3, 8), date(y2, 3, 8), []),
        ("Праздник Весны и Труда", "public", date(y2, 5, 1), date(y2, 5, 1), []),
        ("День Победы", "public", date(y2, 5, 9), date(y2, 5, 9), []),
    ]
    holidays = [h for h in holidays if date_start <= h[2] and h[3] <= date_end]
    feb_last = date(y2, 3, 1) - one_day
    periods = {
        "quarter": [
            (date_start, autumn_start - one_day),
            (autumn_end + one_day, winter_start - one_day),
            (winter_end + one_day, spring_start - one_day),
            (spring_end + one_day, date_end),
        ],
        "half_year": [
            (date_start, winter_start - one_day),
            (winter_end + one_day, date_end),
        ],
        "trimester": [
            (date_start, date(y1, 11, 30)),
            (date(y1, 12, 1), feb_last),
            (date(y2, 3, 1), date_end),
        ],
        "year": [(date_start, date_end)],
    }
    return holidays, periods


class SchoolAcademicYear(models.Model):
    _name = "school.academic.year"
    _description = "Academic Year"
    _order = "date_start desc"

    name = fields.Char(string="Academic Year", required=True, help="For example, 2026/2027")
    date_start = fields.Date(string="Start", required=True)
    date_end = fields.Date(string="End", required=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", string="School", required=True,
                                 default=lambda self: self.env.user.company_id)
    period_ids = fields.One2many("school.period", "academic_year_id", string="Academic Periods")
    holiday_ids = fields.One2many("school.holiday", "academic_year_id", string="Vacations and Holidays")
    class_ids = fields.One2many("school.class", "academic_year_id", string="Classes")
    class_count = fields.Integer(string="Number of Classes", compute="_compute_class_count")

    _sql_constraints = [
        ("name_unique", "unique(name, company_id)", "An academic year with this name already exists."),
        ("dates_order", "check(date_start < date_end)",
         "The start date of the academic year must be earlier than the end date."),
    ]

    def _compute_class_count(self):
        counts = self.env["school.class"].read_group(
            [("academic_year_id", "in", self.ids)], ["academic_year_id"], ["academic_year_id"])
        by_year = {c["academic_year_id"][0]: c["academic_year_id_count"] for c in counts}
        for year in self:
            year.class_count = by_year.get(year.id, 0)

    @api.constrains("date_start", "date_end", "company_id")
    def _check_no_overlap(self):
        for year in self:
            overlapping = self.search([
                ("id", "!=", year.id), ("company_id", "=", year.company_id.id),
                ("date_start", "<=", year.date_end), ("date_end", ">=", year.date_start),
            ], limit=1)
            if overlapping:
                raise ValidationError(_("Academic year “%(year)s” overlaps in dates with year “%(overlapping)s”.")
                                      % {"year": year.name, "overlapping": overlapping.name})

    @api.model
    def _find_by_date(self, day):
        """The academic year covering ``day`` (a date or an Odoo date string)."""
        day = fields.Date.to_string(day) if isinstance(day, date) else day
        return self.search([("date_start", "<=", day), ("date_end", ">=", day)], limit=1)

    def action_generate_calendar(self):
        """Create the standard periods (per grade level's attestation kind, plus
        the year) and holidays. Refuses when periods exist: regenerating would
        silently move dates that grades may already hang on."""
        levels = self.env["school.grade.level"].search([])
        if not levels:
            raise UserError(_("No grade levels (grades 1–11) are defined."))
        for year in self:
            if year.period_ids or year.holiday_ids:
                raise UserError(_("Academic year “%s” already has periods or holidays. Delete them to generate "
                                  "the standard calendar again.")
                                % year.name)
            start = fields.Date.from_string(year.date_start)
            end = fields.Date.from_string(year.date_end)
            holidays, periods = standard_calendar(start, end)
            level_ids_by_kind = {"year": levels.ids}
            for level in levels:
                level_ids_by_kind.setdefault(level.period_kind, []).append(level.id)
            period_vals = []
            for kind, level_ids in level_ids_by_kind.items():
                for number, (p_start, p_end) in enumerate(periods[kind], start=1):
                    period_vals.append({
                        "academic_year_id": year.id,
                        "kind": kind,
                        "number": number,
                        "date_start": fields.Date.to_string(p_start),
                        "date_end": fields.Date.to_string(p_end),
                        "grade_level_ids": [(6, 0, level_ids)],
                    })
            level_by_number = levels._by_number()
            holiday_vals = [{
                "academic_year_id": year.id,
                "name": name,
                "kind": kind,
                "date_start": fields.Date.to_string(h_start),
                "date_end": fields.Date.to_string(h_end),
                "grade_level_ids": [(6, 0, [level_by_number[n].id for n in numbers
                                            if n in level_by_number])],
            } for name, kind, h_start, h_end, numbers in holidays]
            for vals in period_vals:
                self.env["school.period"].create(vals)
            for vals in holiday_vals:
                self.env["school.holiday"].create(vals)
        return True

    def _next_year_values(self):
        """The year after this one, same calendar dates («2027/2028»)."""
        self.ensure_one()
        start = fields.Date.from_string(self.date_start)
        end = fields.Date.from_string(self.date_end)
        start, end = _shift_year(start), _shift_year(end)
        return {"name": "%s/%s" % (start.year, end.year), "date_start": fields.Date.to_string(start),
                "date_end": fields.Date.to_string(end), "company_id": self.company_id.id}

    def _create_next_year(self):
        """Create the year after this one with the settings' calendar (periods per
        grade level's attestation kind, holidays)."""
        year = self.create(self._next_year_values())
        year.action_generate_calendar()
        return year

    def _get_school_days(self, grade_level, date_from=None, date_to=None):
        """Dates on which lessons may be held for ``grade_level`` in this year:
        work-week days outside holidays. Later used by lesson generation."""
        self.ensure_one()
        start = fields.Date.from_string(max(date_from or self.date_start, self.date_start))
        end = fields.Date.from_string(min(date_to or self.date_end, self.date_end))
        last_weekday = self.company_id._school_last_weekday()
        off = set()
        for holiday in self.holiday_ids:
            if holiday.grade_level_ids and grade_level not in holiday.grade_level_ids:
                continue
            day = fields.Date.from_string(holiday.date_start)
            h_end = fields.Date.from_string(holiday.date_end)
            while day <= h_end:
                off.add(day)
                day += timedelta(days=1)
        days = []
        day = start
        while day <= end:
            if day.weekday() <= last_weekday and day not in off:
                days.append(day)
            day += timedelta(days=1)
        return days

    def _is_school_day(self, day, grade_level):
        self.ensure_one()
        day = fields.Date.to_string(day) if isinstance(day, date) else day
        return fields.Date.from_string(day) in self._get_school_days(grade_level, day, day)
