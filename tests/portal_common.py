"""Shared facts for the portal (families' diary) tests: the demo family of
Соколова Елена (parent) with Артём (5А, also the `student` login) and Дарья (9А)."""
import re

MODULE = "school_ejournal"
WEEK_WITH_LESSONS = "2026-10-05"   # a week of the demo journal (1 Sep – the day it is built)


class PortalFacts(object):
    def _portal_setup(self):
        ref = self.env.ref
        self.parent_user = ref(MODULE + ".user_parent")
        self.student_user = ref(MODULE + ".user_student")
        self.class_teacher = ref(MODULE + ".user_class_teacher")
        self.teacher = ref(MODULE + ".user_teacher")
        self.admin = ref(MODULE + ".user_school_admin")
        self.artem = ref(MODULE + ".demo_student_sokolov_artem")
        self.darya = ref(MODULE + ".demo_student_sokolova_darya")
        self.class_5a = ref(MODULE + ".demo_class_5a")
        self.class_9a = ref(MODULE + ".demo_class_9a")
        self.class_5b = ref(MODULE + ".demo_class_5b")
        Student = self.env["school.student"]
        # a classmate of Артём and a pupil of another family in Дарья's class
        self.classmate = Student.search([("current_class_id", "=", self.class_5a.id),
                                         ("id", "!=", self.artem.id),
                                         ("consent_state", "=", "given")], limit=1)
        self.stranger = Student.search([("current_class_id", "=", self.class_9a.id),
                                        ("id", "!=", self.darya.id),
                                        ("consent_state", "=", "given")], limit=1)
        self.q1 = self.env["school.period"].search([("kind", "=", "quarter"), ("number", "=", 1),
                                                    ("academic_year_id", "=", self.class_5a.academic_year_id.id)])

    def revoke_consent(self, student):
        consent = student.sudo().consent_ids[:1]
        consent.sudo().write({"revocation_date": "2026-11-01",
                              "revocation_reason": "Заявление законного представителя"})
        self.assertEqual(student.consent_state, "revoked")

    def lesson_of(self, student, day_from="2026-10-05", day_to="2026-10-09"):
        rows = self.env["school.attendance"].search([("student_id", "=", student.id),
                                                     ("date", ">=", day_from), ("date", "<=", day_to)])
        return rows.mapped("lesson_id").sorted(lambda l: (l.date, l.lesson_number))

    @staticmethod
    def csrf_token(html):
        match = re.search(r'name="csrf_token" value="([^"]+)"', html)
        return match.group(1) if match else None
