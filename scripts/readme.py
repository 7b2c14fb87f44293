"""The addon's description page, built from its readme/ fragments the way OCA does it:
README.rst (title, summary, DESCRIPTION, CONFIGURE, USAGE, ROADMAP) and
static/description/index.html rendered from it with docutils. `--check` fails when the
committed files differ from what the fragments give.

Usage: python scripts/readme.py [--check]   (run through scripts/lint.sh)
"""
import ast
import os
import sys

from docutils.core import publish_parts

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDON = os.path.join(ROOT, "school_ejournal")
SECTIONS = [("DESCRIPTION", None), ("CONFIGURE", "Настройка"), ("USAGE", "Использование"),
            ("ROADMAP", "Что дальше")]


def _title(text, underline):
    return "%s\n%s\n" % (text, underline * len(text))


def build():
    with open(os.path.join(ADDON, "__manifest__.py"), encoding="utf-8") as handle:
        manifest = ast.literal_eval(handle.read())
    parts = ["=" * len(manifest["name"]), manifest["name"], "=" * len(manifest["name"]), "",
             "*%s*" % manifest["summary"], "",
             ".. |badge| image:: https://img.shields.io/badge/licence-%s-blue.png"
             % manifest["license"].replace("-", "--"),
             "", "|badge|", ""]
    for fragment, heading in SECTIONS:
        path = os.path.join(ADDON, "readme", fragment + ".rst")
        with open(path, encoding="utf-8") as handle:
            body = handle.read().strip()
        if heading:
            parts.append(_title(heading, "="))
        parts += [body, ""]
    readme = "\n".join(parts)
    html = publish_parts(readme, writer_name="html", settings_overrides={
        "embed_stylesheet": False, "stylesheet_path": "", "output_encoding": "unicode",
        "report_level": 2, "halt_level": 2, "generator": False, "datestamp": False,
        "initial_header_level": 2})
    page = '<div class="document">\n%s%s</div>\n' % (html["html_title"], html["body"])
    return {os.path.join(ADDON, "README.rst"): readme,
            os.path.join(ADDON, "static", "description", "index.html"): page}


def main():
    stale = []
    for path, text in build().items():
        current = None
        if os.path.exists(path):
            with open(path, encoding="utf-8") as handle:
                current = handle.read()
        if current != text:
            stale.append(os.path.relpath(path, ROOT))
            if "--check" not in sys.argv:
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(text)
    if stale and "--check" in sys.argv:
        sys.exit("stale, run `make readme` and commit: %s" % ", ".join(stale))


if __name__ == "__main__":
    main()
