"""Headless Chromium (Debian's chromium and chromium-driver) for the browser tests."""
import json
import os
import re
import shutil
import tempfile
import threading
import time

import odoo
from odoo.tests.common import HttpCase

from .common import ROOT

try:
    from selenium.common.exceptions import StaleElementReferenceException
except ImportError:  # an Odoo installation without the test requirements: the scenarios skip
    class StaleElementReferenceException(Exception):
        pass

CHROMIUM = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")
TIMEOUT = 60
# every scenario's clicks, keys and seconds, one JSON line each (for the notes)
FIGURES = os.path.join(ROOT, ".run", "browser_figures.jsonl")


def start_chromium(case, timeout, window="1280,1000"):
    """A Chromium for ``case`` (an HttpCase) on the test server, quit with the
    test: sets ``case.driver`` and ``case.base``; skips the test when Chromium is
    not installed, and under Odoo's own runner (--test-enable): the scenarios take
    minutes, ``make test`` (pytest) runs them."""
    if not os.environ.get("PYTEST_CURRENT_TEST"):  # set by pytest while a test runs
        case.skipTest("browser scenario: run by pytest (make test), not by Odoo's --test-enable runner")
    if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
        case.skipTest("Chromium is not installed (%s, %s): install the Debian packages chromium and "
                      "chromium-driver (scripts/setup.sh does)" % (CHROMIUM, CHROMEDRIVER))
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    profile = tempfile.mkdtemp(prefix="ejournal-chromium-")
    case.addCleanup(shutil.rmtree, profile, ignore_errors=True)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=%s" % profile, "--window-size=%s" % window,
                "--lang=ru-RU"):
        options.add_argument(arg)
    # the browser's «today» is the demo users' (the web client's context_today()):
    # late in the UTC evening, Moscow is a day ahead
    from ..populate.demo import DEMO_TZ
    case.driver = webdriver.Chrome(service=Service(CHROMEDRIVER, env=dict(os.environ, TZ=DEMO_TZ)),
                                   options=options)
    case.addCleanup(case.driver.quit)
    case.driver.set_page_load_timeout(timeout)
    case.base = "http://127.0.0.1:%s" % odoo.tools.config["http_port"]
    return case.driver


class BrowserCase(HttpCase):
    """A Chromium per test, logged in as one user, with waits for the web client."""

    window = "1280,1000"

    def setUp(self):
        super(BrowserCase, self).setUp()
        start_chromium(self, TIMEOUT, window=self.window)
        self.clicks = self.keys = 0
        self.started = time.time()
        self._holding = False
        self.addCleanup(self.browser_turn)
        self._take_turn_on_sql()
        load = self.driver.get

        def get(url):  # a page load waits for the server: the browser's turn
            self.browser_turn()
            return load(url)
        self.driver.get = get
        run_async = self.driver.execute_async_script

        def execute_async_script(script, *args):  # a script that waits for the server
            self.browser_turn()
            return run_async(script, *args)
        self.driver.execute_async_script = execute_async_script

    # ------------------------------------------------------------------ helpers
    # The test and the server's request threads share one test cursor, serialised by
    # its lock, which the test thread does not hold (runtime/pytest_odoo311.py). The
    # test takes it while it reads or writes the database (fresh()) and gives it back,
    # with its writes kept (commit: a savepoint), before the browser acts again.
    def db_turn(self):
        if not self._holding:
            time.sleep(0.2)
            self.wait(lambda: not self.visible(".o_loading"), "the end of loading")
            self.cr.acquire()
            self._holding = True

    def _take_turn_on_sql(self):
        """Any SQL of the test thread first takes the cursor's lock (db_turn): a
        write between two browser actions could otherwise run while a request
        of the browser is still open, and that request's end (a rollback to the
        savepoint) would undo half of it."""
        test_thread = threading.current_thread()
        cursor = self.cr
        execute = cursor.execute

        def execute_in_turn(*args, **kwargs):
            if threading.current_thread() is test_thread and not self._holding:
                self.db_turn()
            return execute(*args, **kwargs)
        cursor.execute = execute_in_turn
        self.addCleanup(vars(cursor).pop, "execute", None)

    def browser_turn(self):
        if self._holding:
            self.cr.commit()
            self.cr.release()
            self._holding = False

    def login(self, login):
        self.browser_turn()
        self.cr.commit()  # TestCursor: a savepoint, see runtime/pytest_odoo311.py
        self.driver.get(self.base + "/web/login")
        self.driver.find_element("name", "login").send_keys(login)
        self.driver.find_element("name", "password").send_keys(login)
        self.driver.find_element("css selector", "form.oe_login_form button[type=submit]").click()
        self.wait_css(".o_main_navbar, .o_web_client")
        self.wait_idle()
        self.clicks, self.keys = 0, 0
        self.started = time.time()

    def wait(self, condition, what):
        self.browser_turn()
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            self.browser_turn()  # a condition that read the database took the lock
            try:
                value = condition()
            except StaleElementReferenceException:  # the page redrew what the condition read
                value = None
            if value:
                return value
            time.sleep(0.1)
        try:  # what the browser showed, for the one who reads the failure
            shots = os.path.join(os.path.dirname(FIGURES), "browser_failures")
            os.makedirs(shots, exist_ok=True)
            self.driver.save_screenshot(os.path.join(shots, "%s.png" % self.id().rsplit(".", 1)[-1]))
        except Exception:  # noqa: BLE001 - the failure below matters, not the picture
            pass
        self.fail("waited %ss for %s on %s; the page says: %s"
                  % (TIMEOUT, what, self.driver.current_url, self.text()[:1500]))

    def visible(self, css):
        shown = []
        for element in self.driver.find_elements("css selector", css):
            try:
                displayed = element.is_displayed()
            except StaleElementReferenceException:  # removed from the page since it was found
                displayed = False
            if displayed:
                shown.append(element)
        return shown

    def wait_css(self, css):
        return self.wait(lambda: self.visible(css), css)[0]

    def wait_idle(self):
        """No RPC in flight (the web client's «Загрузка» indicator) and no error dialog."""
        time.sleep(0.2)
        self.wait(lambda: not self.visible(".o_loading"), "the end of loading")
        self.assertNoError()

    def assertNoError(self):
        """No error dialog, no warning toast (the web client's own checks, e.g. of
        required fields, answer in a toast that fades after a few seconds)."""
        for _attempt in range(5):
            try:
                errors = self._errors_shown()
                break
            except StaleElementReferenceException:  # a dialog closed while read: read again
                time.sleep(0.2)
        else:
            errors = self._errors_shown()
        self.assertFalse(errors, "an error on %s: %s" % (self.driver.current_url, errors))

    def _errors_shown(self):
        # the end of a server traceback names the error
        errors = [d.text + " " + " ".join(e.get_attribute("textContent")[-1500:] for e in details)
                  for d in self.visible(".modal")
                  for details in [d.find_elements("css selector", ".o_error_detail")]
                  if details or d.find_elements("css selector", ".o_dialog_warning")]
        return errors + [n.text for n in self.visible(".o_notification.o_error")]

    def wait_saved(self):
        """The form saved (its record has an id in the URL) or an error shows."""
        self.wait(lambda: re.search(r"[#&]id=\d+", self.driver.current_url) or self.visible(
            ".modal .o_dialog_warning, .modal .o_error_detail, .o_notification.o_error"), "the save")
        self.wait_idle()

    def text(self):
        try:
            return self.driver.find_element("tag name", "body").text
        except Exception:  # noqa: BLE001 - a page between two loads
            return ""

    def click(self, element):
        self.browser_turn()
        element.click()
        self.clicks += 1
        self.wait_idle()

    def click_css(self, css):
        self.click(self.wait_css(css))

    def click_text(self, css, text):
        element = self.wait(lambda: [e for e in self.visible(css) if e.text.strip() == text], "«%s»" % text)[0]
        self.click(element)

    def menu(self, leaf):
        """A click on a menu entry in the left bar, after a click on the app
        «Электронный журнал» in the top bar when another app is open."""
        css = "a[data-menu-xmlid='school_ejournal.%s']" % leaf
        if not self.visible(css):
            self.click_css("a[data-menu-xmlid='school_ejournal.menu_root']")
        self.click_css(css)

    def type(self, element, text):
        self.browser_turn()
        element.send_keys(text)
        self.keys += len(text)

    def type_field(self, name, text):
        element = self.wait_css(".o_field_widget[name='%s'] input, input.o_field_widget[name='%s'], "
                                "textarea.o_field_widget[name='%s']" % (name, name, name))
        self.click(element)
        if element.get_attribute("value"):  # a value set by the form: select it, type over it
            from selenium.webdriver.common.keys import Keys
            element.send_keys(Keys.CONTROL, "a")
            self.keys += 1
        self.type(element, text)
        self.wait_idle()
        return element

    def pick(self, name, text, choice=None):
        """A many2one or many2many_tags: type, then click the suggestion."""
        self.type_field(name, text)
        self.click_text("ul.ui-autocomplete li a", choice or text)

    def report(self, scenario, max_clicks=None, max_keys=None):
        """Prints the clicks, keys and seconds of a scenario (and appends them to
        .run/browser_figures.jsonl), asserts the limits given and starts counting
        the next scenario."""
        clicks, keys, seconds = self.clicks, self.keys, round(time.time() - self.started, 1)
        print("\n%s: %s clicks, %s keys, %s s" % (scenario, clicks, keys, seconds))
        try:
            with open(FIGURES, "a") as out:
                out.write(json.dumps({"scenario": scenario, "clicks": clicks, "keys": keys, "seconds": seconds,
                                      "test": self.id()}, ensure_ascii=False) + "\n")
        except OSError:
            pass
        self.clicks = self.keys = 0
        self.started = time.time()
        if max_clicks is not None:
            self.assertLessEqual(clicks, max_clicks, "%s: clicks" % scenario)
        if max_keys is not None:
            self.assertLessEqual(keys, max_keys, "%s: keys" % scenario)

    def fresh(self):
        """The database as the browser left it, read under the cursor's lock
        (held until the browser acts again)."""
        self.db_turn()
        self.env["res.users"].invalidate_cache()  # all models
