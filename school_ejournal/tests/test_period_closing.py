"""Closing a period: the one guard refuses every write into a closed
period for every role and every way in; reopening is the admin's logged act."""
import psycopg2

from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .common import PeriodCase

CLOSED = "закрыт"


class TestPeriodClosing(PeriodCase):
    def setUp(self):
        super(TestPeriodClosing, self).setUp()
        self.set_grades(self.artem, self.math, [("4", self.kind_lesson)] * 3)
        self.pg = self.suggest_one()
        self.lesson = self.lessons(self.class_5a, self.math, limit=1)
        self.grade = self.Grade.search([("lesson_id", "=", self.lesson.id), ("student_id", "=", self.artem.id)])
        self.row = self.env["school.attendance"].search([("lesson_id", "=", self.lesson.id),
                                                         ("student_id", "=", self.artem.id)])
        self.assertTrue(self.grade and self.row and self.pg)

    def _attempts(self, env_user):
        """Every way to change the closed period's data, as ``env_user``."""
        grade, row, lesson, pg = (r.sudo(env_user) for r in (self.grade, self.row, self.lesson, self.pg))
        code = self.env["school.attendance.code"].search([], limit=1)
        other_lesson = self.lessons(self.class_5a, self.math)[1]
        yield "grade.write", lambda: grade.write({"value": "2"})
        yield "grade.create", lambda: self.Grade.sudo(env_user).create({
            "lesson_id": other_lesson.id, "student_id": self.artem.id, "value": "5", "sequence": 2})
        yield "grade.unlink", lambda: grade.unlink()
        yield "grade.load", lambda: self._load(self.Grade.sudo(env_user), [".id", "value"],
                                               [[str(self.grade.id), "2"]])
        yield "attendance.write", lambda: row.write({"code_id": code.id})
        yield "attendance.cell", lambda: row.write({"cell": "3"})
        yield "attendance.unlink", lambda: row.unlink()
        yield "lesson.write", lambda: lesson.write({"topic": "Исправленная тема"})
        yield "lesson.unlink", lambda: lesson.unlink()
        yield "lesson.create", lambda: self.env["school.lesson"].sudo(env_user).create({
            "date": lesson.date, "lesson_number": 9, "class_id": self.class_5a.id, "subject_id": self.math.id,
            "teacher_id": self.teacher.id})
        yield "lesson.load", lambda: self._load(self.env["school.lesson"].sudo(env_user), [".id", "topic"],
                                                [[str(self.lesson.id), "Тема через импорт"]])
        yield "period_grade.write", lambda: pg.write({"value": "5", "override_comment": "x"})
        yield "period_grade.confirm", lambda: pg.action_confirm()
        yield "period_grade.unlink", lambda: pg.unlink()
        yield "period_grade.suggest", lambda: self.PeriodGrade.sudo(env_user).suggest(
            self.q1, [self.class_5a.id], [self.math.id])
        yield "period_grade.load", lambda: self._load(self.PeriodGrade.sudo(env_user), [".id", "value"],
                                                      [[str(self.pg.id), "5"]])

    def _load(self, model, fields, rows):
        result = model.load(fields, rows)
        if result["messages"]:
            message = " ".join(m["message"] for m in result["messages"])
            raise (AccessError if "access" in message.lower() or "доступ" in message.lower() else UserError)(message)
        return result

    def _snapshot(self):
        self.env.cache.invalidate()
        return (self.grade.exists() and self.grade.value, self.row.exists() and self.row.code_id.id,
                self.lesson.exists() and self.lesson.topic, self.pg.exists() and (self.pg.value, self.pg.state),
                self.env["school.lesson"].search_count([("class_id", "=", self.class_5a.id)]),
                self.Grade.search_count([("lesson_id.class_id", "=", self.class_5a.id)]))

    def test_closed_period_refuses_every_write_for_every_role(self):
        self.close()
        self.assertEqual(self.q1.state, "closed")
        before = self._snapshot()
        users = [("superuser", self.env.ref("base.user_root")), ("admin", self.admin), ("deputy", self.deputy),
                 ("class_teacher", self.class_teacher), ("teacher", self.teacher)]
        for role, user in users:
            for name, attempt in self._attempts(user):
                with self.subTest(role=role, attempt=name):
                    if role in ("superuser", "admin", "teacher"):
                        # allowed otherwise: the only reason to refuse is the closed period
                        with self.assertRefused(UserError, CLOSED):
                            attempt()
                    else:
                        with self.assertRefused((UserError, AccessError)):
                            attempt()
        self.assertEqual(self._snapshot(), before)

    def test_reopen_needs_the_admin_and_a_reason_and_is_logged(self):
        self.close()
        with self.assertRefused(UserError, "Укажите причину"):
            self.q1.sudo(self.admin)._reopen_levels(self.env["school.grade.level"], "  ")
        with self.assertRefused(UserError):
            self.env["school.period.reopen"].sudo(self.admin).create({"period_id": self.q1.id, "reason": ""}) \
                .action_reopen()
        for user in (self.teacher, self.class_teacher, self.deputy):
            with self.assertRefused(AccessError, "администратор"):
                self.q1.sudo(user)._reopen_levels(self.env["school.grade.level"], "Ошибка в отметке")
        self.assertEqual(self.q1.state, "closed")
        with self.assertRefused(UserError, CLOSED):
            self.grade.sudo(self.admin).write({"value": "5"})
        self.env["school.period.reopen"].sudo(self.admin).create({
            "period_id": self.q1.id, "reason": "Приказ № 15: исправление ошибочной отметки"}).action_reopen()
        self.q1.invalidate_cache()
        self.assertEqual(self.q1.state, "open")
        event = self.q1.event_ids.filtered(lambda e: e.action == "reopen")
        self.assertEqual((event.user_id, event.reason), (self.admin, "Приказ № 15: исправление ошибочной отметки"))
        self.assertTrue(event.event_date)
        self.assertEqual(set(self.q1.event_ids.mapped("action")), {"close", "reopen"})
        self.assertTrue(self.q1.message_ids.filtered(lambda m: "Приказ № 15" in (m.body or "")))
        self.assertEqual(self.q1.seal_ids.state, "reopened")
        self.grade.sudo(self.teacher).write({"value": "5"})     # open again: the teacher corrects
        self.assertEqual(self.grade.value, "5")
        # the log is append-only
        with self.assertRefused(AccessError):
            event.sudo(self.admin).unlink()
        with mute_logger("odoo.sql_db"), self.assertRefused(psycopg2.Error):
            self.env.cr.execute("DELETE FROM school_period_event WHERE id = %s", (event.id,))

    def test_a_period_cannot_be_closed_twice(self):
        self.close()
        with self.assertRefused(UserError, "уже закрыт"):
            self.close()
        with self.assertRefused(UserError, "уже закрыт"):
            self.q1.sudo(self.admin)._close_levels(self.class_5a.grade_level_id)
        self.assertEqual(len(self.q1.seal_ids), 1)

    def test_only_the_admin_closes(self):
        for user in (self.teacher, self.class_teacher, self.deputy):
            with self.assertRefused(AccessError):
                self.close(user=user)
        self.assertEqual(self.q1.state, "open")
        self.assertFalse(self.q1.seal_ids)
        with self.assertRefused((UserError, AccessError)):
            self.q1.sudo(self.admin).write({"state": "closed"})

    def test_closing_some_grade_levels_only(self):
        level5 = self.class_5a.grade_level_id
        self.close(levels=level5)
        self.assertEqual(self.q1.state, "partial")
        self.assertEqual(self.q1.closed_grade_level_ids, level5)
        with self.assertRefused(UserError, CLOSED):
            self.grade.write({"value": "5"})
        # 9А is still open in the same quarter
        lesson_9a = self.lessons(self.class_9a, self.env.ref("school_ejournal.subject_alg"), limit=1)
        lesson_9a.write({"topic": "Квадратные уравнения (повторение)"})
        # the guard answers mixed pairs in one query
        cr = self.env.cr
        count = [0]
        original = cr.execute

        def counting(query, params=None, log_exceptions=None):
            count[0] += "unnest" in query    # the guard's own query (not the message's reads)
            return original(query, params)
        cr.execute = counting
        try:
            with self.assertRaises(UserError):
                self.env["school.period"]._assert_dates_open(
                    [("2026-09-15", self.class_9a.grade_level_id.id), ("2026-09-16", level5.id)])
            self.env["school.period"]._assert_dates_open([("2026-09-15", self.class_9a.grade_level_id.id),
                                                          ("2026-12-01", level5.id)])
        finally:
            del cr.execute
        self.assertEqual(count[0], 2)
        # closing the rest makes it fully closed; reopening one level makes it partial again
        self.close()
        self.assertEqual(self.q1.state, "closed")
        self.q1.sudo(self.admin)._reopen_levels(level5, "Ошибка в журнале 5-х классов")
        self.assertEqual(self.q1.state, "partial")
        self.grade.write({"value": "5"})
        with self.assertRefused(UserError, CLOSED):
            lesson_9a.write({"topic": "Снова другая тема"})

    def test_checklist_lists_what_is_missing(self):
        lesson = self.lessons(self.class_5a, self.math, limit=1)
        lesson.topic = False
        wizard = self.env["school.period.close"].sudo(self.admin).create({"period_id": self.q1.id, "scope": "all"})
        self.assertIn("Уроки без темы", wizard.checklist)
        self.assertIn("Нет итоговой оценки за период", wizard.checklist)
        self.assertIn("Итоговая оценка не утверждена", wizard.checklist)
        self.assertIn(self.artem.name, wizard.checklist)
        self.assertGreater(wizard.missing_count, 0)
        with self.assertRefused(UserError, "Не всё заполнено"):
            wizard.action_close()
        self.assertEqual(self.q1.state, "open")
        wizard.confirm_incomplete = True
        wizard.action_close()
        self.assertEqual(self.q1.state, "closed")
        self.assertIn("Уроки без темы", self.q1.event_ids.incomplete)

    def test_sealed_data_cannot_be_deleted_even_by_sql_cascade(self):
        self.close()
        with mute_logger("odoo.sql_db"), self.assertRefused(psycopg2.Error):
            self.env.cr.execute("DELETE FROM school_grade WHERE id = %s", (self.grade.id,))
        with mute_logger("odoo.sql_db"), self.assertRefused(psycopg2.Error):
            self.env.cr.execute("DELETE FROM school_lesson WHERE id = %s", (self.lesson.id,))
        with self.assertRefused(UserError):
            self.q1.sudo(self.admin).unlink()
        with self.assertRefused(UserError, CLOSED):
            self.q1.sudo(self.admin).write({"date_end": "2026-10-20"})
        self.assertTrue(self.grade.exists())
