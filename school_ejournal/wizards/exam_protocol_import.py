"""ОГЭ results in bulk from the exam protocol (a list per subject: pupil,
primary score, grade), pasted or uploaded as CSV/XLSX: a preview first (the
matched pupils and every error in Russian), then the exam grades are written
through the period grade's own create/write — the journal's write guard
(subject teacher or school admin; the year's closing locks, IV четверть's does
not), its change log — and the final grades are suggested again."""
import base64
import csv
import re

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html_escape

from ..tools.translate import _

EXAM_GRADES = ("2", "3", "4", "5")
MAX_ROWS = 400  # the preview stays within the gate's size of an HTML field


def normalize_name(text):
    """«Иванов  Пётр» → «иванов петр»: case, ё and spaces do not matter."""
    return re.sub(r"\s+", " ", (text or "").replace("ё", "е").replace("Ё", "Е")).strip().lower()


def _cell(value):
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value if value is not None else "").strip()


def parse_rows(content, file_name=""):
    """[(row number, name, score text, grade text)] from CSV text (; , or tab)
    or XLSX bytes. A header row (ФИО/ученик, первичный балл, отметка) places
    the columns; without one they are in that order."""
    if isinstance(content, bytes) and (content[:2] == b"PK" or file_name.lower().endswith((".xlsx", ".xls"))):
        import xlrd
        try:
            sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
        except Exception:
            raise UserError(_("The file cannot be read as an Excel spreadsheet (XLSX): save the protocol as XLSX "
                              "or CSV."))
        table = [[_cell(v) for v in sheet.row_values(i)] for i in range(sheet.nrows)]
    else:
        if isinstance(content, bytes):
            try:
                content = content.decode("utf-8-sig")
            except UnicodeDecodeError:
                content = content.decode("cp1251")
        lines = [line for line in content.splitlines() if line.strip()]
        first = lines[0] if lines else ""
        delimiter = max(("\t", ";", ","), key=first.count)
        table = [[c.strip() for c in row] for row in csv.reader(lines, delimiter=delimiter)]
    columns = (0, 1, 2)
    start = 0
    if table:
        head = [c.lower() for c in table[0]]
        name_col = next((i for i, c in enumerate(head) if "фио" in c or "учен" in c or "обучающ" in c), None)
        if name_col is not None:
            score_col = next((i for i, c in enumerate(head) if "балл" in c), None)
            grade_col = next((i for i, c in enumerate(head) if "отмет" in c or "оценк" in c), None)
            if score_col is None or grade_col is None:
                raise UserError(_("The protocol header must contain the columns “Full Name”, “Raw Score” and “Grade”."))
            columns, start = (name_col, score_col, grade_col), 1
    rows = []
    for number, row in enumerate(table[start:], start + 1):
        if not any(row):
            continue
        cells = [row[i] if i < len(row) else "" for i in columns]
        rows.append((number,) + tuple(cells))
    if len(rows) > MAX_ROWS:
        raise UserError(_("The protocol has more than %s rows: split it by class.") % MAX_ROWS)
    return rows


class SchoolExamProtocolImport(models.TransientModel):
    _name = "school.exam.protocol.import"
    _description = "OGE Protocol Upload"

    subject_id = fields.Many2one("school.subject", required=True)
    class_ids = fields.Many2many("school.class", string="9th-Grade Classes", domain=[("grade", "=", 9)])
    data_file = fields.Binary(string="Protocol File (CSV or XLSX)")
    file_name = fields.Char()
    text = fields.Text(string="Or Paste Protocol Lines",
                       help="One line per student: full name; primary score; grade (separated by “;”, comma or "
                            "tab); the first line may be a header.")
    state = fields.Selection([("draft", "Selection"), ("preview", "Check"), ("done", "Loaded")],
                             default="draft", readonly=True)
    preview = fields.Html(readonly=True, sanitize=True)
    ok_count = fields.Integer(string="To Be Written", readonly=True)
    error_count = fields.Integer(string="Number of Errors", readonly=True)

    @api.model
    def default_get(self, fields_list):
        values = super(SchoolExamProtocolImport, self).default_get(fields_list)
        if "class_ids" in fields_list and not values.get("class_ids"):
            today = fields.Date.context_today(self)
            classes = self.env["school.class"].search([("grade", "=", 9),
                                                       ("academic_year_id.date_start", "<=", today),
                                                       ("academic_year_id.date_end", ">=", today)])
            values["class_ids"] = [(6, 0, classes.ids)]
        return values

    # ------------------------------------------------------------------ rights
    def _check_rights(self):
        """The school admin, or the teacher of the subject in every chosen class:
        the same people the period grade's write guard lets write the exam grade."""
        if self.env.uid == SUPERUSER_ID or self.env.user.has_group("school_ejournal.group_school_admin"):
            return
        wizard = self.sudo()  # the chosen subject and classes, whoever may read them
        self.env.cr.execute("""SELECT DISTINCT class_id FROM school_load_class
                                WHERE teacher_id = %s AND subject_id = %s AND class_id IN %s""",
                            (self.env.uid, wizard.subject_id.id, tuple(wizard.class_ids.ids) or (0,)))
        taught = {r[0] for r in self.env.cr.fetchall()}
        foreign = wizard.class_ids.filtered(lambda c: c.id not in taught)
        if foreign or not taught:
            raise AccessError(_("OGE results are uploaded by the school administrator or the teacher of subject "
                                "“%(subject)s” in the class (%(foreign)s).") % {"subject": wizard.subject_id.name,
                                                   "foreign": ", ".join(foreign.mapped("name")) or "—"})

    # ------------------------------------------------------------------ rows
    def _year_period(self, school_class):
        return self.env["school.period"].sudo().search([
            ("academic_year_id", "=", school_class.academic_year_id.id), ("kind", "=", "year"),
            ("grade_level_ids", "in", school_class.grade_level_id.ids)], limit=1)

    def _roster(self):
        """{normalized name: [(student, class)]} of the chosen classes on the
        year's last day (or today, if earlier)."""
        roster = {}
        classes = self.sudo().class_ids  # rights are checked: the rosters of the chosen classes
        if not classes:
            raise UserError(_("Select the 9th-grade classes the protocol belongs to."))
        for school_class in classes:
            if school_class.grade != 9:
                raise UserError(_("The OGE protocol is uploaded for 9th-grade classes, and %s is not a 9th-grade "
                                  "class.")
                                % school_class.name)
            year = school_class.academic_year_id
            day = min(fields.Date.from_string(year.date_end),
                      fields.Date.from_string(fields.Date.context_today(self)))
            day = max(day, fields.Date.from_string(year.date_start))
            ids = school_class._get_students_on(fields.Date.to_string(day)).get(school_class.id, [])
            for student in classes.env["school.student"].browse(ids):
                roster.setdefault(normalize_name(student.name), []).append((student, school_class))
        return roster

    def _content(self):
        if self.data_file:
            return base64.b64decode(self.data_file), self.file_name or ""
        if (self.text or "").strip():
            return self.text, ""
        raise UserError(_("Upload the protocol file or paste its rows."))

    def _check_rows(self):
        """[(row, student, class, score, grade)] of the good rows and
        [(row, name, message)] of the errors, nothing written."""
        self.ensure_one()
        rows = parse_rows(*self._content())
        if not rows:
            raise UserError(_("The protocol has no rows with a student."))
        roster = self._roster()
        good, errors, seen = [], [], {}
        for number, name, score_text, grade_text in rows:
            matches = roster.get(normalize_name(name), [])
            grade = grade_text.strip().rstrip(".")
            score = score_text.strip()
            if not name.strip():
                errors.append((number, name, _("the student’s full name is missing")))
            elif not matches:
                errors.append((number, name, _("student not found in the selected 9th-grade classes")))
            elif len(matches) > 1:
                errors.append((number, name, _("several students in the classes have this full name: enter the "
                                               "grade manually")))
            elif grade not in EXAM_GRADES:
                errors.append((number, name, _("grade “%s” is outside the 2–5 scale") % grade_text))
            elif score and not score.isdigit():
                errors.append((number, name, _("raw score “%s” is not a non-negative integer")
                               % score_text))
            elif matches[0][0].id in seen:
                errors.append((number, name, _("the student is already in row %s of the "
                                               "protocol") % seen[matches[0][0].id]))
            else:
                student, school_class = matches[0]
                seen[student.id] = number
                good.append((number, student, school_class, int(score) if score else 0, grade))
        return good, errors

    def _render_preview(self, good, errors):
        rows = [(n, s.name, c.name, str(score), grade, _("will be recorded")) for n, s, c, score, grade in good]
        rows += [(n, name, "", "", "", _("error: %s") % message) for n, name, message in errors]
        body = "".join(
            "<tr%s><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>" % (
                ' class="text-danger"' if status.startswith(_("error")) else "",
                n, html_escape(name), html_escape(class_name), score, grade, html_escape(status))
            for n, name, class_name, score, grade, status in sorted(rows, key=lambda r: r[0]))
        return ('<table class="table table-condensed"><thead><tr><th>Строка</th><th>ФИО</th><th>Класс</th>'
                "<th>Первичный балл</th><th>Отметка</th><th>Результат</th></tr></thead><tbody>%s</tbody>"
                "</table>" % body)

    # ------------------------------------------------------------------ buttons
    def action_preview(self):
        self.ensure_one()
        self._check_rights()
        good, errors = self._check_rows()
        self._school_server_write({"state": "preview", "preview": self._render_preview(good, errors),
                                   "ok_count": len(good), "error_count": len(errors)})
        return self._reopen()

    def action_back(self):
        self.ensure_one()
        self._school_server_write({"state": "draft", "preview": False, "ok_count": 0, "error_count": 0})
        return self._reopen()

    def action_confirm(self):
        """Write the exam grades of the good rows (the rows with errors are left
        out, as the preview said) as the user, through the period grade's own
        path; then suggest the final grades again for the subject and classes."""
        self.ensure_one()
        self._check_rights()
        good, errors = self._check_rows()
        if not good:
            raise UserError(_("The protocol has no rows without errors: there is nothing to record."))
        PeriodGrade = self.env["school.period.grade"]
        periods = {}
        for _n, _s, school_class, _score, _grade in good:
            if school_class.id not in periods:
                period = self._year_period(school_class)
                if not period:
                    raise UserError(_("Class %s has no “academic year” period.") % school_class.name)
                periods[school_class.id] = period
        existing = {g.student_id.id: g for g in PeriodGrade.sudo().search([
            ("kind", "=", "exam"), ("subject_id", "=", self.subject_id.id),
            ("period_id", "in", [p.id for p in periods.values()]),
            ("student_id", "in", [s.id for _n, s, _c, _sc, _g in good])])}
        confirmed = [s.name for _n, s, _c, score, grade in good if s.id in existing
                     and existing[s.id].state == "confirmed"
                     and (existing[s.id].value, existing[s.id].exam_primary_score) != (grade, score)]
        if confirmed:
            raise UserError(_("The exam grade has already been approved: %s. Return it to “proposed” and upload "
                              "the protocol again.") % ", ".join(confirmed))
        for _n, student, school_class, score, grade in good:
            old = existing.get(student.id)
            if old:
                old = PeriodGrade.browse(old.id)
                if old.value != grade or old.exam_primary_score != score:
                    old.write({"value": grade, "exam_primary_score": score})
            else:
                PeriodGrade.create({"student_id": student.id, "class_id": school_class.id,
                                    "subject_id": self.subject_id.id,
                                    "period_id": periods[school_class.id].id, "kind": "exam",
                                    "value": grade, "exam_primary_score": score})
        classes_by_period = {}
        for class_id, period in periods.items():
            classes_by_period.setdefault(period, []).append(class_id)
        for period, class_ids in classes_by_period.items():
            PeriodGrade.suggest(period, class_ids, [self.subject_id.id], kind="final")
        self._school_server_write({"state": "done", "preview": self._render_preview(good, errors),
                                   "ok_count": len(good), "error_count": len(errors)})
        return self._reopen()

    def _reopen(self):
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
                "view_mode": "form", "target": "new"}
