"""Odoo 11 renders mail templates and the composer's text in a Jinja sandbox that
refuses only names starting with «_»: ``sudo`` on ``object``, ``object.env[...]`` or
``object.pool`` let any user who renders a text (a pupil over RPC too) read and
write as the superuser. A restricted sandbox refuses these ways out of the user's
rights, whatever the spelling: ``object.env``, ``object['env']``, ``"{0.env}".format(object)``."""

# the ORM's ways to another user, another context or the database cursor
ESCAPES = frozenset(["env", "sudo", "with_env", "with_context", "pool", "cr", "uid", "registry", "cursor"])


def restrict(sandbox):
    """Make the Jinja ``sandbox`` refuse ESCAPES as attributes of any object (idempotent)."""
    if getattr(sandbox, "_school_restricted", False):
        return
    default = type(sandbox).is_safe_attribute

    def is_safe_attribute(obj, attr, value):
        return attr not in ESCAPES and default(sandbox, obj, attr, value)

    sandbox.is_safe_attribute = is_safe_attribute
    sandbox._school_restricted = True
