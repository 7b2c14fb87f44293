"""What a client may send to the addon's models: one gate in front of them.

Every model this addon defines (``school.*``) gets one extension class,
generated below and loaded after every other class of the addon, so that its
``create``/``write``/``unlink``/``read``/``_search`` run first, before the
model's own code (which completes the values with derived ones, or already
queries with the raw values, e.g. the journal guard reads the lesson's date),
whatever the way in: a form, the grid, an import, JSON-RPC or XML-RPC. A hook in
Odoo's RPC layer would miss the ORM callers; a method on ``base`` runs last in
the MRO, after the model's own code; a mixin would have to be listed by every
model. These extensions carry no behaviour of any model of their own, only the
gate, which is why they are the one place where the addon extends its own
models outside their files.

0. Which fields a client may write. A field is written by the server only when
   it is a stored computed or related copy, one of mail.thread's own fields,
   declared ``readonly=True`` on the model, or listed in the model's
   ``_school_server_fields`` (a non-stored related field with
   ``readonly=False`` edits its target, whose own rules apply); a field listed
   in ``_school_field_groups`` ({field: group xmlid}) is written only by members
   of that group; one in ``_school_create_only_fields`` is given at creation and
   never changed; one in ``_school_fixed_fields`` ({field: group xmlid}) is given
   at creation and changed afterwards by that group only. View attributes
   protect nothing. Rights come from the user: the superuser (install, crons,
   sudo()) is not gated, and the addon's own paths that must store a derived
   value as the real user (a confirmation stamp, a wizard's result) do it
   through ``_school_server_write``/``_school_server_create``, which mark the
   cursor (never the context, which an RPC caller sets).
1. The values are checked against their fields before anything is written:
   types (a date is a real date, a link is a record id, a number a number, a
   choice one of the choices), no NUL characters, and a size limit on the free
   text a user types (fields that are not read-only; server paths under the
   superuser are not limited). A model that checks a field itself with a more
   telling message lists it in ``_input_own_checks``.
2. Whatever the database still refuses (a unique key, a missing linked record, a
   trigger of an append-only table…) comes back as a UserError in the user's
   language, the original logged; serialization failures pass through to Odoo
   (client_refusal.py).
3. Stored computed values are the server's: a ``recompute`` key in the
   caller's context is dropped before a create, write or unlink.
4. ``read`` takes at most READ_LIMIT records at a time (the web client reads a
   page; the class gradebook reads its whole grid of roster rows, hence the
   larger limit of school.attendance); ``limit``/``offset`` of a search or a
   read_group must be non-negative integers.
"""
import datetime
import math

from odoo import SUPERUSER_ID, api, models
from odoo.exceptions import AccessError, UserError
from odoo.models import MAGIC_COLUMNS

from ..tools.translate import _
from .client_refusal import refusal_message, refusals_in_russian  # noqa: F401 - refusal_message: for the tests
from ..tools.client_gate import (  # noqa: F401 - the limits are read by the tests from here
    CYRILLIC, DATE_RE, DATETIME_RE, EMPTY, FLOAT_MAX, INT_MAX, INT_MIN, INTEGER_RE, READ_LIMIT, READ_LIMITS,
    SCALAR_TYPES, TEXT_LIMITS, TRUSTED_KEY, check_page as _check_page, is_real_date as _is_real_date,
    is_record_id as _is_record_id, shown as _shown, text_limit as _text_limit, trusted)

MODULE = "school_ejournal"

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
    elif hit:
        # a field set at creation, sent back unchanged with its row, is no change
        hit = {name for name in hit
               if not (gated[name] == CREATE_ONLY and _unchanged(records, name, vals[name]))}
    if not hit:
        return
    refused = sorted(name for name in hit if gated[name] is None)
    if refused:
        raise FieldAccessError(_("These fields are filled in by the system and cannot be changed: %(refused)s "
                                 "(%(model)s).") % {"model": records._school_model_label(), "refused": ", ".join(
                                     "«%s»" % records._school_field_label(n) for n in refused)})
    for name in sorted(hit):
        rule = gated[name]
        if isinstance(rule, tuple):   # fixed at creation, changed by a group only
            if creating:
                continue
            rule = rule[1]
        if rule == CREATE_ONLY:
            if not creating:
                raise FieldAccessError(_("Field “%(field)s” (%(model)s) is set when the record is created and "
                                         "cannot be changed: delete the record and create it again.") % {
                    "field": records._school_field_label(name), "model": records._school_model_label()})
        elif not env.user.has_group(rule):
            group = env.ref(rule, raise_if_not_found=False)
            raise FieldAccessError(_("Field “%(field)s” (%(model)s) can only be changed by the “%(name)s” group.") % {
                "field": records._school_field_label(name), "model": records._school_model_label(),
                "name": group.sudo().name if group else rule})


def _unchanged(records, name, value):
    """The web client sends some fields back as they are (the grid sends every
    row's pupil with its cell): a value equal to the stored one changes nothing.
    Compared only where the user may read the field (else the answer would tell
    him a value his groups hide)."""
    field = records._fields.get(name)
    if not records or field is None or field.type not in SCALAR_TYPES:
        return False
    if field.groups and not records.user_has_groups(field.groups):
        return False
    if field.type == "many2one":
        if isinstance(value, (list, tuple)) and value:
            value = value[0]
        value = value or False
    try:
        current = [record[name] for record in records]
    except AccessError:
        return False
    if field.type == "many2one":
        return all(rec.id == value if value else not rec for rec in current)
    return all((cur or False) == (value or False) for cur in current)


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


def check_values(model, vals, limits=True):
    """Refuse (UserError, Russian) any value of ``vals`` that its field of
    ``model`` cannot take. ``limits``: apply the size limits of typed text."""
    if not isinstance(vals, dict):
        return
    limits = limits and model.env.uid != SUPERUSER_ID
    own = getattr(model, "_input_own_checks", ())
    for name, value in vals.items():
        field = model._fields.get(name)
        if field is None or value is None or value is False or name in own:
            continue
        if field.type == "many2one" and value == 0 and not isinstance(value, bool):
            continue  # the ORM stores 0 as an empty link
        error = _value_error(model, field, value, limits)
        if error:
            raise UserError(_("Field “%(label)s”: %(error)s") % {"label": model._school_field_label(name),
                                                                 "error": error})


def _value_error(model, field, value, limits):
    kind = field.type
    if kind in ("char", "text", "html", "selection") and isinstance(value, str) and "\x00" in value:
        return _("the text contains an invalid NUL character (U+0000).")
    if kind in ("char", "text", "html"):
        if isinstance(value, bytes):
            return _("text expected.")
        limit = _text_limit(field)
        user_typed = not field.readonly and (field.store or field.inverse)
        if isinstance(value, str) and limits and user_typed and limit and len(value) > limit:
            return _("no more than %(limit)s characters (%(length)s given).") % {"limit": limit,
                                                                                    "length": len(value)}
    elif kind == "date":
        if isinstance(value, (datetime.date, datetime.datetime)):
            return None
        if not (isinstance(value, str) and DATE_RE.match(value) and _is_real_date(value)):
            return _("“%s” is not a date; enter an existing date in the format YYYY-MM-DD.") % _shown(value)
    elif kind == "datetime":
        if isinstance(value, datetime.datetime):
            return None
        match = isinstance(value, str) and (DATETIME_RE.match(value) or DATE_RE.match(value))
        if not match or not _is_real_date(value[:10]):
            return _("“%s” is not a date and time; the format is YYYY-MM-DD HH:MM:SS.") % _shown(value)
        if DATETIME_RE.match(value):
            try:
                datetime.datetime.strptime(value[11:19], "%H:%M:%S")
            except ValueError:
                return _("“%s” is not a date and time; the format is YYYY-MM-DD HH:MM:SS.") % _shown(value)
    elif kind == "integer":
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str) and INTEGER_RE.match(value.strip()):
            value = int(value)
        if not isinstance(value, int):
            return _("“%s” is not an integer.") % _shown(value)
        if not INT_MIN <= value <= INT_MAX:
            return _("number %s is out of the allowed range.") % _shown(value)
    elif kind in ("float", "monetary"):
        try:
            number = float(value)
        except (TypeError, ValueError):
            return _("“%s” is not a number.") % _shown(value)
        if math.isnan(number) or math.isinf(number) or abs(number) > FLOAT_MAX:
            return _("number %s is out of the allowed range.") % _shown(value)
    elif kind == "many2one":
        if isinstance(value, models.BaseModel):
            return None
        if not _is_record_id(value):
            return _("“%s” is not a record reference.") % _shown(value)
    elif kind == "selection":
        allowed = field.get_values(model.env)
        if value not in allowed and str(value) not in {str(v) for v in allowed}:
            return _("invalid value “%s”.") % _shown(value)
    elif kind in ("one2many", "many2many"):
        return _commands_error(model, field, value, limits)
    return None


def _commands_error(model, field, commands, limits):
    bad = _("invalid record list format.")
    if isinstance(commands, models.BaseModel):
        return None
    if not isinstance(commands, (list, tuple)):
        return bad
    comodel = model.env[field.comodel_name]
    for command in commands:
        if _is_record_id(command):  # a plain list of ids
            continue
        if not isinstance(command, (list, tuple)) or not command or command[0] not in (0, 1, 2, 3, 4, 5, 6):
            return bad
        code = command[0]
        if code in (1, 2, 3, 4) and not (len(command) > 1 and _is_record_id(command[1])):
            return bad
        if code in (0, 1) and len(command) > 2:
            check_values(comodel, command[2], limits)
        if code == 6:
            ids = command[2] if len(command) > 2 else None
            if not isinstance(ids, (list, tuple)) or not all(_is_record_id(i) for i in ids):
                return bad
    return None


def recomputing(records):
    """``records`` without a caller's «recompute» key: with ``recompute: False`` Odoo
    skips the stored computed values of a write, and forgets them with the request."""
    if "recompute" not in records.env.context:
        return records
    return records.with_env(records.env(context={k: v for k, v in records.env.context.items() if k != "recompute"}))


# ---------------------------------------------------------------- the generated extensions
def _extension(name, base):

    class ClientGate(base):
        _inherit = name

        @api.model
        def create(self, vals):
            self = recomputing(self)
            check_client_vals(self, vals, creating=True)
            # «default_<field>» in the context fills fields after this check: the
            # same rule applies to them
            defaults = {key[8:]: value for key, value in self.env.context.items()
                        if key.startswith("default_")}
            if defaults:
                check_client_vals(self, defaults, creating=True)
            check_values(self, vals)
            with refusals_in_russian(self, "create"):
                return super(ClientGate, self).create(vals)

        def write(self, vals):
            self = recomputing(self)
            check_client_vals(self, vals)
            check_values(self, vals)
            with refusals_in_russian(self, "write"):
                return super(ClientGate, self).write(vals)

        def _school_server_write(self, vals):
            with trusted(self.env.cr):
                return self.write(vals)

        @api.model
        def _school_server_create(self, vals):
            with trusted(self.env.cr):
                return self.create(vals)

        def unlink(self):
            self = recomputing(self)
            with refusals_in_russian(self, "unlink"):
                return super(ClientGate, self).unlink()

        def read(self, fields=None, load="_classic_read"):
            limit = READ_LIMITS.get(self._name, READ_LIMIT)
            if len(self._ids) > limit:
                raise UserError(_("At most %(limit)s records of “%(model)s” can be read at once (%(count)s "
                                  "requested): narrow the conditions or read in parts.")
                                % {"limit": limit, "model": self._school_model_label(), "count": len(self._ids)})
            return super(ClientGate, self).read(fields, load)

        @api.model
        def _search(self, args, offset=0, limit=None, order=None, count=False, access_rights_uid=None):
            _check_page(limit, offset)
            return super(ClientGate, self)._search(args, offset=offset, limit=limit, order=order, count=count,
                                                   access_rights_uid=access_rights_uid)

        @api.model
        def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
            _check_page(limit, offset)
            return super(ClientGate, self).read_group(domain, fields, groupby, offset=offset, limit=limit,
                                                      orderby=orderby, lazy=lazy)

    ClientGate.__name__ = "ClientGate_%s" % name.replace(".", "_")
    return ClientGate


def _defined_models():
    """{name: the class that defines it} for the models this addon defines (not
    the core ones it extends), in load order."""
    defined = {}
    for cls in models.MetaModel.module_to_models.get(MODULE, []):
        if cls._name and cls._name.startswith("school.") and not cls._abstract:
            defined.setdefault(cls._name, cls)
    return defined


def guarded_model_names():
    """The models that have their gate (install() was called after all of them)."""
    return list(GUARDED)


GUARDED = {}


def install():
    """One gate class per model of the addon, declared after all of them: the
    addon's __init__ calls this last (a model file importing a name from here
    must not declare the gates before the models that follow it)."""
    for name, cls in _defined_models().items():
        if name not in GUARDED:
            GUARDED[name] = _extension(name, models.TransientModel if cls._transient else models.Model)
    return GUARDED
