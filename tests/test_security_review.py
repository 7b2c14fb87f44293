"""docs/security-review.md lists the sudo() calls per file of the addon; this test
fails when the code's count differs, so a new sudo() is reviewed before it lands.
Also: the period-grade change log records
the real user (the sudo() that logged the superuser was removed)."""
import collections
import os
import re

from odoo.tests.common import TransactionCase

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDON = os.path.join(ROOT, "school_ejournal")
REVIEW = os.path.join(ROOT, "docs", "security-review.md")
ROW = re.compile(r"^\|\s*`([^`]+\.py)`\s*\|\s*(\d+)\s*\|")


def sudo_counts():
    counts = collections.Counter()
    for folder, dirs, files in os.walk(ADDON):
        if folder == ADDON:
            dirs[:] = [d for d in dirs if d != "tests"]  # the tests' sudo() is not the addon's
        for name in files:
            if not name.endswith(".py"):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                for line in f:
                    if not line.strip().startswith("#"):
                        counts[os.path.relpath(path, ADDON)] += len(re.findall(r"\.sudo\(", line))
    return {path: n for path, n in counts.items() if n}


def reviewed_counts():
    with open(REVIEW, encoding="utf-8") as f:
        return {m.group(1): int(m.group(2)) for m in map(ROW.match, f) if m}


class TestSecurityReview(TransactionCase):

    def test_every_sudo_is_in_the_review(self):
        code, review = sudo_counts(), reviewed_counts()
        diff = {path: (code.get(path, 0), review.get(path, 0))
                for path in set(code) | set(review) if code.get(path, 0) != review.get(path, 0)}
        self.assertFalse(diff, "sudo() calls per file (code, docs/security-review.md) differ: %s — review "
                               "the new calls and update the table" % diff)

    def test_period_grade_changes_are_logged_as_the_real_user(self):
        source = open(os.path.join(ADDON, "models", "period_grade.py"), encoding="utf-8").read()
        self.assertNotIn('["school.change.log"].sudo()', source)
        Log = self.env["school.change.log"]
        teacher = self.env.ref("school_ejournal.user_teacher")
        before = Log.search_count([])
        Log.sudo(teacher)._record([{"model": "school.period.grade", "res_id": 0, "field_name": "value",
                                    "field_label": "проверка", "old_value": "", "new_value": "5",
                                    "operation": "write"}])
        self.env.cr.execute("SELECT user_id FROM school_change_log ORDER BY id DESC LIMIT 1")
        self.assertEqual(self.env.cr.fetchone()[0], teacher.id)
        self.assertEqual(Log.search_count([]), before + 1)
