"""An override keeps the calling convention of the method it overrides: Odoo's
RPC (``call_kw``) passes record ids first to a record method and none to an
``@api.model`` one, so an override decorated otherwise than Odoo's method
takes the caller's arguments shifted by one (the pupil form's «Создать» broke
so: ``onchange`` overridden as ``@api.model``). Checked for every method of
every class of the addon that overrides a method of Odoo's ``BaseModel``."""
import inspect

from odoo import models
from odoo.tests.common import TransactionCase

MODULE = "odoo.addons.school_ejournal"
# called by the registry at install and update, never with the caller's ids
REGISTRY_HOOKS = {"init"}


def convention(method):
    """'model' for @api.model-like methods, 'records' for the others."""
    api = getattr(method, "_api", None)
    return "model" if api in ("model", "model_create", "model_cr", "model_cr_context", "cr", "cr_context",
                              "cr_uid", "cr_uid_context") else "records"


class TestOverridesKeepTheirConvention(TransactionCase):

    def test_every_override_of_basemodel_keeps_odoos_convention(self):
        checked, wrong = 0, []
        seen = set()
        for name in self.env.registry:
            for cls in type(self.env[name]).__mro__:
                if not cls.__module__.startswith(MODULE) or cls in seen:
                    continue
                seen.add(cls)
                for attr, own in vars(cls).items():
                    base = getattr(models.BaseModel, attr, None)
                    if attr.startswith("__") or attr in REGISTRY_HOOKS or not inspect.isfunction(own) \
                            or not callable(base):
                        continue
                    checked += 1
                    if convention(own) != convention(base):
                        wrong.append("%s.%s (%s): %s, Odoo's is %s" % (
                            name, attr, cls.__module__, convention(own), convention(base)))
        self.assertFalse(wrong, "\n".join(wrong))
        self.assertGreater(checked, 50)
