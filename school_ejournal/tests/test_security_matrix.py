"""The access matrix (tests/security_matrix.py) checked cell by cell against the
real groups, ACLs and record rules, and record scopes against real searches and
rule filters on the demo school (mail and files: test_security_core_scopes.py;
routes: test_security_routes.py). Fails when a model of the addon has no row."""
from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests.common import TransactionCase

from . import security_matrix as matrix

MODULE = matrix.MODULE


def addon_models(env):
    """Every model of the addon: _module is the addon, or the name starts with
    'school.', or the addon defines or extends it (ir.model.modules); SQL views,
    abstract helpers and transient wizards included."""
    names = set()
    for model in env["ir.model"].sudo().search([]):
        if model.model not in env:
            continue
        modules = (model.modules or "").split(", ")
        if (model.model.startswith("school.") or MODULE in modules
                or getattr(env[model.model], "_module", None) == MODULE):
            names.add(model.model)
    return names


def role_users(env):
    users = {}
    Users = env["res.users"].sudo().with_context(no_reset_password=True)
    for role, spec in matrix.ROLES:
        if "xmlid" in spec:
            users[role] = env.ref(spec["xmlid"])
        else:
            users[role] = Users.create({
                "name": "Матрица: %s" % role, "login": "h10_matrix_%s" % role,
                "groups_id": [(6, 0, [env.ref(g).id for g in spec["groups"]])]})
    return users


class TestAccessMatrix(TransactionCase):

    def setUp(self):
        super().setUp()
        self.users = role_users(self.env)
        self.rows = {row[0]: row for row in matrix.MODEL_MATRIX + matrix.CORE_MODEL_MATRIX}

    def test_every_model_of_the_addon_has_a_row(self):
        models = addon_models(self.env)
        self.assertGreater(len(models), 50)
        missing = sorted(models - set(self.rows))
        self.assertFalse(missing, "models of the addon without a row in tests/security_matrix.py: %s" % missing)
        stale = sorted(set(row[0] for row in matrix.MODEL_MATRIX) - models)
        self.assertFalse(stale, "rows for models that are not the addon's: %s" % stale)

    def test_rows_are_well_formed(self):
        for row in matrix.MODEL_MATRIX + matrix.CORE_MODEL_MATRIX:
            self.assertEqual(len(row), 2 + len(matrix.ROLES), row)
            self.assertIn(row[1], ("model", "transient", "view"), row)
            for cell in row[2:]:
                self.assertTrue(cell == "-" or set(cell) <= set("rcwu"), row)

    def test_kind_of_each_model(self):
        for name, kind in ((r[0], r[1]) for r in matrix.MODEL_MATRIX + matrix.CORE_MODEL_MATRIX):
            model = self.env[name]
            actual = "transient" if model._transient else ("model" if model._auto and not model._abstract
                                                           else "view")
            self.assertEqual(actual, kind, name)

    def test_every_cell(self):
        wrong, checked = [], 0
        for row in matrix.MODEL_MATRIX + matrix.CORE_MODEL_MATRIX:
            name, cells = row[0], dict(zip(matrix.ROLE_NAMES, row[2:]))
            for role, user in self.users.items():
                expected = cells[role]
                for operation, letter in matrix.OPERATIONS:
                    allowed = bool(self.env[name].sudo(user).check_access_rights(operation, raise_exception=False))
                    checked += 1
                    if allowed != (letter in expected):
                        wrong.append("%s %s %s: %s, the matrix says %s" % (
                            role, name, operation, "allowed" if allowed else "refused",
                            "allowed" if letter in expected else "refused"))
        self.assertFalse(wrong, "\n".join(wrong))
        rows = len(matrix.MODEL_MATRIX) + len(matrix.CORE_MODEL_MATRIX)
        self.assertEqual(checked, rows * len(matrix.ROLES) * len(matrix.OPERATIONS))
        print("\n[security matrix] %d model cells checked (%d of them Odoo's own mail and file models)" % (
            checked, len(matrix.CORE_MODEL_MATRIX) * len(matrix.ROLES) * len(matrix.OPERATIONS)))

    def test_refused_operations_raise_in_russian(self):
        # one refusal per role, through the real ORM path: the message is Odoo's translated one
        grade = self.env["school.grade"].search([], limit=1)
        with self.assertRaises(AccessError) as caught:
            grade.sudo(self.users["deputy"]).write({"comment": "x"})
        self.assertRegex(str(caught.exception), "[А-Яа-я]")
        with self.assertRaises(AccessError):
            self.env["school.grade"].sudo(self.users["employee"]).search([])
        with self.assertRaises(AccessError):
            self.env["school.student"].sudo(self.users["public"]).search([])


class TestRecordScopes(TransactionCase):

    def setUp(self):
        super().setUp()
        self.users = role_users(self.env)
        ref = self.env.ref
        self.artem = ref(MODULE + ".demo_student_sokolov_artem")
        self.darya = ref(MODULE + ".demo_student_sokolova_darya")
        self.class_5a = ref(MODULE + ".demo_class_5a")
        # a wizard record of another user, for the 'own' scope of transient models
        self.admin_user = self.users["school_admin"]

    def scope_domain(self, role, model, scope):
        """The expected records, from demo facts, independent of the rules."""
        uid = self.users[role].id
        children = (self.artem | self.darya).ids
        own_class = self.env["school.class"].search([("class_teacher_id", "=", uid)]).ids
        taught = self.env["school.teaching.assignment"].search([("teacher_id", "=", uid)]).mapped("class_id").ids
        own_lesson = ["|", ("teacher_id", "=", uid), ("substitute_teacher_id", "=", uid)]
        on_own_lesson = ["|", ("lesson_id.teacher_id", "=", uid), ("lesson_id.substitute_teacher_id", "=", uid)]
        consent_ok = ("student_id.consent_state", "!=", "revoked")
        today = fields.Date.context_today(self.env.user)
        shown = [("date_from", "<=", today), ("date_to", ">=", today)]

        def announced(pupils):
            classes = pupils.mapped("current_class_id")
            return shown + ["|", "|", ("audience", "=", "school"), ("class_id", "in", classes.ids),
                            ("grade_level_id", "in", classes.mapped("grade_level_id").ids)]
        domains = {
            "remarks_of_taught_classes": [("class_id", "in", taught + own_class)],
            "own_remarks": [("teacher_id", "=", uid)],
            "remarks_of_own_children": [("student_id", "in", children), consent_ok],
            "own_remarks_as_pupil": [("student_id", "=", self.artem.id), consent_ok],
            "announcements_of_own_class": [("audience", "=", "class"), ("class_id", "in", own_class)],
            "announcements_of_own_children_today": announced(self.artem | self.darya),
            "announcements_of_himself_today": announced(self.artem),
            "own_read_marks": [("user_id", "=", uid)],
            "sessions_of_own_courses": [("course_id.teacher_id", "=", uid)],
            "rows_of_own_courses": [("session_id.course_id.teacher_id", "=", uid)],
            "courses_of_own_children": [("student_ids", "in", children)],
            "own_courses": [("student_ids", "in", self.artem.ids)],
            "exemptions_of_own_class": [("class_id", "in", own_class)],
            "exemptions_of_own_children": [("student_id", "in", children), consent_ok],
            "own_exemptions": [("student_id", "=", self.artem.id), consent_ok],
            "all": [],
            "own": [("create_uid", "=", uid)],
            "own_lessons": own_lesson,
            "grades_of_own_lessons": on_own_lesson,
            "rows_of_own_lessons": on_own_lesson,
            "rows_of_own_lessons_or_own_class": ["|"] + on_own_lesson + [("class_id", "in", own_class)],
            "own_plans": [("teacher_id", "=", uid)],
            "period_grades_of_own_subjects": [("teacher_user_ids", "in", [uid])],
            "period_grades_of_own_subjects_or_own_class": ["|", ("teacher_user_ids", "in", [uid]),
                                                           ("class_id", "in", own_class)],
            "own_violations": [("teacher_id", "=", uid)],
            "students_of_taught_classes": [("current_class_id", "in", taught + own_class)],
            "students_of_own_class": [("current_class_id", "in", own_class)],
            "guardians_of_own_class": [("student_id.current_class_id", "in", own_class)],
            "consents_of_own_class": [("student_id.current_class_id", "in", own_class)],
            "alert_lines_of_own_class": [("class_id", "in", own_class)],
            "absence_notes_of_own_class": [("class_id", "in", own_class)],
            "decisions_of_own_class": [("class_id", "in", own_class)],
            "decisions_of_own_children": [("student_id", "in", children), consent_ok],
            "own_decisions": [("student_id", "=", self.artem.id), consent_ok],
            "own_children": [("id", "in", children)],
            "himself": [("id", "=", self.artem.id)],
            "grades_of_own_children": [("student_id", "in", children), consent_ok],
            "own_grades": [("student_id", "=", self.artem.id), consent_ok],
            "attendance_of_own_children": [("student_id", "in", children), consent_ok],
            "own_attendance": [("student_id", "=", self.artem.id), consent_ok],
            "lessons_of_own_children": [("attendance_ids.student_id", "in", children)],
            "own_lessons_as_pupil": [("attendance_ids.student_id", "=", self.artem.id)],
            "confirmed_period_grades_of_own_children": [("student_id", "in", children),
                                                        ("state", "=", "confirmed"), consent_ok],
        }
        return domains[scope]

    def required_values(self, model):
        """Values for the required fields without a default: the first record of the comodel."""
        Model = self.env[model]
        defaults = Model.default_get(list(Model._fields))
        vals = {}
        for name, field in Model._fields.items():
            if not field.required or name in defaults:
                continue
            if field.type == "many2one":
                vals[name] = self.env[field.comodel_name].sudo().search([], limit=1).id
            elif field.type in ("char", "text", "html"):
                vals[name] = "Проверка"
        return vals

    def test_every_scope(self):
        wrong, checked, empty = [], 0, []
        for role, model, operation, scope in matrix.SCOPES:
            user = self.users[role]
            Model = self.env[model].sudo()
            if Model._transient:
                continue  # wizards: test_wizard_records_are_private
            expected = set(Model.search(self.scope_domain(role, model, scope)).ids)
            if operation == "read":
                actual = set(self.env[model].sudo(user).search([]).ids)
            else:
                # the records the rules let the user write/unlink (Odoo 11 has no
                # _filter_access_rules), then a real check on one record in and one out
                domain = self.env["ir.rule"].sudo(user)._compute_domain(model, operation) or []
                actual = set(Model.with_context(active_test=False).search(domain).ids)
                inside = Model.browse(sorted(expected)[:1])
                outside = Model.search([("id", "not in", list(expected))], limit=1)
                inside.sudo(user).check_access_rule(operation)
                if outside:
                    with self.assertRaises(AccessError, msg="%s %s %s" % (role, model, operation)):
                        outside.sudo(user).check_access_rule(operation)
            checked += 1
            if scope != "all" and not expected:
                # nothing of that kind in the demo: then nothing at all may be reached
                empty.append("%s %s" % (role, model))
            if actual != expected:
                wrong.append("%s %s %s %s: %d records reached, %d expected (extra %s, missing %s)" % (
                    role, model, operation, scope, len(actual), len(expected),
                    sorted(actual - expected)[:5], sorted(expected - actual)[:5]))
        self.assertFalse(wrong, "\n".join(wrong))
        print("\n[security matrix] %d record scopes checked (%d empty in the demo: %s)" % (
            checked, len(empty), ", ".join(empty)))

    def test_wizard_records_are_private(self):
        for role, model, operation, scope in matrix.SCOPES:
            if not self.env[model]._transient:
                continue
            vals = self.required_values(model)
            other = self.env[model].sudo(self.admin_user).create(vals)
            mine = self.env[model].sudo(self.users[role]).create(vals)
            found = self.env[model].sudo(self.users[role]).search([("id", "in", (other | mine.sudo()).ids)])
            self.assertEqual(found.ids, mine.ids, "%s sees another user's %s" % (role, model))

    def test_real_writes_follow_the_scope(self):
        teacher = self.users["teacher"]
        Lesson = self.env["school.lesson"]
        own = Lesson.search([("teacher_id", "=", teacher.id), ("period_id.state", "=", "open")], limit=1)
        foreign = Lesson.search([("teacher_id", "!=", teacher.id), ("period_id.state", "=", "open"),
                                 ("grade_ids", "!=", False)]).filtered(
            lambda l: l.substitute_teacher_id != teacher)[:1]
        own.sudo(teacher).write({"topic": "Тема от матрицы"})
        self.assertEqual(own.topic, "Тема от матрицы")
        before = foreign.topic
        with self.assertRaises(AccessError):
            foreign.sudo(teacher).write({"topic": "Чужая тема"})
        self.assertEqual(foreign.topic, before)
        grade = self.env["school.grade"].search([("lesson_id", "=", foreign.id)], limit=1)
        self.assertTrue(grade)
        with self.assertRaises(AccessError):
            grade.sudo(teacher).write({"value": "5"})
        with self.assertRaises(AccessError):
            self.env["school.student"].sudo(self.users["parent"]).browse(
                self.env["school.student"].search([("id", "not in", (self.artem | self.darya).ids)], limit=1).id
            ).read(["name"])
