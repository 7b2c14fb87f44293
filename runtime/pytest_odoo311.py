"""pytest plugin: Odoo 11 tests on Python 3.11.

Loaded with ``-p pytest_odoo311`` so that it runs before pytest-odoo imports
odoo (a conftest would be too late). It applies the compatibility layer and
mends two things pytest-odoo 2.3 does not do for Odoo 11:

* ``--odoo-http``: pytest-odoo calls ``server.start(stop=True)``, which on
  Odoo 11 starts and at once stops the server (and shuts logging down). Here a
  ``load_http`` fixture starts Odoo's threaded HTTP server once per session on
  the configured ``http_port`` (``odoo.tests.common.PORT``).
* ``HttpCase``: the test and the HTTP server share one transaction
  (odoo311_testing.py; Odoo's own --test-enable run gets it from launcher.py).

It also checks that an addon's tests (``<addon>/tests/test_x.py``) were imported
once, as ``odoo.addons.<addon>.tests.test_x`` (pytest-odoo maps the name), and
not a second time as a top-level package beside Odoo's copy.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import odoo311_compat  # noqa: E402
import odoo311_testing  # noqa: E402

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
    # Odoo's runner runs only the test modules an addon's tests/__init__.py imports
    missing = set()
    for path in {str(item.path) for item in session.items}:
        folder, name = os.path.split(path)
        init = os.path.join(folder, "__init__.py")
        if name.startswith("test_") and os.path.isfile(os.path.join(os.path.dirname(folder), "__manifest__.py")):
            with open(init, encoding="utf-8") as f:
                if not re.search(r"^from \. import %s$" % re.escape(name[:-3]), f.read(), re.M):
                    missing.add(os.path.relpath(path))
    if missing:
        raise pytest.UsageError("add to the tests package's __init__.py (Odoo's runner): %s" % sorted(missing))


def pytest_configure(config):
    if config.pluginmanager.hasplugin("pytest_odoo") or config.pluginmanager.hasplugin("odoo"):
        config.pluginmanager.register(_HttpFixtures(), "odoo311_http")
    odoo311_testing.share_test_cursor()
