"""Headless Chromium (Debian's chromium and chromium-driver) for the browser tests."""
import os
import shutil
import tempfile

import odoo

CHROMIUM = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")


def start_chromium(case, timeout, window="1280,1000"):
    """A Chromium for ``case`` (an HttpCase) on the test server, quit with the
    test: sets ``case.driver`` and ``case.base``; skips the test when Chromium is
    not installed."""
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
    case.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    case.addCleanup(case.driver.quit)
    case.driver.set_page_load_timeout(timeout)
    case.base = "http://127.0.0.1:%s" % odoo.tools.config["http_port"]
    return case.driver
