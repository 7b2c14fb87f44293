"""Every field is writable on purpose (tests/field_matrix.py).

Generated from the registry: every stored field of every model of the addon
(magic fields aside) is written by every role of the access matrix, as that
user, over the ORM, on a record the role may otherwise write — and set at
creation where the role may create — and the outcome must be the matrix's:
a field without a row fails, a field written that the row does not allow
fails, an allowed field refused fails. View ``readonly`` is not protection:
only what the server refuses counts. A sample of the cells is repeated over
JSON-RPC (/web/dataset/call_kw)."""
import os
from collections import defaultdict
from contextlib import contextmanager

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.models import MAGIC_COLUMNS
from odoo.tests.common import HttpCase, TransactionCase

from . import field_matrix as fm
from . import security_matrix as sm

from .common import call_kw

MODULE = sm.MODULE
SKIP = set(MAGIC_COLUMNS) | {"id", "display_name", "__last_update"}
REFUSALS = (AccessError, UserError, ValidationError)
TIMEOUT = 120


def addon_models(env):
    """The addon's own models with a table (school.*), wizards included."""
    return sorted(name for name in env.registry.models
                  if name.startswith("school.") and env[name]._auto and not env[name]._abstract)


def stored_fields(model):
    return sorted(name for name, field in model._fields.items() if field.store and name not in SKIP)


def role_users(env):
    users = {}
    Users = env["res.users"].sudo().with_context(no_reset_password=True)
    for role, spec in sm.ROLES:
        if "xmlid" in spec:
            users[role] = env.ref(spec["xmlid"])
        else:
            users[role] = Users.create({
                "name": "Поля: %s" % role, "login": "h15_fields_%s" % role, "email": "h15_%s@school.test" % role,
                "groups_id": [(6, 0, [env.ref(g).id for g in spec["groups"]])]})
    return users


def write_value(record, name):
    """The record's current value of ``name`` in the form write() takes; for a
    field set at creation only, another value (the web client sends such a field
    back unchanged with its row, and an unchanged value is no change)."""
    field = record._fields[name]
    value = record.sudo()[name]
    if _set_at_creation(record, name):
        return _other_value(record, name, value)
    if field.type == "many2one":
        return value.id
    if field.type == "many2many":
        return [(6, 0, value.ids)]
    if field.type == "one2many":
        return []   # no command: the key alone is what the server must judge
    if field.type == "binary":
        return value or False
    return value if value is not None else False


def _set_at_creation(record, name):
    from ..models.client_gate import CREATE_ONLY, server_fields
    return server_fields(record).get(name) == CREATE_ONLY


def _other_value(record, name, current):
    field = record._fields[name]
    if field.type == "many2one":
        return record.env[field.comodel_name].sudo().search([("id", "!=", current.id or 0)], limit=1).id
    value = create_value(record.env, record, name)
    return value if value != current else False


def create_value(env, model, name):
    """A value of ``name`` that is neither empty nor the field's default (the
    web client sends those with every new record; they change nothing)."""
    field = model._fields[name]
    default = field.default(model) if field.default else False
    if field.type == "many2one":
        default = getattr(default, "id", default)
        return env[field.comodel_name].sudo().search([("id", "!=", default or 0)], limit=1).id or 1
    if field.type == "many2many":
        return [(6, 0, env[field.comodel_name].sudo().search([], limit=1).ids or [1])]
    if field.type == "one2many":
        return [(0, 0, {})]
    if field.type == "selection":
        selection = field.selection if isinstance(field.selection, list) else field.selection(model)
        return next(key for key, _label in selection if key != default)
    if field.type == "boolean":
        return not default
    if field.type in ("integer", "float", "monetary"):
        return 7
    if field.type == "date":
        return "2026-09-15"
    if field.type == "datetime":
        return "2026-09-15 10:00:00"
    if field.type == "binary":
        return "eA=="
    return "Проверка"


@contextmanager
def rolled_back(env):
    """Run one attempt and undo it, allowed or not: the next attempt starts from
    the same database, cache and recomputation list."""
    env.cr.execute('SAVEPOINT "h15_attempt"')
    try:
        yield
    finally:
        env.cr.execute('ROLLBACK TO SAVEPOINT "h15_attempt"')
        env.cr.execute('RELEASE SAVEPOINT "h15_attempt"')
        env.all.todo.clear()
        env.cache.invalidate()


def gate_refused(error):
    from ..models.client_gate import FieldAccessError
    return isinstance(error, FieldAccessError)


class FieldWritability(TransactionCase):
    """Fills self.outcomes[(model, field)] = {'w': roles allowed to write, 'c': roles allowed at create}."""

    def setUp(self):
        super().setUp()
        self.users = role_users(self.env)
        self.acl = {row[0]: dict(zip(sm.ROLE_NAMES, row[2:])) for row in sm.MODEL_MATRIX}
        self.rows = {(m, f): (set(w.split()) - {"-"}, set(c.split()) - {"-"}) for m, f, w, c in fm.FIELDS}
        ref = self.env.ref
        # period grades to write (the demo has none until a teacher suggests them)
        q1 = self.env["school.period"].search([("kind", "=", "quarter"), ("number", "=", 1),
                                               ("academic_year_id", "=", ref(MODULE + ".demo_year_2026").id)])
        class_5a, math = ref(MODULE + ".demo_class_5a"), ref(MODULE + ".subject_math")
        self.env["school.period.grade"].suggest(q1, [class_5a.id], [math.id, ref(MODULE + ".subject_rus").id])
        # and one record of the kinds the demo has none of (made by the crons or by hand)
        teacher = ref(MODULE + ".user_teacher")
        for subject, user in ((math, teacher), (ref(MODULE + ".subject_rus"), ref(MODULE + ".user_class_teacher"))):
            self.env["school.thematic.plan"].create({
                "class_id": class_5a.id, "subject_id": subject.id, "teacher_id": user.id,
                "line_ids": [(0, 0, {"number": 1, "topic": "Вводный урок", "hours": 1})]})
        self.env["school.council.decision"].create({
            "student_id": ref(MODULE + ".demo_student_sokolov_artem").id, "class_id": class_5a.id,
            "academic_year_id": class_5a.academic_year_id.id, "decision": "promoted"})
        self.env["school.violation"].create({"teacher_id": teacher.id, "rule": "no_topic", "date": "2026-09-10",
                                             "class_id": class_5a.id, "subject_id": math.id, "key": "h15-fields"})
        self.env["school.monitoring.alert"].create({
            "name": "Проверка", "kind": "accumulation", "key": "h15-fields", "date": "2026-10-01",
            "class_id": class_5a.id, "recipient_ids": [(6, 0, [ref(MODULE + ".user_class_teacher").id])],
            "line_ids": [(0, 0, {"class_id": class_5a.id, "student_id": ref(MODULE + ".demo_student_sokolov_artem").id,
                                 "subject_id": math.id, "reason": "pace", "date_first": "2026-10-01",
                                 "date_last": "2026-10-01"})]})
        # a remark of each staff role that writes only its own
        for role in ("deputy", "director", "school_admin"):
            self.env["school.student.remark"].create({
                "student_id": ref(MODULE + ".demo_student_sokolov_artem").id, "text": "Проверка",
                "teacher_id": self.users[role].id})
        # a draft absence of a teacher with its lessons (the demo's is confirmed)
        self.env["school.teacher.absence"].create({
            "teacher_id": ref(MODULE + ".user_class_teacher").id, "date_from": "2026-10-05",
            "date_to": "2026-10-09"}).action_propose()
        # an exemption of a 5А pupil (the demo's is of 5Б), for the class teacher of 5А
        self.env["school.subject.exemption"].create({
            "student_id": ref(MODULE + ".demo_student_sokolov_artem").id, "subject_id": math.id,
            "date_from": "2026-10-01", "date_to": "2026-10-31", "document": "Справка ВК № 3"})
        # a draft print of the school's journals
        self.env["school.journal.print"].create({"academic_year_id": ref(MODULE + ".demo_year_2026").id})
        # a draft справка of 5А (the demo's may all be confirmed)
        self.env["school.absence.note"].create({
            "student_id": ref(MODULE + ".demo_student_sokolov_artem").id, "date_from": "2026-10-12",
            "date_to": "2026-10-14", "document_date": "2026-10-15"})

    # ------------------------------------------------------------------ samples
    def transient_sample(self, name, user):
        """A wizard record of ``user`` (wizards are per user), from the matrix's recipe."""
        Model = self.env[name].sudo()
        vals = {}
        for fname, spec in fm.TRANSIENT_SAMPLES.get(name, {}).items():
            if isinstance(spec, tuple):
                found = self.env[spec[0]].sudo().search(spec[1], limit=1)
                vals[fname] = found.id if found else self.env[spec[0]].sudo().create({}).id
            elif isinstance(spec, str) and spec.startswith(MODULE + "."):
                vals[fname] = self.env.ref(spec).id
            else:
                vals[fname] = spec
        record = Model.create(vals)
        self.env.cr.execute('UPDATE "%s" SET create_uid = %%s WHERE id = %%s' % record._table, (user.id, record.id))
        record.invalidate_cache()
        return record

    def sample(self, name, role, user, allowed):
        """A record ``role`` may write: passes the record rules and, when the
        matrix allows some field, a write of that field's own value."""
        Model = self.env[name]
        if Model._transient:
            candidates = self.transient_sample(name, user)
        else:
            rule = self.env["ir.rule"].sudo(user)._compute_domain(name, "write") or []
            candidates = Model.sudo(user).search(fm.SAMPLE_DOMAINS.get(name, []) + rule, limit=20,
                                                 order="id desc")
        control = sorted(allowed)[:1]
        for record in candidates:
            record = record.sudo(user)
            try:
                with rolled_back(self.env):
                    record.check_access_rule("write")
                    if control:
                        record.write({control[0]: write_value(record, control[0])})
            except REFUSALS:
                continue
            return record
        return None

    # ------------------------------------------------------------------ outcomes
    def try_write(self, record, name):
        try:
            with rolled_back(self.env):
                record.write({name: write_value(record, name)})
            return "allowed", None
        except REFUSALS as error:
            return "refused", error

    def try_create(self, Model, name, value):
        try:
            with rolled_back(self.env):
                Model.create({name: value})
        except REFUSALS as error:
            if gate_refused(error):
                return "refused", error
            return "allowed", error     # the gate let the field through; something else was missing
        except Exception as error:  # noqa: B902 - a field the gate passed, then a raw failure
            return "allowed", error
        return "allowed", None

    def observe(self):
        self.attempts = 0
        observed = defaultdict(lambda: {"w": set(), "c": set()})
        problems, checked = [], 0
        for name in addon_models(self.env):
            Model = self.env[name]
            names = stored_fields(Model)
            for role, user in self.users.items():
                cell = self.acl.get(name, {}).get(role, "-")
                checked += 2 * len(names)
                allowed_w = {f for f in names if role in self.rows.get((name, f), (set(), set()))[0]}
                record = self.sample(name, role, user, allowed_w) if "w" in cell else None
                if "w" in cell:
                    if record is None:
                        problems.append("%s: no record %s may write (SAMPLE_DOMAINS/TRANSIENT_SAMPLES)"
                                        % (name, role))
                    else:
                        for fname in names:
                            self.attempts += 1
                            if self.try_write(record, fname)[0] == "allowed":
                                observed[(name, fname)]["w"].add(role)
                if "c" in cell:
                    for fname in names:
                        self.attempts += 1
                        value = create_value(self.env, Model, fname)
                        if self.try_create(Model.sudo(user), fname, value)[0] == "allowed":
                            observed[(name, fname)]["c"].add(role)
        return observed, problems, checked


class TestFieldMatrix(FieldWritability):
    def test_every_field_has_a_row(self):
        actual = {(name, f) for name in addon_models(self.env) for f in stored_fields(self.env[name])}
        missing = sorted(actual - set(self.rows))
        self.assertFalse(missing, "fields without a row in tests/field_matrix.py: %s" % missing)
        stale = sorted(set(self.rows) - actual)
        self.assertFalse(stale, "rows for fields that do not exist: %s" % stale)
        for model, field, write, create in fm.FIELDS:
            self.assertTrue(set(write.split()) | set(create.split()) <= set(sm.ROLE_NAMES) | {"-"},
                            (model, field))

    def test_every_field_is_writable_only_on_purpose(self):
        observed, problems, checked = self.observe()
        wrong = list(problems)
        for key, (write, create) in sorted(self.rows.items()):
            seen = observed.get(key, {"w": set(), "c": set()})
            for op, expected, actual in (("write", write, seen["w"]), ("create", create, seen["c"])):
                for role in sorted(actual - expected):
                    wrong.append("%s.%s: %s may %s it, the matrix says no" % (key[0], key[1], role, op))
                for role in sorted(expected - actual):
                    wrong.append("%s.%s: %s may not %s it, the matrix says yes" % (key[0], key[1], role, op))
        if os.environ.get("FIELD_MATRIX_DUMP"):
            with open(os.environ["FIELD_MATRIX_DUMP"], "w") as out:
                for name in addon_models(self.env):
                    for fname in stored_fields(self.env[name]):
                        seen = observed.get((name, fname), {"w": set(), "c": set()})
                        out.write("%s\t%s\t%s\t%s\n" % (name, fname, " ".join(r for r in sm.ROLE_NAMES if r in seen["w"])
                                                      or "-", " ".join(r for r in sm.ROLE_NAMES if r in seen["c"]) or "-"))
        self.assertFalse(wrong, "\n".join(wrong))
        print("\n[field matrix] %d fields x %d roles = %d cells (write and create): %d attempts over the ORM, "
              "the rest refused by the model's ACL (tests/security_matrix.py)"
              % (len(self.rows), len(self.users), checked, self.attempts))


class TestFieldMatrixOverRpc(HttpCase):
    """A sample of the cells over JSON-RPC: per model, a field the matrix
    refuses to a role that may write the model is refused over call_kw too."""

    def rpc(self, login, model, method, args):
        self.authenticate(login, login)
        return call_kw(self.opener, model, method, args, timeout=TIMEOUT)

    def test_refused_fields_are_refused_over_rpc(self):
        logins = {role: spec["xmlid"] for role, spec in sm.ROLES if "xmlid" in spec}
        acl = {row[0]: dict(zip(sm.ROLE_NAMES, row[2:])) for row in sm.MODEL_MATRIX}
        by_model = defaultdict(list)
        for model, field, write, _create in fm.FIELDS:
            by_model[model].append((field, set(write.split())))
        checked = 0
        for model, rows in sorted(by_model.items()):
            if self.env[model]._transient:
                continue
            for role in ("teacher", "class_teacher", "deputy", "school_admin"):
                if "w" not in acl.get(model, {}).get(role, "-"):
                    continue
                user = self.env.ref(logins[role])
                records = self.env[model].sudo(user).search(fm.SAMPLE_DOMAINS.get(model, []), limit=1,
                                                             order="id desc")
                refused = [f for f, roles in rows if role not in roles and self.env[model]._fields[f].type
                           not in ("one2many", "many2many", "binary")]
                if not records or not refused:
                    continue
                field = refused[0]
                with self.subTest(model=model, role=role, field=field):
                    login = user.login
                    answer = self.rpc(login, model, "write", [records.ids, {field: write_value(records, field)}])
                    self.assertIn("error", answer, "%s wrote %s.%s over RPC" % (role, model, field))
                    self.assertRegex(answer["error"]["data"]["message"], "[А-Яа-я]")
                    checked += 1
                break
        self.assertGreater(checked, 10)
        print("\n[field matrix] %d refusals checked over JSON-RPC" % checked)
