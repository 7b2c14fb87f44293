"""Academic year, periods, holidays, work mode and bell schedule."""
from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from .common import StructureCase


class TestAcademicCalendar(StructureCase):
    def _new_year(self):
        return self.env["school.academic.year"].create(
            {"name": "2027/2028", "date_start": "2027-09-01", "date_end": "2028-05-31"})

    def test_generate_standard_periods_and_holidays(self):
        year = self._new_year()
        year.action_generate_calendar()
        quarters = year.period_ids.filtered(lambda p: p.kind == "quarter").sorted("number")
        halves = year.period_ids.filtered(lambda p: p.kind == "half_year").sorted("number")
        self.assertEqual(len(quarters), 4)
        self.assertEqual(len(halves), 2)
        self.assertEqual(quarters[0].date_start, "2027-09-01")
        self.assertEqual(quarters[-1].date_end, "2028-05-31")
        self.assertEqual(quarters[0].name, "I четверть")
        # quarters for grades 1–9, half-years for 10–11
        self.assertEqual(sorted(quarters[0].grade_level_ids.mapped("number")), list(range(1, 10)))
        self.assertEqual(sorted(halves[0].grade_level_ids.mapped("number")), [10, 11])
        # autumn holidays between the first two quarters, winter between the halves
        autumn = year.holiday_ids.filtered(lambda h: h.name == "Осенние каникулы")
        self.assertTrue(quarters[0].date_end < autumn.date_start <= autumn.date_end < quarters[1].date_start)
        winter = year.holiday_ids.filtered(lambda h: h.name == "Зимние каникулы")
        self.assertEqual(winter.date_start, "2027-12-31")
        self.assertTrue(halves[0].date_end < winter.date_start and winter.date_end < halves[1].date_start)
        first_graders = year.holiday_ids.filtered(lambda h: h.grade_level_ids)
        self.assertEqual(first_graders.grade_level_ids.mapped("number"), [1])

    def test_generation_is_configurable_per_grade_level(self):
        self.env.ref("school_ejournal.grade_level_9").period_kind = "trimester"
        year = self._new_year()
        year.action_generate_calendar()
        trimesters = year.period_ids.filtered(lambda p: p.kind == "trimester")
        self.assertEqual(len(trimesters), 3)
        self.assertEqual(trimesters.mapped("grade_level_ids").mapped("number"), [9])

    def test_generation_refused_twice(self):
        with self.assertRaisesRegex(UserError, "уже есть периоды"):
            self.year.action_generate_calendar()

    def test_demo_year_periods(self):
        kinds = self.year.period_ids.mapped("kind")
        self.assertEqual(kinds.count("quarter"), 4)
        self.assertEqual(kinds.count("half_year"), 2)
        self.assertEqual(kinds.count("year"), 1)
        period = self.env["school.period"]._get_attestation_period(
            "2026-11-16", self.env.ref("school_ejournal.grade_level_5"))
        self.assertEqual(period.name, "II четверть")
        period = self.env["school.period"]._get_attestation_period(
            "2026-11-16", self.env.ref("school_ejournal.grade_level_11"))
        self.assertEqual(period.name, "I полугодие")

    def test_no_lessons_in_holidays_or_weekends(self):
        grade5 = self.env.ref("school_ejournal.grade_level_5")
        grade1 = self.env.ref("school_ejournal.grade_level_1")
        self.assertTrue(self.year._is_school_day("2026-10-23", grade5))        # Friday
        self.assertFalse(self.year._is_school_day("2026-10-24", grade5))       # Saturday
        self.assertFalse(self.year._is_school_day("2026-10-28", grade5))       # autumn holidays
        self.assertFalse(self.year._is_school_day("2027-01-05", grade5))       # winter holidays
        self.assertTrue(self.year._is_school_day("2027-02-16", grade5))
        self.assertFalse(self.year._is_school_day("2027-02-16", grade1))       # first graders' week
        self.assertFalse(self.year._is_school_day("2027-02-23", grade5))       # public holiday
        self.env.ref("base.main_company").school_week_days = "6"
        self.assertTrue(self.year._is_school_day("2026-10-24", grade5))

    def test_bad_year_and_period_dates_refused(self):
        Year = self.env["school.academic.year"]
        with self.assertRefused(ValidationError, "пересекается"):
            Year.create({"name": "Дубль", "date_start": "2027-01-01", "date_end": "2027-08-31"})
        # the database's check, reported in Russian by the input gate (models/client_gate.py)
        with self.assertRefused(UserError, "должна быть раньше даты окончания"), mute_logger("odoo.sql_db"):
            Year.create({"name": "Наоборот", "date_start": "2030-05-31", "date_end": "2029-09-01"})

    def test_period_outside_year_or_overlapping_refused(self):
        Period = self.env["school.period"]
        levels = self.env.ref("school_ejournal.grade_level_5")
        with self.assertRefused(ValidationError, "выходит за границы"):
            Period.create({"academic_year_id": self.year.id, "kind": "trimester", "number": 1,
                           "date_start": "2026-08-01", "date_end": "2026-11-30",
                           "grade_level_ids": [(6, 0, levels.ids)]})
        with self.assertRefused(ValidationError, "пересекается"):
            Period.create({"academic_year_id": self.year.id, "kind": "quarter", "number": 5,
                           "date_start": "2026-10-01", "date_end": "2026-10-20",
                           "grade_level_ids": [(6, 0, levels.ids)]})
        self.assertEqual(Period.search_count([("academic_year_id", "=", self.year.id)]), 7)

    def test_bell_schedule(self):
        bells = self.env.ref("school_ejournal.demo_bell_schedule_1")
        self.assertEqual(len(bells.line_ids), 7)
        self.assertEqual(bells._get_times(1), (8.5, 9.25))
        with self.assertRefused(ValidationError, "начинается раньше"):
            bells.write({"line_ids": [(0, 0, {"lesson_number": 8, "time_start": 14.5, "time_end": 15.5})]})

    def test_work_mode_is_a_school_setting(self):
        company = self.env.ref("base.main_company")
        self.assertEqual(company.school_week_days, "5")
        self.assertEqual(company._school_last_weekday(), 4)
