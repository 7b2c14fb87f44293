"""Derived values are the server's: a teacher cannot forge a confirmed period
grade (state, who confirmed, the suggestion, its explanation and average) over
JSON-RPC, whatever context he sends, and the forgery never reaches the
families' /my/grades; a grade's weight and numeric value cannot be sent, they
follow the kind of work and the value — and every accepted change is logged."""

from odoo.exceptions import AccessError
from odoo.tests.common import HttpCase

from .common import call_kw, set_demo_refs

MODULE = "school_ejournal"
TIMEOUT = 120
FORGED = "Подделка: расчёт утверждён завучем"


class RpcCase(HttpCase):
    def setUp(self):
        super().setUp()
        set_demo_refs(self)

    def rpc(self, login, model, method, args, kwargs=None):
        self.authenticate(login, login)
        return call_kw(self.opener, model, method, args, kwargs, timeout=TIMEOUT)

    def assertRpcRefused(self, answer):
        self.assertIn("error", answer, "accepted: %s" % answer)
        message = answer["error"]["data"]["message"]
        self.assertRegex(message, "[А-Яа-я]", message)
        self.assertNotIn("Traceback", message)
        return message

    def log_count(self, model, res_id):
        return self.env["school.change.log"].sudo().search_count([("model", "=", model), ("res_id", "=", res_id)])


class TestForgedPeriodGrade(RpcCase):
    def test_teacher_cannot_forge_a_confirmed_period_grade(self):
        PeriodGrade = self.env["school.period.grade"]
        PeriodGrade.suggest(self.q1, [self.class_5a.id], [self.math.id])
        grade = PeriodGrade.search([("student_id", "=", self.artem.id), ("subject_id", "=", self.math.id),
                                    ("period_id", "=", self.q1.id)])
        self.assertEqual(grade.state, "draft")
        self.assertIn(self.teacher, grade.teacher_user_ids, "the demo teacher teaches 5А maths")
        before = (grade.value, grade.suggested_value, grade.explanation, grade.average, grade.confirm_uid.id)
        logs = self.log_count("school.period.grade", grade.id)
        forged = {"state": "confirmed", "confirm_uid": self.admin.id, "confirm_date": "2026-10-30 10:00:00",
                  "suggested_value": "5", "value": "5", "explanation": FORGED, "average": 5.0, "grade_count": 9,
                  "teacher_id": self.admin.id}
        context = {"school_period_grade_internal": True, "lang": "ru_RU"}
        # all at once and each derived field alone, with the old internal context flag
        for vals in [forged] + [{name: value} for name, value in forged.items() if name != "value"]:
            with self.subTest(vals=sorted(vals)):
                self.assertRpcRefused(self.rpc("teacher", "school.period.grade", "write", [[grade.id], vals],
                                               {"context": context}))
        grade.invalidate_cache()
        self.assertEqual((grade.value, grade.suggested_value, grade.explanation, grade.average,
                          grade.confirm_uid.id), before)
        self.assertEqual(grade.state, "draft")
        self.assertEqual(self.log_count("school.period.grade", grade.id), logs)
        # the families see no forged calculation
        self.authenticate("parent", "parent")
        html = self.url_open("/my/grades?student=%s&period=%s" % (self.artem.id, self.q1.id),
                             timeout=TIMEOUT).text
        self.assertNotIn(FORGED, html)
        self.assertNotIn("Четвертная оценка", html, "a draft period grade is not shown")
        # the button still confirms, stamped with the real user, and the change is logged
        self.assertNotIn("error", self.rpc("teacher", "school.period.grade", "write",
                                           [[grade.id], {"value": grade.suggested_value}]))
        self.assertNotIn("error", self.rpc("teacher", "school.period.grade", "action_confirm", [[grade.id]],
                                           {"context": context}))
        grade.invalidate_cache()
        self.assertEqual((grade.state, grade.confirm_uid), ("confirmed", self.teacher))
        self.assertEqual(grade.explanation, before[2])
        self.assertGreater(self.log_count("school.period.grade", grade.id), logs)
        # a confirmed grade cannot be changed, context or not
        self.assertRpcRefused(self.rpc("teacher", "school.period.grade", "write",
                                       [[grade.id], {"value": "2", "override_comment": "x"}], {"context": context}))


class TestGradeWeight(RpcCase):
    def own_grade(self):
        grade = self.env["school.grade"].search([
            ("lesson_id.teacher_id", "=", self.teacher.id), ("value", "=", "2"),
            ("period_id.state", "=", "open")], limit=1)
        self.assertTrue(grade, "the demo teacher has a «2» in an open period")
        return grade

    def test_weight_and_numeric_value_are_refused_over_rpc(self):
        grade = self.own_grade()
        before = (grade.weight, grade.numeric_value)
        logs = self.log_count("school.grade", grade.id)
        for vals in ({"weight": 1000, "numeric_value": 5}, {"weight": 1000}, {"numeric_value": 5},
                     {"date": "2026-09-01"}, {"subject_id": self.math.id}):
            with self.subTest(vals=vals):
                self.assertRpcRefused(self.rpc("teacher", "school.grade", "write", [[grade.id], vals]))
        grade.invalidate_cache()
        self.assertEqual((grade.weight, grade.numeric_value), before)
        self.assertEqual(self.log_count("school.grade", grade.id), logs)

    def test_weight_and_numeric_value_follow_the_kind_and_value_and_are_logged(self):
        grade = self.own_grade()
        as_teacher = grade.sudo(self.teacher)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            as_teacher.write({"value": "5", "weight": 1000})
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.env["school.grade"].sudo(self.teacher).create({
                "lesson_id": grade.lesson_id.id, "student_id": grade.student_id.id, "value": "5",
                "weight": 1000, "numeric_value": 5})
        grade.invalidate_cache()
        self.assertEqual(grade.numeric_value, 2)
        logs = self.log_count("school.grade", grade.id)
        as_teacher.write({"value": "4"})
        heavy = self.env["school.work.kind"].search([("weight", "!=", grade.weight)], order="weight desc", limit=1)
        as_teacher.write({"work_kind_id": heavy.id})
        grade.invalidate_cache()
        self.assertEqual((grade.numeric_value, grade.weight), (4.0, heavy.weight))
        entries = self.env["school.change.log"].sudo().search([("model", "=", "school.grade"),
                                                                ("res_id", "=", grade.id)], order="id")
        self.assertEqual(len(entries) - logs, 2)
        self.assertEqual(entries[-2:].mapped("field_name"), ["value", "work_kind_id"])
        self.assertEqual(set(entries[-2:].mapped("user_id").ids), {self.teacher.id})
