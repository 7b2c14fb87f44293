"""The deputy prints the journals of a grade level from the web client as a
background job (headless Chromium, tests/browser.py): he starts it, the form's
counter moves as the jobs end without his reloading the page, and the archive
is there at the end. The runner's part (running the queued jobs) is played by
the test, one job at a time, in the cursor the browser's requests share.

Inside that shared test cursor Odoo 11 does not run wkhtmltopdf (it would
fetch the report's styles from this very server and wait for the cursor the
test holds): the journal's PDF is a blank page here. The real PDFs, pages and
sheets are checked in test_reports_print_jobs.py."""
import io

from PyPDF2 import PdfFileWriter

from .browser import BrowserCase
from .common import MODULE, quarter, run_jobs


class TestPrintJobsInBrowser(BrowserCase):

    def test_deputy_prints_a_level_and_watches_the_progress(self):
        def blank_pdf(report, res_ids=None, data=None):
            report._school_check_print(res_ids)
            writer, out = PdfFileWriter(), io.BytesIO()
            writer.addBlankPage(595, 842)
            writer.write(out)
            return out.getvalue(), "pdf"
        self.patch(type(self.env["ir.actions.report"]), "render_qweb_pdf", blank_pdf)
        year = self.env.ref(MODULE + ".demo_year_2026")
        level_name = self.env.ref(MODULE + ".demo_class_5a").grade_level_id.name
        q1_name = quarter(self.env, 1, year).name
        self.login("deputy")
        self.menu("menu_journal_print")
        self.click_css(".o_list_button_add")
        self.pick("grade_level_id", level_name)
        self.pick("period_id", q1_name)
        self.click_text(".o_form_statusbar button", "Напечатать")
        self.wait(lambda: "0 из 2 журналов" in self.text(), "the counter at the start")
        self.report("deputy: printed journals of a grade level started", max_clicks=8, max_keys=40)

        self.db_turn()
        self.assertEqual(run_jobs(self.env, limit=1), 1)
        self.wait(lambda: "1 из 2 журналов" in self.text(), "the counter after the first job, without a reload")
        self.db_turn()
        run_jobs(self.env)
        self.wait(lambda: "2 из 2 журналов" in self.text() and ".zip" in self.text(),
                  "the last journal and the archive")
        self.assertIn("Напечатано журналов: 2", self.text(), "the chatter tells him")
        self.assertTrue(self.visible(".o_field_widget[name='zip_file']"))
        self.assertFalse([b for b in self.visible(".o_form_statusbar button") if b.text in ("Напечатать", "Повторить")],
                         "nothing to press any more")
        self.db_turn()
        batch = self.env["school.journal.print"].search([], limit=1)
        self.assertEqual(batch.state, "done")
        self.assertEqual(batch.user_id, self.env.ref(MODULE + ".user_deputy"))
