"""The lint gate: each checker's messages counted per (file, message), compared
with the committed baseline (.lint-baseline.json). A new message, or more of one
in a file, fails; fewer passes and `--update` writes the smaller baseline. So CI
fails on every new warning while the old ones are worked off (the goal is an
empty baseline), and line shifts never matter.

Usage: lint_baseline.py CHECKER OUTPUT_FILE [--update]
"""
import collections
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASELINE = os.path.join(ROOT, ".lint-baseline.json")
# path:line: message-id or symbol, per checker
PATTERNS = {
    "pylint": re.compile(r"^(?P<path>[^:\s]+):\d+: \[\w+\((?P<code>[\w-]+)\)"),
    "ruff": re.compile(r"^(?P<path>[^:\s]+):\d+:\d+: (?P<code>[A-Z]+\d+)"),
    "oca": re.compile(r"^(?P<path>[^:\s]+):\d+: (?P<code>[\w-]+) "),
}


def counts(checker, text):
    found = collections.Counter()
    for line in text.splitlines():
        match = PATTERNS[checker].match(line.strip())
        if match:
            path = os.path.relpath(os.path.abspath(match.group("path")), ROOT)
            found["%s %s" % (path, match.group("code"))] += 1
    return found


def main():
    checker, output = sys.argv[1], sys.argv[2]
    with open(output, encoding="utf-8") as handle:
        found = counts(checker, handle.read())
    baseline = {}
    if os.path.exists(BASELINE):
        with open(BASELINE, encoding="utf-8") as handle:
            baseline = json.load(handle)
    known = baseline.get(checker, {})
    if "--update" in sys.argv:
        baseline[checker] = dict(sorted(found.items()))
        with open(BASELINE, "w", encoding="utf-8") as handle:
            json.dump(baseline, handle, ensure_ascii=False, indent=1, sort_keys=True)
            handle.write("\n")
        print("%s: baseline of %d messages written" % (checker, sum(found.values())))
        return
    new = {key: count - known.get(key, 0) for key, count in found.items() if count > known.get(key, 0)}
    print("%s: %d messages, %d in the baseline" % (checker, sum(found.values()), sum(known.values())))
    if new:
        print("%s: NEW messages (not in .lint-baseline.json):" % checker)
        for key, count in sorted(new.items()):
            print("  %s (+%d)" % (key, count))
        with open(output, encoding="utf-8") as handle:
            for line in handle:
                match = PATTERNS[checker].match(line.strip())
                if match and "%s %s" % (os.path.relpath(os.path.abspath(match.group("path")), ROOT),
                                        match.group("code")) in new:
                    print("    " + line.rstrip())
        sys.exit(1)


if __name__ == "__main__":
    main()
