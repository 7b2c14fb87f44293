"""Generated from the registry: every field with `groups=` of every addon model (and
every such field the addon adds to Odoo's models), for every role of the access
matrix, through every way a value can leave the server — read, read_group, a
search domain (direct, and dotted from each addon model whose many-to-one points
at the model), ordering, export_data. A role without the field's groups is
refused (AccessError); a role holding them is served, and what it finds by the
field never goes beyond what read() shows it (the class teacher sees his own
class's data only). Parents' contacts (the personal-data fields of res.partner,
kept by a record rule) are checked the same way on the parents of a class the
class teacher does not lead. A new restricted field is covered without a change
here; one the guard does not hold makes this test fail."""
from odoo.exceptions import AccessError
from odoo.tests.common import TransactionCase

from . import security_matrix as matrix
from .test_security_matrix import addon_models, role_users

MODULE = matrix.MODULE
# res.partner: the contact data of a person (a parent's, when the partner is a guardian)
PARTNER_PD_FIELDS = ("phone", "mobile", "email", "street", "street2", "zip", "city", "state_id",
                     "country_id", "comment", "website", "function")
NOT_GROUPABLE = ("one2many", "many2many", "binary", "text", "html")
# Odoo's magic columns point at res.users from every model: not a way in of their own
MAGIC = ("create_uid", "write_uid")


def restricted_fields(env):
    """[(model, field name)] of every field with groups= that the addon defines or adds."""
    names = addon_models(env)
    added = {}
    for rec in env["ir.model.fields"].sudo().search([("model", "in", sorted(names))]):
        if MODULE in (rec.modules or "").split(", "):
            added.setdefault(rec.model, set()).add(rec.name)
    found = []
    for name in sorted(names):
        model = env[name]
        if model._abstract or model._transient:
            continue
        own = name.startswith("school.") or getattr(model, "_original_module", None) == MODULE
        for fname, field in sorted(model._fields.items()):
            if field.groups and (own or fname in added.get(name, ())):
                found.append((name, fname))
    return found


class TestRestrictedFields(TransactionCase):

    def setUp(self):
        super().setUp()
        self.users = role_users(self.env)
        self.models = addon_models(self.env)
        self.checks = 0

    def holds(self, user, groups):
        return any(user.has_group(g.strip().lstrip("!")) for g in groups.split(",") if g.strip())

    def readable(self, user, model):
        return self.env[model].sudo(user).check_access_rights("read", raise_exception=False)

    def sources(self, model):
        """(source model, many2one) of every addon model's stored many-to-one to ``model``."""
        for name in sorted(self.models):
            source = self.env[name]
            if source._abstract or source._transient or not source._auto:
                continue
            for fname, field in sorted(source._fields.items()):
                if field.type == "many2one" and field.comodel_name == model and field.store \
                        and fname not in MAGIC and not field.groups:
                    yield name, fname

    def operations(self, model, fname, user):
        """{operation: callable} applicable to the field, run as ``user``."""
        Model = self.env[model].sudo(user)
        field = Model._fields[fname]
        sample = self.env[model].search([], limit=1)
        if not self.readable(user, model):
            mine = Model.browse(sample.ids)
        else:
            # a role holding the groups is served on the records it may see the field of
            # (the class teacher: his own class); outside them, see test_scoped_export_is_refused
            scope = Model._guard_scoped([fname]) if hasattr(Model, "_guard_scoped") else None
            mine = Model.search(scope or [], limit=1)
        ops = {"read": lambda: mine.read([fname]),
               "export_data": lambda: mine.export_data([fname])}
        if field.store and field.type not in NOT_GROUPABLE and Model._auto:
            ops["read_group"] = lambda: Model.read_group([], [fname], [fname], lazy=False)
        if field.store or field.search:
            ops["search"] = lambda: Model.search([(fname, "!=", False)])
        if field.store and field.column_type and field.type not in ("one2many", "many2many"):
            ops["order"] = lambda: Model.search([], order="%s desc" % fname, limit=5)
        if field.store or field.search:
            for source, m2o in self.sources(model):
                Source = self.env[source].sudo(user)
                ops["search via %s:%s" % (source, m2o)] = (
                    lambda Source=Source, m2o=m2o: Source.search([("%s.%s" % (m2o, fname), "!=", False)],
                                                                 limit=1))
        return ops

    def test_the_registry_has_restricted_fields(self):
        found = restricted_fields(self.env)
        self.assertIn(("school.student", "snils"), found)
        self.assertIn(("school.student", "health_group"), found)
        self.assertIn(("res.partner", "school_guardian_link_ids"), found)

    def test_restricted_fields_are_guarded_and_not_tracked(self):
        for model, fname in restricted_fields(self.env):
            self.assertTrue(hasattr(self.env[model], "_guard_fields"),
                            "%s has restricted fields (%s): it must inherit school.field.guard" % (model, fname))
            self.assertFalse(getattr(self.env[model]._fields[fname], "track_visibility", None),
                             "%s.%s is restricted: the chatter would show its values to all" % (model, fname))
            self.assertFalse(self.env["mail.tracking.value"].search_count(
                [("field", "=", fname), ("mail_message_id.model", "=", model)]),
                "%s.%s: values tracked before it was restricted are still in the chatter" % (model, fname))

    def test_every_restricted_field_for_every_role(self):
        fields = restricted_fields(self.env)
        refused = served = 0
        failures = []
        for model, fname in fields:
            groups = self.env[model]._fields[fname].groups
            for role, user in sorted(self.users.items()):
                holds = self.holds(user, groups)
                for op, call in sorted(self.operations(model, fname, user).items()):
                    self.checks += 1
                    if not holds:
                        try:
                            with self.env.cr.savepoint():
                                call()
                        except AccessError:
                            refused += 1
                            continue
                        failures.append("%s.%s, %s: %s is not refused" % (model, fname, role, op))
                        continue
                    target = model if not op.startswith("search via ") else op.split()[2].split(":")[0]
                    if not self.readable(user, target):
                        continue  # the model itself is closed to the role: nothing to serve
                    try:
                        with self.env.cr.savepoint():
                            result = call()
                    except AccessError as exc:
                        field = self.env[model]._fields[fname]
                        if op in ("read", "export_data") and (
                                not self.env[model].sudo(user).search([], limit=1)
                                or field.relational and not self.readable(user, field.comodel_name)):
                            continue  # no record, or the field's comodel, is readable by the role
                        failures.append("%s.%s, %s: %s refused (%s)" % (model, fname, role, op, exc))
                        continue
                    served += 1
                    if op == "search":
                        self.assert_no_more_than_read(model, fname, user, result, failures, role)
        print("restricted fields: %d fields x %d roles, %d checks (%d refused, %d served)"
              % (len(fields), len(self.users), self.checks, refused, served))
        self.assertFalse(failures, "\n".join(failures))

    def test_scoped_export_is_refused(self):
        """The class teacher exports personal data of his own class, not of a class he only teaches."""
        user = self.users["class_teacher"]
        Student = self.env["school.student"].sudo(user)
        taught = Student.search([("current_class_id", "not in", user.school_led_class_ids.ids)], limit=1)
        own = Student.search([("current_class_id", "in", user.school_led_class_ids.ids)], limit=1)
        self.assertTrue(taught and own)
        for model, fname in restricted_fields(self.env):
            if model != "school.student" or not self.holds(user, Student._fields[fname].groups):
                continue
            own.export_data([fname])
            with self.assertRaises(AccessError):
                (own | taught).export_data([fname])
            self.assertFalse(taught.read([fname])[0][fname], fname)

    def assert_no_more_than_read(self, model, fname, user, found, failures, role):
        """What a search by the field finds, read() shows: no oracle beyond the scope."""
        if not found:
            return
        try:
            with self.env.cr.savepoint():
                values = {row["id"]: row[fname] for row in found.read([fname])}
        except AccessError:  # the field's comodel is closed to the role: read() shows nothing
            return
        hidden = [rid for rid, value in values.items() if not value]
        if hidden:
            failures.append("%s.%s, %s: search finds %s whose value read() hides" % (model, fname, role, hidden))

    # ------------------------------------------------------------ parents' contacts
    def test_parents_contacts_for_every_role(self):
        """res.partner's personal-data fields of parents of a class the class teacher
        does not lead: only the school admin reads or finds them, by any operation."""
        ref = self.env.ref
        class_teacher = self.users["class_teacher"]
        own_classes = class_teacher.school_led_class_ids
        Guardian = self.env["school.student.guardian"]
        links = Guardian.search([("student_id.current_class_id", "not in", own_classes.ids),
                                 ("student_id.current_class_id", "!=", False)])
        own_links = Guardian.search([("student_id.current_class_id", "in", own_classes.ids)])
        parents = links.mapped("partner_id") - own_links.mapped("partner_id")
        links = links.filtered(lambda link: link.partner_id in parents)
        self.assertTrue(parents and own_links)
        values = {"phone": "+7 900 000-00-01", "mobile": "+7 900 000-00-02", "email": "p@example.invalid",
                  "street": "ул. Тестовая, 1", "street2": "кв. 2", "zip": "170000", "city": "Тверь",
                  "state_id": self.env["res.country.state"].search([], limit=1).id,
                  "country_id": ref("base.ru").id, "comment": "заметка", "website": "http://example.invalid",
                  "function": "инженер"}
        (parents | own_links.mapped("partner_id")).write(values)
        allowed = {"school_admin"}
        failures = []
        checks = 0
        for fname in PARTNER_PD_FIELDS:
            value = values[fname]
            for role, user in sorted(self.users.items()):
                Partner = self.env["res.partner"].sudo(user)
                leaks = {
                    "read": lambda: parents[:1].sudo(user).read([fname]),
                    "export_data": lambda: parents[:1].sudo(user).export_data([fname])["datas"],
                    "search": lambda: Partner.search([("id", "in", parents.ids), (fname, "=", value)]).ids,
                    "order": lambda: Partner.search([("id", "in", parents.ids)], order=fname).ids,
                    "read_group": lambda: [g for g in Partner.read_group(
                        [("id", "in", parents.ids)], [fname], [fname], lazy=False) if g[fname]],
                    "search school.student.guardian.partner_id": lambda: self.env[
                        "school.student.guardian"].sudo(user).search(
                        [("id", "in", links.ids), ("partner_id.%s" % fname, "=", value)]).ids,
                    "search school.student.guardian_ids.partner_id": lambda: self.env[
                        "school.student"].sudo(user).search(
                        [("id", "in", links.mapped("student_id").ids),
                         ("guardian_ids.partner_id.%s" % fname, "=", value)]).ids,
                }
                for op, call in sorted(leaks.items()):
                    checks += 1
                    try:
                        with self.env.cr.savepoint():
                            result = call()
                    except AccessError:
                        result = None
                    if role in allowed:
                        if not result:
                            failures.append("res.partner.%s, %s: %s is refused" % (fname, role, op))
                    elif result:
                        failures.append("res.partner.%s, %s: %s reveals %s" % (fname, role, op, str(result)[:80]))
        # the class teacher: his own class's parents, found and read
        own = own_links.mapped("partner_id")
        Partner = self.env["res.partner"].sudo(class_teacher)
        self.assertEqual(Partner.search([("id", "in", own.ids), ("phone", "=", values["phone"])]), own)
        self.assertTrue(own[:1].sudo(class_teacher).read(["phone"])[0]["phone"])
        print("parents' contacts: %d fields x %d roles, %d checks" % (
            len(PARTNER_PD_FIELDS), len(self.users), checks))
        self.assertFalse(failures, "\n".join(failures))
