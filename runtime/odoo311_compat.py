"""Compatibility layer: Odoo 11.0 on CPython 3.11.

Odoo 11 was written for Python 3.5-3.7. Everything it needs to run on 3.11 is
patched here, in one place, by ``apply()``; every entry point (launcher, pytest
plugin) calls it before ``odoo`` is imported. The addon never imports this.

Each shim is a small function registered in ``SHIMS`` so that the runtime's own
tests can check them one by one (``runtime/tests``).
"""
import ast
import sys

SHIMS = []
_applied = False


def shim(func):
    SHIMS.append(func)
    return func


# --------------------------------------------------------------------------
# Standard library names removed by 3.9-3.11
# --------------------------------------------------------------------------

@shim
def collections_abc_aliases():
    """collections.Mapping & co. moved to collections.abc (removed in 3.10)."""
    import collections
    import collections.abc
    for name in ("Mapping", "MutableMapping", "Sequence", "MutableSequence",
                 "Set", "MutableSet", "Iterable", "Iterator", "Callable",
                 "Hashable", "Sized", "Container", "Generator"):
        if not hasattr(collections, name):
            setattr(collections, name, getattr(collections.abc, name))


@shim
def inspect_getargspec():
    """inspect.getargspec/formatargspec removed in 3.11 (odoo.api, tools.func)."""
    import inspect
    from collections import namedtuple
    if not hasattr(inspect, "getargspec"):
        ArgSpec = namedtuple("ArgSpec", "args varargs keywords defaults")

        def getargspec(func):
            spec = inspect.getfullargspec(func)
            return ArgSpec(spec.args, spec.varargs, spec.varkw, spec.defaults)

        inspect.ArgSpec = ArgSpec
        inspect.getargspec = getargspec
    if not hasattr(inspect, "formatargspec"):
        def formatargspec(args, varargs=None, varkw=None, defaults=None, *rest, **kw):
            parts = []
            first_default = len(args) - len(defaults or ())
            for i, name in enumerate(args):
                if defaults and i >= first_default:
                    parts.append("%s=%r" % (name, defaults[i - first_default]))
                else:
                    parts.append(name)
            if varargs:
                parts.append("*" + varargs)
            if varkw:
                parts.append("**" + varkw)
            return "(" + ", ".join(parts) + ")"

        inspect.formatargspec = formatargspec


@shim
def base64_encodestring():
    """base64.encodestring/decodestring removed in 3.9 (attachments, images)."""
    import base64
    if not hasattr(base64, "encodestring"):
        base64.encodestring = base64.encodebytes
    if not hasattr(base64, "decodestring"):
        base64.decodestring = base64.decodebytes


@shim
def thread_isalive():
    """Thread.isAlive removed in 3.9 (odoo.service.server, cron threads)."""
    import threading
    if not hasattr(threading.Thread, "isAlive"):
        threading.Thread.isAlive = threading.Thread.is_alive


@shim
def time_clock():
    """time.clock removed in 3.8 (profiling helpers)."""
    import time
    if not hasattr(time, "clock"):
        time.clock = time.perf_counter


@shim
def yaml_load_default_loader():
    """PyYAML 6 requires an explicit Loader; Odoo 11 calls yaml.load(stream)."""
    import yaml
    if getattr(yaml.load, "_odoo311", False):
        return
    original = yaml.load

    def load(stream, Loader=None, **kw):
        # yaml.Loader was the default before PyYAML 5.1 and is the one that knows
        # the tags odoo.tools.yaml_tag registers (module data files only).
        return original(stream, Loader=Loader or yaml.Loader, **kw)

    load._odoo311 = True
    yaml.load = load


@shim
def resource_setrlimit_ints():
    """Prefork workers pass floats to resource.setrlimit, which 3.11 refuses."""
    import resource
    if getattr(resource.setrlimit, "_odoo311", False):
        return
    original = resource.setrlimit

    def setrlimit(which, limits):
        return original(which, tuple(int(v) for v in limits))

    setrlimit._odoo311 = True
    resource.setrlimit = setrlimit


# --------------------------------------------------------------------------
# Odoo internals that depend on the interpreter
# --------------------------------------------------------------------------

# Opcodes that 3.11 emits for code the old sets allowed: literals, operators,
# calls, comprehensions, conditionals. Nothing here opens imports, attribute
# writes or `with`, so safe_eval stays exactly as restrictive as before.
_CONST_311 = ["RESUME", "NOP", "COPY", "SWAP", "LIST_EXTEND", "SET_UPDATE",
              "LIST_TO_TUPLE", "DICT_UPDATE", "DICT_MERGE", "CACHE"]
_EXPR_311 = ["BINARY_OP", "IS_OP", "CONTAINS_OP", "BUILD_STRING", "FORMAT_VALUE",
             "UNARY_POSITIVE", "UNARY_NEGATIVE", "UNARY_NOT", "UNARY_INVERT"]
_SAFE_311 = ["PUSH_NULL", "PRECALL", "CALL", "KW_NAMES", "RETURN_GENERATOR",
             "JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT",
             "POP_JUMP_FORWARD_IF_FALSE", "POP_JUMP_FORWARD_IF_TRUE",
             "POP_JUMP_BACKWARD_IF_FALSE", "POP_JUMP_BACKWARD_IF_TRUE",
             "POP_JUMP_FORWARD_IF_NONE", "POP_JUMP_FORWARD_IF_NOT_NONE",
             "POP_JUMP_BACKWARD_IF_NONE", "POP_JUMP_BACKWARD_IF_NOT_NONE",
             "MAKE_CELL", "COPY_FREE_VARS", "LOAD_DEREF", "STORE_DEREF",
             "LOAD_CLOSURE", "PUSH_EXC_INFO", "CHECK_EXC_MATCH", "RERAISE",
             "POP_EXCEPT", "UNPACK_EX", "LOAD_ASSERTION_ERROR"]


@shim
def safe_eval_opcodes():
    """safe_eval only knows pre-3.11 opcodes; extend its sets in place because
    other modules import them by name."""
    import importlib
    from opcode import opmap
    # odoo.tools re-exports the function under the module's name
    se = importlib.import_module("odoo.tools.safe_eval")

    def codes(names):
        return {opmap[n] for n in names if n in opmap}

    const, expr, safe = codes(_CONST_311), codes(_EXPR_311), codes(_SAFE_311)
    se._CONST_OPCODES.update(const)
    se._EXPR_OPCODES.update(const | expr)
    se._SAFE_OPCODES.update(const | expr | safe)


def _pure_python_elementtree():
    """A private copy of xml.etree.ElementTree without its C accelerator, whose
    Element type (unlike the C one) accepts the methods 3.9 removed."""
    import importlib.util
    spec = importlib.util.find_spec("xml.etree.ElementTree")
    module = importlib.util.module_from_spec(spec)
    saved = sys.modules.get("_elementtree", False)
    sys.modules["_elementtree"] = None  # makes `from _elementtree import *` fail
    try:
        spec.loader.exec_module(module)
    finally:
        if saved is False:
            del sys.modules["_elementtree"]
        else:
            sys.modules["_elementtree"] = saved
    module.Element.getchildren = lambda self: list(self)
    module.Element.getiterator = module.Element.iter
    return module


@shim
def web_client_templates_elementtree():
    """The web client's templates are concatenated by web.controllers.main.concat_xml
    with ElementTree's Element.getchildren(), removed in 3.9: /web/webclient/qweb
    answers 500 and the back office never loads. Give that module an ElementTree
    whose Element still has it (the C type can't be patched)."""
    from odoo.addons.web.controllers import main as web_main
    if getattr(web_main.ElementTree, "_odoo311", False):
        return
    module = _pure_python_elementtree()
    module._odoo311 = True
    web_main.ElementTree = module


class _QwebAstFixer(ast.NodeTransformer):
    """Make QWeb's hand-built AST valid for the 3.11 compiler."""

    def visit_arguments(self, node):
        self.generic_visit(node)
        for field in ("posonlyargs", "kwonlyargs", "kw_defaults", "defaults"):
            if getattr(node, field, None) is None:
                setattr(node, field, [])
        return node

    def visit_Name(self, node):
        if node.id in ("None", "True", "False") and isinstance(node.ctx, ast.Load):
            value = {"None": None, "True": True, "False": False}[node.id]
            return ast.copy_location(ast.Constant(value=value), node)
        return node

    def generic_visit(self, node):
        node = super().generic_visit(node)
        # QWeb sets lineno on function defs only; children keep the module's
        # line 1, which 3.11 rejects as an invalid (end < start) range.
        if hasattr(node, "lineno"):
            node.lineno = getattr(node, "lineno", 1) or 1
            node.end_lineno = max(getattr(node, "end_lineno", None) or node.lineno, node.lineno)
            node.col_offset = getattr(node, "col_offset", 0) or 0
            if node.end_lineno == node.lineno:
                node.end_col_offset = max(getattr(node, "end_col_offset", None) or 0, node.col_offset)
        return node


def fix_qweb_ast(tree):
    tree = _QwebAstFixer().visit(tree)
    ast.fix_missing_locations(tree)
    # fix_missing_locations may copy a parent's end onto an earlier child
    for node in ast.walk(tree):
        if hasattr(node, "lineno"):
            if node.end_lineno is None or node.end_lineno < node.lineno:
                node.end_lineno = node.lineno
            if node.end_lineno == node.lineno and (node.end_col_offset or 0) < node.col_offset:
                node.end_col_offset = node.col_offset
    return tree


@shim
def qweb_ast():
    """QWeb compiles templates from hand-built ASTs: fix them where QWeb
    compiles, without touching ast.Name/ast.arguments for everyone else."""
    import builtins
    from odoo.addons.base.ir.ir_qweb import qweb
    if getattr(qweb.__dict__.get("compile"), "_odoo311", False):
        return

    def compile(source, filename, mode, *args, **kw):
        if isinstance(source, ast.AST):
            source = fix_qweb_ast(source)
        return builtins.compile(source, filename, mode, *args, **kw)

    compile._odoo311 = True
    qweb.compile = compile


# --------------------------------------------------------------------------
# PDF reports (wkhtmltopdf)
# --------------------------------------------------------------------------

@shim
def report_inline_css():
    """wkhtmltopdf loads each report page's CSS as a separate HTTP request to
    report.url / web.base.url (/web/content/<id>-<hash>/web.report_assets_*.css,
    see web.minimal_layout). With no HTTP server there (odoo shell, cron, tests,
    CI), a wrong port, or several databases and no --db-filter (the request has
    no session, so /web/content answers 404), every PDF prints unstyled and
    nobody is told. Inline those bundle attachments as <style> in the bodies,
    header and footer that ir.actions.report._prepare_html hands wkhtmltopdf."""
    import base64
    import re
    from odoo import api
    from odoo.addons.base.ir import ir_actions_report
    cls = ir_actions_report.IrActionsReport
    if getattr(cls.__dict__.get("_prepare_html"), "_odoo311", False):
        return
    original = cls._prepare_html
    link = re.compile(
        rb'<link\b[^>]*?href="(?:[a-z]+://[^/"]*)?/web/content/(\d+)-[0-9a-f]+/[^"]+\.css"[^>]*>')

    @api.multi
    def _prepare_html(self, html):
        result = original(self, html)
        if not result:
            return result
        bodies, res_ids, header, footer, args = result
        cache = {}
        Attachment = self.env["ir.attachment"].sudo()

        def inline(match):
            att_id = int(match.group(1))
            if att_id not in cache:
                att = Attachment.browse(att_id).exists()
                css = base64.b64decode(att.datas) if att and att.datas else None
                cache[att_id] = (b"<style type=\"text/css\">" + css + b"</style>"
                                 if css else match.group(0))
            return cache[att_id]

        def fix(doc):
            if not doc:
                return doc
            is_text = isinstance(doc, str)
            data = doc.encode("utf-8") if is_text else doc
            data = link.sub(inline, data)
            return data.decode("utf-8") if is_text else data

        return [fix(b) for b in bodies], res_ids, fix(header), fix(footer), args

    _prepare_html._odoo311 = True
    cls._prepare_html = _prepare_html


def apply():
    """Apply every shim once. Stdlib shims first, then Odoo ones (they import odoo)."""
    global _applied
    if _applied:
        return
    if sys.version_info >= (3, 12):
        raise RuntimeError("Odoo 11 needs imp and distutils: use Python 3.11 at most")
    for func in SHIMS:
        func()
    _applied = True
