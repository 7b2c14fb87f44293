from odoo import SUPERUSER_ID, api, models
from odoo.exceptions import AccessError
from odoo.osv import expression

from ..tools.translate import _

MODULE = "school_ejournal"


def _leaf_path(term):
    """The field path of a domain leaf, or None for operators and (1, '=', 1)."""
    if isinstance(term, (list, tuple)) and len(term) == 3 and isinstance(term[0], str):
        return term[0].split(".")
    return None


def _spec_name(spec):
    """Field name of a read_group groupby/aggregate or an order spec:
    'date:month', 'total:sum', 'n:count(id)', 'snils desc', '"snils"'."""
    spec = spec.strip()
    if "(" in spec and spec.endswith(")"):
        spec = spec[spec.index("(") + 1:-1]
    return spec.split(":")[0].split()[0].strip('"') if spec else ""


def _refuse(model, name):
    raise AccessError(_("Insufficient rights: field “%(field)s” (%(model)s) contains personal data and is "
                        "available only to certain roles; it cannot be used to search, group, sort or "
                        "export.") % {"field": model._school_field_label(name),
                                                         "model": model._school_model_label()})


def check_path(model, path):
    """Refuse a field path (['student_id', 'snils']) starting on ``model`` that
    crosses a field the user may not see."""
    for name in path:
        field = model._fields.get(name)
        if field is None:
            return
        # a field inherited through _inherits (res.users <- res.partner) is the parent's
        while getattr(field, "inherited", False) and field.related_field:
            model = model.env[field.related_field.model_name]
            field = model._fields[name]
        if hasattr(model, "_guard_allowed") and not model._guard_allowed(name):
            _refuse(model, name)
        if not field.relational:
            return
        model = model.env[field.comodel_name]


def check_export(records, fields_to_export):
    """Refuse an export path crossing a restricted field, or a field the user sees
    on some records only (his own class) when others are exported. Every model's
    export_data comes here (models/base.py): the path may start anywhere."""
    if records.env.uid == SUPERUSER_ID:
        return
    for spec in fields_to_export or []:
        path = [p for p in spec.replace(":id", "/id").replace(".id", "id").split("/") if p and p != "id"]
        check_path(records, path)
        current = records
        for depth, name in enumerate(path):
            if name not in current._fields:
                break
            if hasattr(current, "_guard_scoped") and current._guard_scoped([name]) is not None \
                    and current._guard_visible([name]) != current:
                raise AccessError(_("Insufficient rights: “%(field)s” (%(model)s) can only be exported for "
                                    "records whose personal data you have access to (your own class).")
                                  % {"field": current._school_field_label(name),
                                     "model": current._school_model_label()})
            if not current._fields[name].relational or depth == len(path) - 1:
                break
            current = current.mapped(name)


class SchoolFieldGuard(models.AbstractModel):
    """Field `groups=` held on every way a value can leave the server. Odoo 11
    checks them in read() and fields_get() only: read_group, search domains
    (also dotted from other models), ordering, export_data, onchange and the
    chatter's tracking values would still reveal a restricted value. Models with
    restricted fields inherit this; on Odoo's own models only the addon's fields
    are guarded. A model may narrow a field further to some of its records
    (_guard_scope_domain): outside them read() and export show nothing, and
    searches, groupings and orderings on the field see only those records."""
    _name = "school.field.guard"
    _description = "Restricted Access Fields"

    # ------------------------------------------------------------ what is guarded
    @api.model
    def _guard_fields(self):
        """{name: field} of the restricted fields of this model."""
        # cached with the fields dict it was built from: a registry set-up replaces it
        cache = self.pool.__dict__.setdefault("_school_guard_fields", {})
        built_from, guarded = cache.get(self._name, (None, None))
        if built_from is not self._fields:
            own = self._original_module == MODULE
            guarded = {name: field for name, field in self._fields.items()
                       if field.groups and (own or field._module == MODULE)}
            cache[self._name] = (self._fields, guarded)
        return guarded

    @api.model
    def _guard_free(self):
        return self.env.uid == SUPERUSER_ID

    @api.model
    def _guard_allowed(self, name):
        field = self._guard_fields().get(name)
        return field is None or self._guard_free() or self.user_has_groups(field.groups)

    @api.model
    def _guard_scope_domain(self, name):
        """Domain of the records whose ``name`` the user may see, None for all of them."""
        return None

    @api.model
    def _guard_check_path(self, path):
        check_path(self, path)

    @api.model
    def _guard_scoped(self, names):
        """The domain limiting records to those where every field of ``names`` is
        visible to the user, or None."""
        if self._guard_free():
            return None
        guarded = self._guard_fields()
        scopes = [self._guard_scope_domain(n) for n in set(names) if n in guarded]
        scopes = [s for s in scopes if s is not None]
        return expression.AND(scopes) if scopes else None

    @api.model
    def _guard_domain(self, domain):
        if self._guard_free() or not domain:
            return domain
        result = []
        for term in domain:
            path = _leaf_path(term)
            if path:
                self._guard_check_path(path)
                scope = self._guard_scoped(path[:1])
                if scope is not None:
                    # one leaf becomes one normalized sub-domain: the prefix notation holds
                    result.extend(expression.AND([[term], scope]))
                    continue
            result.append(term)
        return result

    @api.model
    def _guard_order(self, order):
        names = [_spec_name(part) for part in (order or "").split(",") if part.strip()]
        for name in names:
            self._guard_check_path([name])
        return self._guard_scoped(names)

    # ------------------------------------------------------------- ORM entry points
    @api.model
    def _where_calc(self, domain, active_test=True):
        # search, search_count, search_read, name_search and read_group all come here
        return super(SchoolFieldGuard, self)._where_calc(self._guard_domain(domain), active_test)

    @api.model
    def _search(self, args, offset=0, limit=None, order=None, count=False, access_rights_uid=None):
        if order and not self._guard_free():
            scope = self._guard_order(order)
            if scope is not None:
                args = expression.AND([list(args or []), scope])
        return super(SchoolFieldGuard, self)._search(args, offset=offset, limit=limit, order=order,
                                                     count=count, access_rights_uid=access_rights_uid)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        if not self._guard_free():
            groupbys = [groupby] if isinstance(groupby, str) else list(groupby or [])
            names = [_spec_name(spec) for spec in list(fields or []) + groupbys if spec]
            for name in names:
                self._guard_check_path([name])
            scope = self._guard_scoped(names)
            order_scope = self._guard_order(orderby) if orderby else None
            for extra in (scope, order_scope):
                if extra is not None:
                    domain = expression.AND([list(domain or []), extra])
        return super(SchoolFieldGuard, self).read_group(domain, fields, groupby, offset=offset, limit=limit,
                                                        orderby=orderby, lazy=lazy)

    def _guard_visible(self, names):
        """The records of ``self`` on which the user may see the fields ``names``."""
        scope = self._guard_scoped(names)
        real = self.filtered(lambda r: isinstance(r.id, int))
        if scope is None:
            return self
        if not real:
            return real
        return self.with_context(active_test=False).search(expression.AND([[("id", "in", real.ids)], scope]))

    def read(self, fields=None, load="_classic_read"):
        result = super(SchoolFieldGuard, self).read(fields, load=load)
        if self._guard_free() or not result:
            return result
        guarded = self._guard_fields()
        by_scope = {}
        for name in result[0]:
            scope = self._guard_scope_domain(name) if name in guarded else None
            if scope is not None:
                by_scope.setdefault(repr(scope), []).append(name)
        records = self.browse([row["id"] for row in result])
        for names in by_scope.values():
            visible = set(records._guard_visible(names[:1]).ids)
            for row in result:
                if row["id"] not in visible:
                    for name in names:
                        row[name] = [] if self._fields[name].type in ("one2many", "many2many") else False
        return result

    def onchange(self, values, field_name, field_onchange):
        # not @api.model: Odoo's onchange takes the record ids first over RPC
        if not self._guard_free():
            names = [field_name] if isinstance(field_name, str) else list(field_name or [])
            for spec in list(values or {}) + names + list(field_onchange or {}):
                self._guard_check_path(spec.split("."))
        return super(SchoolFieldGuard, self).onchange(values, field_name, field_onchange)

    # ------------------------------------------------------------- the chatter
    def _get_tracked_fields(self, updated_fields):
        """Restricted fields never go to the chatter: its tracking values are shown
        to everyone who reads the record."""
        tracked = super(SchoolFieldGuard, self)._get_tracked_fields(updated_fields)
        guarded = self._guard_fields()
        return {name: desc for name, desc in tracked.items() if name not in guarded}

    @api.model
    def _guard_purge_tracking(self):
        """Remove tracking values of restricted fields written before they were guarded."""
        Tracking = self.env["mail.tracking.value"].sudo()
        for name in self.env.registry:
            model = self.env[name]
            if model._abstract or not hasattr(model, "_guard_fields") or "message_ids" not in model._fields:
                continue
            guarded = list(model._guard_fields())
            if guarded:
                Tracking.search([("field", "in", guarded),
                                 ("mail_message_id.model", "=", name)]).unlink()
        return True
