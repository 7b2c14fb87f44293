"""Shared set-up for the school-structure tests (issue 3): demo references and
a fresh little class of our own, so that each test states its own facts."""
from contextlib import contextmanager

from demo_school_case import MODULE, DemoSchoolCase
from odoo.addons.school_ejournal.tools.snils import format_snils, snils_control


def valid_snils(nine_digits):
    """A SNILS with the right control number for the given first nine digits."""
    return format_snils("%s%02d" % (nine_digits, snils_control(nine_digits)))


class StructureCase(DemoSchoolCase):
    def setUp(self):
        super(StructureCase, self).setUp()
        self.Student = self.env["school.student"]
        self.Movement = self.env["school.student.movement"]

    def make_student(self, last_name="Тестов", first_name="Тест", school_class=None,
                     date="2026-09-01", **vals):
        student = self.Student.create(dict({
            "last_name": last_name, "first_name": first_name, "middle_name": "Тестович",
            "birth_date": "2015-03-10", "gender": "male"}, **vals))
        if school_class:
            self.Movement.create({"student_id": student.id, "movement_type": "arrival",
                                  "date": date, "to_class_id": school_class.id})
        return student

    @contextmanager
    def assertRefused(self, exception, regex=None):
        """The operation raises ``exception`` (message matching ``regex``) and,
        as in a real request, whatever it wrote is rolled back."""
        if regex:
            with self.assertRaisesRegex(exception, regex), self.env.cr.savepoint():
                yield
        else:
            with self.assertRaises(exception), self.env.cr.savepoint():
                yield
        self.env.invalidate_all() if hasattr(self.env, "invalidate_all") else self.env.cache.invalidate()
