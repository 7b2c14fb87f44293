"""The district as `make district` runs it (scripts/district.sh): through nginx each school's
host name reaches its own database, the demo teacher logs in to school1, a session works on
either web node (the shared data_dir), with a web node killed the proxy still answers, and a
background print runs through queue_job's runner on the cron node. Run by
`make test-district-live` on a running district; skipped otherwise (EJOURNAL_DISTRICT_PORT)."""
import os
import signal
import subprocess
import time

import psycopg2
import pytest
import requests

PORT = os.environ.get("EJOURNAL_DISTRICT_PORT")
pytestmark = pytest.mark.skipif(not PORT, reason="needs a running district: `make district`, "
                                                 "then `make test-district-live`")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DISTRICT = os.path.join(ROOT, ".run", "district")
DOMAIN = os.environ.get("DISTRICT_DOMAIN", "localhost")
SCHOOLS = ["school1", "school2", "school3"]


def proxy(path, school, session=None, **kw):
    session = session or requests.Session()
    return session.get("http://127.0.0.1:%s%s" % (PORT, path), headers={"Host": "%s.%s" % (school, DOMAIN)},
                       timeout=60, **kw)


def rpc(url, path, params, session, host=None):
    r = session.post(url + path, json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params},
                     headers={"Host": host} if host else {}, timeout=60)
    r.raise_for_status()
    return r.json()


def node_port(node):
    with open(os.path.join(DISTRICT, "%s.conf" % node)) as f:
        return int(next(line for line in f if line.startswith("http_port")).split("=")[1])


def login(school, user):
    session = requests.Session()
    body = rpc("http://127.0.0.1:%s" % PORT, "/web/session/authenticate",
               {"db": school, "login": user, "password": user}, session, "%s.%s" % (school, DOMAIN))
    assert body.get("result", {}).get("uid"), body
    return session, body["result"]


def company(school):
    """The school's name in its database: its login page shows it."""
    with psycopg2.connect(dbname=school) as conn, conn.cursor() as cr:
        cr.execute("SELECT name FROM res_company WHERE id = 1")
        return "<h3>%s</h3>" % cr.fetchone()[0]


def test_each_school_host_reaches_its_own_database():
    names = {school: company(school) for school in SCHOOLS}
    assert len(set(names.values())) == len(SCHOOLS), names
    for school in SCHOOLS:
        r = proxy("/web/login", school)
        assert r.status_code == 200, (school, r.status_code)
        assert names[school] in r.text, school
        assert not [other for other in SCHOOLS if other != school and names[other] in r.text]
    # a host that names no school reaches no database
    assert proxy("/web/login", "nowhere").status_code == 404


def test_a_host_cannot_reach_another_schools_database_with_db_in_the_url():
    r = proxy("/web/login?db=school1", "school2")
    assert r.status_code == 200
    assert company("school2") in r.text and company("school1") not in r.text


def test_the_job_runners_route_is_not_public():
    # queue_job's runner calls a web node directly; through the proxy the route does not exist
    for path in ("/queue_job/runjob?db=school1&job_uuid=x", "/queue_job/session"):
        assert proxy(path, "school1").status_code == 404, path


def test_the_demo_teacher_logs_in_to_school1_and_his_session_works_on_both_nodes():
    session, info = login("school1", "teacher")
    assert info["db"] == "school1" and info["username"] == "teacher"
    host = "school1.%s" % DOMAIN
    through = rpc("http://127.0.0.1:%s" % PORT, "/web/dataset/call_kw/school.lesson/search_count",
                  {"model": "school.lesson", "method": "search_count", "args": [[]], "kwargs": {}}, session, host)
    assert through.get("result", 0) > 0, through
    # the same session cookie straight on each web node (the cookie is the host's, so the
    # host name goes along; no proxy header): sessions live in the shared data_dir
    for node in ("web1", "web2"):
        body = rpc("http://127.0.0.1:%d" % node_port(node), "/web/session/get_session_info", {}, session, host)
        assert body.get("result", {}).get("username") == "teacher", (node, body)
        assert body["result"]["db"] == "school1"


def test_a_killed_web_node_leaves_the_proxy_answering():
    session, _info = login("school1", "teacher")
    host = "school1.%s" % DOMAIN
    with open(os.path.join(DISTRICT, "web2.pid")) as f:
        pid = int(f.read())
    os.killpg(pid, signal.SIGKILL)
    try:
        time.sleep(1)
        for _i in range(12):
            body = rpc("http://127.0.0.1:%s" % PORT, "/web/dataset/call_kw/res.users/context_get",
                       {"model": "res.users", "method": "context_get", "args": [], "kwargs": {}}, session, host)
            assert body.get("result", {}).get("lang") == "ru_RU", body
            for school in SCHOOLS:
                assert proxy("/web/login", school).status_code == 200
    finally:
        subprocess.run(["bash", os.path.join(ROOT, "scripts", "district.sh"), "start-node", "web2"], check=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            requests.post("http://127.0.0.1:%d/web/webclient/version_info" % node_port("web2"), json={}, timeout=2)
            break
        except requests.RequestException:
            time.sleep(0.5)
    else:
        pytest.fail("web2 did not come back")


def call(session, host, model, method, args, kwargs=None):
    body = rpc("http://127.0.0.1:%s" % PORT, "/web/dataset/call_kw/%s/%s" % (model, method),
               {"model": model, "method": method, "args": args, "kwargs": kwargs or {}}, session, host)
    assert "error" not in body, body["error"]
    return body["result"]


def test_a_background_print_runs_through_the_cron_nodes_job_runner():
    """queue_job's runner is on the cron node; it runs each job by calling web1 directly
    with ?db= (no proxy header): the printed journal of one class comes back done."""
    with psycopg2.connect(dbname="school1") as conn, conn.cursor() as cr:
        cr.execute("SELECT 1 FROM ir_module_module WHERE name = 'queue_job' AND state = 'installed'")
        if not cr.fetchone():
            pytest.skip("queue_job is not installed in school1")
        cr.execute("""SELECT c.grade_level_id FROM school_class c GROUP BY c.grade_level_id
                      ORDER BY count(*), c.grade_level_id LIMIT 1""")
        level = cr.fetchone()[0]
    session, _info = login("school1", "school_admin")
    host = "school1.%s" % DOMAIN
    print_id = call(session, host, "school.journal.print", "create", [{"grade_level_id": level}])
    call(session, host, "school.journal.print", "action_start", [[print_id]])
    deadline, state = time.time() + 240, None
    while time.time() < deadline:
        state = call(session, host, "school.journal.print", "read", [[print_id], ["state"]])[0]["state"]
        if state in ("done", "failed"):
            break
        time.sleep(2)
    assert state == "done", state
    with psycopg2.connect(dbname="school1") as conn, conn.cursor() as cr:
        cr.execute("SELECT count(*), bool_and(state = 'done') FROM queue_job WHERE model_name LIKE "
                   "'school.journal.print%' AND date_created > now() - interval '10 minutes'")
        count, all_done = cr.fetchone()
    assert count >= 2 and all_done
