"""Printed journals of a whole grade level or school, made in the background
(OCA queue_job): one job per class renders its journal (reports/class_journal.py,
the certification sheet with the real count of sheets), and the last one to
finish packs the PDFs into a ZIP with an inventory of sheets and tells the user
(web_notify pop-up, a message in the print's chatter with the ZIP).

A year's journal of a class takes 20–35 s to render, a school has ~44 of them:
one request would outlive the web workers' time limits and hold the user's page.
A job per class keeps each job short; each stores its PDF in its own transaction,
and the ZIP exists only when every class printed. A class that fails keeps its
Russian reason on its line, the others keep their PDFs, and «Повторить» prints
the failed ones again."""
import base64
import io
import logging
import zipfile

import psycopg2
from psycopg2 import OperationalError
from PyPDF2 import PdfFileReader

from odoo import api, fields, models
from odoo.addons.queue_job.job import job
from odoo.exceptions import UserError, ValidationError
from odoo.service.model import PG_CONCURRENCY_ERRORS_TO_RETRY

from ..tools.number_words import sheet_count
from ..tools.translate import _
from .client_refusal import refusal_message

_logger = logging.getLogger(__name__)

JOURNAL_ACTION = "school_ejournal.action_report_class_journal"
STATES = [("draft", "Draft"), ("running", "Printing"), ("done", "Done"), ("failed", "Failed")]
LINE_STATES = [("pending", "Waiting"), ("done", "Printed"), ("failed", "Failed")]
# a draft's fields; afterwards the print is what was printed
DRAFT_FIELDS = ("academic_year_id", "grade_level_id", "period_id", "certify_date", "print_sides")


def in_user_language(records):
    """The runner's request names no language of the user's: the PDF, the archive's names
    and the notices speak his."""
    return records.with_context(lang=records.env.user.lang)


def job_failure_reason(records, exc):
    """What a failed background job tells its user: the database's refusal in Russian,
    else the error's own message (Odoo's errors carry it first, as Python's do)."""
    if isinstance(exc, psycopg2.Error):
        return refusal_message(records, exc, "create")
    return str(exc.args[0]) if exc.args else exc.__class__.__name__


class SchoolJournalPrint(models.Model):
    _name = "school.journal.print"
    _description = "Printed Journals of a Level or School"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(compute="_compute_name", store=True)
    academic_year_id = fields.Many2one("school.academic.year", required=True,
                                       ondelete="restrict",
                                       default=lambda self: self.env["school.academic.year"]._find_by_date(
                                           fields.Date.context_today(self)))
    grade_level_id = fields.Many2one("school.grade.level", ondelete="restrict",
                                     help="Empty: every class of the school.")
    period_id = fields.Many2one("school.period", string="Academic Period", ondelete="restrict",
                                help="Empty: the whole academic year.")
    certify_date = fields.Date(string="Certification Date", default=fields.Date.context_today)
    print_sides = fields.Selection(
        [("single", "Single-Sided"), ("double", "Double-Sided")], string="Seal", required=True,
        default=lambda self: self.env.user.company_id.school_print_sides or "single")
    company_id = fields.Many2one("res.company", required=True, readonly=True,
                                 default=lambda self: self.env.user.company_id)
    user_id = fields.Many2one("res.users", string="Started By", readonly=True)
    state = fields.Selection(STATES, string="Status", required=True, default="draft", readonly=True,
                             track_visibility="onchange")
    line_ids = fields.One2many("school.journal.print.line", "print_id", string="Classes", readonly=True)
    zip_file = fields.Binary(string="Archive", attachment=True, readonly=True)
    zip_name = fields.Char(string="Archive Name", readonly=True)
    total_count = fields.Integer(string="Journals", compute="_compute_progress")
    done_count = fields.Integer(string="Printed Journals", compute="_compute_progress")
    failed_count = fields.Integer(string="Not Printed", compute="_compute_progress")
    sheet_total = fields.Integer(string="Sheets", compute="_compute_progress")
    progress = fields.Float(string="Done, %", compute="_compute_progress")
    progress_text = fields.Char(string="Printing Progress", compute="_compute_progress")

    @api.depends("academic_year_id", "grade_level_id", "period_id")
    def _compute_name(self):
        for rec in self:
            what = rec.grade_level_id.name if rec.grade_level_id else _("whole school")
            rec.name = "%s, %s%s" % (rec.academic_year_id.name or "", what,
                                     (", %s" % rec.period_id.name) if rec.period_id else "")

    def _compute_progress(self):
        counts = {}
        if self.ids:
            self.env.cr.execute("""
                SELECT print_id, count(*), count(*) FILTER (WHERE state = 'done'),
                       count(*) FILTER (WHERE state = 'failed'), coalesce(sum(sheet_count), 0)
                  FROM school_journal_print_line WHERE print_id IN %s GROUP BY print_id""", (tuple(self.ids),))
            counts = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for rec in self:
            total, done, failed, sheets = counts.get(rec.id, (0, 0, 0, 0))
            rec.total_count, rec.done_count, rec.failed_count, rec.sheet_total = total, done, failed, sheets
            rec.progress = 100.0 * done / total if total else 0.0
            rec.progress_text = _("%(done)s of %(total)s journals") % {"done": done, "total": total}

    @api.constrains("period_id", "academic_year_id", "grade_level_id")
    def _check_period(self):
        for rec in self.filtered("period_id"):
            if rec.period_id.academic_year_id != rec.academic_year_id:
                raise ValidationError(_("Period “%(period)s” is not in academic year %(year)s.")
                                % {"period": rec.period_id.name, "year": rec.academic_year_id.name})
            if rec.grade_level_id and rec.grade_level_id not in rec.period_id.grade_level_ids:
                raise ValidationError(_("Period “%(period)s” does not apply to grade level %(level)s.")
                                % {"period": rec.period_id.name, "level": rec.grade_level_id.name})

    def write(self, vals):
        if set(vals) & set(DRAFT_FIELDS) and self.filtered(lambda rec: rec.state != "draft"):
            raise UserError(_("A print that has started cannot be changed: create a new one."))
        return super(SchoolJournalPrint, self).write(vals)

    def unlink(self):
        if self.filtered(lambda rec: rec.state == "running"):
            raise UserError(_("The journals are being printed: wait until it ends."))
        return super(SchoolJournalPrint, self).unlink()

    # ------------------------------------------------------------ the user's buttons
    def _classes(self):
        """The classes to print, as the user sees them (his record rules)."""
        domain = [("academic_year_id", "=", self.academic_year_id.id)]
        if self.grade_level_id:
            domain.append(("grade_level_id", "=", self.grade_level_id.id))
        elif self.period_id:
            domain.append(("grade_level_id", "in", self.period_id.grade_level_ids.ids))
        return self.env["school.class"].search(domain)

    def action_start(self):
        self.ensure_one()
        if self.state != "draft":
            raise UserError(_("This print has already been started."))
        classes = self._classes()
        if not classes:
            raise UserError(_("Academic year %s has no classes to print here.") % self.academic_year_id.name)
        self.env.ref(JOURNAL_ACTION)._school_check_print(classes.ids)
        # lines and their results are the server's: the users read them only
        Line = self.env["school.journal.print.line"].sudo()
        for sequence, school_class in enumerate(classes):
            Line.create({"print_id": self.id, "class_id": school_class.id, "sequence": sequence})
        self._school_server_write({"state": "running", "user_id": self.env.uid})
        self._enqueue(self.line_ids)
        self.message_post(body=_("Printing started: %s journals.") % len(classes))
        return True

    def action_retry(self):
        self.ensure_one()
        if self.state != "failed":
            raise UserError(_("Only a print that failed can be retried."))
        failed = self.line_ids.filtered(lambda line: line.state == "failed")
        self.env.ref(JOURNAL_ACTION)._school_check_print(failed.mapped("class_id").ids)
        failed.sudo().write({"state": "pending", "error": False})
        self._school_server_write({"state": "running", "user_id": self.env.uid})
        self._enqueue(failed)
        self.message_post(body=_("Printing retried: %s journals.") % len(failed))
        return True

    def _enqueue(self, lines):
        # a context key of queue_job's own tests would run every job inside this request
        for line in lines.with_context(test_queue_job_no_delay=False):
            queued = line.with_delay(description=_("Printed journal of class %s") % line.class_id.name
                                     )._job_print()
            line.sudo().write({"job_uuid": queued.uuid})

    # ------------------------------------------------------------------------ jobs
    @job(default_channel="root")
    def _job_finish(self):
        """The ZIP and the user's notice once no class waits any more. Every class
        job queues one of these: the last one, queued when the last PDF was
        committed, sees them all (a job's snapshot cannot see a concurrent one's)."""
        self.ensure_one()
        self = in_user_language(self)
        self.env.cr.execute("SELECT state FROM school_journal_print WHERE id = %s FOR UPDATE", (self.id,))
        self.invalidate_cache()
        if self.state != "running" or any(line.state == "pending" for line in self.line_ids):
            return
        if self.failed_count:
            names = ", ".join(self.line_ids.filtered(lambda line: line.state == "failed").mapped("class_id.name"))
            self._school_server_write({"state": "failed"})
            text = _("%(failed)s of %(total)s journals were not printed (%(names)s): see the reasons in the "
                     "list and press «Retry».") % {"failed": self.failed_count, "total": self.total_count,
                                                   "names": names}
            self.message_post(body=text, partner_ids=self.user_id.partner_id.ids)
            self.user_id.notify_warning(text, title=_("Printed journals"), sticky=True)
            return
        name = "%s.zip" % self.name.replace("/", "-")
        self._school_server_write({"state": "done", "zip_file": base64.b64encode(self._zip()), "zip_name": name})
        text = _("%(total)s journals printed, %(sheets)s sheets: the archive is in the print “%(name)s”.") % {
            "total": self.total_count, "sheets": self.sheet_total, "name": self.name}
        attachment = self.env["ir.attachment"].search([("res_model", "=", self._name), ("res_id", "=", self.id),
                                                       ("res_field", "=", "zip_file")], limit=1)
        self.message_post(body=text, partner_ids=self.user_id.partner_id.ids, attachment_ids=attachment.ids)
        self.user_id.notify_info(text, title=_("Printed journals"), sticky=True)

    def _zip(self):
        out = io.BytesIO()
        inventory = [_("Class;Pages;Sheets")]
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for line in self.line_ids:
                archive.writestr(line.pdf_name, base64.b64decode(line.pdf_file))
                inventory.append("%s;%s;%s" % (line.class_id.name, line.page_count, line.sheet_count))
            inventory.append(_("Total;;%s") % self.sheet_total)
            archive.writestr(_("inventory.csv"), ("\n".join(inventory) + "\n").encode("utf-8-sig"))
        return out.getvalue()


class SchoolJournalPrintLine(models.Model):
    _name = "school.journal.print.line"
    _description = "Printed Journal of a Class"
    _order = "print_id, sequence, id"
    _rec_name = "class_id"

    print_id = fields.Many2one("school.journal.print", required=True, ondelete="cascade", index=True,
                               readonly=True)
    sequence = fields.Integer(readonly=True)
    class_id = fields.Many2one("school.class", required=True, ondelete="cascade", readonly=True)
    state = fields.Selection(LINE_STATES, string="Status", required=True, default="pending", readonly=True)
    page_count = fields.Integer(string="Pages", readonly=True)
    sheet_count = fields.Integer(string="Sheets", readonly=True)
    pdf_file = fields.Binary(string="Journal", attachment=True, readonly=True)
    pdf_name = fields.Char(string="File Name", readonly=True)
    error = fields.Text(string="Reason", readonly=True)
    job_uuid = fields.Char(string="Job", readonly=True, copy=False)

    @job(default_channel="root")
    def _job_print(self):
        """This class's journal, as the user who started the print (his rights)."""
        self.ensure_one()
        self = in_user_language(self)
        if self.state != "pending":
            return
        batch = self.print_id
        data = {"class_ids": self.class_id.ids, "period_id": batch.period_id.id,
                "certify_date": batch.certify_date, "print_sides": batch.print_sides}
        # No savepoint around the rendering: outside tests Odoo commits the report's
        # style bundles on the job's cursor while it renders (commit_assetsbundle).
        try:
            pdf, _fmt = self.env.ref(JOURNAL_ACTION).render_qweb_pdf(self.class_id.ids, data=data)
            pages = PdfFileReader(io.BytesIO(pdf)).getNumPages()
        except OperationalError as exc:
            if exc.pgcode in PG_CONCURRENCY_ERRORS_TO_RETRY:
                raise  # queue_job postpones the job and runs it again
            self._failed(exc, aborted=True)
        except psycopg2.Error as exc:
            self._failed(exc, aborted=True)
        except Exception as exc:  # noqa: BLE001 - any failure is the class's, told in Russian
            self._failed(exc)
        else:
            self.sudo().write({
                "state": "done", "pdf_file": base64.b64encode(pdf), "page_count": pages,
                "sheet_count": sheet_count(pages, batch.print_sides == "double"),
                "pdf_name": _("Journal %(class)s %(year)s.pdf") % {
                    "class": self.class_id.name, "year": batch.academic_year_id.name.replace("/", "-")}})
        batch.with_delay(description=_("Printed journals: the archive"))._job_finish()

    def _failed(self, exc, aborted=False):
        _logger.exception("printed journal of class %s failed", self.class_id.name)
        if aborted:  # the database refused: the job's transaction holds nothing else, start it again
            self.env.cr.rollback()
            self.env.clear()
        reason = job_failure_reason(self, exc)
        self.sudo().write({"state": "failed", "error": _("The journal of class %(class)s was not printed: "
                                                         "%(reason)s") % {"class": self.class_id.name,
                                                                          "reason": reason}})
