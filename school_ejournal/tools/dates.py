"""Dates as the journal shows them, and dates given by callers."""
from odoo import _, fields
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
        raise UserError(_("«%s» — не дата: укажите дату в виде ГГГГ-ММ-ДД.") % (value,))
