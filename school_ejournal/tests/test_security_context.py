"""No security decision reads the context (an RPC caller sets it).

Generated: every context key the addon's Python reads or sets (context.get,
context[…], with_context(…)) plus Odoo's keys that change behaviour, and
«default_<field>» for every field the server fills. For every role of the
access matrix and every model of the addon, on one representative record,
the operations that change data — write of each field, create, unlink and
every public action_*/button_* method — are run first without any key; each
one refused is run again with each key set (subTest per key) and must still
be refused."""
import inspect
import logging
import os
import re
import time

from odoo.exceptions import AccessError, MissingError, UserError, ValidationError

from .common import ADDON
from .test_security_fields import FieldWritability, addon_models, rolled_back, stored_fields, write_value

REFUSALS = (AccessError, UserError, ValidationError, MissingError)
# Odoo's own keys that change what the ORM or mail does
ODOO_KEYS = ("active_test", "tracking_disable", "mail_notrack", "mail_create_nolog", "mail_create_nosubscribe",
             "mail_post_autofollow", "mail_notify_force_send", "mail_auto_delete", "no_reset_password",
             "install_mode", "module", "import_file", "force_company", "bin_size", "prefetch_fields",
             "recompute", "active_id", "active_ids", "active_model", "uid", "su", "sudo", "lang", "tz",
             "mail_activity_quick_update",
             # the probe's key (read by period grades before), and defaults of server-filled fields
             "school_period_grade_internal", "default_state", "default_user_id", "default_confirm_uid",
             "default_weight", "default_numeric_value", "default_suggested_value", "default_explanation",
             "default_average", "default_teacher_id", "default_decided_by")
PATTERNS = (r"context\.get\(\s*[\"']([\w.]+)[\"']", r"context\[\s*[\"']([\w.]+)[\"']\s*\]",
            r"with_context\(([^)]*)\)")
# what a key is set to: the value that would switch a behaviour on (or off, for active_test)
VALUES = {"active_test": False, "prefetch_fields": False, "recompute": False, "lang": "ru_RU",
          "tz": "Europe/Moscow", "module": "school_ejournal", "uid": 1, "force_company": 1}


def addon_context_keys():
    keys = set(ODOO_KEYS)
    for folder, _dirs, files in os.walk(ADDON):
        for name in files:
            if not name.endswith(".py"):
                continue
            with open(os.path.join(folder, name), encoding="utf-8") as source:
                text = source.read()
            keys.update(re.findall(PATTERNS[0], text))
            keys.update(re.findall(PATTERNS[1], text))
            for args in re.findall(PATTERNS[2], text):
                keys.update(re.findall(r"(\w+)\s*=", args))
                keys.update(re.findall(r"[\"'](\w+)[\"']\s*:", args))
    return sorted(keys)


def public_actions(model):
    """The public methods that change data through a button: action_* and button_*."""
    names = []
    for name, member in inspect.getmembers(type(model), predicate=inspect.isfunction):
        if (name.startswith("action_") or name.startswith("button_")) and not name.startswith("_"):
            names.append(name)
    return sorted(names)


class TestContextIsNoAuthority(FieldWritability):

    def representative(self, name, role, user):
        Model = self.env[name]
        may_write = Model.sudo(user).check_access_rights("write", raise_exception=False)
        record = self.sample(name, role, user, set()) if may_write else None
        if record is None:
            record = (self.transient_sample(name, self.users["school_admin"]) if Model._transient
                      else Model.sudo().search(self.sample_domain(name), limit=1, order="id desc")).sudo(user)
        return record

    def operations(self, name, role, user):
        """[(label, callable)] for one model and role on a representative record."""
        Model = self.env[name]
        may_write = Model.sudo(user).check_access_rights("write", raise_exception=False)
        record = self.representative(name, role, user)
        ops = []
        if not record:
            return ops
        # the ACL refuses whatever the field: one operation stands for all of them
        may_create = Model.sudo(user).check_access_rights("create", raise_exception=False)
        for index, fname in enumerate(stored_fields(Model)):
            value = write_value(record, fname)
            if may_write or not index:
                ops.append(("write %s" % fname, lambda env, f=fname, v=value: record.with_env(env).write({f: v})))
            if may_create or not index:
                ops.append(("create %s" % fname, lambda env, f=fname, v=value: env[name].create({f: v})))
        ops.append(("unlink", lambda env: record.with_env(env).unlink()))
        for method in public_actions(Model):
            ops.append((method, lambda env, m=method: getattr(record.with_env(env), m)()))
        return ops

    def sample_domain(self, name):
        from .field_matrix import SAMPLE_DOMAINS
        return SAMPLE_DOMAINS.get(name, [])

    def outcome(self, env, op):
        try:
            with rolled_back(self.env):
                op(env)
            return "allowed"
        except REFUSALS:
            return "refused"
        except Exception as error:  # noqa: B902 - a raw failure is not an allowance either
            return "error: %s" % type(error).__name__

    def sentinels(self, refused):
        """Per model and role that has some right on it: the first refused write
        and create, the unlink and every action (the rest is in the pass with
        all keys at once)."""
        seen, chosen = set(), []
        for item in refused:
            role, name, label, _op, _user = item
            if self.acl.get(name, {}).get(role, "-") == "-" and not self.env[name]._transient:
                continue
            kind = label.split()[0] if label.split()[0] in ("write", "create") else label
            if (role, name, kind) not in seen:
                seen.add((role, name, kind))
                chosen.append(item)
        return chosen

    def test_no_context_key_turns_a_refusal_into_an_allowance(self):
        started = time.time()
        keys = addon_context_keys()
        refused = []   # (role, model, label, op, user)
        for name in addon_models(self.env):
            for role, user in self.users.items():
                env = self.env(user=user.id, context={})
                for label, op in self.operations(name, role, user):
                    if self.outcome(env, op) != "allowed":
                        refused.append((role, name, label, op, user))

        def context_of(key_values, name):
            context = dict(key_values)
            if "active_model" in context:
                context["active_model"] = name
            return context

        # every refused operation with every key set at once
        union = {key: VALUES.get(key, True) for key in keys}
        turned = ["%s %s %s" % (role, name, label) for role, name, label, op, user in refused
                  if self.outcome(self.env(user=user.id, context=context_of(union, name)), op) == "allowed"]
        self.assertFalse(turned, "with every key set, allowed:\n%s" % "\n".join(turned))
        checked = len(refused)
        # each key alone, on one operation of each kind per model and role
        chosen = self.sentinels(refused)
        for key in keys:
            with self.subTest(key=key):
                value = VALUES.get(key, True)
                turned = []
                for role, name, label, op, user in chosen:
                    checked += 1
                    if self.outcome(self.env(user=user.id, context=context_of({key: value}, name)), op) == "allowed":
                        turned.append("%s %s %s" % (role, name, label))
                self.assertFalse(turned, "with %s=%r allowed:\n%s" % (key, value, "\n".join(turned)))
        print("\n[context] %d keys; %d refused operations with all keys at once, %d of them with each key "
              "alone: %d checks in %.0f s" % (len(keys), len(refused), len(chosen), checked, time.time() - started))

    def test_no_context_key_changes_what_the_server_derives(self):
        """Every write a role may make stores the same derived values (computed,
        related, on any model that depends on the written field) whatever keys the
        caller sets: «recompute» once made Odoo skip them and forget them with the
        request. Read from the tables, as the next request would find them."""
        started = time.time()
        union = {key: VALUES.get(key, True) for key in addon_context_keys() if key not in ("lang", "tz")}
        checked, changed = 0, []
        for name in addon_models(self.env):
            Model = self.env[name]
            if Model._transient:
                continue
            for role, user in self.users.items():
                if not Model.sudo(user).check_access_rights("write", raise_exception=False):
                    continue
                record = self.representative(name, role, user)
                if not record:
                    continue
                for fname in stored_fields(Model):
                    derived = dependents(self.env, name, fname)
                    if not derived:
                        continue
                    value = write_value(record, fname)
                    stored = [self.stored_after(env, record, fname, value, derived)
                              for env in (self.env(user=user.id, context={}),
                                          self.env(user=user.id, context=dict(union, active_model=name)))]
                    if stored[0] is None:
                        continue  # refused: the other test's matter
                    checked += 1
                    if stored[1] is not None and stored[0] != stored[1]:  # a refusal changes nothing
                        changed.append("%s %s write %s: %s" % (role, name, fname, sorted(
                            table for table in stored[0] if stored[0][table] != stored[1][table])))
        self.assertTrue(checked)
        self.assertFalse(changed, "keys changed what the server stored:\n%s" % "\n".join(changed))
        logging.getLogger(__name__).info("[context] %d allowed writes: the same derived values with every key "
                                         "set (%.0f s)", checked, time.time() - started)

    def stored_after(self, env, record, fname, value, derived):
        """{table: checksum of its derived columns} and the fields left to compute
        after the write, or None if refused."""
        try:
            with rolled_back(self.env):
                record.with_env(env).write({fname: value})
                # what the write left to compute is lost with the request
                sums = {"left to compute": sorted("%s.%s" % (field.model_name, field.name)
                                                  for field, recs in env.all.todo.items() if recs)}
                for model, columns in sorted(derived.items()):
                    table = self.env[model]._table
                    self.env.cr.execute("SELECT md5(string_agg(concat_ws('|', id, %s), ',' ORDER BY id)) FROM \"%s\""
                                        % (", ".join('"%s"' % c for c in sorted(columns)), table))
                    sums[table] = self.env.cr.fetchone()[0]
                return sums
        except REFUSALS:
            return None
        except Exception:  # noqa: B902 - a raw failure is not an allowed write either
            return None


def dependents(env, model, fname):
    """{model: stored derived fields} that a write of ``model.fname`` recomputes, through every chain."""
    seen, todo, found = set(), [env[model]._fields[fname]], {}
    while todo:
        field = todo.pop()
        for dependent, _path in env[field.model_name]._field_triggers[field]:
            if dependent in seen:
                continue
            seen.add(dependent)
            todo.append(dependent)
            if dependent.store and dependent.column_type and not env[dependent.model_name]._transient:
                found.setdefault(dependent.model_name, set()).add(dependent.name)
    return found
