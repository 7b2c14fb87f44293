"""One test per shim of runtime/odoo311_compat.py.

Each test drives the Odoo 11 code path that broke on Python 3.11, so it fails
again if its shim is removed. test_every_shim_has_a_test keeps the list honest.
"""
import base64
import collections
import collections.abc
import pathlib
import resource
import subprocess
import sys
import threading
import time

import odoo311_compat
from odoo.tests.common import TransactionCase

HERE = pathlib.Path(__file__).resolve().parent
# report_inline_css is driven end to end by test_print_pdf.py (styled 2-page PDF)
TESTED_SHIMS = {"report_inline_css"}


def covers(name):
    TESTED_SHIMS.add(name)
    return lambda f: f


@covers("collections_abc_aliases")
def test_collections_aliases_used_by_odoo_tools():
    from odoo.tools import misc
    assert misc.Mapping is collections.abc.Mapping
    assert isinstance(misc.frozendict(a=1), collections.Mapping)


@covers("inspect_getargspec")
def test_ormcache_builds_its_key_with_getargspec():
    from odoo.tools.cache import ormcache

    def method(self, a, b=2, *rest, **kw):
        return a + b

    cache = ormcache("a", "b")
    cache.method = method
    cache.determine_key()  # formatargspec(*getargspec(method)) -> a lambda
    assert cache.key("self", 1) == (1, 2)
    assert cache.key("self", 1, b=5) == (1, 5)


@covers("base64_encodestring")
def test_base64_names_used_by_reports_and_menus():
    assert base64.decodestring(base64.encodestring(b"journal")) == b"journal"


@covers("thread_isalive")
def test_thread_isalive_used_by_server_shutdown():
    t = threading.Thread(target=lambda: None)
    t.start()
    t.join()
    assert t.isAlive() is False


@covers("time_clock")
def test_time_clock_exists():
    a = time.clock()
    assert time.clock() >= a


@covers("yaml_load_default_loader")
def test_yaml_load_knows_odoo_tags():
    import yaml
    from odoo.tools import yaml_tag
    yaml_tag.add_constructors()
    node = yaml.load("!eval 1 + 1")
    assert isinstance(node, yaml_tag.Eval)


@covers("resource_setrlimit_ints")
def test_setrlimit_accepts_floats_like_prefork_workers():
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    # odoo.service.server.memory_info passes floats computed from the config
    resource.setrlimit(resource.RLIMIT_AS, (float(soft), float(hard)))
    assert resource.getrlimit(resource.RLIMIT_AS) == (soft, hard)


@covers("safe_eval_opcodes")
def test_safe_eval_runs_311_bytecode_and_stays_safe():
    from odoo.tools.safe_eval import safe_eval
    import pytest
    assert safe_eval("[x * 2 for x in range(4) if x != 1]") == [0, 4, 6]
    assert safe_eval("dict(a=1).get('a') is not None and 'a' in {'a': 1}")
    assert safe_eval("a if b else c", {"a": 1, "b": False, "c": 2}) == 2
    assert safe_eval("'%s-%d' % ('x', 3)") == "x-3"
    with pytest.raises(Exception):
        safe_eval("__import__('os').getcwd()")
    with pytest.raises(Exception):
        safe_eval("().__class__.__bases__")


@covers("qweb_ast")
class TestQwebCompiles(TransactionCase):
    def test_qweb_template_with_loops_conditions_and_constants(self):
        view = self.env["ir.ui.view"].create({
            "name": "compat qweb",
            "type": "qweb",
            "arch": """<t t-name="compat_qweb">
                <ul><t t-foreach="items" t-as="item">
                    <li t-if="item is not None" t-att-class="'odd' if item_odd else None">
                        <t t-esc="item"/></li>
                </t></ul><t t-set="flag" t-value="True"/><b t-if="flag">Да</b>
            </t>""",
        })
        html = view.render({"items": [1, None, "три"]})
        html = html.decode() if isinstance(html, bytes) else str(html)
        assert "<li" in html and "три" in html and "<b>Да</b>" in html
        assert html.count("<li") == 2


@covers("web_client_templates_elementtree")
def test_web_client_concatenates_its_templates(tmp_path):
    from odoo.addons.web.controllers.main import concat_xml
    first, second = tmp_path / "a.xml", tmp_path / "b.xml"
    first.write_text('<templates><t t-name="a"><b>Журнал</b></t></templates>', encoding="utf-8")
    second.write_text('<templates><t t-name="b"/></templates>', encoding="utf-8")
    xml, checksum = concat_xml([str(first), str(second)])
    assert xml.count(b"t-name=") == 2 and "Журнал".encode() in xml
    assert checksum


def test_refuses_python_312():
    code = ("import sys; sys.version_info = (3, 12, 0); import odoo311_compat as c;"
            "c._applied = False\n"
            "try:\n    c.apply()\nexcept RuntimeError as e:\n    print('refused')")
    out = subprocess.run([sys.executable, "-c", code], cwd=HERE.parent,
                         capture_output=True, text=True)
    assert "refused" in out.stdout


def test_every_shim_has_a_test():
    names = {f.__name__ for f in odoo311_compat.SHIMS}
    assert names == TESTED_SHIMS, names ^ TESTED_SHIMS
