"""End to end in a real browser: headless Chromium (Debian's `chromium` and
`chromium-driver`, driven by Selenium) logs in as the demo parent through
/web/login, switches to the other child, opens the diary, the grades and the
report, and checks what a parent sees, in Russian. Screenshots of each page at
desktop width (1280 px) and on a 390-px phone go to docs/screenshots/portal_*.png.

The browser talks to the HTTP server the test runner starts; HttpCase runs in
one transaction shared with that server (rolled back at the end), so the
browser sees the demo school."""
import base64
import os
import time

from odoo.tests.common import HttpCase

from .browser import start_chromium
from .common import ROOT, WEEK_WITH_LESSONS, PortalFacts

SHOTS = os.path.join(ROOT, "docs", "screenshots")
WIDTHS = {"desktop": 1280, "phone": 390}
TIMEOUT = 120


class TestPortalInBrowser(PortalFacts, HttpCase):
    def setUp(self):
        super(TestPortalInBrowser, self).setUp()
        self._portal_setup()
        start_chromium(self, TIMEOUT, window="1280,900")
        os.makedirs(SHOTS, exist_ok=True)

    # ------------------------------------------------------------------ helpers
    def open(self, path):
        self.cr.commit()  # TestCursor: a savepoint, see runtime/pytest_odoo311.py
        self.driver.get(self.base + path)

    def click(self, css=None, link_text=None):
        from selenium.webdriver.common.by import By
        element = self.driver.find_element(By.CSS_SELECTOR, css) if css else \
            self.driver.find_element(By.LINK_TEXT, link_text)
        element.click()

    def text(self):
        from selenium.webdriver.common.by import By
        return self.driver.find_element(By.TAG_NAME, "body").text

    def assertVisible(self, *texts):
        body = self.text()
        for text in texts:
            self.assertIn(text, body, "«%s» is not on %s" % (text, self.driver.current_url))

    def screenshot(self, name):
        """Full-page screenshots at desktop and phone width; on the phone the
        page must not scroll sideways."""
        for label, width in WIDTHS.items():
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 500})
            time.sleep(0.3)  # let the page lay itself out at the new width
            height, scroll_width = self.driver.execute_script(
                "var d = document.documentElement;"
                "return [Math.max(d.scrollHeight, document.body.scrollHeight), d.scrollWidth];")
            if width < 500:
                wide = self.driver.execute_script(
                    "return Array.from(document.querySelectorAll('body *')).filter(function (e) {"
                    "  return e.getBoundingClientRect().right > arguments[0] + 1; }).slice(0, 5).map("
                    "  function (e) { return e.tagName + '.' + e.className; });", width)
                self.assertLessEqual(scroll_width, width + 1, "%s scrolls sideways on a phone: %s" % (name, wide))
            shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
            with open(os.path.join(SHOTS, "portal_%s_%s.png" % (name, label)), "wb") as png:
                png.write(base64.b64decode(shot["data"]))
        self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    # ------------------------------------------------------------------ the walk
    def test_parent_reads_the_diary_grades_and_report_of_both_children(self):
        self.open("/web/login")
        self.driver.find_element("name", "login").send_keys("parent")
        self.driver.find_element("name", "password").send_keys("parent")
        self.click("form.oe_login_form button[type=submit]")
        # a portal user lands in the portal, with the diary on its home page
        self.open("/my")
        self.assertVisible("Дневник", "Оценки", "Отчёт")
        self.screenshot("home")

        # the diary of the first child (Артём, 5А) in a week with lessons
        self.open("/my/diary?date=%s" % WEEK_WITH_LESSONS)
        self.assertVisible("Соколов Артём", "5А", "Понедельник, 5 октября", "Предыдущая неделя")

        # switch to Дарья (9А): the same week of her diary
        self.click("a.o_school_child[data-student-id='%s']" % self.darya.id)
        self.assertVisible("Соколова Дарья", "9А", "Понедельник, 5 октября")
        topic = self.lesson_of(self.darya).filtered("topic")[:1].topic
        self.assertVisible(topic, "Тема:", "Домашнее задание:")
        self.screenshot("diary")
        self.click(".o_school_prev_week")
        self.assertVisible("Понедельник, 28 сентября")

        # her grades in the first quarter, with the journal's weighted average
        self.click(link_text="Оценки")
        self.assertVisible("Соколова Дарья")
        self.click(link_text="I четверть")
        self.assertVisible("I четверть", "Средний балл", "Средневзвешенный балл")
        averages = self.env["school.grade"]._weighted_averages([self.darya.id], period_ids=[
            self.env["school.period"].search([("kind", "=", "quarter"), ("number", "=", 1), (
                "academic_year_id", "=", self.env.ref("school_ejournal.demo_year").id)]).id])
        self.assertIn("%.2f" % list(averages.values())[0], self.text())
        self.screenshot("grades")

        # the report: the same data, and the PDF once the report exists
        self.click(link_text="Отчёт")
        self.click(link_text="I четверть")
        self.assertVisible("Соколова Дарья", "Успеваемость", "Посещаемость", "пропущено уроков")
        if self.env.ref("school_ejournal.action_report_student_progress", raise_if_not_found=False):
            self.assertVisible("Скачать отчёт")
        else:
            self.assertVisible("пока не")
        self.screenshot("report")

        # and back to Артём: the choice follows the parent from page to page
        self.click("a.o_school_child[data-student-id='%s']" % self.artem.id)
        self.click(link_text="Посещаемость")
        self.assertVisible("Соколов Артём", "пропущено уроков")
        self.screenshot("attendance")
        self.click(link_text="Расписание")
        self.assertVisible("Расписание уроков 5А класса")
        self.screenshot("timetable")
