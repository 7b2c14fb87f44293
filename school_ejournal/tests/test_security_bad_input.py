"""Bad-input catalogue: hostile grade values through the
ORM create, write and the import path (load()), each refused with a Russian
message and nothing written (counts compared before and after). Table-driven."""
import re

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import HttpCase, TransactionCase

from .common import call_kw

MODULE = "school_ejournal"
CYRILLIC = re.compile("[А-Яа-яЁё]")

BAD_GRADE_VALUES = ["0", "6", "-1", "5.5", "10", "", " 5", "<script>alert(1)</script>", "'; DROP TABLE school_grade; --",
                    "пять", "5" * 300]


class TestBadGrades(TransactionCase):

    def setUp(self):
        super().setUp()
        self.teacher = self.env.ref(MODULE + ".user_teacher")
        # a lesson with marks (the demo's lessons of the day it was built have none yet)
        self.lesson = self.env["school.lesson"].search([("teacher_id", "=", self.teacher.id),
                                                        ("period_id.state", "=", "open"),
                                                        ("attendance_ids", "!=", False),
                                                        ("grade_ids", "!=", False)], limit=1)
        self.row = self.lesson.attendance_ids[:1]
        self.grade = self.env["school.grade"].search([("lesson_id", "=", self.lesson.id)], limit=1)
        self.Grade = self.env["school.grade"].sudo(self.teacher)

    def assert_refused(self, call, label):
        before = self.env["school.grade"].search_count([])
        self.env.cr.execute("SAVEPOINT bad_input")
        with self.assertRaises((ValidationError, UserError, AccessError, ValueError), msg=label) as caught:
            call()
        self.env.cr.execute("ROLLBACK TO SAVEPOINT bad_input")
        message = getattr(caught.exception, "name", None) or str(caught.exception)
        self.assertRegex(message, CYRILLIC, "%s: the refusal is not in Russian: %s" % (label, message))
        self.assertEqual(self.env["school.grade"].search_count([]), before, label)

    def test_create_refuses_hostile_values(self):
        for value in BAD_GRADE_VALUES:
            self.assert_refused(lambda: self.Grade.create({
                "lesson_id": self.lesson.id, "student_id": self.row.student_id.id, "value": value}),
                "create %r" % value)

    def test_write_refuses_hostile_values(self):
        self.assertTrue(self.grade)
        for value in BAD_GRADE_VALUES:
            old = self.grade.value
            self.assert_refused(lambda: self.grade.sudo(self.teacher).write({"value": value}), "write %r" % value)
            self.grade.invalidate_cache()
            self.assertEqual(self.grade.value, old)

    def test_foreign_ids_are_refused(self):
        foreign = self.env["school.lesson"].search([("teacher_id", "!=", self.teacher.id),
                                                    ("period_id.state", "=", "open"),
                                                    ("attendance_ids", "!=", False)]).filtered(
            lambda l: l.substitute_teacher_id != self.teacher)[:1]
        self.assert_refused(lambda: self.Grade.create({
            "lesson_id": foreign.id, "student_id": foreign.attendance_ids[:1].student_id.id, "value": "5"}),
            "a lesson of another teacher")
        self.assert_refused(lambda: self.Grade.create({
            "lesson_id": 999999999, "student_id": self.row.student_id.id, "value": "5"}), "a lesson that does not exist")

    def test_import_refuses_hostile_values_and_writes_nothing(self):
        before = self.env["school.grade"].search_count([])
        for value in BAD_GRADE_VALUES:
            result = self.Grade.load(["lesson_id/.id", "student_id/.id", "value"],
                                     [[str(self.lesson.id), str(self.row.student_id.id), value]])
            self.assertFalse(result["ids"], "import of %r" % value)
            self.assertTrue(result["messages"], value)
            self.assertTrue(any(CYRILLIC.search(m.get("message", "")) for m in result["messages"]),
                            "import of %r: %s" % (value, result["messages"]))
        self.assertEqual(self.env["school.grade"].search_count([]), before)


class TestClosedPeriodAndForeignIds(TransactionCase):
    """Every journal write dated in a closed period is refused in Russian, nothing
    written, whatever the model and operation."""

    def setUp(self):
        super().setUp()
        self.teacher = self.env.ref(MODULE + ".user_teacher")
        self.lesson = self.env["school.lesson"].search([("teacher_id", "=", self.teacher.id),
                                                        ("grade_ids", "!=", False)], limit=1)
        self.grade = self.lesson.grade_ids[:1]
        self.row = self.lesson.attendance_ids[:1]
        # the period closes (the state the guard reads; closing itself is tested elsewhere)
        self.env.cr.execute("UPDATE school_period SET state = 'closed' WHERE id = %s", (self.lesson.period_id.id,))
        self.env["school.period"].invalidate_cache()

    def counts(self):
        return tuple(self.env[m].search_count([]) for m in ("school.lesson", "school.grade", "school.attendance",
                                                            "school.change.log"))

    def test_every_write_in_a_closed_period_is_refused(self):
        code = self.env["school.attendance.code"].search([], limit=1)
        cases = [
            ("grade create", lambda u: self.env["school.grade"].sudo(u).create({
                "lesson_id": self.lesson.id, "student_id": self.row.student_id.id, "value": "5"})),
            ("grade write", lambda u: self.grade.sudo(u).write({"value": "2"})),
            ("grade unlink", lambda u: self.grade.sudo(u).unlink()),
            ("attendance mark", lambda u: self.row.sudo(u).write({"code_id": code.id})),
            ("lesson topic", lambda u: self.lesson.sudo(u).write({"topic": "Задним числом"})),
            ("lesson unlink", lambda u: self.lesson.sudo(u).unlink()),
            ("lesson create", lambda u: self.env["school.lesson"].sudo(u).create({
                "date": self.lesson.date, "lesson_number": 9, "class_id": self.lesson.class_id.id,
                "subject_id": self.lesson.subject_id.id, "teacher_id": self.teacher.id})),
        ]
        admin = self.env.ref(MODULE + ".user_school_admin")
        tried = 0
        for user in (self.teacher, admin):
            for label, call in cases:
                before = self.counts()
                self.env.cr.execute("SAVEPOINT closed")
                with self.assertRaises((UserError, ValidationError), msg=label) as caught:
                    call(user)
                self.env.cr.execute("ROLLBACK TO SAVEPOINT closed")
                self.assertRegex(caught.exception.name, "закрыт", label)
                self.assertEqual(self.counts(), before, label)
                tried += 1
        print("\n[bad input] %d writes into a closed period refused" % tried)


class TestBadInputOverHttp(HttpCase):
    """JSON-RPC (what the web client sends) refuses hostile values in Russian and
    writes nothing; HTML and script typed into topics and comments reach the
    diary and the printed journal escaped."""

    HOSTILE = '<script>alert("h10")</script>'

    def json_call(self, model, method, args, kwargs=None):
        self.cr.commit()  # a savepoint: the request rolls back to it
        return call_kw(self.opener, model, method, args, kwargs)

    def test_json_rpc_refuses_bad_grades(self):
        teacher = self.env.ref(MODULE + ".user_teacher")
        lesson = self.env["school.lesson"].search([("teacher_id", "=", teacher.id), ("period_id.state", "=", "open"),
                                                   ("grade_ids", "!=", False)], limit=1)
        grade = lesson.grade_ids[:1]
        student = lesson.attendance_ids[:1].student_id
        self.authenticate("teacher", "teacher")
        before = self.env["school.grade"].search_count([])
        for value in BAD_GRADE_VALUES:
            for method, args in (("create", [{"lesson_id": lesson.id, "student_id": student.id, "value": value}]),
                                 ("write", [[grade.id], {"value": value}])):
                answer = self.json_call("school.grade", method, args)
                self.assertIn("error", answer, "%s %r" % (method, value))
                self.assertRegex(answer["error"]["data"]["message"], CYRILLIC, "%s %r" % (method, value))
        self.assertEqual(self.env["school.grade"].search_count([]), before)
        grade.invalidate_cache()
        self.assertIn(grade.value, ("1", "2", "3", "4", "5", "zach", "nezach"))
        # a foreign lesson over RPC: refused as well
        foreign = self.env["school.lesson"].search([("teacher_id", "!=", teacher.id),
                                                    ("grade_ids", "!=", False)]).filtered(
            lambda l: l.substitute_teacher_id != teacher)[:1]
        answer = self.json_call("school.grade", "write", [[foreign.grade_ids[:1].id], {"value": "5"}])
        self.assertIn("error", answer)
        self.assertRegex(answer["error"]["data"]["message"], CYRILLIC)

    def test_script_in_topic_and_comments_is_escaped(self):
        artem = self.env.ref(MODULE + ".demo_student_sokolov_artem")
        rows = self.env["school.attendance"].search([("student_id", "=", artem.id), ("date", ">=", "2026-10-05"),
                                                     ("date", "<=", "2026-10-09")])
        lesson = rows.mapped("lesson_id").filtered(lambda l: l.grade_ids.filtered(
            lambda g: g.student_id == artem))[:1] or rows[:1].lesson_id
        self.env.cr.execute("UPDATE school_lesson SET topic = %s, homework = %s WHERE id = %s",
                            (self.HOSTILE, "<b onmouseover=alert(1)>дз</b>", lesson.id))
        self.env.cr.execute("UPDATE school_grade SET comment = %s WHERE lesson_id = %s AND student_id = %s",
                            ("<img src=x onerror=alert(1)>", lesson.id, artem.id))
        self.env.cr.execute("UPDATE school_attendance SET comment = %s WHERE lesson_id = %s AND student_id = %s",
                            (self.HOSTILE, lesson.id, artem.id))
        self.env.invalidate_all() if hasattr(self.env, "invalidate_all") else self.env.clear()
        self.authenticate("parent", "parent")
        self.cr.commit()
        page = self.url_open("/my/diary?student=%s&date=%s" % (artem.id, lesson.date), timeout=120)
        self.assertEqual(page.status_code, 200)
        self.assertNotIn(self.HOSTILE, page.text)
        self.assertNotIn("<img src=x onerror", page.text)
        self.assertNotIn("<b onmouseover", page.text)
        self.assertIn("&lt;script&gt;alert(", page.text)
        # the printed class journal (HTML of the same QWeb the PDF is made of)
        self.authenticate("school_admin", "school_admin")
        page = self.url_open("/report/html/school_ejournal.report_class_journal/%s" % lesson.class_id.id,
                             timeout=300)
        self.assertEqual(page.status_code, 200, page.text[:300])
        self.assertNotIn(self.HOSTILE, page.text)
        self.assertIn("&lt;script&gt;alert(", page.text)


# ---------------------------------------------------------------------------
# Catalogue of bad values for every kind of field a user sends: each one is
# refused with a Russian message (never a raw database or Python text) and
# nothing is written, over the ORM and over JSON-RPC alike.
RAW_TEXTS = ("psycopg2", "invalid input", "violates", "Traceback", "0x00", "out of range", "syntax",
             "does not exist", "DETAIL", "must not be negative", "Wrong value")
BIG = 10 * 1024 * 1024


def bad_value_catalogue(env):
    """[(label, login, model, method, args, kwargs)] built from the demo school.
    ``args`` of a record method start with the list of ids."""
    ref = env.ref
    teacher = ref(MODULE + ".user_teacher")
    lesson = env["school.lesson"].search([("teacher_id", "=", teacher.id), ("period_id.state", "=", "open"),
                                          ("grade_ids", "!=", False)], limit=1)
    row = lesson.attendance_ids[:1]
    grade = lesson.grade_ids[:1]
    student = ref(MODULE + ".demo_student_sokolov_artem")
    school_class = lesson.class_id
    bell_line = env["school.bell.schedule.line"].search([], limit=1)
    subject = lesson.subject_id
    new_lesson = {"date": lesson.date, "lesson_number": 1, "class_id": lesson.class_id.id,
                  "subject_id": lesson.subject_id.id, "teacher_id": teacher.id}
    cases = []

    def add(label, login, model, method, args, kwargs=None):
        cases.append((label, login, model, method, args, kwargs or {}))

    # links that are not record ids, or to records that do not exist
    add("attendance code_id='н'", "teacher", "school.attendance", "write", [row.ids, {"code_id": "н"}])
    add("attendance code_id=-1", "teacher", "school.attendance", "write", [row.ids, {"code_id": -1}])
    add("attendance code_id missing", "teacher", "school.attendance", "write", [row.ids, {"code_id": 999999999}])
    add("lesson work_kind_id='н'", "teacher", "school.lesson", "write", [lesson.ids, {"work_kind_id": "н"}])
    add("lesson work_kind_id missing", "teacher", "school.lesson", "write",
        [lesson.ids, {"work_kind_id": 999999999}])
    add("lesson roster code_id='н' (form)", "teacher", "school.lesson", "write",
        [lesson.ids, {"attendance_ids": [(1, row.id, {"code_id": "н"})]}])
    add("lesson roster command 'x'", "teacher", "school.lesson", "write", [lesson.ids, {"attendance_ids": "x"}])
    # dates that are not real dates
    for value in ("2026-02-30", "yesterday", "2026-13-01", "today", "30.09.2026", "2026-9-1"):
        add("lesson date %r" % value, "teacher", "school.lesson", "write", [lesson.ids, {"date": value}])
    add("lesson create date 2026-02-30", "teacher", "school.lesson", "create", [dict(new_lesson, date="2026-02-30")])
    add("student birth_date 2026-02-30", "school_admin", "school.student", "write",
        [student.ids, {"birth_date": "2026-02-30"}])
    add("student birth_date 'yesterday'", "school_admin", "school.student", "write",
        [student.ids, {"birth_date": "yesterday"}])
    # lesson numbers outside the bell schedule, numbers that are not numbers
    for value in (-1, 0, 99, 2 ** 40, "abc"):
        add("lesson_number %r" % (value,), "teacher", "school.lesson", "write", [lesson.ids, {"lesson_number": value}])
    add("lesson create lesson_number 99", "teacher", "school.lesson", "create", [dict(new_lesson, lesson_number=99)])
    add("bell line time_start 'abc'", "school_admin", "school.bell.schedule.line", "write",
        [bell_line.ids, {"time_start": "abc"}])
    add("class shift '9'", "school_admin", "school.class", "write", [school_class.ids, {"shift": "9"}])
    # NUL characters and oversized free text
    add("lesson topic NUL", "teacher", "school.lesson", "write", [lesson.ids, {"topic": "Тема\x00"}])
    add("lesson topic 10 MB", "teacher", "school.lesson", "write", [lesson.ids, {"topic": "т" * BIG}])
    add("lesson homework 1 MB", "teacher", "school.lesson", "write", [lesson.ids, {"homework": "д" * 2 ** 20}])
    add("lesson homework NUL", "teacher", "school.lesson", "write", [lesson.ids, {"homework": "\x00"}])
    add("attendance comment NUL", "teacher", "school.attendance", "write", [row.ids, {"comment": "a\x00b"}])
    add("attendance comment 2,000", "teacher", "school.attendance", "write", [row.ids, {"comment": "к" * 2000}])
    add("grade comment NUL", "teacher", "school.grade", "write", [grade.ids, {"comment": "\x00"}])
    add("grade comment 2,000", "teacher", "school.grade", "write", [grade.ids, {"comment": "к" * 2000}])
    add("roster comment 2,000 (form)", "teacher", "school.lesson", "write",
        [lesson.ids, {"attendance_ids": [(1, row.id, {"comment": "к" * 2000})]}])
    # СНИЛС that the Pension Fund never issues
    for value in ("000-000-000 00", "001-000-001 00", "111-111-111 45", "000-123-456 00"):
        add("snils %r" % value, "school_admin", "school.student", "write", [student.ids, {"snils": value}])
    # search paging and batch sizes
    add("search_read limit=-1", "teacher", "school.lesson", "search_read", [[]], {"fields": ["topic"], "limit": -1})
    add("search_read offset=-5", "teacher", "school.lesson", "search_read", [[]], {"fields": ["topic"], "offset": -5})
    add("search limit='abc'", "teacher", "school.grade", "search", [[]], {"limit": "abc"})
    add("read_group limit=-1", "teacher", "school.grade", "read_group", [[], ["value"], ["value"]], {"limit": -1})
    add("read of 50,000 ids", "teacher", "school.grade", "read", [list(range(1, 50001)), ["value"]])
    add("search_read of the whole roster", "school_admin", "school.attendance", "search_read", [[]],
        {"fields": ["student_id"]})
    # what the database refuses: a subject still used by lessons
    add("unlink a subject in use", "school_admin", "school.subject", "unlink", [subject.ids])
    return cases


def journal_snapshot(cr):
    """What a refused call must leave as it was."""
    cr.execute("""SELECT (SELECT count(*) FROM school_lesson), (SELECT count(*) FROM school_grade),
                         (SELECT count(*) FROM school_attendance), (SELECT count(*) FROM school_change_log),
                         (SELECT count(*) FROM school_subject),
                         (SELECT md5(string_agg(concat_ws('|', id, date, lesson_number, topic, homework,
                                                          work_kind_id), ',' ORDER BY id)) FROM school_lesson),
                         (SELECT md5(string_agg(concat_ws('|', id, code_id, comment), ',' ORDER BY id))
                            FROM school_attendance),
                         (SELECT md5(string_agg(concat_ws('|', id, comment), ',' ORDER BY id)) FROM school_grade),
                         (SELECT md5(string_agg(concat_ws('|', id, snils, birth_date), ',' ORDER BY id))
                            FROM school_student),
                         (SELECT md5(string_agg(concat_ws('|', id, shift), ',' ORDER BY id)) FROM school_class),
                         (SELECT md5(string_agg(concat_ws('|', id, time_start), ',' ORDER BY id))
                            FROM school_bell_schedule_line)""")
    return cr.fetchone()


def assert_russian_refusal(test, message, label):
    test.assertRegex(message or "", CYRILLIC, "%s: the refusal is not in Russian: %.300s" % (label, message))
    for raw in RAW_TEXTS:
        test.assertNotIn(raw, message, "%s: raw text in the refusal: %.300s" % (label, message))


class TestBadValueCatalogueOrm(TransactionCase):

    def test_every_bad_value_is_refused_in_russian(self):
        import psycopg2
        users = {login: self.env["res.users"].search([("login", "=", login)]) for login in ("teacher", "school_admin")}
        cases = bad_value_catalogue(self.env)
        for label, login, model, method, args, kwargs in cases:
            before = journal_snapshot(self.env.cr)
            self.env.cr.execute("SAVEPOINT bad_value")
            Model = self.env[model].sudo(users[login])
            if method in ("create", "search_read", "search", "read_group"):
                call = lambda: getattr(Model, method)(*args, **kwargs)  # noqa: E731
            else:
                call = lambda: getattr(Model.browse(args[0]), method)(*args[1:], **kwargs)  # noqa: E731
            with self.assertRaises((UserError, ValidationError, AccessError), msg=label) as caught:
                call()
            message = caught.exception.name
            try:
                after = journal_snapshot(self.env.cr)
            except psycopg2.InternalError:  # the statement failed: the transaction can only roll back
                after = before
            self.env.cr.execute("ROLLBACK TO SAVEPOINT bad_value")
            self.env.invalidate_all() if hasattr(self.env, "invalidate_all") else self.env.clear()
            assert_russian_refusal(self, message, label)
            self.assertEqual(after, before, "%s: something was written" % label)
        print("\n[bad input] %d bad values refused over the ORM" % len(cases))

    def test_a_database_refusal_comes_back_in_russian(self):
        """The one place that turns what PostgreSQL refuses into a Russian message:
        here the append-only trigger of the change log, from a real DELETE."""
        from ..models.client_gate import refusals_in_russian
        self.env.cr.execute("SELECT id FROM school_change_log LIMIT 1")
        log_id = self.env.cr.fetchone()[0]
        self.env.cr.execute("SAVEPOINT trigger_refusal")
        with self.assertRaises(UserError) as caught:
            with refusals_in_russian(self.env["school.change.log"], "unlink"):
                self.env.cr.execute("DELETE FROM school_change_log WHERE id = %s", (log_id,))
        self.env.cr.execute("ROLLBACK TO SAVEPOINT trigger_refusal")
        assert_russian_refusal(self, caught.exception.name, "trigger")
        self.assertIn("Журнал изменений нельзя изменять или удалять", caught.exception.name)


class TestBadValueCatalogueRpc(HttpCase):

    def json_call(self, model, method, args, kwargs=None):
        return call_kw(self.opener, model, method, args, kwargs, timeout=300)

    def test_every_bad_value_is_refused_in_russian_over_json_rpc(self):
        cases = bad_value_catalogue(self.env)
        logged_in = None
        for label, login, model, method, args, kwargs in cases:
            if login != logged_in:
                self.authenticate(login, login)
                logged_in = login
            before = journal_snapshot(self.cr)
            answer = self.json_call(model, method, args, kwargs)
            self.assertTrue("error" in answer, "%s: accepted (%.200s)" % (label, answer.get("result")))
            assert_russian_refusal(self, answer["error"]["data"]["message"], label)
            self.assertEqual(journal_snapshot(self.cr), before, "%s: something was written" % label)
        print("\n[bad input] %d bad values refused over JSON-RPC" % len(cases))
