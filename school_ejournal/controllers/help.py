"""«Справка»: the role guides (docs/guides/*.md, Russian) rendered to HTML for
logged-in users, with their screenshots, and the presentation for parents'
meetings and teachers' councils (docs/presentation.pdf). The guides are the same Markdown files
the repository keeps, so the help inside the journal never drifts from them.

The guides hold no personal data (screenshots come from the demo school), so
every logged-in user (staff and portal) may read all of them."""
import html
import os
import re

from odoo import http
from odoo.http import request
from odoo.modules.module import get_module_path

from ..tools.translate import _

GUIDES = [
    ("administrator", _("School Administrator")),
    ("deputy", _("Deputy Director")),
    ("class_teacher", _("Class Teacher")),
    ("teacher", _("Teacher")),
    ("parent", _("Parent")),
    ("student", _("Student")),
]
IMAGE_NAME = re.compile(r"^[a-z0-9_\-]+\.png$")


def guides_dir():
    """The guides next to the addon: its own static/guides (a deployment may copy
    them there) or the repository's docs/guides."""
    addon = get_module_path("school_ejournal")
    for path in (os.path.join(addon, "static", "guides"),
                 os.path.join(os.path.dirname(addon), "docs", "guides")):
        if os.path.isdir(path):
            return path
    return None


def _inline(text):
    """Escape, then **bold**, `code`, images and links (a subset of Markdown that
    the guides use)."""
    text = html.escape(text, quote=True)
    text = re.sub(r"!\[([^\]]*)\]\(img/([a-z0-9_\-]+\.png)\)",
                  r'<img src="/school_ejournal/help/img/\2" alt="\1" class="o_school_help_img"/>', text)
    text = re.sub(r"\[([^\]]+)\]\(([a-z_]+)\.md\)", r'<a href="/school_ejournal/help/\2">\1</a>', text)
    text = re.sub(r"\[([^\]]+)\]\((https?://[^)\s]+)\)", r'<a href="\2">\1</a>', text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    return text


def markdown_to_html(source):
    """Headings, paragraphs, ordered and unordered lists, quotes, images."""
    out, para, list_tag = [], [], None

    def flush():
        nonlocal list_tag
        if para:
            out.append("<p>%s</p>" % _inline(" ".join(para)))
            para.clear()
        if list_tag:
            out.append("</%s>" % list_tag)
            list_tag = None

    for raw in source.splitlines():
        line = raw.rstrip()
        heading = re.match(r"^(#{1,4})\s+(.*)$", line)
        item = re.match(r"^\s*(?:([-*])|\d+\.)\s+(.*)$", line)
        if not line.strip():
            flush()
        elif heading:
            flush()
            level = len(heading.group(1))
            anchor = "t%d" % len(out)
            out.append('<h%d id="%s">%s</h%d>' % (level, anchor, _inline(heading.group(2)), level))
        elif item:
            if para:
                out.append("<p>%s</p>" % _inline(" ".join(para)))
                para.clear()
            tag = "ul" if item.group(1) else "ol"
            if list_tag != tag:
                if list_tag:
                    out.append("</%s>" % list_tag)
                out.append("<%s>" % tag)
                list_tag = tag
            out.append("<li>%s</li>" % _inline(item.group(2)))
        elif line.startswith(">"):
            flush()
            out.append("<blockquote>%s</blockquote>" % _inline(line.lstrip("> ")))
        elif list_tag and raw.startswith("   "):
            out[-1] = out[-1][:-5] + " " + _inline(line.strip()) + "</li>"
        else:
            if list_tag:
                out.append("</%s>" % list_tag)
                list_tag = None
            para.append(line.strip())
    flush()
    return "\n".join(out)


PAGE = """<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>%(title)s</title>
<style>
body { font-family: "DejaVu Sans", Arial, sans-serif; max-width: 980px; margin: 0 auto; padding: 16px 24px;
       color: #222; line-height: 1.5; }
nav a { margin-right: 14px; white-space: nowrap; display: inline-block; }
h1 { border-bottom: 2px solid #875a7b; padding-bottom: 6px; }
h2 { margin-top: 32px; color: #5b3b53; }
code { background: #f3f0f2; padding: 1px 4px; }
blockquote { border-left: 4px solid #875a7b; margin: 8px 0; padding: 4px 12px; background: #faf7f9; }
img.o_school_help_img { max-width: 100%%; border: 1px solid #ccc; box-shadow: 0 1px 4px #aaa; margin: 8px 0; }
</style></head>
<body><nav>%(nav)s</nav>%(body)s</body></html>"""


class SchoolHelp(http.Controller):

    def _guide_names(self):
        """{source label: the guide's name in the user's language} (a portal session's
        context may carry no language: the user's is named)."""
        lang = request.env["ir.translation"]._school_lang_env().lang
        return {label: request.env["ir.translation"]._get_source(None, ("code",), lang, label) or label
                for _key, label in GUIDES}

    def _page(self, title, body):
        names = self._guide_names()
        nav = '<a href="/school_ejournal/help">Справка</a>' + "".join(
            '<a href="/school_ejournal/help/%s">%s</a>' % (key, html.escape(names[label])) for key, label in GUIDES)
        return request.make_response(PAGE % {"title": html.escape(title), "nav": nav, "body": body},
                                     headers=[("Content-Type", "text/html; charset=utf-8")])

    def _presentation(self, folder):
        """docs/presentation.pdf (printed by `make docs`), next to the guides."""
        path = os.path.join(os.path.dirname(folder or ""), "presentation.pdf")
        if not folder or not os.path.isfile(path):
            return request.not_found()
        with open(path, "rb") as f:
            return request.make_response(f.read(), headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Disposition", "inline; filename=presentation.pdf")])

    @http.route(["/school_ejournal/help"], type="http", auth="user")
    def help_index(self, **kw):
        user = request.env.user
        mine = {
            "administrator": user.has_group("school_ejournal.group_school_admin"),
            "deputy": user.has_group("school_ejournal.group_deputy"),
            "class_teacher": user.has_group("school_ejournal.group_class_teacher"),
            "teacher": user.has_group("school_ejournal.group_teacher"),
            "parent": user.has_group("school_ejournal.group_parent"),
            "student": user.has_group("school_ejournal.group_student"),
        }
        names = self._guide_names()
        items = "".join('<li><a href="/school_ejournal/help/%s">%s</a>%s</li>' % (
            key, html.escape(names[label]), " — <strong>ваша роль</strong>" if mine[key] else "")
            for key, label in GUIDES)
        body = ("<h1>Справка по электронному журналу</h1><p>Руководства пользователя по ролям:</p><ul>%s</ul>" % items)
        if guides_dir() and os.path.isfile(os.path.join(os.path.dirname(guides_dir()), "presentation.pdf")):
            body += '<p><a href="/school_ejournal/help/presentation">%s</a></p>' % html.escape(
                _("Presentation for the parents’ meeting and the teachers’ council (PDF)"))
        return self._page(_("Help"), body)

    @http.route(["/school_ejournal/help/<string:role>"], type="http", auth="user")
    def help_guide(self, role, **kw):
        folder = guides_dir()
        if role == "presentation":
            return self._presentation(folder)
        if role not in dict(GUIDES) or not folder:
            return request.not_found()
        with open(os.path.join(folder, role + ".md"), encoding="utf-8") as f:
            return self._page(_(dict(GUIDES)[role]), markdown_to_html(f.read()))

    @http.route(["/school_ejournal/help/img/<string:name>"], type="http", auth="user")
    def help_image(self, name, **kw):
        folder = guides_dir()
        path = os.path.join(folder or "", "img", name)
        # the name pattern keeps requests inside img/
        if not folder or not IMAGE_NAME.match(name) or not os.path.isfile(path):
            return request.not_found()
        with open(path, "rb") as f:
            return request.make_response(f.read(), headers=[
                ("Content-Type", "image/png"), ("Cache-Control", "max-age=3600")])
