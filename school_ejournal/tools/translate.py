"""_() for code that has no environment of its own (the functions of tools/ are
called by model methods). Odoo's _() takes the language from the frame right
above it only, which here has none; the nearest caller up the stack that holds
an environment gives the language and the cursor instead. Extracted like any
``_("…")`` call: the name is what the term export looks for."""
import inspect

from odoo.tools.translate import _ as _odoo


def _(source):
    frame = inspect.currentframe().f_back
    while frame is not None:
        env = getattr(frame.f_locals.get("self"), "env", None)
        if env is not None and hasattr(env, "cr") and hasattr(env, "uid"):
            lang = env.lang or env.user.lang
            if not lang or lang == "en_US":
                return source
            return env["ir.translation"]._get_source(None, ("code",), lang, source) or source
        frame = frame.f_back
    # no model up the stack: a web request gives the language, or none applies
    return _odoo(source)
