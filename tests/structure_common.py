"""Shared set-up for the school-structure tests (issue 3): demo references and
a fresh little class of our own, so that each test states its own facts."""
from contextlib import contextmanager

from odoo.tests.common import TransactionCase

from odoo.addons.school_ejournal.models.student import format_snils, snils_control

MODULE = "school_ejournal"


def valid_snils(nine_digits):
    """A SNILS with the right control number for the given first nine digits."""
    return format_snils("%s%02d" % (nine_digits, snils_control(nine_digits)))


class StructureCase(TransactionCase):
    def setUp(self):
        super(StructureCase, self).setUp()
        ref = self.env.ref
        self.year = ref(MODULE + ".demo_year_2026")
        self.class_5a = ref(MODULE + ".demo_class_5a")
        self.class_5b = ref(MODULE + ".demo_class_5b")
        self.class_9a = ref(MODULE + ".demo_class_9a")
        self.class_1a = ref(MODULE + ".demo_class_1a")
        self.admin = ref(MODULE + ".user_school_admin")
        self.deputy = ref(MODULE + ".user_deputy")
        self.class_teacher = ref(MODULE + ".user_class_teacher")   # 5А
        self.teacher = ref(MODULE + ".user_teacher")               # math in 5А, 5Б
        self.student_user = ref(MODULE + ".user_student")
        self.parent_user = ref(MODULE + ".user_parent")
        self.artem = ref(MODULE + ".demo_student_sokolov_artem")
        self.darya = ref(MODULE + ".demo_student_sokolova_darya")
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
