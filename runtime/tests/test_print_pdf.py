"""PDF printing works end to end: wkhtmltopdf (patched Qt), lessc, fonts.

Foundation requirement: in a database with base, web, mail, portal, "a report
of two records prints as a styled PDF of two pages with a page number on each".

Needs a database with at least `web` installed. If no Odoo config was set up
by the caller (a pytest plugin or `odoo --test-enable`), this module reads
ODOO_TEST_DB (and optionally ODOO_TEST_DATA_DIR) and is skipped without them.
Tools come from scripts/setup_print.sh (wkhtmltopdf and lessc in the venv's
bin/, pdftotext from poppler-utils, Cyrillic fonts).

    ODOO_TEST_DB=hp_a ODOO_TEST_DATA_DIR=/tmp/hpdata \\
        /tmp/venvtest/bin/python -m pytest runtime/tests/test_print_pdf.py
"""
import base64
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

# The venv's bin/ holds wkhtmltopdf and lessc (setup_print.sh): make sure
# Odoo's find_in_path sees it even when pytest was started without PATH set.
_VENV_BIN = os.path.dirname(sys.executable)
if _VENV_BIN not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _VENV_BIN + os.pathsep + os.environ.get("PATH", "")

_RUNTIME = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if _RUNTIME not in sys.path:
    sys.path.insert(0, _RUNTIME)

import odoo311_compat  # noqa: E402

odoo311_compat.apply()

import odoo  # noqa: E402
from odoo.tests import common  # noqa: E402

if not odoo.tools.config["db_name"]:
    if not os.environ.get("ODOO_TEST_DB"):
        raise unittest.SkipTest("no database: set ODOO_TEST_DB (base, web installed)")
    _args = ["-d", os.environ["ODOO_TEST_DB"]]
    if os.environ.get("ODOO_TEST_DATA_DIR"):
        _args.append("--data-dir=" + os.environ["ODOO_TEST_DATA_DIR"])
    odoo.tools.config.parse_config(_args)

from PyPDF2 import PdfFileReader  # noqa: E402

REPORT_NAME = "test_print_pdf.report_card"
ARCH = """<t t-name="test_print_pdf.report_card">
  <t t-call="web.html_container">
    <t t-foreach="docs" t-as="o">
      <t t-call="web.external_layout">
        <div class="page">
          <h2>Карточка ученика: <span t-field="o.name"/></h2>
          <table class="table table-condensed table-bordered">
            <tr><td>Русский язык</td><td class="text-right">5</td></tr>
          </table>
        </div>
      </t>
    </t>
  </t>
</t>"""
PAGE_NUMBER = re.compile(r"(?:Page|Страница):?\s*\d+\s*/\s*\d+")
CSS_LINK = re.compile(rb'<link[^>]*href="[^"]*/web/content/[^"]*\.css"')


def pdftotext(pdf, page):
    """Text of one page (poppler's pdftotext; PyPDF2 1.26 cannot decode the
    Identity-H CID fonts that wkhtmltopdf embeds)."""
    exe = shutil.which("pdftotext")
    assert exe, "pdftotext missing: run scripts/setup_print.sh (poppler-utils)"
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        out = subprocess.run([exe, "-enc", "UTF-8", "-f", str(page), "-l", str(page),
                              f.name, "-"], check=True, capture_output=True)
    return out.stdout.decode("utf-8")


class TestPrintPdf(common.TransactionCase):

    def setUp(self):
        # odoo's own runner does this around every test; pytest does not
        manage = odoo.api.Environment.manage()
        manage.__enter__()
        self.addCleanup(manage.__exit__, None, None, None)
        super(TestPrintPdf, self).setUp()

        def no_commit():
            raise AssertionError("the test transaction was committed")
        self.patch(self.cr, "commit", no_commit)
        view = self.env["ir.ui.view"].create({
            "name": REPORT_NAME, "type": "qweb", "key": REPORT_NAME, "arch": ARCH})
        self.env["ir.model.data"].create({
            "module": "test_print_pdf", "name": "report_card",
            "model": "ir.ui.view", "res_id": view.id})
        self.report = self.env["ir.actions.report"].create({
            "name": "Карточка", "model": "res.partner",
            "report_type": "qweb-pdf", "report_name": REPORT_NAME})
        self.partners = (self.env["res.partner"].create({"name": "Иванов Иван"})
                         | self.env["res.partner"].create({"name": "Петрова Мария"}))

    def _fresh_bundle(self, xmlid):
        """Drop the cached CSS of a bundle (rolled back with the test) and
        compile it again with lessc."""
        self.env["ir.attachment"].search(
            [("url", "=like", "/web/content/%%/%s%%" % xmlid)]).unlink()
        IrQweb = self.env["ir.qweb"]
        files, _remains = IrQweb._get_asset_content(xmlid, {})
        bundle = IrQweb.get_asset_bundle(xmlid, files, env=self.env)
        return bundle, bundle.css()

    def test_report_css_compiles(self):
        """lessc is found and web.report_assets_common compiles (a LESS error or a
        missing lessc leaves no CSS at all: every PDF prints unstyled)."""
        bundle, attachments = self._fresh_bundle("web.report_assets_common")
        self.assertEqual(bundle.css_errors, [])
        self.assertTrue(attachments, "no CSS attachment for web.report_assets_common")
        css = b"".join(base64.b64decode(a.datas) for a in attachments).decode("utf-8")
        self.assertIn(".table-bordered", css)      # bootstrap
        self.assertIn(".o_report_layout_boxed", css)  # web/static/src/less/layout_boxed.less

    def test_two_records_two_pages(self):
        Report = type(self.report)
        self.assertEqual(self.report.get_wkhtmltopdf_state(), "ok",
                         "wkhtmltopdf not on PATH: run scripts/setup_print.sh")
        sent = {}
        original = Report._run_wkhtmltopdf

        def spy(report, bodies, header=None, footer=None, **kw):
            sent.update(bodies=bodies, header=header, footer=footer)
            return original(report, bodies, header=header, footer=footer, **kw)

        self.patch(Report, "_run_wkhtmltopdf", spy)
        # test_enable: render_qweb_pdf must not commit the asset bundles (it
        # would commit this test's transaction); test_report_directory: else
        # Odoo 11 returns HTML under test_enable instead of calling wkhtmltopdf
        self.patch(odoo.tools.config, "options",
                   dict(odoo.tools.config.options, test_enable=True,
                        test_report_directory=tempfile.gettempdir()))
        self._fresh_bundle("web.report_assets_common")

        pdf, fmt = self.report.with_context(lang="en_US").render_qweb_pdf(self.partners.ids)

        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), "not a PDF (wkhtmltopdf failed?)")
        self.assertEqual(PdfFileReader(io.BytesIO(pdf)).getNumPages(), 2)
        for number, partner in enumerate(self.partners, 1):
            text = pdftotext(pdf, number)
            self.assertIn(partner.name, text)       # Cyrillic glyphs + ToUnicode
            self.assertRegex(text, PAGE_NUMBER)     # footer (needs patched Qt)
        # styled: bootstrap is inline in what wkhtmltopdf renders, so no
        # HTTP fetch of /web/content/... is needed (runtime shim report_inline_css)
        self.assertEqual(len(sent["bodies"]), 2)
        for html in sent["bodies"] + [sent["footer"]]:
            self.assertIn(b".table-bordered", html)
            self.assertIsNone(CSS_LINK.search(html))

    def test_cyrillic_font_installed(self):
        exe = shutil.which("fc-list")
        if not exe:
            self.skipTest("fontconfig's fc-list not installed")
        out = subprocess.run([exe, ":lang=ru", "family"], check=True,
                             capture_output=True).stdout.decode("utf-8")
        self.assertTrue(out.strip(), "no font with Cyrillic glyphs: run scripts/setup_print.sh")
