"""pytest plugin: Odoo 11 tests on Python 3.11.

Loaded with ``-p pytest_odoo311`` so that it runs before pytest-odoo imports
odoo (a conftest would be too late). It applies the compatibility layer and
mends two things pytest-odoo 2.3 does not do for Odoo 11:

* ``--odoo-http``: pytest-odoo calls ``server.start(stop=True)``, which on
  Odoo 11 starts and at once stops the server (and shuts logging down). Here a
  ``load_http`` fixture starts Odoo's threaded HTTP server once per session on
  the configured ``http_port`` (``odoo.tests.common.PORT``).
* ``HttpCase``: Odoo 11 opens the test's cursor before entering the registry's
  test mode, so ``self.env`` and the HTTP server see different transactions.
  Here the test uses the registry's test cursor too, so both share the one
  transaction that is rolled back at the end, as Odoo 12+ does.

It also checks that an addon's tests (``<addon>/tests/test_x.py``) were imported
once, as ``odoo.addons.<addon>.tests.test_x`` (pytest-odoo maps the name), and
not a second time as a top-level package beside Odoo's copy.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import odoo311_compat  # noqa: E402

odoo311_compat.apply()

import pytest  # noqa: E402

_http_server = None


def start_http_server():
    """Start Odoo's HTTP server in a daemon thread (idempotent)."""
    global _http_server
    if _http_server is None:
        import odoo
        from odoo.service import server, wsgi_server
        server.load_server_wide_modules()
        _http_server = server.ThreadedServer(wsgi_server.application)
        _http_server.http_spawn()
        # wait until the socket accepts connections
        import socket
        import time
        port = odoo.tools.config["http_port"]
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
    return _http_server


def _patch_http_case():
    import odoo
    from odoo.tests import common

    if getattr(common.HttpCase.setUp, "_odoo311", False):
        return

    def setUp(self):
        self.registry = odoo.registry(common.get_db_name())
        if self.registry_test_mode:
            self.registry.enter_test_mode()
            self.addCleanup(self.registry.leave_test_mode)
        # self.cr is now the registry's test cursor, the one HTTP requests use
        common.TransactionCase.setUp(self)
        if self.registry_test_mode:
            # cursor() took the cursor's lock for this thread; hold it only while
            # the test itself runs SQL, or the server thread would wait forever
            self.cr.release()
            self.addCleanup(self.cr.acquire)
        self.session = odoo.http.root.session_store.new()
        self.session_id = self.session.sid
        self.session.db = common.get_db_name()
        odoo.http.root.session_store.save(self.session)
        import requests
        self.opener = requests.Session()
        self.opener.cookies["session_id"] = self.session_id

    original_url_open = common.HttpCase.url_open

    def url_open(self, url, data=None, timeout=10):
        # a request ends by rolling back to the cursor's last "commit"
        # (a savepoint): keep what the test wrote before calling the server
        if self.registry_test_mode:
            self.cr.commit()
        return original_url_open(self, url, data=data, timeout=timeout)

    setUp._odoo311 = True
    common.HttpCase.setUp = setUp
    common.HttpCase.url_open = url_open


class _HttpFixtures:
    """Registered after pytest-odoo so that this load_http overrides its own."""

    @pytest.fixture(scope="session", autouse=True)
    @staticmethod
    def load_http(request, load_registry):
        if request.config.getoption("--odoo-http"):
            start_http_server()
        yield


def pytest_collection_finish(session):
    addons = {m.split(".")[2] for m in sys.modules if m.startswith("odoo.addons.") and m.count(".") >= 2}
    twice = sorted(name for name in addons if name in sys.modules)
    if twice:
        raise pytest.UsageError("imported both as odoo.addons.X and as a top-level package: %s" % twice)


def pytest_configure(config):
    if config.pluginmanager.hasplugin("pytest_odoo") or config.pluginmanager.hasplugin("odoo"):
        config.pluginmanager.register(_HttpFixtures(), "odoo311_http")
    _patch_http_case()
