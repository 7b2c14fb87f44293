"""Which fields a client may write: one gate in front of every create/write of
the addon's models.

A field is written by the server only when it is a stored computed or related
copy, one of mail.thread's own fields, declared ``readonly=True`` on the
model, or listed in the model's ``_school_server_fields`` (a non-stored
related field with ``readonly=False`` edits its target, whose own rules apply); a field listed in
``_school_field_groups`` ({field: group xmlid}) is written only by members of
that group; one in ``_school_create_only_fields`` is given at creation and
never changed; one in ``_school_fixed_fields`` ({field: group xmlid}) is given
at creation and changed afterwards by that group only. View attributes protect nothing: this is checked on the values the
caller sent, before the model's own create/write completes them with derived
values (the gate is the outermost override, see ``install``).

Rights come from the user: the superuser (install, crons, sudo()) is not
gated, and the addon's own paths that must store a derived value as the real
user (a confirmation stamp, a wizard's result) do it through
``_school_server_write``/``_school_server_create``, which mark the cursor
(never the context, which an RPC caller sets)."""
import contextlib

from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError
from odoo.models import MAGIC_COLUMNS

MODULE = "school_ejournal"
# on the cursor, not in the context: an RPC caller sets the context, never the cursor
TRUSTED_KEY = "school_field_guard_trusted"
# mail.thread / mail.activity.mixin fields: messages, followers and activities
# have their own models and rights; through a record's write they would skip them
MAIL_FIELDS = frozenset(("message_follower_ids", "message_ids", "website_message_ids", "message_last_post",
                         "message_partner_ids", "message_channel_ids", "activity_ids"))
CREATE_ONLY = "create only"
SKIP = frozenset(MAGIC_COLUMNS) | {"id", "display_name", "__last_update"}


class FieldAccessError(AccessError):
    """A field the user may not send (the web client shows it as an access error)."""


def server_fields(model):
    """{field name: None (server only), CREATE_ONLY or a group xmlid} of a
    model, computed once per registry class (no query)."""
    cls = type(model)
    gated = cls.__dict__.get("_school_gated")
    if gated is None:
        gated = {}
        declared, allowed, create_only, groups, fixed = set(), set(), set(), {}, {}
        # the declarations of every class of the model (its _inherit extensions too)
        for klass in reversed(cls.__mro__):
            attrs = klass.__dict__
            declared.update(attrs.get("_school_server_fields", ()))
            allowed.update(attrs.get("_school_client_fields", ()))
            create_only.update(attrs.get("_school_create_only_fields", ()))
            groups.update(attrs.get("_school_field_groups", {}))
            fixed.update(attrs.get("_school_fixed_fields", {}))
        for name, field in cls._fields.items():
            if name in allowed:
                continue
            if not field.store and not field.inverse:
                continue   # the ORM ignores a value for it
            if name in SKIP or name in declared or name in MAIL_FIELDS or field.readonly \
                    or (field.store and (field.related or (field.compute and not field.inverse))):
                gated[name] = None
        for name in create_only:
            gated.setdefault(name, CREATE_ONLY)
        for name, group in groups.items():
            gated.setdefault(name, group)
        for name, group in fixed.items():
            gated.setdefault(name, (CREATE_ONLY, group))
        cls._school_gated = gated
    return gated


def check_client_vals(records, vals, creating=False):
    """Refuse (AccessError, in Russian, nothing written) values the user may not send."""
    env = records.env
    if not vals or env.uid == SUPERUSER_ID or env.cr.cache.get(TRUSTED_KEY):
        return
    gated = server_fields(records)
    hit = gated.keys() & vals.keys()
    if hit and creating:
        hit = {name for name in hit if not _harmless(records, name, vals[name])}
    if not hit:
        return
    fields = records._fields
    refused = sorted(name for name in hit if gated[name] is None)
    if refused:
        raise FieldAccessError(_("Поля заполняются программой, изменить их нельзя: %s (%s).") % (
            ", ".join("«%s»" % (fields[n].string if n in fields else n) for n in refused), records._description))
    for name in sorted(hit):
        rule = gated[name]
        if isinstance(rule, tuple):   # fixed at creation, changed by a group only
            if creating:
                continue
            rule = rule[1]
        if rule == CREATE_ONLY:
            if not creating:
                raise FieldAccessError(_("Поле «%s» (%s) задаётся при создании записи, изменить его нельзя: "
                                    "удалите запись и создайте заново.") % (fields[name].string,
                                                                            records._description))
        elif not env.user.has_group(rule):
            group = env.ref(rule, raise_if_not_found=False)
            raise FieldAccessError(_("Поле «%s» (%s) может изменять только группа «%s».") % (
                fields[name].string, records._description, group.sudo().name if group else rule))


EMPTY = (False, None, "", [], (), [(6, 0, [])], [[6, False, []]], [[6, 0, []]], [(6, False, [])])


def _harmless(records, name, value):
    """At creation the web client sends every field of the form, the empty and
    default ones too: those change nothing."""
    field = records._fields.get(name)
    default = field.default if field is not None else None
    if default is None:
        return value in EMPTY
    try:
        expected = default(records)
    except Exception:  # noqa: B902 - a default needing a record or a context: not harmless
        return False
    return value == expected or (not expected and value in EMPTY)


@contextlib.contextmanager
def trusted(cr):
    """The addon's own path stores derived values as the real user."""
    outer = cr.cache.get(TRUSTED_KEY)
    cr.cache[TRUSTED_KEY] = True
    try:
        yield
    finally:
        if outer:
            cr.cache[TRUSTED_KEY] = outer
        else:
            cr.cache.pop(TRUSTED_KEY, None)


def _gate(name, base):
    class FieldGate(base):
        _inherit = name

        @api.model
        def create(self, vals):
            check_client_vals(self, vals, creating=True)
            # «default_<field>» in the context fills fields after this check: the
            # same rule applies to them
            context = self.env.context
            defaults = {key[8:]: value for key, value in context.items() if key.startswith("default_")}
            if defaults:
                check_client_vals(self, defaults, creating=True)
            return super(FieldGate, self).create(vals)

        def write(self, vals):
            check_client_vals(self, vals)
            return super(FieldGate, self).write(vals)

        def _school_server_write(self, vals):
            with trusted(self.env.cr):
                return self.write(vals)

        @api.model
        def _school_server_create(self, vals):
            with trusted(self.env.cr):
                return self.create(vals)

    return FieldGate


def install():
    """One gate class per model of the addon, declared after all of them (called
    last by the addon's __init__) so that it is the outermost create/write."""
    done = set(GATED_MODELS)
    for cls in list(models.MetaModel.module_to_models[MODULE]):
        name = cls._name or (cls._inherit if isinstance(cls._inherit, str) else None)
        if not name or not name.startswith("school.") or name in done or cls._abstract or not cls._auto:
            continue
        done.add(name)
        _gate(name, models.TransientModel if cls._transient else models.Model)
    GATED_MODELS[:] = sorted(done)
    return GATED_MODELS


GATED_MODELS = []
