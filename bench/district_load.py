"""District load test: simulated teachers of the district's schools (scripts/district.sh)
saving lessons through the proxy, while one web node is killed with SIGKILL and restarted.

    python bench/district_load.py [-n 150] [--seconds 60] [--kill web1]

Each simulated teacher logs in to his school through nginx (Host: schoolN.localhost) and
does what bench/loadtest.py's teachers do (its save_lesson: open one of his December lessons,
save attendance with up to 6 grades, 3 RPC calls, think time between saves; some class
teachers mark attendance on a lesson of their class at the same time). The teachers of a
school are spread over its teacher logins (a login may serve several simulated teachers:
each gets his own session and his own share of the login's lessons, so no two write the
same grade).

In the middle of the run the node named by --kill is killed (SIGKILL to its process
group: master, HTTP workers, long-polling process) and started again by
`scripts/district.sh start-node`. A save that fails (a request cut by the kill, a 502 from
nginx) is tried again, from the start, up to --tries times; a session the server no longer
knows is logged in again. Every error a client saw is counted by kind.

Afterwards every acknowledged grade is looked up in its school's database: the run FAILS
(exit code 1) if one is missing or has another value. Rows a save wrote without an
acknowledgement (it gave up) are "in doubt" and left out of that check.

Then the saturation ramp (--ramp, 0 to skip): closed-loop teachers of all schools, no
think time, in steps of doubling concurrency for --step-seconds each; each step's saves/s
and p95. The saturation point is the step where p95 first passes 1 s (the last step's
figure if it never does); as teachers per CPU core at one save per teacher per minute:
saves/s × 60 / cores.
"""
import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time

import requests

try:
    from bench import odoo_env
    from bench.benchmark import RESULTS, Client
    from bench.loadtest import pct, pick_users, save_lesson
except ImportError:
    import odoo_env
    from benchmark import RESULTS, Client
    from loadtest import pct, pick_users, save_lesson

ROOT = odoo_env.ROOT
DISTRICT = os.path.join(ROOT, ".run", "district")


def log(msg):
    print("[district-load] %s" % msg, file=sys.stderr, flush=True)


class ProxyClient(Client):
    """benchmark.Client through nginx: the school's host name picks its database."""

    def __init__(self, proxy, host, db, login, password):
        self.host = host
        self.db, self.login, self.password = db, login, password
        super().__init__(proxy, db, login, password, headers={"Host": host})

    @staticmethod
    def _error_text(error):
        # the error's name and message, without the server's traceback
        data = error.get("data") or {}
        return json.dumps({"name": data.get("name"), "message": data.get("message")}, ensure_ascii=False)

    def relogin(self):
        Client.__init__(self, self.url, self.db, self.login, self.password, headers={"Host": self.host})


def error_kind(exc):
    if isinstance(exc, requests.HTTPError) and exc.response is not None:
        return "http_%d" % exc.response.status_code
    if isinstance(exc, requests.Timeout):
        return "timeout"
    if isinstance(exc, requests.ConnectionError):
        return "connection"
    if isinstance(exc, ValueError) and not isinstance(exc, RuntimeError):
        return "not_json"
    text = str(exc)
    if "SessionExpired" in text or "Session expired" in text:
        return "session_expired"
    # benchmark.Client raises the JSON-RPC error, cut to 2,000 characters
    name = re.search(r'"name": "([\w.]+)"', text)
    return "rpc_" + name.group(1).rsplit(".", 1)[-1] if name else "other_" + type(exc).__name__


def teachers(schools, proxy, domain, n, registries):
    """n simulated teachers spread evenly over the schools: [(school, login, lessons, foreign)]
    and the attendance codes of each school."""
    plan, codes = [], {}
    per_school = [n // len(schools) + (1 if i < n % len(schools) else 0) for i in range(len(schools))]
    for school, count in zip(schools, per_school):
        users, foreign, codes[school] = pick_users(registries[school], count)
        assert users, "%s has no teacher with December lessons" % school
        shares = {}
        for k in range(count):
            login, _uid, lessons = users[k % len(users)]
            shares.setdefault(login, []).append(k)
        for login, _uid, lessons in users:
            ks = shares.get(login, [])
            for j, _k in enumerate(ks):
                mine = lessons[j::len(ks)] or lessons
                # the class teacher's contention only for the login's first session
                plan.append((school, login, mine, foreign.get(login) if j == 0 else None))
        log("%s: %d simulated teachers on %d logins" % (school, count, len(users)))
    return plan, codes


class Run(object):
    """Shared tallies of one phase."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies, self.times, self.errors, self.gave_up = [], [], {}, 0
        self.saves, self.marks, self.relogins = 0, 0, 0
        self.acked, self.doubt, self.samples = {}, {}, {}

    def error(self, kind, exc):
        with self.lock:
            self.errors[kind] = self.errors.get(kind, 0) + 1
            samples = self.samples.setdefault(kind, [])
            if len(samples) < 2:
                samples.append(str(exc)[-400:])


def teacher(run, client, school, login, lessons, foreign, codes, deadline, seed, think, tries):
    rng = random.Random(seed)
    i = 0
    if think[1]:
        time.sleep(rng.uniform(0, think[1]))
    while time.time() < deadline:
        i += 1
        contend = bool(foreign) and rng.random() < 0.5
        lesson_id = rng.choice(foreign if contend else lessons)
        t0 = time.perf_counter()
        pending = {}
        for attempt in range(tries):
            try:
                graded = save_lesson(client, login, lesson_id, i, rng, codes, contend, pending)
                break
            except Exception as e:  # noqa: BLE001
                kind = error_kind(e)
                run.error(kind, e)
                time.sleep(0.5 * (attempt + 1))
                if kind == "session_expired":
                    try:
                        client.relogin()
                        with run.lock:
                            run.relogins += 1
                    except Exception as e2:  # noqa: BLE001
                        run.error("relogin_" + error_kind(e2), e2)
        else:
            with run.lock:
                run.gave_up += 1
                # what the last attempt may have written without telling: not checked
                run.doubt.update({(school, row): True for row in pending})
            continue
        with run.lock:
            run.latencies.append(time.perf_counter() - t0)
            run.times.append(time.time())
            if contend:
                run.marks += 1
            else:
                run.saves += 1
                run.acked.update({(school, row): value for row, value in graded.items()})
        if think[1]:
            time.sleep(min(rng.uniform(*think), max(0.0, deadline - time.time())))


def login_all(plan, proxy, domain):
    clients = []
    for school, login, _lessons, _foreign in plan:
        clients.append(ProxyClient(proxy, "%s.%s" % (school, domain), school, login, login))
    return clients


def run_phase(plan, clients, codes, seconds, think, tries, on_the_way=None):
    run = Run()
    deadline = time.time() + seconds
    threads = [threading.Thread(target=teacher, args=(
        run, client, school, login, lessons, foreign, codes[school], deadline, i, think, tries), daemon=True)
        for i, (client, (school, login, lessons, foreign)) in enumerate(zip(clients, plan))]
    started = time.time()
    for t in threads:
        t.start()
    extra = on_the_way() if on_the_way else None
    for t in threads:
        t.join(seconds + 600)
    # the load's window: from the start to the deadline or the last save that began before it
    return run, max([deadline] + run.times) - started, extra


def kill_and_restart(node, after):
    """SIGKILL to the node's process group `after` s from now, then district.sh start-node;
    returns the times of the kill, the restart and the node's first answer."""
    time.sleep(after)
    with open(os.path.join(DISTRICT, "%s.pid" % node)) as f:
        pid = int(f.read())
    port = None
    with open(os.path.join(DISTRICT, "%s.conf" % node)) as f:
        for line in f:
            if line.startswith("http_port"):
                port = int(line.split("=")[1])
    killed = time.time()
    os.killpg(pid, 9)
    log("killed %s (process group %d)" % (node, pid))
    # the orphaned workers are gone with the group; the port is free again at once
    time.sleep(2)
    subprocess.run(["bash", os.path.join(ROOT, "scripts", "district.sh"), "start-node", node], check=True)
    restarted = time.time()
    answered = None
    for _i in range(300):
        try:
            requests.post("http://127.0.0.1:%d/web/webclient/version_info" % port, json={}, timeout=2)
            answered = time.time()
            break
        except requests.RequestException:
            time.sleep(0.2)
    log("%s restarted; answers after %.1f s" % (node, (answered or time.time()) - killed))
    return {"node": node, "killed_at": killed, "restart_command_done_s": round(restarted - killed, 1),
            "answers_again_s": round(answered - killed, 1) if answered else None}


def lost_writes(registries, acked, doubt):
    lost, checked = [], 0
    for school, registry in registries.items():
        rows = {row: value for (s, row), value in acked.items() if s == school and (s, row) not in doubt}
        checked += len(rows)
        with odoo_env.environment(registry, commit=False) as env:
            env.cr.execute("SELECT attendance_id, value FROM school_grade WHERE sequence = 1 AND attendance_id IN %s",
                           (tuple(rows) or (0,),))
            stored = dict(env.cr.fetchall())
        lost += [(school, row) for row, value in rows.items() if stored.get(row) != value]
    return lost, checked


def summary(run, elapsed):
    lat = run.latencies
    return {"seconds": round(elapsed, 1), "saves": run.saves, "class_teacher_marks": run.marks,
            "saves_per_s": round(len(lat) / elapsed, 2) if elapsed else None,
            "p50_s": pct(lat, 50), "p95_s": pct(lat, 95), "p99_s": pct(lat, 99),
            "mean_s": statistics.mean(lat) if lat else None,
            "errors_by_kind": dict(sorted(run.errors.items())), "error_samples": run.samples,
            "saves_given_up": run.gave_up,
            "relogins": run.relogins}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schools", default="school1,school2,school3")
    parser.add_argument("--port", type=int, default=int(os.environ.get("DISTRICT_PORT", 8080)))
    parser.add_argument("--domain", default=os.environ.get("DISTRICT_DOMAIN", "localhost"))
    parser.add_argument("-n", "--users", type=int, default=150)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--think-min", type=float, default=2.0)
    parser.add_argument("--think-max", type=float, default=6.0)
    parser.add_argument("--kill", default="web1", help="the node to kill in the middle ('' for none)")
    parser.add_argument("--tries", type=int, default=5)
    parser.add_argument("--ramp", default="2,4,6,8,12,16,24,32", help="closed-loop steps of concurrency")
    parser.add_argument("--step-seconds", type=int, default=10)
    args = parser.parse_args(argv)
    os.makedirs(RESULTS, exist_ok=True)
    schools = args.schools.split(",")
    proxy = "http://127.0.0.1:%d" % args.port
    registries = {}
    for school in schools:
        registries[school] = odoo_env.load(os.path.join(ROOT, ".run", "%s.conf" % school), school)
    plan, codes = teachers(schools, proxy, args.domain, args.users, registries)
    t0 = time.time()
    clients = login_all(plan, proxy, args.domain)
    # the first requests of every worker load the schools' registries: not part of the clock
    for client in clients:
        client.kw("res.users", "context_get", [])
    log("%d teachers logged in through the proxy in %.1f s; load for %d s%s"
        % (len(clients), time.time() - t0, args.seconds,
           ", %s killed at %.0f s" % (args.kill, args.seconds * 0.4) if args.kill else ""))
    kill = (lambda: kill_and_restart(args.kill, args.seconds * 0.4)) if args.kill else None
    run, elapsed, killed = run_phase(plan, clients, codes, args.seconds, (args.think_min, args.think_max),
                                     args.tries, kill)
    lost, checked = lost_writes(registries, run.acked, run.doubt)
    report = {"machine": odoo_env.machine(), "schools": schools, "users": len(plan),
              "logins": len({(s, login) for s, login, _l, _f in plan}),
              "think_time_s": [args.think_min, args.think_max], "kill": killed,
              "run": summary(run, elapsed), "grades_acknowledged": len(run.acked),
              "grades_checked": checked, "grades_in_doubt": len(run.doubt), "lost_writes": len(lost),
              "lost_samples": lost[:10]}
    if killed:
        # saves/s and p95 in the 10 s after the kill, against the run's
        after = [lat for lat, at in zip(run.latencies, run.times) if 0 <= at - killed["killed_at"] < 10]
        report["after_kill_10s"] = {"saves": len(after), "p95_s": pct(after, 95), "max_s": max(after or [0])}
    steps = []
    # the ramp's teachers: distinct logins first, the schools in turn, no class teacher's contention
    seen, order = {}, []
    for i, (school, login, _lessons, foreign) in enumerate(plan):
        if foreign is None:
            j = seen[(school, login)] = seen.get((school, login), -1) + 1
            order.append((j, len([o for o in order if o[2] == school and o[0] == j]), school, i))
    order = [o[3] for o in sorted(order)]
    for concurrency in [int(c) for c in args.ramp.split(",") if c]:
        chosen = order[:concurrency]
        step, step_elapsed, _ = run_phase([plan[i] for i in chosen], [clients[i] for i in chosen], codes,
                                          args.step_seconds, (0, 0), args.tries)
        steps.append(dict(summary(step, step_elapsed), concurrency=concurrency))
        lost_step, _c = lost_writes(registries, step.acked, step.doubt)
        report["lost_writes"] += len(lost_step)
        log("ramp %d teachers: %.1f saves/s, p95 %.3f s" % (concurrency, steps[-1]["saves_per_s"],
                                                             steps[-1]["p95_s"] or 0))
        if (steps[-1]["p95_s"] or 0) > 1.0:
            break
    report["ramp"] = steps
    if steps:
        over = [s for s in steps if (s["p95_s"] or 0) > 1.0]
        point = over[0] if over else steps[-1]
        cores = os.cpu_count()
        report["saturation"] = {
            "concurrency": point["concurrency"], "saves_per_s": point["saves_per_s"], "p95_s": point["p95_s"],
            "p95_passed_1s": bool(over), "cores": cores,
            "teachers_per_core_at_one_save_a_minute": round(point["saves_per_s"] * 60 / cores)}
    path = os.path.join(RESULTS, "district-%s.json" % time.strftime("%Y%m%d-%H%M%S"))
    with open(path, "w") as f:
        json.dump(report, f, ensure_ascii=False, indent=1)
    r = report["run"]
    print("machine: %(cpu)s, %(nproc)s cores, %(memory_gb)s GB, Python %(python)s" % report["machine"])
    print("district load: %d simulated teachers on %d logins in %s, %s s, think time %s s, through nginx"
          % (report["users"], report["logins"], ", ".join(schools), r["seconds"], report["think_time_s"]))
    print("  saves %d + class-teacher marks %d, %.2f/s; latency p50 %.3f s, p95 %.3f s, p99 %.3f s"
          % (r["saves"], r["class_teacher_marks"], r["saves_per_s"], r["p50_s"] or 0, r["p95_s"] or 0,
             r["p99_s"] or 0))
    if killed:
        print("  %s killed (SIGKILL) and restarted, answering again %s s after the kill; in the 10 s after it: "
              "%d saves, p95 %.3f s" % (killed["node"], killed["answers_again_s"], report["after_kill_10s"]["saves"],
                                        report["after_kill_10s"]["p95_s"] or 0))
    print("  errors seen by clients (each retried): %s; saves given up: %d; logins again: %d"
          % (r["errors_by_kind"] or "none", r["saves_given_up"], r["relogins"]))
    for kind, samples in sorted(r["error_samples"].items()):
        print("  %s, e.g.: %s" % (kind, samples[0][-300:].replace("\n", " ")))
    print("  grades acknowledged %d, checked %d, in doubt %d, LOST %d"
          % (report["grades_acknowledged"], report["grades_checked"], report["grades_in_doubt"],
             report["lost_writes"]))
    for s in steps:
        print("  ramp: %3d closed-loop teachers: %.1f saves/s, p50 %.3f s, p95 %.3f s, errors %s"
              % (s["concurrency"], s["saves_per_s"], s["p50_s"] or 0, s["p95_s"] or 0, s["errors_by_kind"] or 0))
    if steps:
        sat = report["saturation"]
        print("  saturation: %s at %d concurrent saves, %.1f saves/s = %d teachers per core at one save a minute"
              % ("p95 passed 1 s" if sat["p95_passed_1s"] else "p95 still under 1 s (the last step)",
                 sat["concurrency"], sat["saves_per_s"], sat["teachers_per_core_at_one_save_a_minute"]))
    print("JSON: %s" % path)
    assert not report["lost_writes"], "LOST WRITES: %s" % report["lost_samples"]


if __name__ == "__main__":
    main()
