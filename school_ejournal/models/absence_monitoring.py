"""Monthly signal of systematic absence (the prevention work of 120-ФЗ): pupils
who missed more than the school's share of their lessons of the past calendar
month without a valid reason. Only unexcused misses («н») count; «б», «у» and
late arrivals («о») do not. One alert per pupil and month (its key), for the
class teacher and the deputy director, with an activity each."""
from datetime import date, timedelta

from odoo import _, api, models
from odoo.tools import html_escape

from .absence_note import UNEXCUSED_SQL
from .journal_guard import _format_date
from .monitoring import _d, _table

MONTHS = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
          "ноябрь", "декабрь"]


class SchoolMonitoringAbsence(models.AbstractModel):
    _inherit = "school.monitoring"

    @api.model
    def _past_month(self, today):
        first = _d(today).replace(day=1)
        last = first - timedelta(days=1)
        return date(last.year, last.month, 1), last

    @api.model
    def _systematic_absence_rows(self, date_from, date_to, pct):
        """[(student_id, class_id, lessons, unexcused, ill, excused)] of pupils whose
        unexcused misses are more than ``pct`` % of their lessons in the range."""
        self.env.cr.execute("""
            SELECT a.student_id, a.class_id, count(*) AS lessons,
                   count(*) FILTER (WHERE """ + UNEXCUSED_SQL + """) AS unexcused,
                   count(*) FILTER (WHERE c.counts_as_absence AND c.is_excused AND c.id = %(ill)s) AS ill,
                   count(*) FILTER (WHERE c.counts_as_absence AND c.is_excused AND c.id <> %(ill)s) AS excused
              FROM school_attendance a
              LEFT JOIN school_attendance_code c ON c.id = a.code_id
             WHERE a.date BETWEEN %(from)s AND %(to)s
             GROUP BY a.student_id, a.class_id
            HAVING count(*) FILTER (WHERE """ + UNEXCUSED_SQL + """) * 100 > %(pct)s * count(*)
             ORDER BY a.class_id, a.student_id
        """, {"from": date_from, "to": date_to, "pct": pct,
              "ill": self.env["report.school_ejournal.report_attendance"]._illness_code_id()})
        return self.env.cr.fetchall()

    @api.model
    def _cron_systematic_absence(self, today=None):
        """Monthly: for the past calendar month, one alert per pupil above the
        share, for his class teacher and the deputy director. Running again
        creates nothing twice (key per pupil and month). Returns counts."""
        today = self._today(today)
        date_from, date_to = self._past_month(today)
        pct = self.env.user.company_id._school_grading_rules()["absence_signal_pct"]
        rows = self._systematic_absence_rows(date_from, date_to, pct)
        month = "%04d-%02d" % (date_from.year, date_from.month)
        Alert = self.env["school.monitoring.alert"]
        keys = {r[:2]: "absence:%s:%s" % (r[0], month) for r in rows}
        existing = Alert._existing_keys(list(keys.values()))
        students = self.env["school.student"].browse({r[0] for r in rows})
        names = {s.id: s.name for s in students}
        deputies = Alert._deputies()
        month_name = "%s %s" % (MONTHS[date_from.month - 1], date_from.year)
        created = 0
        for student_id, class_id, lessons, unexcused, ill, excused in rows:
            key = keys[(student_id, class_id)]
            if key in existing:
                continue
            school_class = self.env["school.class"].browse(class_id)
            share = round(100.0 * unexcused / lessons)
            note = "<p>%s</p>%s" % (
                html_escape(_("За %s (%s — %s) ученик пропустил без уважительной причины больше %s %% уроков: "
                              "%s из %s (%s %%). Нужна профилактическая работа (120-ФЗ).")
                            % (month_name, _format_date(date_from), _format_date(date_to), pct, unexcused, lessons,
                               share)),
                _table([_("Ученик"), _("Класс"), _("Уроков"), _("Без причины («н»)"), _("По болезни («б»)"),
                        _("По уважительной («у»)")],
                       [(names[student_id], school_class.name, lessons, unexcused, ill, excused)]))
            users = school_class.class_teacher_id | deputies
            Alert._raise("absence", key, _("Систематические пропуски: %s (%s), %s")
                         % (names[student_id], school_class.name, month_name), users, note, today,
                         _("Пропуски без причины: %s (%s) — %s %% уроков за %s")
                         % (names[student_id], school_class.name, share, month_name),
                         count=unexcused, class_id=class_id)
            created += 1
        return {"found": len(rows), "alerts": created}
