"""Dates as the journal shows them, and dates given by callers."""
from datetime import date

from odoo import fields

from .translate import _
from odoo.exceptions import UserError


def format_date(day):
    if not day:
        return ""
    if isinstance(day, str):
        day = day[:10]
        return "%s.%s.%s" % (day[8:10], day[5:7], day[:4])
    return day.strftime("%d.%m.%Y")


# An on-demand report covers a week by default; at most about a quarter.
MAX_REPORT_DAYS = 92


def checked_day(value):
    """A date from a caller (an Odoo date string or nothing), or a Russian refusal."""
    if not value:
        return None
    try:
        return fields.Date.from_string(value)
    except (TypeError, ValueError):
        raise UserError(_("“%s” is not a date: enter the date as YYYY-MM-DD.") % (value,))


# the portal diary's labels: «Понедельник, 2 сентября», «02.09.2024»
DAY_NAMES = ["Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота", "Воскресенье"]
MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
          "октября", "ноября", "декабря"]


def day_label(day):
    return "%s, %s %s" % (DAY_NAMES[day.weekday()], day.day, MONTHS[day.month - 1])


def short_date(day):
    day = fields.Date.from_string(day) if isinstance(day, str) else day
    return "%02d.%02d.%s" % (day.day, day.month, day.year)


def age_on(birth_date, day):
    """Full years of age on ``day`` of one born on ``birth_date`` (None without it)."""
    if not birth_date:
        return None
    born = fields.Date.from_string(birth_date)
    day = fields.Date.from_string(day) if not isinstance(day, date) else day
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
