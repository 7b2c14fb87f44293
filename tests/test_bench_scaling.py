"""The scaling table's arithmetic (bench/scaling.py): per-lesson work that stays the
same on a larger school is «flat», whole-school work «linear» with its cost per
pupil and per journal row, a cron found by its method on every size."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench import scaling  # noqa: E402


def report(pupils, rows, save, cron):
    return {"counts": {"school_student": pupils, "school_attendance": rows},
            "results": [{"op": "lesson_save", "what": "save", "median_s": save},
                        {"op": "cron", "what": "school.monitoring._cron_weekly_digest(today=2027-05-28) → 5",
                         "median_s": cron},
                        {"op": "journal_print", "what": "failed", "median_s": None}]}


def test_flat_and_linear_growth_from_the_smallest_to_the_largest_school():
    sizes, rows = scaling.scaling([report(3000, 2700000, 0.072, 10.0), report(300, 270000, 0.070, 1.0),
                                   report(1200, 1080000, 0.071, 4.0)])
    assert sizes == [(300, 270000), (1200, 1080000), (3000, 2700000)]
    by_op = {row["op"]: row for row in rows}
    assert set(by_op) == {"lesson_save", "cron _cron_weekly_digest"}
    assert by_op["lesson_save"]["growth"] == "flat"
    digest = by_op["cron _cron_weekly_digest"]
    assert digest["growth"] == "linear"
    assert digest["medians_s"] == [1.0, 4.0, 10.0]
    assert round(digest["us_per_pupil"]) == 3333          # 9 s over 2,700 more pupils
    assert round(digest["us_per_journal_row"], 2) == 3.70  # 9 s over 2,430,000 more rows
    text = scaling.table(sizes, rows)
    assert "| lesson_save | 70.0 ms | 71.0 ms | 72.0 ms | flat |" in text
    assert "linear: 3333 µs per pupil, 3.70 µs per journal row" in text
