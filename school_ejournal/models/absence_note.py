"""«Справка»: a document that turns a pupil's «н» over a date range into an
excused absence («б» болезнь, «у» уважительная причина) in one step.

The teacher at the lesson only marks «н» (the pupil is not there); the class
teacher classifies it from the document. Confirming a справка rewrites every
unexcused miss of the pupil in the range through school.attendance._write_codes:
the one write guard (who may mark attendance, the period lock), the access
rules and the change log, as the real user. An «н» entered later on a day a
confirmed справка covers becomes the справка's code at once
(school.attendance._apply_absence_notes): the document is already checked, the
teacher cannot know of it, and a left «н» would come back to the queue and to
the monthly systematic-absence signal."""
from datetime import date, timedelta

from odoo import api, fields, models
from odoo.tools import html_escape
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.translate import _
from ..tools.monitoring import as_date as _d, html_table as _table
from .journal_guard import _format_date

# An unexcused miss: an absence mark that is neither excused nor a late arrival («н»).
UNEXCUSED_SQL = "c.counts_as_absence AND NOT coalesce(c.is_excused, false) AND NOT coalesce(c.is_late, false)"


MONTHS = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
          "ноябрь", "декабрь"]


class SchoolAbsenceNote(models.Model):
    _name = "school.absence.note"
    _description = "Medical Note for Missed Lessons"
    _order = "date_from desc, id desc"
    # client_gate.py: the pupil's class is found by the server; a confirmed справка is the server's
    _school_server_fields = ("class_id", "state", "confirmed_uid", "confirmed_date", "row_count")

    student_id = fields.Many2one("school.student", required=True, index=True,
                                 ondelete="restrict")
    class_id = fields.Many2one("school.class", readonly=True, index=True, ondelete="restrict",
                               help="The student’s class on the first day of the note.")
    date_from = fields.Date(string="From", required=True, index=True)
    date_to = fields.Date(string="To", required=True, index=True)
    code_id = fields.Many2one("school.attendance.code", string="Reason", required=True, ondelete="restrict",
                              default=lambda self: self.env.ref("school_ejournal.attendance_code_b",
                                                                raise_if_not_found=False),
                              domain=[("is_excused", "=", True), ("counts_as_absence", "=", True)],
                              help="“ill” — illness, “exc” — another valid reason.")
    document_number = fields.Char(size=64)
    document_date = fields.Date(required=True)
    issued_by = fields.Char(size=256,
                            help="Medical organization, parent’s statement, order…")
    comment = fields.Text(string="Remarks")
    attachment_ids = fields.Many2many("ir.attachment", "school_absence_note_attachment_rel", "note_id",
                                      "attachment_id", string="Document Scan")
    state = fields.Selection([("draft", "Draft"), ("confirmed", "Posted")],
                             default="draft", required=True, readonly=True, index=True)
    confirmed_uid = fields.Many2one("res.users", string="Posted By", readonly=True)
    confirmed_date = fields.Datetime(string="Posted", readonly=True)
    row_count = fields.Integer(string="Absences Reclassified", readonly=True)
    absence_ids = fields.Many2many("school.attendance", string="Unexcused Absences on These Days",
                                   compute="_compute_absence_ids",
                                   help="The student’s “abs” marks on these days: when the note is posted, they "
                                        "get its code.")

    def name_get(self):
        return [(note.id, _("Medical Note %(document_number)s%(student)s (%(date_from)s — %(date_to)s)") % {
            "document_number": "№ %s " % note.document_number if note.document_number else "",
            "student": note.student_id.name or "", "date_from": _format_date(note.date_from),
            "date_to": _format_date(note.date_to)})
            for note in self]

    # ------------------------------------------------------------------ computes
    @api.depends("student_id", "date_from", "date_to")
    def _compute_absence_ids(self):
        for note in self:
            rows = []
            if note.student_id and note.date_from and note.date_to:
                rows = self._unexcused_rows(note.student_id.id, note.date_from, note.date_to)
            note.absence_ids = self.env["school.attendance"].search([("id", "in", rows)])

    @api.model
    def _unexcused_rows(self, student_id, date_from, date_to):
        self.env.cr.execute("""
            SELECT a.id FROM school_attendance a JOIN school_attendance_code c ON c.id = a.code_id
             WHERE a.student_id = %s AND a.date BETWEEN %s AND %s AND """ + UNEXCUSED_SQL + """
             ORDER BY a.date, a.lesson_number
        """, (student_id, date_from, date_to))
        return [r[0] for r in self.env.cr.fetchall()]

    # ------------------------------------------------------------------ checks
    @api.model
    def _class_on(self, student_id, day):
        pairs = self.env["school.student.movement"].sudo()._get_membership_on(day, student_ids=[student_id])
        return pairs[0][1] if pairs else False

    @api.model
    def _assert_may_classify(self, class_id):
        """The class teacher of the pupil's class, the school admin: the people the
        write guard lets mark attendance in the whole class."""
        if self.env["school.journal.guard"]._is_school_admin():
            return
        school_class = self.env["school.class"].sudo().browse(class_id)
        if not school_class or school_class.class_teacher_id.id != self.env.uid:
            raise AccessError(_("Absences covered by a medical note are classified by the class teacher of the "
                                "student’s class (%s) or by the school "
                                "administrator.") % (school_class.name or _("class not found")))

    def _check_values(self):
        for note in self:
            if note.date_from > note.date_to:
                raise ValidationError(_("Date “from” (%(date_from)s) is later than date “to” (%(date_to)s).")
                                      % {"date_from": _format_date(note.date_from),
                                         "date_to": _format_date(note.date_to)})
            if not (note.code_id.is_excused and note.code_id.counts_as_absence):
                raise ValidationError(_("A medical note turns an absence into an excused one: the reason must be "
                                        "“ill” (illness) or “exc” (valid reason), not “%s”.") % note.code_id.code)

    @api.constrains("attachment_ids")
    def _check_files(self):
        """As for homework files: a справка links only its own uploads (a file of
        no other record) that the writing user may read himself — never another
        record's file, which would then be read through the справка."""
        attachment = self.env["ir.attachment"]._school_foreign_file(self, "attachment_ids")
        if attachment:
            raise ValidationError(_("File “%s” cannot be attached to the medical note: only the scan uploaded to "
                                    "it can be attached.") % attachment.name)

    # ------------------------------------------------------------------ CRUD
    @api.model
    def create(self, vals):
        day = vals.get("date_from")
        class_id = self._class_on(vals.get("student_id"), day) if day and vals.get("student_id") else False
        if not class_id:
            student = self.env["school.student"].sudo().browse(vals.get("student_id"))
            raise ValidationError(_("Student %(student)s is not enrolled in any class as of %(day)s.")
                                  % {"student": student.name or "?", "day": _format_date(day)})
        self._assert_may_classify(class_id)
        # the client gate has checked the client's values already: the class is the server's
        note = super(SchoolAbsenceNote, self).create(dict(vals, class_id=class_id))
        note._check_values()
        self.env["ir.attachment"]._school_bind(note, vals.get("attachment_ids"))
        return note

    def write(self, vals):
        for note in self:
            self._assert_may_classify(note.class_id.id)
            if note.state == "confirmed" and set(vals) - {"comment", "attachment_ids"}:
                raise UserError(_("The medical note has already been posted: its student, dates and reason "
                                  "cannot be changed."))
        result = super(SchoolAbsenceNote, self).write(vals)
        if {"student_id", "date_from"} & set(vals):
            for note in self:
                class_id = self._class_on(note.student_id.id, note.date_from)
                if not class_id:
                    raise ValidationError(_("Student %(student)s is not enrolled in any class on %(date_from)s.")
                                          % {"student": note.student_id.name,
                                             "date_from": _format_date(note.date_from)})
                self._assert_may_classify(class_id)
                super(SchoolAbsenceNote, note).write({"class_id": class_id})
        self._check_values()
        if self:
            self.env["ir.attachment"]._school_bind(self, vals.get("attachment_ids"))
        return result

    def unlink(self):
        for note in self:
            self._assert_may_classify(note.class_id.id)
            if note.state == "confirmed":
                raise UserError(_("A posted medical note cannot be deleted: its absences have already been "
                                  "reclassified (journal change log)."))
        return super(SchoolAbsenceNote, self).unlink()

    # ------------------------------------------------------------------ confirm
    def action_confirm(self):
        """Turn every unexcused miss («н») of the pupil in the range into the
        справка's code, through the journal's write path as the real user."""
        for note in self:
            note._assert_may_classify(note.class_id.id)
            if note.state != "draft":
                raise UserError(_("The medical note has already been posted."))
            rows = self._unexcused_rows(note.student_id.id, note.date_from, note.date_to)
            if rows:
                # the guard refuses closed periods and lessons of another class (a move within the range)
                self.env["school.attendance"]._write_codes(dict.fromkeys(rows, note.code_id.id))
            note._school_server_write({"state": "confirmed", "confirmed_uid": self.env.uid,
                                       "confirmed_date": fields.Datetime.now(), "row_count": len(rows)})
        return True

    @api.model
    def _codes_for(self, row_ids):
        """{attendance row id: code id} of the rows among ``row_ids`` that carry an
        unexcused miss on a day a confirmed справка of their pupil covers."""
        if not row_ids:
            return {}
        self.env.cr.execute("""
            SELECT DISTINCT ON (a.id) a.id, n.code_id
              FROM school_attendance a
              JOIN school_attendance_code c ON c.id = a.code_id
              JOIN school_absence_note n ON n.student_id = a.student_id AND n.state = 'confirmed'
                                        AND a.date BETWEEN n.date_from AND n.date_to
             WHERE a.id IN %s AND """ + UNEXCUSED_SQL + """
             ORDER BY a.id, n.id DESC
        """, (tuple(row_ids),))
        return dict(self.env.cr.fetchall())

    # Monthly signal of systematic absence (the prevention work of 120-ФЗ): pupils
    # who missed more than the school's share of their lessons of the past calendar
    # month without a valid reason («н» only). One alert per pupil and month, for the
    # class teacher and the deputy director, with an activity each.
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
        today = self.env["school.monitoring"]._today(today)
        date_from, date_to = self._past_month(today)
        pct = self.env.user.company_id._school_grading_rules()["absence_signal_pct"]
        rows = self._systematic_absence_rows(date_from, date_to, pct)
        month = "%04d-%02d" % (date_from.year, date_from.month)
        Alert = self.env["school.monitoring.alert"]
        keys = {r[:2]: "absence:%s:%s" % (r[0], month) for r in rows}
        existing = Alert._existing_keys(list(keys.values()))
        students = self.env["school.student"].browse({r[0] for r in rows})
        names = {s.id: s.name for s in students}
        classes = {c.id: c for c in self.env["school.class"].browse({r[1] for r in rows})}
        deputies = Alert._deputies()
        month_name = "%s %s" % (MONTHS[date_from.month - 1], date_from.year)
        created = 0
        for student_id, class_id, lessons, unexcused, ill, excused in rows:
            key = keys[(student_id, class_id)]
            if key in existing:
                continue
            school_class = classes[class_id]
            share = round(100.0 * unexcused / lessons)
            note = "<p>%s</p>%s" % (
                html_escape(_("In %(month_name)s (%(date_from)s — %(date_to)s) the student missed more than "
                              "%(pct)s %% of lessons without a valid reason: %(unexcused)s of %(lessons)s "
                              "(%(share)s %%). Preventive work is required (120-FZ).")
                            % {"month_name": month_name, "date_from": _format_date(date_from),
                               "date_to": _format_date(date_to), "pct": pct, "unexcused": unexcused, "lessons": lessons,
                               "share": share}),
                _table([_("Student"), _("Class"), _("Number of Lessons"), _("Unexcused (“abs”)"), _("Illness (“ill”)"),
                        _("Valid Reason (“exc”)")],
                       [(names[student_id], school_class.name, lessons, unexcused, ill, excused)]))
            users = school_class.class_teacher_id | deputies
            Alert._raise("absence", key, _("Systematic absences: %(names)s (%(school_class)s), %(month_name)s")
                         % {"names": names[student_id], "school_class": school_class.name,
                            "month_name": month_name}, users, note, today,
                         _("Unexcused absences: %(names)s (%(school_class)s) — %(share)s %% of lessons in "
                           "%(month_name)s")
                         % {"names": names[student_id], "school_class": school_class.name, "share": share,
                            "month_name": month_name},
                         count=unexcused, class_id=class_id)
            created += 1
        return {"found": len(rows), "alerts": created}
