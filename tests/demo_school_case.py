"""The demo school's references that the tests of every area start from."""
from odoo.tests.common import TransactionCase

MODULE = "school_ejournal"


class DemoSchoolCase(TransactionCase):
    def setUp(self):
        super(DemoSchoolCase, self).setUp()
        ref = self.env.ref
        self.year = ref(MODULE + ".demo_year_2026")
        self.class_1a = ref(MODULE + ".demo_class_1a")
        self.class_5a = ref(MODULE + ".demo_class_5a")
        self.class_5b = ref(MODULE + ".demo_class_5b")
        self.class_9a = ref(MODULE + ".demo_class_9a")
        self.admin = ref(MODULE + ".user_school_admin")
        self.deputy = ref(MODULE + ".user_deputy")
        self.class_teacher = ref(MODULE + ".user_class_teacher")   # 5А, Russian
        self.teacher = ref(MODULE + ".user_teacher")               # math in 5А, 5Б
        self.student_user = ref(MODULE + ".user_student")
        self.parent_user = ref(MODULE + ".user_parent")
        self.artem = ref(MODULE + ".demo_student_sokolov_artem")   # 5А
        self.darya = ref(MODULE + ".demo_student_sokolova_darya")  # 9А
        self.math = ref(MODULE + ".subject_math")
        self.kind_lesson = ref(MODULE + ".work_kind_lesson")
        self.kind_control = ref(MODULE + ".work_kind_control")
