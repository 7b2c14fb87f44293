"""Odoo 11 as a library for the bench scripts: the project's compat layer first
(as runtime/launcher.py does), then a registry for one database."""
import contextlib
import os
import platform
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "runtime"))

import odoo311_compat  # noqa: E402

odoo311_compat.apply()

import odoo  # noqa: E402
from odoo import SUPERUSER_ID, api  # noqa: E402,F401


def load(conf, db, log_level="warn"):
    odoo.tools.config.parse_config(["-c", conf, "-d", db, "--log-level=%s" % log_level])
    odoo.service.server.load_server_wide_modules()
    return odoo.registry(db)


@contextlib.contextmanager
def environment(registry, uid=SUPERUSER_ID, commit=True):
    """An env on a fresh cursor; committed at the end (or rolled back)."""
    with api.Environment.manage():
        cr = registry.cursor()
        try:
            env = api.Environment(cr, uid, {"lang": "ru_RU", "tz": "Europe/Moscow",
                                            "tracking_disable": True, "mail_create_nolog": True,
                                            "no_reset_password": True})
            yield env
            if commit:
                cr.commit()
            else:
                cr.rollback()
        except BaseException:
            cr.rollback()
            raise
        finally:
            cr.close()


def machine():
    """nproc, memory and CPU model, for the record of every run."""
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            mem_kb = int(f.readline().split()[1])
    except OSError:
        mem_kb = 0
    return {"nproc": os.cpu_count(), "memory_gb": round(mem_kb / 1024 / 1024, 1), "cpu": cpu,
            "python": platform.python_version(), "kernel": platform.release()}
