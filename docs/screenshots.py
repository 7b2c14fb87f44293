"""Screenshots for the role guides (docs/guides/*.md) and the presentation.

Run by scripts/docs.sh against a throw-away demo database served by Odoo
(runtime/launcher.py); drives Debian's headless Chromium through Selenium, logs
in as each demo user and saves docs/guides/img/<role>_<task>.png. Then prints
docs/presentation/slides.html to docs/presentation.pdf with the same browser.

    python docs/screenshots.py --url http://127.0.0.1:8170 --db docs_123

The browser's clock is set to a school day of the demo journal (DEMO_TODAY) so
that «Мои уроки сегодня» and the diary show lessons whatever the real date.
"""
import argparse
import base64
import io
import os
import shutil
import sys
import tempfile
import time
import xmlrpc.client

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

HERE = os.path.dirname(os.path.abspath(__file__))
IMG = os.path.join(HERE, "guides", "img")
CHROMIUM = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")
DEMO_TODAY = "2026-10-05T10:30:00"   # Monday of the last demo week (1 Sep – 9 Oct 2026)
WIDTH, HEIGHT = 1280, 800
M = "school_ejournal."

# the gradebook grid of 5А in mathematics, first quarter (chosen as a teacher would)
GRID = {"fill": [("class_id", "5А"), ("subject_id", "Математика"), ("period_id", "I четверть")]}

# (image name, login, what to open, extra)
#   ("menu", xmlid)                      a back-office menu entry, as a click on it would open it
#   ("record", model, domain, menu)      the first record of the domain, in its form, under the menu
#   ("url", path)                        a page (the portal)
# extra: {"fill": [(field, text)]} picks many2one values, {"tab": label} opens a notebook page, {"link": text} follows a link, {"full": True} takes the
# whole page (portal pages scroll the document)
SHOTS = [
    # ---------------------------------------------------------------- administrator
    ("administrator_years", "school_admin", ("menu", M + "menu_school_years"), {}),
    ("administrator_year_form", "school_admin", ("record", "school.academic.year", [], M + "menu_school_years"), {}),
    ("administrator_periods", "school_admin", ("menu", M + "menu_school_periods"), {}),
    ("administrator_holidays", "school_admin", ("menu", M + "menu_school_holidays"), {}),
    ("administrator_classes", "school_admin", ("menu", M + "menu_school_classes"), {}),
    ("administrator_students", "school_admin", ("menu", M + "menu_school_students"), {}),
    ("administrator_staff", "school_admin", ("menu", M + "menu_school_staff"), {}),
    ("administrator_subjects", "school_admin", ("menu", M + "menu_school_subjects"), {}),
    ("administrator_load", "school_admin", ("menu", M + "menu_school_load"), {}),
    ("administrator_bells", "school_admin", ("menu", M + "menu_school_bells"), {}),
    ("administrator_timetable", "school_admin", ("menu", M + "menu_school_timetable"), {}),
    ("administrator_lesson_generate", "school_admin", ("menu", M + "menu_school_lesson_generate"), {}),
    ("administrator_logins", "school_admin", ("menu", M + "menu_school_logins"), {}),
    ("administrator_movements", "school_admin", ("menu", M + "menu_school_movements"), {}),
    ("administrator_year_rollover", "school_admin", ("menu", M + "menu_school_year_rollover"),
     {"fill": [("old_year_id", "2025/2026")]}),
    ("administrator_period_close", "school_admin", ("menu", M + "menu_school_period_close"), {}),
    ("administrator_period_events", "school_admin", ("menu", M + "menu_school_period_events"), {}),
    ("administrator_grading_rules", "school_admin", ("menu", M + "menu_config_grading_rules"), {"full": True}),
    ("administrator_work_kinds", "school_admin", ("menu", M + "menu_config_work_kinds"), {}),
    ("administrator_attendance_codes", "school_admin", ("menu", M + "menu_config_attendance_codes"), {}),
    ("administrator_work_mode", "school_admin", ("menu", M + "menu_config_work_mode"), {}),
    ("administrator_journal_print", "school_admin", ("menu", M + "menu_report_journal"), {}),
    ("administrator_staff_usage", "school_admin", ("menu", M + "menu_reports_staff_usage"), {}),
    ("administrator_help", "school_admin", ("url", "/school_ejournal/help"), {}),
    # ---------------------------------------------------------------- deputy
    ("deputy_lessons", "deputy", ("menu", M + "menu_control_lessons"), {}),
    ("deputy_gradebook", "deputy", ("menu", M + "menu_control_gradebook"), GRID),
    ("deputy_grades", "deputy", ("menu", M + "menu_control_grades"), {}),
    ("deputy_period_grades", "deputy", ("menu", M + "menu_control_period_grades"), {}),
    ("deputy_change_log", "deputy", ("menu", M + "menu_control_change_log"), {}),
    ("deputy_violations", "deputy", ("menu", M + "menu_control_violations"), {}),
    ("deputy_accumulation", "deputy", ("menu", M + "menu_control_accumulation"), {}),
    ("deputy_portal_visits", "deputy", ("menu", M + "menu_control_portal_visits"), {}),
    ("deputy_period_events", "deputy", ("menu", M + "menu_control_period_events"), {}),
    ("deputy_seals", "deputy", ("menu", M + "menu_control_period_seals"), {}),
    ("deputy_metrics", "deputy", ("menu", M + "menu_report_metrics"), {}),
    ("deputy_metrics_wizard", "deputy", ("menu", M + "menu_report_metrics_wizard"), {}),
    ("deputy_attendance_report", "deputy", ("menu", M + "menu_report_attendance"), {}),
    ("deputy_xlsx", "deputy", ("menu", M + "menu_report_gradebook"), {}),
    ("deputy_load", "deputy", ("menu", M + "menu_control_load"), {}),
    # ---------------------------------------------------------------- class teacher
    ("class_teacher_students", "class_teacher", ("menu", M + "menu_class_teacher_students"), {}),
    ("class_teacher_student_form", "class_teacher",
     ("record", "school.student", [("current_class_id.name", "=", "5А")], M + "menu_class_teacher_students"), {}),
    ("class_teacher_guardians", "class_teacher", ("menu", M + "menu_class_teacher_guardians"), {}),
    ("class_teacher_consents", "class_teacher", ("menu", M + "menu_class_teacher_consents"), {}),
    ("class_teacher_no_consent", "class_teacher", ("menu", M + "menu_class_teacher_no_consent"), {}),
    ("class_teacher_logins", "class_teacher", ("menu", M + "menu_class_teacher_logins"), {}),
    ("class_teacher_subgroups", "class_teacher", ("menu", M + "menu_class_teacher_subgroups"), {}),
    ("class_teacher_movements", "class_teacher", ("menu", M + "menu_class_teacher_movements"), {}),
    ("class_teacher_lessons", "class_teacher", ("menu", M + "menu_journal_lessons"), {}),
    ("class_teacher_alerts", "class_teacher", ("menu", M + "menu_class_teacher_alerts"), {}),
    ("class_teacher_message", "class_teacher", ("menu", M + "menu_class_teacher_message"), {}),
    ("class_teacher_digest", "class_teacher", ("menu", M + "menu_class_teacher_digest_log"), {}),
    # ---------------------------------------------------------------- teacher
    ("teacher_today", "teacher", ("menu", M + "menu_journal_today"), {}),
    ("teacher_lesson_form", "teacher",
     ("record", "school.lesson", [("teacher_id.login", "=", "teacher"), ("date", "=", DEMO_TODAY[:10])],
      M + "menu_journal_today"), {"full": True}),
    ("teacher_lesson_homework", "teacher",
     ("record", "school.lesson", [("teacher_id.login", "=", "teacher"), ("date", "=", DEMO_TODAY[:10]),
                                  ("homework", "!=", False)], M + "menu_journal_lessons"),
     {"tab": "Домашнее задание"}),
    ("teacher_message", "teacher", ("menu", M + "menu_journal_parent_message"), {}),
    ("teacher_lessons", "teacher", ("menu", M + "menu_journal_lessons"), {}),
    ("teacher_gradebook", "teacher", ("menu", M + "menu_journal_gradebook"), GRID),
    ("teacher_plans", "teacher", ("menu", M + "menu_journal_plans"), {}),
    ("teacher_period_grades_suggest", "teacher", ("menu", M + "menu_journal_period_grades_suggest"), {}),
    ("teacher_period_grades", "teacher", ("menu", M + "menu_journal_period_grades"), {}),
    ("teacher_timetable", "teacher", ("menu", M + "menu_journal_my_timetable"), {}),
    ("teacher_classes", "teacher", ("menu", M + "menu_journal_my_classes"), {}),
    ("teacher_violations", "teacher", ("menu", M + "menu_journal_my_violations"), {}),
    # ---------------------------------------------------------------- parent (portal)
    ("parent_login", None, ("url", "/web/login"), {}),
    ("parent_home", "parent", ("url", "/my"), {}),
    ("parent_diary", "parent", ("url", "/my/diary?date=2026-10-05"), {"full": True}),
    ("parent_grades", "parent", ("url", "/my/grades"), {"full": True, "link": "I четверть"}),
    ("parent_attendance", "parent", ("url", "/my/attendance"), {"full": True}),
    ("parent_timetable", "parent", ("url", "/my/timetable"), {}),
    ("parent_report", "parent", ("url", "/my/report"), {"link": "I четверть"}),
    ("parent_messages", "parent", ("url", "/my/messages"), {}),
    ("parent_account", "parent", ("url", "/my/account"), {}),
    # ---------------------------------------------------------------- student (portal)
    ("student_home", "student", ("url", "/my"), {}),
    ("student_diary", "student", ("url", "/my/diary?date=2026-10-05"), {"full": True}),
    ("student_grades", "student", ("url", "/my/grades"), {"full": True, "link": "I четверть"}),
    ("student_attendance", "student", ("url", "/my/attendance"), {}),
    ("student_timetable", "student", ("url", "/my/timetable"), {}),
]

# Date() in the page answers DEMO_TODAY, then runs on; Odoo's context_today() reads it.
FAKE_CLOCK = """
(function () {
  var shift = new Date('%s').getTime() - Date.now();
  var Real = Date;
  function FakeDate(a, b, c, d, e, f, g) {
    if (!(this instanceof FakeDate)) { return new FakeDate().toString(); }
    switch (arguments.length) {
      case 0: return new Real(Real.now() + shift);
      case 1: return new Real(a);
      default: return new Real(a, b, c === undefined ? 1 : c, d || 0, e || 0, f || 0, g || 0);
    }
  }
  FakeDate.prototype = Real.prototype;
  FakeDate.now = function () { return Real.now() + shift; };
  FakeDate.UTC = Real.UTC; FakeDate.parse = Real.parse;
  window.Date = FakeDate;
})();
""" % DEMO_TODAY


def write_png(path, data):
    """A 256-colour PNG: a third of the size for screens of flat colours and text,
    so the repository can keep every guide's images."""
    from PIL import Image
    image = Image.open(io.BytesIO(data)).convert("RGB")
    image.quantize(colors=256, method=Image.MEDIANCUT).save(path, optimize=True)


class Shooter(object):
    def __init__(self, url, db, out=IMG):
        self.url, self.db, self.out = url.rstrip("/"), db, out
        self.rpc = xmlrpc.client.ServerProxy(self.url + "/xmlrpc/2/object", allow_none=True)
        self.admin_uid = xmlrpc.client.ServerProxy(self.url + "/xmlrpc/2/common").authenticate(
            db, "admin", "admin", {})
        assert self.admin_uid, "the demo database has no admin/admin"
        self.profile = tempfile.mkdtemp(prefix="ejournal-docs-")
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--user-data-dir=%s" % self.profile,
                    "--window-size=%d,%d" % (WIDTH, HEIGHT), "--lang=ru-RU", "--hide-scrollbars"):
            options.add_argument(arg)
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.driver.set_page_load_timeout(120)
        self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": FAKE_CLOCK})
        self.driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": "Europe/Moscow"})
        # the page itself is WIDTH×HEIGHT, whatever the window's frame takes
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})
        self.login_as = None

    def close(self):
        self.driver.quit()
        shutil.rmtree(self.profile, ignore_errors=True)

    # -------------------------------------------------------------- server facts
    def call(self, model, method, *args, **kw):
        return self.rpc.execute_kw(self.db, self.admin_uid, "admin", model, method, list(args), kw)

    def ref(self, xmlid):
        module, name = xmlid.split(".")
        rows = self.call("ir.model.data", "search_read", [("module", "=", module), ("name", "=", name)],
                         fields=["model", "res_id"])
        assert rows, "no such record: %s" % xmlid
        return rows[0]["res_id"]

    def menu_url(self, menu_xmlid):
        menu_id = self.ref(menu_xmlid)
        action = self.call("ir.ui.menu", "read", [menu_id], fields=["action"])[0]["action"]
        assert action, "menu %s opens nothing" % menu_xmlid
        return "/web#menu_id=%d&action=%s" % (menu_id, action.split(",")[1]), action.split(",")[1]

    def prepare(self):
        """The demo school stops before the first quarter ends: suggest and confirm the
        first-period grades (as a school's administrator would) so that the period
        grades and the metrics have something to show. Only in a database without
        period grades, so a second run changes nothing."""
        if self.call("school.period.grade", "search_count", []):
            return
        periods = self.call("school.period", "search_read",
                            [("kind", "in", ["quarter", "half_year"]), ("number", "=", 1),
                             ("date_start", "<=", DEMO_TODAY[:10]), ("date_end", ">=", DEMO_TODAY[:10])],
                            fields=["name"])
        for period in periods:
            wizard = self.call("school.period.grade.suggest", "create",
                               {"period_id": period["id"], "whole_school": True})
            self.call("school.period.grade.suggest", "action_suggest", [wizard])
        grades = self.call("school.period.grade", "search", [("period_id", "in", [p["id"] for p in periods])])
        if grades:
            self.call("school.period.grade", "action_confirm", grades)
        print("prepared: %d period grades in %s" % (len(grades), ", ".join(p["name"] for p in periods)))

    # -------------------------------------------------------------- browser
    def login(self, login):
        if login == self.login_as:
            return
        self.driver.delete_all_cookies()
        self.driver.get(self.url + "/web/session/logout")
        self.login_as = None
        if not login:
            return
        self.driver.get(self.url + "/web/login?db=%s" % self.db)
        self.driver.find_element(By.NAME, "login").send_keys(login)
        self.driver.find_element(By.NAME, "password").send_keys(login)
        self.driver.find_element(By.CSS_SELECTOR, "form.oe_login_form button[type=submit]").click()
        WebDriverWait(self.driver, 60).until(lambda d: "/web/login" not in d.current_url)
        self.login_as = login

    def wait_backoffice(self):
        """The web client has rendered a view (or a dialog) and stopped loading."""
        def ready(driver):
            return driver.execute_script(
                "var c = document.querySelector('.o_view_manager_content, .modal-dialog .o_form_view');"
                "var busy = document.querySelector('.o_loading');"
                "return !!c && c.children.length > 0 && (!busy || busy.offsetParent === null);")
        WebDriverWait(self.driver, 60).until(ready)
        time.sleep(1.2)   # charts, pivots and the grid draw after the view is there

    def fill_many2one(self, field, text):
        """Type into a many2one field and pick the first suggestion (as a user does).
        The form re-renders on every onchange, so elements are looked up afresh."""
        from selenium.common.exceptions import StaleElementReferenceException
        for attempt in range(3):
            try:
                box = self.driver.find_element(By.CSS_SELECTOR, ".o_field_widget[name='%s'] input" % field)
                box.click()
                box.clear()
                box.send_keys(text)
                time.sleep(1.0)   # the suggestions follow each keystroke
                items = [e for e in self.driver.find_elements(By.CSS_SELECTOR, "ul.ui-autocomplete li.ui-menu-item")
                         if e.is_displayed()]
                if not items:
                    continue
                items[0].click()
                time.sleep(1.5)   # the onchange loads the grid
                return
            except StaleElementReferenceException:
                time.sleep(0.5)
        raise AssertionError("could not choose «%s» in %s" % (text, field))

    def save(self, name, full=False):
        height = HEIGHT
        if full:
            height = min(2400, self.driver.execute_script(
                "var d = document.documentElement; return Math.max(d.scrollHeight, document.body.scrollHeight);"))
        shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": bool(full),
            "clip": {"x": 0, "y": 0, "width": WIDTH, "height": max(height, HEIGHT), "scale": 1}})
        path = os.path.join(self.out, name + ".png")
        write_png(path, base64.b64decode(shot["data"]))
        return path

    def shoot(self, name, login, target, extra):
        self.login(login)
        kind = target[0]
        if kind == "url":
            self.driver.get(self.url + target[1])
            if extra.get("link"):
                links = self.driver.find_elements(By.LINK_TEXT, extra["link"])
                if links:
                    links[0].click()
            time.sleep(0.8)
        else:
            if kind == "menu":
                url, _action = self.menu_url(target[1])
            else:
                _kind, model, domain, menu = target
                ids = self.call(model, "search", domain, limit=1)
                assert ids, "no %s for %s" % (model, domain)
                url, action = self.menu_url(menu)
                url = "/web#id=%d&model=%s&view_type=form&menu_id=%d&action=%s" % (
                    ids[0], model, self.ref(menu), action)
            self.driver.get(self.url + "/web")   # a fresh client: the hash alone would not reload
            self.driver.get(self.url + url)
            self.wait_backoffice()
            for field, text in extra.get("fill", []):
                self.fill_many2one(field, text)
            if extra.get("tab"):
                self.driver.find_element(By.XPATH, "//ul[contains(@class, 'nav-tabs')]//a[normalize-space()='%s']"
                                         % extra["tab"]).click()
                time.sleep(0.5)
        return self.save(name, full=extra.get("full"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--only", help="shoot only images whose names start with these (comma-separated)")
    parser.add_argument("--presentation", default=os.path.join(HERE, "presentation", "slides.html"))
    parser.add_argument("--pdf", default=os.path.join(HERE, "presentation.pdf"))
    args = parser.parse_args()
    os.makedirs(IMG, exist_ok=True)
    shooter = Shooter(args.url, args.db)
    failed = []
    try:
        shooter.prepare()
        for name, login, target, extra in SHOTS:
            if args.only and not name.startswith(tuple(args.only.split(","))):
                continue
            started = time.time()
            try:
                shooter.shoot(name, login, target, extra)
                print("%-40s %4.1f s" % (name, time.time() - started), flush=True)
            except Exception as error:  # noqa: BLE001 -- report every failed shot, fail at the end
                failed.append(name)
                print("%-40s FAILED: %s" % (name, str(error).splitlines()[0] if str(error) else error),
                      file=sys.stderr, flush=True)
        if not args.only and os.path.exists(args.presentation):
            print_pdf(shooter.driver, args.presentation, args.pdf)
            print("presentation: %s" % args.pdf)
    finally:
        shooter.close()
    if failed:
        print("failed screenshots: %s" % ", ".join(failed), file=sys.stderr)
        return 1
    return 0


def print_pdf(driver, html_path, pdf_path):
    """Slides (16:9 pages of an HTML file) printed by Chromium itself."""
    driver.get("file://" + os.path.abspath(html_path))
    time.sleep(1)
    result = driver.execute_cdp_cmd("Page.printToPDF", {
        "landscape": False, "printBackground": True, "preferCSSPageSize": True,
        "marginTop": 0, "marginBottom": 0, "marginLeft": 0, "marginRight": 0})
    with open(pdf_path, "wb") as pdf:
        pdf.write(base64.b64decode(result["data"]))


if __name__ == "__main__":
    sys.exit(main())
