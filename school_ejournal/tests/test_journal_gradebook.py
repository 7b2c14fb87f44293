"""«Журнал класса»: the grid the web client loads by one onchange (answered by
the gradebook's own fast path) must be what Odoo's generic onchange answers,
and what the grid saves goes through the roster's write (guard, change log)."""
from odoo import models
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import DemoSchoolCase

# what the web client sends for the gradebook form
SPEC = {"class_id": "1", "subject_id": "1", "subgroup_id": "1", "period_id": "1", "attendance_ids": "1",
        "attendance_ids.cell": "", "attendance_ids.lesson_label": "", "attendance_ids.student_id": "",
        "average_html": "", "can_edit": ""}


class TestGradebook(DemoSchoolCase):
    def setUp(self):
        super(TestGradebook, self).setUp()
        self.Book = self.env["school.gradebook"]
        # the period of the teacher's latest math lesson in 5А
        self.lesson = self.env["school.lesson"].search([
            ("class_id", "=", self.class_5a.id), ("subject_id", "=", self.math.id),
            ("teacher_id", "=", self.teacher.id), ("subgroup_id", "=", False)], limit=1, order="date desc")
        self.assertTrue(self.lesson, "the demo journal has math lessons in 5А")
        self.period = self.lesson.period_id
        self.values = {"class_id": self.class_5a.id, "subject_id": self.math.id, "subgroup_id": False,
                       "period_id": self.period.id, "attendance_ids": [], "average_html": False,
                       "can_edit": False}

    def load(self, user, field_name="period_id", values=None):
        return self.Book.sudo(user).onchange(dict(values or self.values), field_name, SPEC)["value"]

    def generic(self, user, field_name="period_id", values=None):
        """Odoo's own onchange, the gradebook's fast path bypassed."""
        return models.BaseModel.onchange(self.Book.sudo(user), dict(values or self.values), field_name, SPEC)["value"]

    def test_fast_grid_is_the_generic_onchange(self):
        for user in (self.teacher, self.deputy, self.admin):
            fast, generic = self.load(user), self.generic(user)
            rows = [c for c in fast["attendance_ids"] if c[0] == 1]
            self.assertEqual(len(rows), self.env["school.attendance"].search_count([
                ("class_id", "=", self.class_5a.id), ("subject_id", "=", self.math.id),
                ("date", ">=", self.period.date_start), ("date", "<=", self.period.date_end)]))
            self.assertGreater(len(rows), 100, "a period of 5А math: pupils × lessons")
            self.assertEqual([list(c) for c in fast["attendance_ids"]],
                             [list(c) for c in generic["attendance_ids"]], user.login)
            self.assertEqual(fast["average_html"], generic["average_html"], user.login)
            self.assertEqual(fast["can_edit"], generic.get("can_edit", False), user.login)  # not sent when False

    def test_class_change_picks_the_period_as_the_generic_onchange(self):
        values = dict(self.values, period_id=False)
        fast, generic = self.load(self.teacher, "class_id", values), self.generic(self.teacher, "class_id", values)
        self.assertEqual(fast["period_id"], generic["period_id"])
        # (the generic onchange leaves out an empty grid: nothing changed)
        self.assertEqual([list(c) for c in fast["attendance_ids"][1:]],
                         [list(c) for c in generic.get("attendance_ids", [(5,)])[1:]])

    def test_cells_averages_and_rights(self):
        value = self.load(self.teacher)
        row = self.lesson.attendance_ids.filtered(lambda r: not r.code_id)[0]
        grades = "/".join({"5": "5", "4": "4", "3": "3", "2": "2"}.get(g, g)
                          for g in (row.grade_1, row.grade_2) if g)
        cell = dict((c[1], c[2]) for c in value["attendance_ids"] if c[0] == 1)[row.id]
        self.assertEqual(cell["cell"], grades)
        self.assertEqual(cell["student_id"][0], row.student_id.id)
        self.assertIn(row.student_id.name, value["average_html"])
        self.assertTrue(value["can_edit"], "the lessons' teacher edits the grid")
        self.assertTrue(self.load(self.admin)["can_edit"])
        self.assertFalse(self.load(self.deputy)["can_edit"], "the deputy reads the grid only")
        self.assertFalse(self.load(self.class_teacher)["can_edit"], "not her lessons")

    def test_double_lesson_gets_its_own_column(self):
        """Two lessons of a subject on one day («спаренные уроки»): the matrix widget
        makes one column per title, so the titles must differ."""
        taken = self.env["school.lesson"].search([("class_id", "=", self.class_5a.id),
                                                  ("date", "=", self.lesson.date)]).mapped("lesson_number")
        second = self.env["school.lesson"].sudo(self.admin).create({
            "class_id": self.class_5a.id, "subject_id": self.math.id, "teacher_id": self.teacher.id,
            "date": self.lesson.date, "lesson_number": max(taken) + 1})
        self.assertTrue(second.attendance_ids, "the roster of the new lesson")
        day = self.lesson.date[8:10] + "." + self.lesson.date[5:7]
        for value in (self.load(self.teacher), self.generic(self.teacher)):
            labels = {c[2]["lesson_label"] for c in value["attendance_ids"] if c[0] == 1}
            self.assertIn(day + " (1)", labels)
            self.assertIn(day + " (2)", labels)
            self.assertNotIn(day, labels)
            lessons = self.env["school.attendance"].browse(
                [c[1] for c in value["attendance_ids"] if c[0] == 1]).mapped("lesson_id")
            self.assertEqual(len(labels), len(lessons), "one column per lesson")

    def test_grid_saves_through_the_roster(self):
        row = self.lesson.attendance_ids.filtered(lambda r: not r.code_id and not r.grade_ids)[0]
        book = self.Book.sudo(self.teacher).create(dict(self.values, attendance_ids=[(1, row.id, {"cell": "н"})]))
        self.assertEqual(row.code_id.code, "н")
        book.write({"attendance_ids": [(1, row.id, {"cell": "4/5"})]})
        row.invalidate_cache()
        self.assertFalse(row.code_id)
        self.assertEqual(sorted(row.grade_ids.mapped("value")), ["4", "5"])
        logged = self.env["school.change.log"].search([("lesson_id", "=", self.lesson.id),
                                                       ("student_id", "=", row.student_id.id)])
        self.assertTrue(logged, "the grid's writes are in the change log")
        with self.assertRaisesRegex(ValidationError, "Не понимаю «7»"):
            book.write({"attendance_ids": [(1, row.id, {"cell": "7"})]})
        row.invalidate_cache()
        self.assertEqual(sorted(row.grade_ids.mapped("value")), ["4", "5"], "nothing changed")


class TestLessonFormSave(DemoSchoolCase):
    """The lesson form saves all its rows in one write: marks in one UPDATE, grades
    in batches, through the guard and the change log like single writes."""

    def setUp(self):
        super(TestLessonFormSave, self).setUp()
        self.lesson = self.env["school.lesson"].search([
            ("class_id", "=", self.class_5a.id), ("subject_id", "=", self.math.id),
            ("teacher_id", "=", self.teacher.id), ("period_id.state", "=", "open")], limit=1, order="date desc")
        self.rows = self.lesson.attendance_ids.filtered(lambda r: not r.code_id and not r.grade_ids)[:3]
        self.assertEqual(len(self.rows), 3, "three pupils present without grades")
        self.code_n = self.env.ref("school_ejournal.attendance_code_n")
        self.Log = self.env["school.change.log"]

    def save(self, user, commands):
        self.lesson.sudo(user).write({"attendance_ids": commands})
        self.rows.invalidate_cache()

    def test_marks_and_grades_in_one_save(self):
        first, second, third = self.rows
        logs = self.Log.search_count([("lesson_id", "=", self.lesson.id)])
        self.save(self.teacher, [
            (1, first.id, {"code_id": self.code_n.id}), (1, second.id, {"code_id": self.code_n.id}),
            (1, third.id, {"code_id": False, "grade_1": "5", "grade_2": "4", "grade_comment": "Устный ответ"})])
        self.assertEqual((first.code_id, second.code_id, third.code_id), (self.code_n, self.code_n,
                                                                         self.env["school.attendance.code"]))
        self.assertEqual((third.grade_1, third.grade_2, third.grade_comment), ("5", "4", "Устный ответ"))
        self.assertEqual(self.Log.search_count([("lesson_id", "=", self.lesson.id)]), logs + 5,
                         "two marks, two grades and the comment logged")
        self.assertEqual(self.Log.search([("res_id", "=", first.id), ("model", "=", "school.attendance")],
                                         limit=1).user_id, self.teacher, "logged as the teacher")
        # change one grade, drop the other, take a mark back
        self.save(self.teacher, [(1, third.id, {"grade_1": "3", "grade_2": False}),
                                 (1, first.id, {"code_id": False})])
        self.assertEqual((third.grade_1, third.grade_2, first.code_id.id), ("3", False, False))
        self.assertEqual(third.grade_ids.mapped("value"), ["3"])

    def test_bad_rows_change_nothing(self):
        first, second, _third = self.rows
        for commands, message in (
                ([(1, first.id, {"code_id": self.code_n.id}), (1, second.id, {"code_id": 999999})],
                 "Такого кода посещаемости нет"),
                ([(1, first.id, {"code_id": self.code_n.id}), (1, second.id, {"grade_comment": "Молодец"})],
                 "только при отметке"),
                ([(1, first.id, {"grade_1": "6"})], "")):
            with self.assertRaises((ValidationError, UserError), msg=commands) as caught:
                with self.env.cr.savepoint():
                    self.save(self.teacher, commands)
            self.assertIn(message, str(caught.exception))
            self.assertFalse(first.code_id or first.grade_ids or second.grade_ids, "nothing written")

    def test_other_teacher_and_class_teacher(self):
        first = self.rows[0]
        other = self.env["school.lesson"].search([
            ("class_id", "=", self.class_5a.id),
            ("teacher_id", "not in", [self.teacher.id, self.class_teacher.id])], limit=1).teacher_id
        self.assertTrue(other, "another teacher of 5А")
        with self.assertRaises(AccessError):
            self.save(other, [(1, first.id, {"code_id": self.code_n.id})])
        with self.assertRaises(AccessError):
            self.save(other, [(1, first.id, {"grade_1": "5"})])
        self.assertFalse(first.code_id or first.grade_ids)
        # the class teacher of 5А marks attendance (not grades) on any lesson of her class
        self.env["school.attendance"].sudo(self.class_teacher)._write_commands(
            [(1, first.id, {"code_id": self.code_n.id})])
        first.invalidate_cache()
        self.assertEqual(first.code_id, self.code_n)
        with self.assertRaises(AccessError):
            self.env["school.attendance"].sudo(self.class_teacher)._write_commands(
                [(1, first.id, {"grade_1": "5"})])
