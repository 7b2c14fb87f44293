"""The scaling table of `make bench` (scripts/bench.sh --scaling): the same operations
measured on schools of several sizes built by the same generator, and how each one
grows: flat for per-lesson work, linear for whole-school work (µs per pupil and per
journal row).

    python bench/scaling.py bench/results/bench-A.json bench/results/bench-B.json ...

Each JSON is one benchmark.py run on one school; the table goes to stdout and, as
JSON, to bench/results/scaling-<time>.json.
"""
import argparse
import json
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.path.join(ROOT, "bench", "results")
# below this many times slower on the largest school than on the smallest: flat
FLAT = 1.5


def key(result):
    """One operation across runs: a cron by its method, the others by their name."""
    if result["op"] == "cron":
        return "cron " + result["what"].split("(", 1)[0].rsplit(".", 1)[-1]
    return result["op"]


def growth(points):
    """points: [(pupils, rows, seconds)] by size → (kind, µs per pupil, µs per row)."""
    (p0, r0, t0), (p1, r1, t1) = points[0], points[-1]
    if t0 <= 0 or t1 / t0 < FLAT:
        return "flat", None, None
    return "linear", (t1 - t0) / (p1 - p0) * 1e6, (t1 - t0) / (r1 - r0) * 1e6 if r1 != r0 else None


def scaling(reports):
    reports = sorted(reports, key=lambda r: r["counts"]["school_student"])
    sizes = [(r["counts"]["school_student"], r["counts"]["school_attendance"]) for r in reports]
    ops = []
    for report in reports:
        for result in report["results"]:
            if result.get("median_s") is not None and key(result) not in ops:
                ops.append(key(result))
    rows = []
    for op in ops:
        points = []
        for (pupils, journal_rows), report in zip(sizes, reports):
            found = [r for r in report["results"] if key(r) == op and r.get("median_s") is not None]
            points.append((pupils, journal_rows, found[0]["median_s"] if found else None))
        measured = [p for p in points if p[2] is not None]
        kind, per_pupil, per_row = growth(measured) if len(measured) > 1 else ("", None, None)
        rows.append({"op": op, "medians_s": [p[2] for p in points], "growth": kind,
                     "us_per_pupil": per_pupil, "us_per_journal_row": per_row})
    return sizes, rows


def seconds(value):
    if value is None:
        return "n/a"
    return "%.3f s" % value if value >= 0.1 else "%.1f ms" % (value * 1000)


def table(sizes, rows):
    head = ["operation"] + ["%d pupils (%d journal rows)" % size for size in sizes] + ["growth"]
    lines = ["| %s |" % " | ".join(head), "|%s" % ("---|" * len(head))]
    for row in rows:
        if row["growth"] == "linear":
            grows = "linear: %.0f µs per pupil" % row["us_per_pupil"]
            if row["us_per_journal_row"] is not None:
                grows += ", %.2f µs per journal row" % row["us_per_journal_row"]
        else:
            grows = row["growth"]
        lines.append("| %s |" % " | ".join([row["op"]] + [seconds(m) for m in row["medians_s"]] + [grows]))
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reports", nargs="+", help="benchmark.py JSON files, one per school size")
    args = parser.parse_args(argv)
    reports = []
    for path in args.reports:
        with open(path) as f:
            reports.append(json.load(f))
    sizes, rows = scaling(reports)
    os.makedirs(RESULTS, exist_ok=True)
    path = os.path.join(RESULTS, "scaling-%s.json" % time.strftime("%Y%m%d-%H%M%S"))
    with open(path, "w") as f:
        json.dump({"sizes": sizes, "rows": rows, "reports": args.reports}, f, ensure_ascii=False, indent=1)
    print(table(sizes, rows))
    print("\nJSON: %s" % path, file=sys.stderr)


if __name__ == "__main__":
    main()
