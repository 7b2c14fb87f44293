"""The district's streaming replica (scripts/replica.sh, docs/scale-out.md): a grade
saved on the primary through the ORM reaches the replica, the seals of the closed
periods verify there on a read-only Odoo, the metrics pivot and the period export
read there give the primary's answer, and the nightly backup runs from it.
`make test-district` starts the replica and runs this; `make test` skips it."""
import json
import os
import re
import subprocess
import sys
import tempfile
import time

import psycopg2
import pytest

PORT = os.environ.get("EJOURNAL_REPLICA_PORT")
pytestmark = pytest.mark.skipif(not PORT, reason="the replica runs under `make test-district`")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SAVE = """
grade = env["school.grade"].search([("period_id.state", "=", "open")], limit=1, order="id")
grade.write({"comment": %r})
env.cr.commit()
print("GRADE", grade.id)
"""
VERIFY = """
seals = env["school.period.seal"].search([])
env.cr.execute("SELECT pg_is_in_recovery()")
print("RECOVERY", env.cr.fetchone()[0], "SEALS", len(seals), "PROBLEMS", len(seals._verify()))
"""

# the deputy's metrics pivot (by class and subject) and export of the first closed period (the
# demo's last year)
READS = """
import hashlib, json
deputy = env(user=env.ref("school_ejournal.user_deputy").id)
period = deputy["school.period"].search([("state", "=", "closed")], order="date_start, id", limit=1)
export = deputy["school.period.export"]._export(period)
export.pop("generated_at")
pivot = deputy["school.report.metrics"].read_group(
    [("period_id", "=", period.id)], ["n_students", "n5", "n4", "n3", "n2", "quality_pct", "sou"],
    ["class_id", "subject_id"], lazy=False)
rows = sorted((r["class_id"][1], r["subject_id"][1], r["n_students"], r["n5"], r["n4"], r["n3"], r["n2"],
               round(r["quality_pct"], 1), round(r["sou"], 1)) for r in pivot)
print("READS", json.dumps({"period": period.name, "period_grades": len(export["period_grades"]),
                           "pivot_rows": len(rows),
                           "export": hashlib.sha256(json.dumps(export, sort_keys=True).encode()).hexdigest(),
                           "pivot": hashlib.sha256(json.dumps(rows).encode()).hexdigest()}, ensure_ascii=False))
"""


def odoo_shell(conf, script):
    done = subprocess.run([sys.executable, os.path.join(ROOT, "runtime", "launcher.py"), "shell", "-c", conf,
                           "-d", os.environ["EJOURNAL_DB"], "--log-level=warn"],
                          input=script, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def replica_conf():
    """Odoo on the replica: read-only, so no language to load and no crons."""
    with open(os.environ["EJOURNAL_CONF"]) as source:
        lines = [line for line in source if not re.match(r"(load_language|db_port|max_cron_threads)\s*=", line)]
    handle, path = tempfile.mkstemp(suffix=".conf")
    with os.fdopen(handle, "w") as conf:
        # in [options]: the file ends with other sections ([queue_job])
        at = lines.index("[options]\n") + 1
        conf.writelines(lines[:at] + ["db_port = %s\n" % PORT, "max_cron_threads = 0\n"] + lines[at:])
    return path


def replica_value(sql, params):
    with psycopg2.connect(dbname=os.environ["EJOURNAL_DB"], port=PORT) as conn, conn.cursor() as cr:
        cr.execute(sql, params)
        return cr.fetchone()


def test_a_grade_saved_on_the_primary_reaches_the_replica_and_the_seals_verify_there():
    marker = "реплика %s" % time.time()
    grade_id = int(re.search(r"GRADE (\d+)", odoo_shell(os.environ["EJOURNAL_CONF"], SAVE % marker)).group(1))
    seen, deadline = None, time.time() + 30
    while time.time() < deadline:
        seen = replica_value("SELECT comment FROM school_grade WHERE id = %s", (grade_id,))[0]
        if seen == marker:
            break
        time.sleep(0.2)
    assert seen == marker
    # the change log written with it came along: the same transaction
    assert replica_value("SELECT count(*) FROM school_change_log WHERE model = 'school.grade' AND res_id = %s",
                         (grade_id,))[0] >= 1
    conf = replica_conf()
    try:
        out = odoo_shell(conf, VERIFY)
    finally:
        os.unlink(conf)
    found = re.search(r"RECOVERY (\w+) SEALS (\d+) PROBLEMS (\d+)", out)
    assert found, out
    assert found.group(1) == "True", "the read-only Odoo ran on the replica"
    assert int(found.group(2)) > 0, "the demo school has closed periods with seals"
    assert found.group(3) == "0"


def test_the_metrics_pivot_and_the_period_export_read_on_the_replica_match_the_primary():
    def reads(conf):
        found = re.search(r"READS (.*)", odoo_shell(conf, READS))
        assert found
        return json.loads(found.group(1))
    primary = reads(os.environ["EJOURNAL_CONF"])
    assert primary["period_grades"] > 0 and primary["pivot_rows"] > 0, primary
    conf = replica_conf()
    try:
        on_replica = reads(conf)
    finally:
        os.unlink(conf)
    assert on_replica == primary


def test_the_nightly_backup_runs_from_the_replica():
    with tempfile.TemporaryDirectory() as out_dir:
        done = subprocess.run(["bash", os.path.join(ROOT, "scripts", "backup.sh"), os.environ["EJOURNAL_DB"], out_dir],
                              env=dict(os.environ, PGPORT=PORT), capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-3000:]
        base = done.stdout.strip().splitlines()[-1]
        listing = subprocess.run(["pg_restore", "--list", base + ".dump"], capture_output=True, text=True,
                                 check=True).stdout
        assert "TABLE DATA public school_grade" in listing
        assert subprocess.run(["sha256sum", "-c", os.path.basename(base) + ".sha256"], cwd=out_dir,
                              capture_output=True).returncode == 0
