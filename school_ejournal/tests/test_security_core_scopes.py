"""The access matrix's CORE_SCOPES (tests/security_matrix.py): what each role
may do with Odoo's own mail, followers, messages and files on the demo school."""
from odoo.exceptions import AccessError, UserError
from odoo.tests.common import TransactionCase

from . import security_matrix as matrix
from .test_security_matrix import role_users

MODULE = matrix.MODULE


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
