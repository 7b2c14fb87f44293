"""Who may print the addon's reports, checked where every print passes
(ir.actions.report: the /report/html|pdf|xlsx routes, /report/download, the
portal, report_action), whatever the URL's ``options``/``context`` say:

1. the report's groups (``groups_id``): a report of the addon without groups is
   printable by nobody;
2. read access (ACL and record rules) to the documents printed;
3. in each renderer, the rows it prints pass the user's record rules
   (``readable_sql``): the renderers read in SQL for speed, so they filter by
   the same rules the ORM would apply.

Internal paths under sudo() (the superuser) are trusted. Also here: the class
journal's two-part PDF (body, then the certification sheet with the real count
of sheets)."""
import io

from PyPDF2 import PdfFileReader, PdfFileWriter

from odoo import SUPERUSER_ID, api, models
from odoo.exceptions import AccessError, UserError

from ..tools.translate import _

MODULE = "school_ejournal"
JOURNAL_REPORT = MODULE + ".report_class_journal"


def _trivially_true(domain):
    """A rule domain made only of (1, '=', 1) leaves and '&'/'|' is always true."""
    return all((isinstance(t, str) and t in ("&", "|")) or
               (isinstance(t, (list, tuple)) and tuple(t) == (1, "=", 1)) for t in domain)


def readable_sql(env, model_name, column):
    """An SQL condition «``column`` is a record of ``model_name`` the user may
    read» (his ACL refused first, then his record rules), literal, for queries
    executed with parameters; 'TRUE' when his rules hide nothing."""
    Model = env[model_name]
    Model.check_access_rights("read")
    if env.uid == SUPERUSER_ID:
        return "TRUE"
    domain = env["ir.rule"]._compute_domain(model_name, "read") or []
    if _trivially_true(domain):
        return "TRUE"
    query = Model._where_calc([], active_test=False)
    Model._apply_ir_rules(query, "read")
    from_clause, where_clause, params = query.get_sql()
    sql = 'SELECT "%s".id FROM %s WHERE %s' % (Model._table, from_clause, where_clause or "TRUE")
    sql = env.cr.mogrify(sql, params).decode("utf-8")
    return "%s IN (%s)" % (column, sql.replace("%", "%%"))


class ReportAction(models.Model):
    _inherit = "ir.actions.report"

    def _school_check_print(self, res_ids=None):
        """AccessError unless the user may print these documents with this report."""
        for report in self:
            if not (report.report_name or "").startswith(MODULE + ".") or self.env.uid == SUPERUSER_ID:
                continue
            groups = report.sudo().groups_id
            if not groups & self.env.user.groups_id:
                raise AccessError(_("Report “%(report)s” is not available to you: it is printed only by "
                                    "%(groups)s.") % {
                    "report": report.name, "groups": ", ".join(sorted(groups.mapped("name"))) or _("nobody")})
            if res_ids:
                ids = [res_ids] if isinstance(res_ids, int) else list(res_ids)
                docs = self.env[report.model].browse(ids)
                docs.check_access_rights("read")
                docs.check_access_rule("read")

    # A report speaks the user's language when the caller names none (server
    # code, crons, jobs); the print routes and the web client always name one.
    @api.model
    def render_qweb_html(self, docids, data=None):
        if not self.env.lang:
            return self.with_env(self._school_lang_env()).render_qweb_html(docids, data=data)
        # a model method: over RPC it runs on no report at all (Odoo's print routes name one)
        if not self:
            raise UserError(_("No report selected for printing."))
        self._school_check_print(docids)
        return super(ReportAction, self).render_qweb_html(docids, data=data)

    @api.model
    def render_xlsx(self, docids, data):
        if not self.env.lang:
            return self.with_env(self._school_lang_env()).render_xlsx(docids, data)
        if not self:
            raise UserError(_("No report selected for printing."))
        self._school_check_print(docids)
        return super(ReportAction, self).render_xlsx(docids, data)

    def report_action(self, docids, data=None, config=True):
        ids = docids.ids if isinstance(docids, models.BaseModel) else docids
        self._school_check_print(ids)
        return super(ReportAction, self).report_action(docids, data=data, config=config)

    def render_qweb_pdf(self, res_ids=None, data=None):
        """Every PDF: the print check. The class journal: body, then the
        certification sheet numbered and certified with the real count of sheets,
        merged; one document per class."""
        if not self.env.lang:
            return self.with_env(self._school_lang_env()).render_qweb_pdf(res_ids, data)
        self._school_check_print(res_ids)
        if self.report_name != JOURNAL_REPORT or (data or {}).get("part"):
            return super(ReportAction, self).render_qweb_pdf(res_ids, data)
        # From the wizard Odoo 11's web client sends the data but no ids in the
        # URL (/report/pdf/<name>?options=…): the classes travel in the data.
        res_ids = res_ids or (data or {}).get("class_ids") or self.env.context.get("active_ids")
        if not res_ids:
            raise UserError(_("Select a class to print the journal."))
        res_ids = [res_ids] if isinstance(res_ids, int) else list(res_ids)
        self._school_check_print(res_ids)
        writer = PdfFileWriter()
        streams = []  # PyPDF2 reads pages lazily: keep the sources open until written
        for class_id in res_ids:
            body, _fmt = super(ReportAction, self).render_qweb_pdf(
                [class_id], dict(data or {}, part="body"))
            body_reader = PdfFileReader(io.BytesIO(body))
            body_pages = body_reader.getNumPages()
            # the certification counts physical sheets (two pages a sheet printed on both sides)
            total = body_pages + 1
            cert, _fmt = super(ReportAction, self).render_qweb_pdf(
                [class_id], dict(data or {}, part="certification", total_pages=total))
            cert_reader = PdfFileReader(io.BytesIO(cert))
            if cert_reader.getNumPages() != 1:
                raise UserError(_("The certification sheet did not fit on one page."))
            for reader in (body_reader, cert_reader):
                for number in range(reader.getNumPages()):
                    writer.addPage(reader.getPage(number))
            streams += [body_reader, cert_reader]
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue(), "pdf"
