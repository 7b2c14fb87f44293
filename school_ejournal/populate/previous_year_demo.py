"""The demo school's previous year: its classes (4А, 4Б, 8А, 10А), their pupils'
year grades, every period closed with its seal, and the school admin's year
rollover into the demo year, so the pupils reach 5А, 5Б, 9А and 11А through the
council's decisions and the movement model, as a school that has used the
journal for a year. One 8А pupil is «условно переведён» with a debt in algebra
and a failed first retake. Called from the demo school (populate/demo.py),
before its own enrolments."""
import random
from datetime import date, timedelta

from odoo import api, fields, models

SEED = 20252026
MODULE = "school_ejournal"
# the demo year's class → its class of the previous year, with that year's subjects
PREVIOUS = {
    "5А": ("4А", ["rus", "litread", "math", "world", "eng", "music", "art", "tech", "pe"]),
    "5Б": ("4Б", ["rus", "litread", "math", "world", "eng", "music", "art", "tech", "pe"]),
    "9А": ("8А", ["rus", "lit", "alg", "geom", "prob", "inf", "hist", "soc", "geo", "phys", "chem", "bio",
                  "eng", "pe", "obzr", "tech", "music"]),
    "11А": ("10А", ["rus", "lit", "alg", "geom", "prob", "inf", "hist", "soc", "geo", "phys", "chem", "bio",
                    "eng", "pe", "obzr", "project"]),
}
PREVIOUS_CLASS_TEACHERS = {"4А": "vasilyeva", "4Б": "popova", "8А": "novikov", "10А": "morozova"}
# the pupil promoted «условно»: the third of 8А, with «2» in algebra
CONDITIONAL = ("9А", 2, "alg")


class SchoolPreviousYearDemo(models.AbstractModel):
    _name = "school.previous.year.demo"
    _description = "Demo School: the Previous Year"

    @api.model
    def _create_previous_year(self, cal, classes, students_by_class, teachers):
        """Build the closed previous year and roll it over into ``classes``'
        year; returns the ids of the pupils the rollover moved in."""
        day = fields.Date.to_string
        ref = self.env.ref
        y0 = cal["start"].year - 1
        start, end = date(y0, 9, 1), date(y0 + 1, 5, 31)
        Year = self.env["school.academic.year"]
        year = Year.create({"name": "%s/%s" % (y0, y0 + 1), "date_start": day(start), "date_end": day(end),
                            "company_id": ref("base.main_company").id})
        self.env["ir.model.data"].create({"module": MODULE, "name": "demo_year_previous", "model": Year._name,
                                          "res_id": year.id, "noupdate": True})
        year.action_generate_calendar()
        levels = self.env["school.grade.level"]._by_number()
        Movement = self.env["school.student.movement"]
        old_classes = {}
        for class_name, (old_name, _subjects) in PREVIOUS.items():
            old = self.env["school.class"].create({
                "grade_level_id": levels[int(old_name[:-1])].id, "letter": old_name[-1],
                "academic_year_id": year.id, "room": classes[class_name].room,
                "class_teacher_id": teachers[PREVIOUS_CLASS_TEACHERS[old_name]].id})
            old_classes[class_name] = old
            for student in students_by_class[class_name]:
                Movement.create({"student_id": student.id, "movement_type": "arrival", "date": day(start),
                                 "to_class_id": old.id, "order_number": "98-у",
                                 "order_date": day(date(y0, 8, 27)),
                                 "reason": "Зачисление на %s учебный год" % year.name})
        self._year_grades(year, old_classes, students_by_class)
        admin = ref(MODULE + ".user_school_admin")
        for period in year.period_ids.sorted(lambda p: (p.kind == "year", p.date_end, p.id)):
            self.env["school.period.close"].sudo(admin).create({
                "period_id": period.id, "scope": "all", "confirm_incomplete": True}).action_close()
        return self._roll_over(year, cal, students_by_class, admin)

    @api.model
    def _year_grades(self, year, old_classes, students_by_class):
        """Each pupil's year grade in each subject of his class: a pupil's level
        with a little spread, one «2» for the conditional pupil; one INSERT."""
        rng = random.Random(SEED)
        weak_class, weak_index, weak_subject = CONDITIONAL
        subject_ids = {code: self.env.ref("%s.subject_%s" % (MODULE, code)).id
                       for codes in (subjects for _old, subjects in PREVIOUS.values()) for code in codes}
        rows = []
        for class_name, old in old_classes.items():
            period = year.period_ids.filtered(lambda p: p.kind == "year" and old.grade_level_id in p.grade_level_ids)
            for index, student in enumerate(students_by_class[class_name]):
                level = rng.choice([3, 4, 4, 4, 5, 5])
                for code in PREVIOUS[class_name][1]:
                    value = max(3, min(5, level + rng.choice([-1, 0, 0, 1])))
                    if (class_name, index, code) == (weak_class, weak_index, weak_subject):
                        value = 2
                    rows.append((student.id, subject_ids[code], str(value), period.id, old.id))
        columns = [list(c) for c in zip(*rows)]
        self.env.cr.execute("""
            INSERT INTO school_period_grade
                   (create_uid, create_date, write_uid, write_date, student_id, student_name, subject_id,
                    period_id, academic_year_id, class_id, grade_level_id, date, kind, value, suggested_value, state)
            SELECT 1, now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC', x.student_id, s.name, x.subject_id,
                   p.id, p.academic_year_id, c.id, c.grade_level_id, p.date_end, 'year', x.value, x.value, 'confirmed'
              FROM unnest(%s::int[], %s::int[], %s::varchar[], %s::int[], %s::int[])
                   AS x(student_id, subject_id, value, period_id, class_id)
              JOIN school_student s ON s.id = x.student_id
              JOIN school_period p ON p.id = x.period_id
              JOIN school_class c ON c.id = x.class_id
        """, columns)
        self.env["school.period.grade"].invalidate_cache()

    @api.model
    def _roll_over(self, year, cal, students_by_class, admin):
        """The school admin's «Переход на новый учебный год» into the demo year,
        with the council's minutes; the conditional pupil's deadline and his
        failed first retake. Returns the ids of the pupils moved in."""
        day = fields.Date.to_string
        end = fields.Date.from_string(year.date_end)
        wizard = self.env["school.year.rollover"].sudo(admin).create({
            "old_year_id": year.id, "new_year_id": self.env.ref(MODULE + ".demo_year_2026").id,
            "protocol_number": "9", "protocol_date": day(end - timedelta(days=4))})
        wizard.action_preview()
        pupil = students_by_class[CONDITIONAL[0]][CONDITIONAL[1]]
        deadline = date(cal["start"].year, 12, 18)
        wizard.pupil_ids.filtered(lambda p: p.student_id == pupil).write({"retake_deadline": day(deadline)})
        wizard.action_confirm()
        decision = self.env["school.council.decision"].search([
            ("student_id", "=", pupil.id), ("academic_year_id", "=", year.id)])
        self.env["ir.model.data"].create({"module": MODULE, "name": "demo_decision_previous_conditional",
                                          "model": decision._name, "res_id": decision.id, "noupdate": True})
        self.env["school.academic.debt"].sudo(admin).create({
            "decision_id": decision.id, "subject_id": self.env.ref("%s.subject_%s" % (MODULE, CONDITIONAL[2])).id,
            "date": day(date(cal["start"].year, 9, 24)), "value": "2", "protocol_number": "1-з",
            "note": "Первая пересдача"})
        return set(wizard.pupil_ids.mapped("student_id").ids)
