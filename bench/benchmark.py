"""The benchmark: each operation several times, the median, and its ratio to a
floor measured in the same run on the same machine.

    python bench/benchmark.py -c .run/h9_bench.conf -d h9_bench --struct-db h9_bench_struct

``--struct-db``: a copy of the database taken after the structure and before
the lessons (bench.sh makes it with ``createdb -T``): lesson generation is
measured there, each repetition in a transaction that is rolled back.
Every in-process operation that writes is rolled back too, so the benchmark
can be run again on the same databases. JSON goes to bench/results/.
"""
import argparse
import io
import json
import os
import socket
import statistics
import subprocess
import sys
import time

try:
    from bench import odoo_env
except ImportError:
    import odoo_env

import requests  # noqa: E402  (an Odoo 11 dependency)

RESULTS = os.path.join(odoo_env.ROOT, "bench", "results")
TODAY = "2027-05-28"  # «over the full year»: the crons run as on the last Friday of the year
GOALS = {"lessons": ("ratio", 3), "lesson_save": ("ratio", 10), "grid_load": ("ratio", 5),
         "quarter_close": ("seconds", 20), "cron": ("seconds", 10), "journal_print": ("seconds", 60)}


def log(msg):
    print("[bench] %s" % msg, file=sys.stderr, flush=True)


def timed(fn, reps, warmup=0):
    for _i in range(warmup):
        fn(-1)
    times, extra = [], None
    for i in range(reps):
        t0 = time.perf_counter()
        extra = fn(i)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), times, extra


# ---------------------------------------------------------------------- lessons
def bench_lessons(registry, reps):
    """_generate_from_timetable for the whole year vs INSERT of the same rows
    (lessons and roster rows, copied out of the first run and loaded into
    staging tables before the clock starts)."""
    dumps = {}

    def generate(i):
        with odoo_env.environment(registry, commit=False) as env:
            year = env["school.academic.year"].search([], order="date_start desc", limit=1)
            n, rows = env["school.lesson"]._generate_from_timetable(year.date_start, year.date_end)
            if not dumps:
                for table in ("school_lesson", "school_attendance"):
                    buf = io.StringIO()
                    env.cr.copy_expert("COPY %s TO STDOUT" % table, buf)
                    dumps[table] = buf.getvalue()
            return n, rows

    med, times, (n, rows) = timed(generate, reps)

    def floor(i):
        with odoo_env.environment(registry, commit=False) as env:
            cr = env.cr
            for table in ("school_lesson", "school_attendance"):
                cr.execute("CREATE TEMP TABLE staging_%s (LIKE %s)" % (table, table))
                cr.copy_expert("COPY staging_%s FROM STDIN" % table, io.StringIO(dumps[table]))
            t0 = time.perf_counter()
            cr.execute("INSERT INTO school_lesson SELECT * FROM staging_school_lesson")
            cr.execute("INSERT INTO school_attendance SELECT * FROM staging_school_attendance")
            return time.perf_counter() - t0

    floor_times = [floor(i) for i in range(reps)]
    return {"op": "lessons", "what": "generate a year of lessons (%d lessons, %d roster rows)" % (n, rows),
            "median_s": med, "times_s": times, "floor": "SQL INSERT of the same rows",
            "floor_median_s": statistics.median(floor_times), "floor_times_s": floor_times}


# ---------------------------------------------------------------------- RPC
class Server(object):
    """Odoo started with the project's launcher on a free port of 127.0.0.1."""

    def __init__(self, conf, db, extra=()):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        self.url = "http://127.0.0.1:%d" % self.port
        cmd = [sys.executable, os.path.join(odoo_env.ROOT, "runtime", "launcher.py"), "-c", conf, "-d", db,
               "--http-port", str(self.port), "--http-interface", "127.0.0.1", "--log-level", "warn",
               "--max-cron-threads", "0"] + list(extra)
        self.log = open(os.path.join(RESULTS, "server-%d.log" % self.port), "w")
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT)
        for _i in range(600):
            try:
                if requests.get(self.url + "/web/login", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            if self.proc.poll() is not None:
                raise RuntimeError("Odoo did not start, see %s" % self.log.name)
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("Odoo did not answer on %s, see %s" % (self.url, self.log.name))

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


class Client(object):
    def __init__(self, url, db, login, password, headers=None):
        self.url, self.session, self.n = url, requests.Session(), 0
        self.session.headers.update(headers or {})
        result = self.call("/web/session/authenticate", {"db": db, "login": login, "password": password})
        if not result.get("uid"):
            raise RuntimeError("login %s failed" % login)
        self.uid = result["uid"]
        self.context = result.get("user_context") or {}

    def call(self, path, params):
        self.n += 1
        r = self.session.post(self.url + path, json={"jsonrpc": "2.0", "method": "call", "id": self.n,
                                                     "params": params}, timeout=300)
        r.raise_for_status()
        body = r.json()
        if body.get("error"):
            raise RuntimeError(self._error_text(body["error"]))
        return body["result"]

    @staticmethod
    def _error_text(error):
        return json.dumps(error, ensure_ascii=False)[:2000]

    def kw(self, model, method, args, kwargs=None):
        kwargs = dict(kwargs or {})
        kwargs.setdefault("context", self.context)
        return self.call("/web/dataset/call_kw/%s/%s" % (model, method),
                         {"model": model, "method": method, "args": args, "kwargs": kwargs})


LESSON_FIELDS = ["name", "date", "lesson_number", "class_id", "subgroup_id", "subject_id", "teacher_id",
                 "substitute_teacher_id", "topic", "work_kind_id", "homework", "homework_comment",
                 "period_id", "absent_count", "student_count", "change_log_count", "attendance_ids", "is_mine"]
ROW_FIELDS = ["student_id", "code_id", "comment", "grade_1", "grade_2", "grade_comment"]


def pick_targets(registry):
    """A whole-class lesson of 27 pupils in an open period, its teacher, and the
    class × subject × period whose grid is nearest 27 × 45."""
    with odoo_env.environment(registry, commit=False) as env:
        cr = env.cr
        cr.execute("""
            SELECT l.id, u.login, l.class_id, l.subject_id, l.period_id
              FROM school_lesson l JOIN res_users u ON u.id = l.teacher_id
              JOIN school_period p ON p.id = l.period_id AND p.state = 'open'
             WHERE l.subgroup_id IS NULL AND l.date > '2026-11-15'
               AND (SELECT count(*) FROM school_attendance a WHERE a.lesson_id = l.id) = 27
             ORDER BY l.date, l.id LIMIT 1
        """)
        lesson = cr.fetchone()
        cr.execute("""
            SELECT l.class_id, l.subject_id, l.period_id, count(DISTINCT l.id), count(DISTINCT a.student_id),
                   min(u.login)
              FROM school_lesson l JOIN school_attendance a ON a.lesson_id = l.id
              JOIN res_users u ON u.id = l.teacher_id
             WHERE l.subgroup_id IS NULL
             GROUP BY 1, 2, 3
            HAVING count(DISTINCT a.student_id) = 27
             ORDER BY abs(count(DISTINCT l.id) - 45), 1, 2, 3 LIMIT 1
        """)
        grid = cr.fetchone()
        cr.execute("SELECT id FROM school_attendance_code WHERE code = 'н'")
        absent = cr.fetchone()[0]
    return lesson, grid, absent


def bench_rpc(conf, db, registry, reps):
    lesson, grid, absent_code = pick_targets(registry)
    lesson_id, login = lesson[0], lesson[1]
    server = Server(conf, db)
    try:
        teacher = Client(server.url, db, login, login)
        state = {}

        def noop(client):
            return client.kw("res.users", "context_get", [])

        def interleaved(fn, client, reps, warmup=3):
            """The op and its floor alternate (3 no-op calls before each run), so that
            both see the same load of this shared machine."""
            for w in range(warmup):
                fn(-1 - w)
                noop(client)
            op_times, floor_times = [], []
            for i in range(reps):
                for _k in range(3):
                    t0 = time.perf_counter()
                    noop(client)
                    floor_times.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                fn(i)
                op_times.append(time.perf_counter() - t0)
            return {"median_s": statistics.median(op_times), "times_s": op_times,
                    "floor": "no-op JSON-RPC call (res.users.context_get), interleaved",
                    "floor_median_s": statistics.median(floor_times), "floor_times_s": floor_times}

        def open_lesson():
            rec = teacher.kw("school.lesson", "read", [[lesson_id], LESSON_FIELDS])[0]
            rows = teacher.kw("school.attendance", "read", [rec["attendance_ids"], ROW_FIELDS])
            return rec, rows

        def save(i):
            rec, rows = open_lesson()
            commands = []
            for j, row in enumerate(rows):
                vals = {"code_id": absent_code if (j + i) % 9 == 0 else False}
                commands.append([1, row["id"], vals])
            present = [c for c in commands if not c[2]["code_id"]]
            for k, command in enumerate(present[(i % 3) * 6:(i % 3) * 6 + 6]):
                command[2]["grade_1"] = str(2 + (i + k) % 4)
            teacher.kw("school.lesson", "write", [[lesson_id], {"attendance_ids": commands,
                                                                "topic": "Тема урока, вариант %d" % i}])
            state["rows"] = len(rows)
            # (the web client then reloads the record: that is «open a lesson» below)

        saved = interleaved(save, teacher, reps)
        opened = interleaved(lambda i: open_lesson(), teacher, reps)
        class_id, subject_id, period_id, n_lessons, n_pupils, grid_login = grid
        grid_teacher = Client(server.url, db, grid_login, grid_login)
        # what the browser sends: the form's fields, the grid widget's data among them
        spec = {"class_id": "1", "subject_id": "1", "subgroup_id": "1", "period_id": "1", "grid_data": ""}
        # what an RPC client of the rows sends: the rows with their subfields, the averages
        rows_spec = {"class_id": "1", "subject_id": "1", "subgroup_id": "1", "period_id": "1", "attendance_ids": "1",
                     "attendance_ids.cell": "", "attendance_ids.lesson_label": "", "attendance_ids.student_id": "",
                     "average_html": "", "can_edit": ""}
        values = {"class_id": class_id, "subject_id": subject_id, "subgroup_id": False, "period_id": period_id}

        def load_grid(i):
            result = grid_teacher.kw("school.gradebook", "onchange", [[], dict(values, grid_data=False),
                                                                      "period_id", spec])
            state["cells"] = len(json.loads(result["value"]["grid_data"])["cells"])
            return result

        def load_rows(i):
            result = grid_teacher.kw("school.gradebook", "onchange", [[], dict(
                values, attendance_ids=[], average_html=False, can_edit=False), "period_id", rows_spec])
            state["rows_cells"] = len([c for c in result["value"]["attendance_ids"] if c[0] in (1, 4, 0)])
            return result

        grid_res = interleaved(load_grid, grid_teacher, reps)
        rows_res = interleaved(load_rows, grid_teacher, reps)
    finally:
        server.stop()
    return [
        dict(saved, op="lesson_save",
             what="open a lesson and save %d attendance marks + 6 grades (3 RPC calls, teacher %s)"
                  % (state["rows"], login)),
        dict(opened, op="lesson_open",
             what="open (or reload after saving) a lesson: the form and its %d roster rows (2 RPC calls)"
                  % state["rows"]),
        dict(grid_res, op="grid_load",
             what="gradebook grid %d pupils × %d lessons (%d cells, the browser's one onchange)"
                  % (n_pupils, n_lessons, state["cells"])),
        dict(rows_res, op="grid_rows",
             what="the same grid as rows for an RPC client (%d rows with their subfields and the averages)"
                  % state["rows_cells"]),
    ]


# ---------------------------------------------------------------------- in-process
def first_quarter_as_admin(env):
    """(env of the school administrator, the 1st quarter)."""
    env = env(user=env["res.users"].search([("login", "=", "tadmin")]).id)
    return env, env["school.period"].search([("kind", "=", "quarter"), ("number", "=", 1)], limit=1)


def bench_quarter_close(registry, reps):
    def run(i):
        with odoo_env.environment(registry, commit=False) as env:
            env, period = first_quarter_as_admin(env)
            PeriodGrade = env["school.period.grade"]
            suggested = PeriodGrade.suggest_for_school(period)
            drafts = PeriodGrade.search([("period_id", "=", period.id), ("state", "=", "draft"),
                                         ("value", "!=", False)])
            drafts.action_confirm()
            wizard = env["school.period.close"].create({"period_id": period.id, "scope": "all",
                                                        "confirm_incomplete": True})
            wizard.action_close()
            return suggested, len(drafts)

    med, times, (suggested, confirmed) = timed(run, reps)
    return {"op": "quarter_close", "median_s": med, "times_s": times,
            "what": "suggest %d period grades of the 1st quarter, confirm %d, close grades 1–9 with the seal"
                    % (suggested, confirmed)}


def bench_suggest(registry, reps):
    """The period-grade suggestion of the 1st quarter for the whole school (rolled back)."""
    def run(i):
        with odoo_env.environment(registry, commit=False) as env:
            env, period = first_quarter_as_admin(env)
            return env["school.period.grade"].suggest_for_school(period)

    med, times, suggested = timed(run, reps)
    return {"op": "suggest", "median_s": med, "times_s": times,
            "what": "suggest the 1st quarter's period grades for the whole school: %d" % suggested}


CRONS = [("school.monitoring", "_cron_grade_accumulation"), ("school.violation", "_cron_journal_control"),
         ("school.monitoring", "_cron_parent_usage"), ("school.monitoring", "_cron_weekly_digest"),
         ("school.student", "_cron_refresh_current_class")]


def bench_crons(registry, reps):
    out = []
    for model, method in CRONS:
        with odoo_env.environment(registry, commit=False) as env:
            if model not in env or not hasattr(env[model], method):
                out.append({"op": "cron", "what": "%s.%s" % (model, method), "median_s": None, "note": "n/a"})
                continue

        def run(i, model=model, method=method):
            with odoo_env.environment(registry, commit=False) as env:
                fn = getattr(env[model], method)
                try:
                    return fn(today=TODAY)
                except TypeError:
                    return fn()

        med, times, result = timed(run, reps)
        out.append({"op": "cron", "what": "%s.%s(today=%s) → %s" % (model, method, TODAY, _short(result)),
                    "median_s": med, "times_s": times})
    return out


def _short(value):
    text = repr(value)
    return text if len(text) < 80 else text[:77] + "..."


def bench_journal(registry, reps):
    with odoo_env.environment(registry, commit=False) as env:
        report = env.ref("school_ejournal.action_report_class_journal", raise_if_not_found=False)
        if not report:
            return {"op": "journal_print", "what": "printed class journal", "median_s": None, "note": "n/a"}
    from PyPDF2 import PdfFileReader

    def run(i):
        with odoo_env.environment(registry, commit=False) as env:
            cls = env["school.class"].search([("name", "=", "5А")], limit=1) or env["school.class"].search([], limit=1)
            pdf, _fmt = env.ref("school_ejournal.action_report_class_journal").render_qweb_pdf(cls.ids)
            return cls.name, PdfFileReader(io.BytesIO(pdf)).getNumPages()

    med, times, (name, pages) = timed(run, reps)
    return {"op": "journal_print", "median_s": med, "times_s": times, "pages": pages,
            "what": "printed class journal, class %s, whole year: %d sheets" % (name, pages)}


def bench_metrics(registry, reps):
    with odoo_env.environment(registry) as env:
        if "school.report.metrics" not in env:
            return {"op": "metrics_pivot", "what": "metrics pivot", "median_s": None, "note": "n/a"}
        # the metrics read period grades: suggest them for every attestation period (kept)
        admin = env["res.users"].search([("login", "=", "tadmin")])
        env = env(user=admin.id)
        periods = env["school.period"].search([("kind", "in", ("quarter", "half_year", "trimester"))])
        for period in periods:
            env["school.period.grade"].suggest_for_school(period)

    def run(i):
        with odoo_env.environment(registry, commit=False) as env:
            Metrics = env["school.report.metrics"]
            groups = Metrics.read_group([], ["n_students", "average", "success_pct", "quality_pct", "sou"],
                                        ["period_id", "class_id", "subject_id"], lazy=False)
            return len(groups)

    med, times, groups = timed(run, reps)
    return {"op": "metrics_pivot", "median_s": med, "times_s": times,
            "what": "metrics pivot, whole school, period × class × subject: %d cells" % groups}


# ---------------------------------------------------------------------- report
def finish(results):
    for r in results:
        if r.get("floor_median_s"):
            r["ratio"] = r["median_s"] / r["floor_median_s"]
        kind = GOALS.get(r["op"])
        if kind and r.get("median_s") is not None:
            value = r.get("ratio") if kind[0] == "ratio" else r["median_s"]
            r["goal"] = "%s %s %s" % ("ratio ≤" if kind[0] == "ratio" else "≤", kind[1],
                                      "" if kind[0] == "ratio" else "s")
            r["meets_goal"] = value <= kind[1]
    return results


def table(results, machine):
    lines = ["machine: %(nproc)s CPU, %(memory_gb)s GB, %(cpu)s, Python %(python)s" % machine, "",
             "| operation | median | floor (median) | ratio | goal | ok |", "|---|---|---|---|---|---|"]
    for r in results:
        if r.get("median_s") is None:
            lines.append("| %s | n/a | | | | |" % r["what"])
            continue
        med = "%.3f s" % r["median_s"] if r["median_s"] >= 0.1 else "%.1f ms" % (r["median_s"] * 1000)
        floor = ""
        if r.get("floor_median_s"):
            f = r["floor_median_s"]
            floor = ("%.3f s" % f if f >= 0.1 else "%.1f ms" % (f * 1000)) + " (%s)" % r["floor"]
        lines.append("| %s | %s | %s | %s | %s | %s |" % (
            r["what"], med, floor, "%.1f×" % r["ratio"] if r.get("ratio") else "", r.get("goal", ""),
            {True: "yes", False: "NO"}.get(r.get("meets_goal"), "")))
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--struct-db", help="database with the structure only (lesson generation)")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--only", help="comma-separated: lessons,rpc,close,suggest,crons,journal,metrics "
                                       "(default: all but suggest, which close includes)")
    args = parser.parse_args(argv)
    os.makedirs(RESULTS, exist_ok=True)
    only = set((args.only or "lessons,rpc,close,crons,journal,metrics").split(","))
    machine = odoo_env.machine()
    results = []
    started = time.time()
    def section(name, fn, *a):
        """One operation; a failure is reported in the table, the others still run."""
        if name not in only:
            return
        log(name)
        try:
            out = fn(*a)
            results.extend(out if isinstance(out, list) else [out])
        except Exception as e:  # noqa: BLE001
            log("%s failed: %s" % (name, e))
            results.append({"op": name, "what": "%s: FAILED (%s)" % (name, str(e)[:200]), "median_s": None})

    if args.struct_db:
        section("lessons", lambda: bench_lessons(odoo_env.load(args.config, args.struct_db), max(2, args.reps // 2)))
    registry = odoo_env.load(args.config, args.database)
    section("rpc", bench_rpc, args.config, args.database, registry, args.reps * 2)
    section("close", bench_quarter_close, registry, max(2, args.reps // 2))
    section("suggest", bench_suggest, registry, max(2, args.reps // 2))
    section("crons", bench_crons, registry, max(2, args.reps // 2))
    section("journal", bench_journal, registry, 2)
    section("metrics", bench_metrics, registry, args.reps)
    results = finish(results)
    with odoo_env.environment(registry, commit=False) as env:
        cr = env.cr
        counts = {}
        for table_name in ("school_student", "school_class", "res_users", "school_lesson", "school_attendance",
                           "school_grade", "school_change_log", "school_student_guardian", "school_timetable"):
            cr.execute("SELECT count(*) FROM %s" % table_name)
            counts[table_name] = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM school_attendance WHERE code_id IS NOT NULL")
        counts["absences"] = cr.fetchone()[0]
    report = {"machine": machine, "database": args.database, "counts": counts, "results": results,
              "seconds": round(time.time() - started, 1), "when": time.strftime("%Y-%m-%d %H:%M:%S")}
    path = os.path.join(RESULTS, "bench-%s.json" % time.strftime("%Y%m%d-%H%M%S"))
    with open(path, "w") as f:
        json.dump(report, f, ensure_ascii=False, indent=1)
    print(table(results, machine))
    print("\ndata: %s" % ", ".join("%s %s" % kv for kv in counts.items()))
    print("JSON: %s (benchmark %.0f s)" % (path, report["seconds"]))


if __name__ == "__main__":
    main()
