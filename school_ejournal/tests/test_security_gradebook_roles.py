"""«Журнал класса» (school.gradebook, a wizard any user may create) as every role
that is not staff: the grid and the averages show only the rows the role's own
record rules show (a pupil his own, a parent his child's), an Odoo employee gets
an AccessError or an empty wizard; through the generic onchange and the fast path alike."""
from odoo import api
from odoo.exceptions import AccessError

from .common import DemoSchoolCase
from .test_journal_gradebook import SPEC


class TestGradebookOutsideStaff(DemoSchoolCase):

    def setUp(self):
        super().setUp()
        self.employee = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Бухгалтер", "login": "h15_gradebook_employee",
            "groups_id": [(6, 0, [self.env.ref("base.group_user").id])]})

    def grid(self, user, school_class):
        values = {"class_id": school_class.id, "subject_id": self.math.id, "subgroup_id": False,
                  "period_id": self.q1.id, "attendance_ids": [], "average_html": False, "can_edit": False}
        env = self.env(user=user.id)
        answer = api.call_kw(env["school.gradebook"], "onchange", [[], values, "period_id", SPEC], {})["value"]
        rows = [c[1] for c in answer.get("attendance_ids", []) if c[0] == 1]
        students = set(self.env["school.attendance"].browse(rows).mapped("student_id").ids)
        return rows, students, answer.get("average_html") or ""

    def test_pupil_and_parent_see_only_their_own_rows(self):
        for user in (self.student_user, self.parent_user):
            readable = self.env["school.student"].sudo(user).search([]).ids
            for school_class in (self.class_5a, self.class_9a):
                rows, students, average = self.grid(user, school_class)
                self.assertLessEqual(students, set(readable), "%s sees other pupils' marks" % user.login)
                others = self.env["school.student"].search([
                    ("current_class_id", "=", school_class.id), ("id", "not in", readable)])
                for other in others:
                    self.assertNotIn(other.name, average, "%s reads %s's average" % (user.login, other.name))
            # the own record is there: the grid works for him
            rows, students, _average = self.grid(user, self.class_5a)
            self.assertTrue(rows and students)

    def test_employee_is_refused(self):
        with self.assertRaises(AccessError):
            self.grid(self.employee, self.class_5a)
        book = self.env["school.gradebook"].sudo(self.employee).create({
            "class_id": self.class_5a.id, "subject_id": self.math.id, "period_id": self.q1.id})
        # his own wizard holds nothing: the rows are loaded through his (absent) rights
        row = book.read(["attendance_ids", "average_html"])[0]
        self.assertFalse(row["attendance_ids"] or row["average_html"])
