"""A prefork Odoo of its own on the test database (`make run ARGS="--workers 2"`),
for what Odoo's test server cannot show: the workers and the longpolling process."""
import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager

import odoo
import requests
from odoo.tests.common import get_db_name

from .common import ROOT


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def prefork_server():
    """Yields the base URLs of the workers and of the longpolling process once a worker
    serves the login page (body in ``server["login_page"]``) and the longpolling process
    listens, and the server's output
    (``server["output"]``) once stopped."""
    http_port, poll_port = free_port(), free_port()
    cmd = [sys.executable, os.path.join(ROOT, "runtime", "launcher.py"),
           "-c", odoo.tools.config.rcfile, "-d", get_db_name(),
           "--workers", "2", "--max-cron-threads", "0",
           "--http-port", str(http_port), "--longpolling-port", str(poll_port), "--log-level", "warn"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    server = {"http": "http://127.0.0.1:%d" % http_port, "poll": "http://127.0.0.1:%d" % poll_port,
              "login_page": None}
    try:
        # a worker loads the registry on its first request: generous limits, the machine
        # may be busy (2 cores)
        deadline = time.time() + 180
        while time.time() < deadline:
            try:
                r = requests.get(server["http"] + "/web/login", timeout=120)
                if r.status_code == 200:
                    server["login_page"] = r.text
                    break
            except requests.ConnectionError:
                time.sleep(0.5)
        # the longpolling process starts beside the workers, on its own time
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", poll_port), timeout=5).close()
                break
            except OSError:
                time.sleep(0.5)
        yield server
    finally:
        proc.terminate()
        server["output"] = proc.communicate(timeout=30)[0].decode(errors="replace")
