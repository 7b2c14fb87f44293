"""A pupil exempt from a subject (освобождён: физкультура after a medical
commission): who records it, who reads it, and what follows from it — the
period grade suggested as «осв.» with the document named (domain: N of the
metrics excludes the exempt), no accumulation alert for the marks he cannot
have."""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError

from ..populate.demo import demo_today
from .common import MODULE, DemoSchoolCase


class TestExemption(DemoSchoolCase):

    def setUp(self):
        super().setUp()
        self.Exemption = self.env["school.subject.exemption"]
        self.pe = self.env.ref(MODULE + ".subject_pe")
        self.demo = self.env.ref(MODULE + ".demo_exemption_pe")          # a pupil of 5Б, the whole year
        self.pupil = self.demo.student_id
        self.classmate = self.class_5a._get_roster(self.q1.date_end).filtered(lambda s: s != self.artem)[:1]
        self.assertTrue(self.classmate)

    def exempt(self, user, student, **vals):
        return self.Exemption.sudo(user).create(dict({
            "student_id": student.id, "subject_id": self.pe.id, "date_from": self.year.date_start,
            "date_to": self.year.date_end, "document": "Справка ВК № 7"}, **vals))

    def test_the_demo_pupil_is_exempt_for_the_year(self):
        self.assertEqual(self.demo.class_id, self.class_5b)
        self.assertEqual((self.demo.date_from, self.demo.date_to), (self.year.date_start, self.year.date_end))

    def test_who_records_an_exemption(self):
        # the class teacher of 5А for his pupil; the deputy and the admin for anyone; the class is the server's
        exemption = self.exempt(self.class_teacher, self.classmate)
        self.assertEqual(exemption.class_id, self.class_5a)
        self.exempt(self.deputy, self.darya)
        self.exempt(self.admin, self.darya, subject_id=self.math.id)
        # not the class teacher of 5А for a pupil of 9А, not a subject teacher, not a family
        with self.assertRefused(AccessError, "классный руководитель"):
            self.exempt(self.class_teacher, self.darya)
        for user in (self.teacher, self.parent_user, self.student_user):
            with self.assertRefused(AccessError):
                self.exempt(user, self.classmate)
        with self.assertRefused(AccessError):
            self.demo.sudo(self.class_teacher).write({"document": "Другая справка"})
        with self.assertRefused(AccessError):
            exemption.sudo(self.class_teacher).write({"class_id": self.class_5b.id})

    def test_the_roster_shows_the_exempt_pupil(self):
        rows = self.env["school.attendance"].search([
            ("subject_id", "=", self.pe.id), ("class_id", "=", self.class_5b.id)], limit=200)
        mine = rows.filtered(lambda r: r.student_id == self.pupil)
        self.assertTrue(mine and (rows - mine))
        self.assertEqual(set(mine.mapped("exempt")), {True})
        self.assertEqual(set((rows - mine).mapped("exempt")), {False})

    def test_bad_input_is_a_clear_refusal(self):
        with self.assertRefused(ValidationError, "начинается .* после"):
            self.exempt(self.deputy, self.darya, date_from=self.year.date_end, date_to=self.year.date_start)
        with self.assertRefused(ValidationError, "документ"):
            self.exempt(self.deputy, self.darya, document="  ")

    def test_staff_read_all_families_their_own(self):
        self.assertIn(self.demo, self.Exemption.sudo(self.teacher).search([]))
        mine = self.exempt(self.deputy, self.artem)
        for user in (self.student_user, self.parent_user):
            seen = self.Exemption.sudo(user).search([])
            self.assertIn(mine, seen, user.login)
            self.assertNotIn(self.demo, seen, user.login)

    def test_the_period_grade_is_exempt_with_the_document(self):
        # regulation: N of % успеваемости, % качества and СОУ = all pupils − exempt; «осв.» is their grade
        PeriodGrade = self.env["school.period.grade"]
        PeriodGrade.suggest(self.q1, [self.class_5b.id], [self.pe.id])
        grade = PeriodGrade.search([("student_id", "=", self.pupil.id), ("subject_id", "=", self.pe.id),
                                    ("period_id", "=", self.q1.id)])
        self.assertEqual(grade.suggested_value, "osv")
        self.assertIn("Заключение врачебной комиссии № 214", grade.explanation)
        others = PeriodGrade.search([("class_id", "=", self.class_5b.id), ("subject_id", "=", self.pe.id),
                                     ("period_id", "=", self.q1.id), ("student_id", "!=", self.pupil.id)])
        self.assertTrue(others)
        self.assertNotIn("osv", others.mapped("suggested_value"))

    def test_an_exemption_for_part_of_the_period_leaves_the_grade_to_the_marks(self):
        PeriodGrade = self.env["school.period.grade"]
        self.exempt(self.deputy, self.classmate, date_from=self.q1.date_start,
                    date_to=fields.Date.to_string(fields.Date.from_string(self.q1.date_start) + timedelta(days=20)))
        PeriodGrade.suggest(self.q1, [self.class_5a.id], [self.pe.id])
        grade = PeriodGrade.search([("student_id", "=", self.classmate.id), ("subject_id", "=", self.pe.id),
                                    ("period_id", "=", self.q1.id)])
        self.assertTrue(grade)
        self.assertNotEqual(grade.suggested_value, "osv")

    def test_no_accumulation_alert_for_an_exempt_pupil(self):
        Monitoring = self.env["school.monitoring"]
        today = fields.Date.to_string(demo_today(self.env))
        flagged = {(r[1], r[2]): r[0] for r in Monitoring._accumulation_rows(today)}
        self.assertTrue(flagged, "the demo has pupils short of marks")
        (subject_id, student_id), class_id = sorted(flagged.items())[0]
        self.Exemption.sudo(self.deputy).create({
            "student_id": student_id, "subject_id": subject_id, "date_from": self.year.date_start,
            "date_to": self.year.date_end, "document": "Справка ВК № 9"})
        again = {(r[1], r[2]) for r in Monitoring._accumulation_rows(today)}
        self.assertNotIn((subject_id, student_id), again)
        self.assertEqual(again, set(flagged) - {(subject_id, student_id)})

    def home_schooling(self, pupil):
        """``pupil`` of 5А taught mathematics at home from the I quarter on (приказ об обучении на дому):
        his class's marks gone, a teaching group of his own with three lessons of its own, no marks yet."""
        self.env["school.grade"].search([("student_id", "=", pupil.id), ("subject_id", "=", self.math.id)]).unlink()
        home = self.env["school.class.subgroup"].create({
            "name": "На дому", "class_id": self.class_5a.id, "subject_id": self.math.id,
            "student_ids": [(6, 0, pupil.ids)], "members_from": self.q1.date_start})
        lessons = self.env["school.lesson"]
        for day in ("2026-09-08", "2026-09-15", "2026-09-22"):
            lessons |= lessons.create({"date": day, "lesson_number": 7, "class_id": self.class_5a.id,
                                       "subgroup_id": home.id, "subject_id": self.math.id,
                                       "teacher_id": self.teacher.id})
        exemption = self.Exemption.sudo(self.deputy).create({
            "student_id": pupil.id, "subject_id": self.math.id, "reason": "home", "subgroup_id": home.id,
            "date_from": self.q1.date_start, "date_to": self.year.date_end,
            "document": "Приказ № 45-у от 01.09.2026 об обучении на дому"})
        return home, lessons, exemption

    def test_a_pupil_taught_at_home_is_out_of_the_class_lessons_and_graded_by_his_own(self):
        # обучение на дому: the pupil's own lessons by his individual plan make his grade; the class's expect no mark
        pupil = self.classmate
        home, lessons, exemption = self.home_schooling(pupil)
        rows = self.env["school.attendance"].search([("student_id", "=", pupil.id), ("subject_id", "=", self.math.id),
                                                     ("period_id", "=", self.q1.id)])
        own = rows.filtered(lambda r: r.lesson_id in lessons)
        self.assertEqual(len(own), 3)
        self.assertEqual(set(own.mapped("exempt")), {False})
        self.assertTrue(rows - own)
        self.assertEqual(set((rows - own).mapped("exempt")), {True})
        # accumulation watches his own lessons only: three without a mark, then marked by the teacher
        Monitoring = self.env["school.monitoring"]
        end = self.q1.date_end
        self.env.user.company_id.write({"school_mon_no_grade_lessons": 3})
        flagged = {r[3] for r in Monitoring._accumulation_rows(end) if r[1:3] == (self.math.id, pupil.id)}
        self.assertIn("no_recent", flagged)
        for row, value in zip(own.sorted("date"), ("5", "4", "5")):
            row.sudo(self.teacher).write({"grade_1": value})
        flagged = {r[3] for r in Monitoring._accumulation_rows(end) if r[1:3] == (self.math.id, pupil.id)}
        self.assertNotIn("no_recent", flagged)
        # the period grade: from his own marks 5, 4, 5 (mean 4.67), not «осв.», the order named
        PeriodGrade = self.env["school.period.grade"]
        PeriodGrade.suggest(self.q1, [self.class_5a.id], [self.math.id])
        grade = PeriodGrade.search([("student_id", "=", pupil.id), ("subject_id", "=", self.math.id),
                                    ("period_id", "=", self.q1.id)])
        self.assertNotEqual(grade.suggested_value, "osv")
        self.assertAlmostEqual(grade.average, 4.67, places=2)
        self.assertIn("Приказ № 45-у", grade.explanation)
        self.assertIn("на дому", grade.explanation)

    def test_only_a_pupil_taught_at_home_has_a_group_of_his_own_and_it_is_his(self):
        pupil = self.classmate
        home, _lessons, exemption = self.home_schooling(pupil)
        with self.assertRefused(ValidationError, "на дому"):
            exemption.sudo(self.deputy).write({"reason": "plan"})
        with self.assertRefused(ValidationError, "не состоит|не в"):
            self.exempt(self.deputy, self.artem, subject_id=self.math.id, reason="home", subgroup_id=home.id)
        with self.assertRefused(ValidationError, "Физическ|изучает"):
            self.exempt(self.deputy, pupil, reason="home", subgroup_id=home.id)
        # the class teacher of 5А records it for his pupil, as any exemption
        self.exempt(self.class_teacher, pupil, reason="home", date_from=self.q2.date_start)
