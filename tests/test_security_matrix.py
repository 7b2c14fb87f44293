"""The access matrix (tests/security_matrix.py) checked cell by cell against the
real groups, ACLs and record rules, record scopes against real searches and
rule filters on the demo school, and every HTTP route of the addon against four
visitors. Fails when a model or a route of the addon has no row."""
from odoo.exceptions import AccessError, UserError
from odoo.tests.common import HttpCase, TransactionCase

try:
    from . import security_matrix as matrix
except ImportError:  # collected as a top-level module
    import security_matrix as matrix

MODULE = matrix.MODULE
TIMEOUT = 120


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
        domains = {
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
            "decisions_of_own_class": [("class_id", "in", own_class)],
            "decisions_of_own_children": [("student_id", "in", children), consent_ok],
            "own_decisions": [("student_id", "=", self.artem.id), consent_ok],
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


class TestCoreScopes(TransactionCase):
    """CORE_SCOPES: every role against sample mail, followers, messages and files
    on the demo school's pupils, a class and lessons. Reads are compared as search
    results and as read() one record at a time; creations, writes and deletions are
    really attempted (each in a savepoint, rolled back)."""

    READ_FIELD = {"mail.mail": "state", "mail.message": "body", "mail.followers": "res_id",
                  "ir.attachment": "name", "mail.activity": "summary", "res.partner": "name",
                  "res.users": "login"}

    def setUp(self):
        super().setUp()
        self.users = role_users(self.env)
        ref = self.env.ref
        self.artem = ref(MODULE + ".demo_student_sokolov_artem")
        self.darya = ref(MODULE + ".demo_student_sokolova_darya")
        self.class_5a = ref(MODULE + ".demo_class_5a")
        self.pupils = {"student": self.artem, "parent": self.artem | self.darya}
        Student, Lesson = self.env["school.student"], self.env["school.lesson"]
        teacher = self.users["teacher"]
        foreign = Student.search([("current_class_id", "=", self.class_5a.id),
                                  ("id", "not in", (self.artem | self.darya).ids)], limit=1)
        far = Student.search([("current_class_id", "not in", teacher.school_taught_class_ids.ids +
                               self.class_5a.ids + self.darya.current_class_id.ids),
                              ("current_class_id", "!=", False)], limit=1)
        lesson_artem = Lesson.search([("teacher_id", "=", teacher.id), ("period_id.state", "=", "open"),
                                      ("attendance_ids.student_id", "=", self.artem.id)], limit=1)
        lesson_far = Lesson.search([("class_id", "=", far.current_class_id.id),
                                    ("period_id.state", "=", "open")], limit=1)
        self.docs = self.artem | self.darya | foreign | far  # pupils: threads, files
        self.threads = list(self.docs) + [self.class_5a]
        self.file_docs = list(self.docs) + [lesson_artem, lesson_far]
        self.assertTrue(foreign and far and lesson_artem and lesson_far)
        self.samples = {model: self.env[model] for model in ("mail.mail", "mail.message", "mail.followers",
                                                             "ir.attachment", "mail.activity")}
        self.make_samples(foreign)

    def make_samples(self, foreign):
        users, pid = self.users, lambda role: self.users[role].partner_id.id
        Message = self.env["mail.message"]
        comment, note = self.env.ref("mail.mt_comment").id, self.env.ref("mail.mt_note").id
        for doc, author, to, subtype in (
                (self.artem, "class_teacher", ["parent"], comment),
                (self.darya, "class_teacher", [], note),
                (foreign, "class_teacher", [], comment),
                (self.docs[-1], "teacher", [], comment),
                (self.class_5a, "class_teacher", [], comment),
                (None, "teacher", ["deputy"], comment)):
            self.samples["mail.message"] |= Message.create({
                "model": doc and doc._name, "res_id": doc and doc.id, "body": "<p>образец</p>",
                "message_type": "comment", "subtype_id": subtype, "author_id": pid(author),
                "partner_ids": [(6, 0, [pid(r) for r in to])]})
        for role in ("class_teacher", "teacher"):
            self.samples["mail.mail"] |= self.env["mail.mail"].sudo(users[role]).create({
                "subject": "Образец", "body_html": "<p>%s</p>" % foreign.name, "email_to": "x@example.invalid"})
        self.samples["mail.mail"] |= self.env["mail.mail"].create({
            "subject": "Отчёт родителям", "body_html": "<p>отметки</p>", "email_to": "y@example.invalid"})
        # activities first: creating one re-subscribes its user (new follower records)
        todo = self.env.ref("mail.mail_activity_data_todo").id
        for doc in self.threads:
            for role in ("class_teacher", "teacher"):
                self.samples["mail.activity"] |= self.env["mail.activity"].create({
                    "res_model_id": self.env["ir.model"]._get(doc._name).id, "res_id": doc.id,
                    "user_id": users[role].id, "summary": "Образец", "activity_type_id": todo})
        Followers = self.env["mail.followers"]
        for doc in self.threads:
            for role in ("parent", "class_teacher"):
                follower = Followers.search([("res_model", "=", doc._name), ("res_id", "=", doc.id),
                                             ("partner_id", "=", pid(role))])
                self.samples["mail.followers"] |= follower or Followers.create({
                    "res_model": doc._name, "res_id": doc.id, "partner_id": pid(role)})
        for doc in self.file_docs:
            self.samples["ir.attachment"] |= self.env["ir.attachment"].create({
                "name": "файл.txt", "datas": "eA==", "res_model": doc._name, "res_id": doc.id})

    # ------------------------------------------------------------------ facts
    def allowed(self, role, doc, operation, rights=None):
        """Odoo's own verdict on the document (the delegation the mail models use)."""
        try:
            doc.sudo(self.users[role]).check_access_rights(rights or operation)
            doc.sudo(self.users[role]).check_access_rule(operation)
            return True
        except AccessError:
            return False

    def is_follower(self, role, doc):
        return bool(self.env["mail.followers"].search_count([
            ("res_model", "=", doc._name), ("res_id", "=", doc.id),
            ("partner_id", "=", self.users[role].partner_id.id)]))

    def own_pupil_doc(self, role, doc):
        pupils = self.pupils.get(role, self.env["school.student"])
        if doc._name == "school.student":
            return doc in pupils
        if doc._name == "school.lesson":
            return bool(doc.attendance_ids.mapped("student_id") & pupils)
        return False

    def doc_of(self, record):
        model = record.model if record._name == "mail.message" else record.res_model
        return self.env[model].browse(record.res_id) if model else None

    def expected(self, model, operation, role, scope, record):
        """Whether ``role`` reaches ``record`` (or, for creations, the document) in ``scope``."""
        if scope == "refused":
            return False
        if scope == "all":
            return True
        user = self.users[role]
        pid = user.partner_id.id
        if model == "mail.mail":
            return record.create_uid == user or record.author_id.id == pid
        if model in ("mail.followers", "mail.activity") and operation == "read":
            own = record.partner_id.id == pid if model == "mail.followers" else record.user_id == user
            return own or (scope == "own_or_readable_docs" and self.allowed(role, self.doc_of(record), "read"))
        if model in ("mail.followers", "mail.activity") or operation == "create":
            doc = record  # creations are tried per document
            return {"own_pupils": lambda: self.own_pupil_doc(role, doc),
                    "readable_docs": lambda: self.allowed(role, doc, "read"),
                    "writable_docs": lambda: self.allowed(role, doc, operation if model == "ir.attachment"
                                                          else "write", rights="write"),
                    "postable_docs": lambda: self.is_follower(role, doc) or self.allowed(
                        role, doc, getattr(doc, "_mail_post_access", "write"))}[scope]()
        if model == "mail.message":
            mine = record.author_id.id == pid or pid in record.partner_ids.ids
            doc = self.doc_of(record)
            if scope in ("own_pupils", "addressed"):
                public = record.subtype_id and not record.subtype_id.internal
                return bool(public and (mine or (scope == "own_pupils" and doc and self.own_pupil_doc(role, doc))))
            if scope == "readable_docs":
                return mine or bool(doc and self.allowed(role, doc, "read"))
            if scope == "own_or_writable_docs":
                return mine or bool(doc and self.allowed(role, doc, "write"))
        if model == "ir.attachment":
            doc = self.doc_of(record)
            if scope == "own_pupils":
                return self.own_pupil_doc(role, doc)
            if scope == "readable_docs":
                return self.allowed(role, doc, "read")
            return self.allowed(role, doc, operation, rights="write")
        raise ValueError(scope)

    # ------------------------------------------------------------------ attempts
    def attempt(self, call):
        self.env.cr.execute("SAVEPOINT core_scope")
        try:
            call()
            return True
        except (AccessError, UserError):
            return False
        finally:
            self.env.cr.execute("ROLLBACK TO SAVEPOINT core_scope")
            self.env.clear()

    def reached(self, model, operation, role, record):
        user = self.users[role]
        if operation == "read":
            return self.attempt(lambda: record.sudo(user).read([self.READ_FIELD[model]]))
        if operation == "write":
            values = {"mail.mail": {"email_to": "z@example.invalid"}, "mail.message": {"body": "<p>z</p>"},
                      "ir.attachment": {"datas": "eg=="}}[model]
            return self.attempt(lambda: record.sudo(user).write(values))
        if operation == "unlink":
            return self.attempt(lambda: record.sudo(user).unlink())
        doc, partner = record, user.partner_id
        if operation == "create_for_others":
            partner = self.users["deputy" if role != "deputy" else "teacher"].partner_id
        def create():
            if model == "mail.followers":
                self.env["mail.followers"].search([("res_model", "=", doc._name), ("res_id", "=", doc.id),
                                                   ("partner_id", "=", partner.id)]).unlink()
                self.env["mail.followers"].sudo(user).create({
                    "res_model": doc._name, "res_id": doc.id, "partner_id": partner.id})
            elif model == "mail.message":
                self.env["mail.message"].sudo(user).create({
                    "model": doc._name, "res_id": doc.id, "body": "<p>z</p>", "message_type": "comment",
                    "subtype_id": self.env.ref("mail.mt_comment").id, "author_id": partner.id,
                    "email_from": "z@example.invalid"})
            elif model == "mail.activity":
                self.env["mail.activity"].sudo(user).create({
                    "res_model_id": self.env["ir.model"]._get(doc._name).id, "res_id": doc.id,
                    "user_id": user.id, "summary": "z",
                    "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id})
            elif model == "ir.attachment":
                self.env["ir.attachment"].sudo(user).create({
                    "name": "z.txt", "datas": "eg==", "res_model": doc._name, "res_id": doc.id})
        return self.attempt(create)

    def targets(self, model, operation):
        if operation in ("create", "create_for_others"):
            return self.file_docs if model == "ir.attachment" else self.threads
        return list(self.samples[model])

    def test_every_core_scope(self):
        wrong, checked = [], 0
        for model, operation, cells in matrix.CORE_SCOPES:
            if model in ("res.partner", "res.users"):
                continue  # test_portal_reads_only_own_contact
            self.assertEqual(set(cells), set(matrix.ROLE_NAMES), "%s %s: a cell per role" % (model, operation))
            for role, scope in sorted(cells.items()):
                targets = self.targets(model, operation)
                expected = {t.id for t in targets if self.expected(model, operation, role, scope, t)}
                actual = {t.id for t in targets if self.reached(model, operation, role, t)}
                if operation == "read" and model in self.samples:
                    try:  # the search agrees with read()
                        found = set(self.env[model].sudo(self.users[role]).search([
                            ("id", "in", self.samples[model].ids)]).ids)
                    except AccessError:
                        found = set()
                    if found != actual:
                        wrong.append("%s %s search %s, read %s" % (role, model, sorted(found), sorted(actual)))
                checked += len(targets)
                if actual != expected:
                    wrong.append("%s %s %s (%s): reached %s, expected %s" % (
                        role, model, operation, scope, sorted(actual), sorted(expected)))
        self.assertFalse(wrong, "\n".join(wrong))
        print("\n[security matrix] %d core-model record checks (role × record × operation)" % checked)

    def test_portal_reads_only_own_contact(self):
        checked = 0
        for model, operation, cells in matrix.CORE_SCOPES:
            if model not in ("res.partner", "res.users"):
                continue
            for role, scope in cells.items():
                self.assertEqual(scope, "own")
                user = self.users[role]
                own = user.partner_id if model == "res.partner" else user
                found = self.env[model].sudo(user).with_context(active_test=False).search([])
                self.assertEqual(found.ids, own.ids, "%s reads %s %s" % (role, model, found.ids[:5]))
                checked += 1
        self.assertEqual(checked, 6)


class TestRoutes(HttpCase):
    """Every route of the addon, as anonymous, portal parent, portal student and
    the teacher (an internal user)."""

    LOGINS = {"anonymous": None, "parent": "parent", "student": "student", "internal": "teacher"}

    def addon_routes(self):
        """{path: (auth, methods)} of every route the addon's controllers declare or
        override (an override with a bare @http.route() keeps its parent's routing)."""
        import odoo.http
        routes, classes, todo = {}, [], [odoo.http.Controller]
        while todo:  # every controller class of the addon, however deep it inherits
            for sub in todo.pop().__subclasses__():
                todo.append(sub)
                if sub.__module__.startswith("odoo.addons.%s." % MODULE):
                    classes.append(sub)
        for cls in classes:
            for attr, member in vars(cls).items():
                if not hasattr(member, "routing"):
                    continue
                routing = {}
                for klass in reversed(cls.__mro__):
                    method = vars(klass).get(attr)
                    if method is not None and hasattr(method, "routing"):
                        routing.update(method.routing)
                for path in routing.get("routes") or []:
                    routes[path] = (routing.get("auth", "user"), routing.get("methods"))
        return routes

    def test_every_route_has_a_row_with_its_auth(self):
        routes = self.addon_routes()
        self.assertTrue(routes)
        missing = sorted(set(routes) - set(matrix.ROUTES))
        self.assertFalse(missing, "routes of the addon without a row in tests/security_matrix.py: %s" % missing)
        stale = sorted(set(matrix.ROUTES) - set(routes))
        self.assertFalse(stale, "rows for routes the addon does not have: %s" % stale)
        for path, (auth, methods) in routes.items():
            self.assertEqual(auth, matrix.ROUTES[path][0], path)
            self.assertEqual(methods, matrix.ROUTES[path][1], path)

    def concrete(self, path):
        return matrix.ROUTE_SAMPLES.get(path, path)

    def fresh_session(self, login):
        """A new browser: a new session, logged in as ``login`` (None: anonymous)."""
        import requests
        import odoo
        self.session = odoo.http.root.session_store.new()
        self.session.db = self.env.cr.dbname
        odoo.http.root.session_store.save(self.session)
        self.opener = requests.Session()
        self.opener.cookies["session_id"] = self.session.sid
        if login:
            self.authenticate(login, login)

    def fetch(self, path, post=False):
        from odoo.tests.common import HOST, PORT
        self.cr.commit()  # a savepoint: the request rolls back to it
        url = "http://%s:%s%s" % (HOST, PORT, path)
        if post:
            return self.opener.post(url, data={"message": "x"}, allow_redirects=False, timeout=TIMEOUT)
        return self.opener.get(url, allow_redirects=False, timeout=TIMEOUT)

    def test_every_route_for_every_visitor(self):
        wrong, checked = [], 0
        for visitor, login in self.LOGINS.items():
            self.fresh_session(login)
            for path, (auth, methods, expected) in sorted(matrix.ROUTES.items()):
                response = self.fetch(self.concrete(path), post=methods == ["POST"])
                checked += 1
                status = 303 if response.status_code in (301, 302, 303) else response.status_code
                if status != expected[visitor]:
                    wrong.append("%s %s: %s, expected %s" % (visitor, path, status, expected[visitor]))
                if status == 303 and auth == "user" and "/web/login" not in response.headers.get("Location", ""):
                    wrong.append("%s %s: redirected to %s" % (visitor, path, response.headers.get("Location")))
        self.assertFalse(wrong, "\n".join(wrong))
        print("\n[security matrix] %d route × visitor checks" % checked)
