"""Class lists, staff and timetable from Russian CSV files through base_import."""
import os

from .common import ADDON, StructureCase

SAMPLES = os.path.join(ADDON, "data", "import_samples")
OPTIONS = {"headers": True, "separator": ";", "quoting": '"', "encoding": "utf-8",
           "date_format": "%d.%m.%Y", "datetime_format": "", "float_thousand_separator": " ",
           "float_decimal_separator": ","}


class TestRussianCsvImport(StructureCase):
    def _import(self, model, content, user=None):
        env_model = self.env["base_import.import"].with_context(lang="ru_RU")
        if user:
            env_model = env_model.sudo(user)
        wizard = env_model.create({"res_model": model, "file": content, "file_name": "import.csv",
                                   "file_type": "text/csv"})
        preview = wizard.parse_preview(dict(OPTIONS))
        self.assertNotIn("error", preview, preview.get("error"))
        headers = preview["headers"]
        fields = ["/".join(preview["matches"][i]) if preview["matches"].get(i) else False
                  for i in range(len(headers))]
        unmatched = [h for h, f in zip(headers, fields) if not f]
        self.assertFalse(unmatched, "Russian headers not matched: %s" % unmatched)
        messages = wizard.do(fields, dict(OPTIONS))
        errors = [m for m in messages if m["type"] == "error"]
        return fields, errors

    def _sample(self, name):
        with open(os.path.join(SAMPLES, name), "rb") as sample:
            return sample.read()

    def test_class_list_with_parents(self):
        fields, errors = self._import("school.student", self._sample("students_class_list.csv"))
        self.assertFalse(errors, errors)
        self.assertIn("enroll_class_id", fields)
        self.assertIn("parent1_name", fields)
        maxim = self.Student.search([("name", "=", "Григорьев Максим Олегович")])
        alisa = self.Student.search([("name", "=", "Григорьева Алиса Олеговна")])
        eva = self.Student.search([("name", "=", "Нестерова Ева Андреевна")])
        self.assertEqual(maxim.current_class_id, self.class_1a)
        self.assertEqual(alisa._get_class_on("2026-09-01"), self.class_5b)
        self.assertEqual(eva.movement_ids.date, "2026-09-01", "the class's year start by default")
        self.assertEqual(maxim.birth_date, "2019-04-12")
        self.assertEqual(maxim.gender, "male")
        self.assertEqual(alisa.health_group, "preparatory")
        self.assertEqual(maxim.snils[3], "-")
        # the siblings share one mother; the father is linked to Maxim only
        mother = maxim.guardian_ids.filtered(lambda g: g.relation == "mother").partner_id
        self.assertEqual(alisa.guardian_ids.partner_id, mother)
        self.assertEqual(mother._get_school_children(), maxim | alisa)
        self.assertEqual(len(maxim.guardian_ids), 2)
        grandmother = eva.guardian_ids.filtered(lambda g: g.relation == "grandmother")
        self.assertFalse(grandmother.is_legal_representative)
        self.assertEqual(grandmother.phone, "+7 920 345-60-01")

    def test_bad_snils_in_class_list_imports_nothing(self):
        content = self._sample("students_class_list.csv").decode("utf-8")
        content = content.replace("305-812-956 65", "305-812-956 00")
        count = self.Student.search_count([])
        fields, errors = self._import("school.student", content.encode("utf-8"))
        self.assertTrue(errors)
        self.assertIn("контрольное число", errors[0]["message"])
        self.assertEqual(self.Student.search_count([]), count)

    def test_class_teacher_imports_own_class_only(self):
        content = ('"Фамилия";"Имя";"Класс зачисления"\n"Юдин";"Лев";"5А"\n').encode("utf-8")
        fields, errors = self._import("school.student", content, user=self.class_teacher)
        self.assertFalse(errors, errors)
        self.assertEqual(self.Student.search([("name", "=", "Юдин Лев")]).current_class_id, self.class_5a)
        content = ('"Фамилия";"Имя";"Класс зачисления"\n"Юдин";"Марк";"9А"\n').encode("utf-8")
        fields, errors = self._import("school.student", content, user=self.class_teacher)
        self.assertTrue(errors)
        self.assertFalse(self.Student.search([("name", "=", "Юдин Марк")]))

    def test_staff(self):
        fields, errors = self._import("res.users", self._sample("staff.csv"))
        self.assertFalse(errors, errors)
        users = self.env["res.users"].search([("login", "in", ["belova", "kirillova", "romanova"])])
        by_login = {u.login: u for u in users}
        self.assertEqual(by_login["belova"].function, "Учитель информатики")
        self.assertTrue(by_login["belova"].has_group("school_ejournal.group_teacher"))
        self.assertFalse(by_login["belova"].has_group("school_ejournal.group_class_teacher"))
        self.assertEqual(by_login["kirillova"].name, "Кириллова Елена Викторовна")
        self.assertTrue(by_login["kirillova"].has_group("school_ejournal.group_class_teacher"))
        self.assertTrue(by_login["romanova"].has_group("school_ejournal.group_deputy"))
        self.assertEqual(by_login["romanova"].school_role, "deputy")
        self.assertFalse(any(u.share for u in users))

    def test_timetable(self):
        level2 = self.env.ref("school_ejournal.grade_level_2")
        class_2a = self.env["school.class"].create({"grade_level_id": level2.id, "letter": "а",
                                                    "academic_year_id": self.year.id})
        self.assertEqual(class_2a.name, "2А")
        self.assertFalse(self._import("res.users", self._sample("staff.csv"))[1])
        fields, errors = self._import("school.timetable", self._sample("timetable.csv"))
        self.assertFalse(errors, errors)
        entries = self.env["school.timetable"].search([("class_id", "=", class_2a.id)])
        self.assertEqual(len(entries), 6)
        monday_first = entries.filtered(lambda e: e.weekday == "0" and e.lesson_number == 1)
        self.assertEqual(monday_first.subject_id, self.env.ref("school_ejournal.subject_rus"))
        self.assertEqual(monday_first.teacher_id.login, "kirillova")
        self.assertEqual(monday_first.date_to, "2027-05-31")
        # a teacher already busy at that time refuses the row
        content = ('"Класс";"День недели";"Номер урока";"Предмет";"Учитель"\n'
                   '"2А";"Среда";"1";"Математика";"%s"\n' % self._busy_teacher("2")).encode("utf-8")
        fields, errors = self._import("school.timetable", content)
        self.assertTrue(errors)
        self.assertIn("не может вести два урока одновременно", errors[0]["message"])

    def test_subgroup_by_displayed_name(self):
        subgroups = self.env["school.class.subgroup"].name_search("5А: Английский язык, группа 1")
        self.assertEqual(len(subgroups), 1)
        self.assertEqual(self.env["school.class.subgroup"].browse(subgroups[0][0]).class_id, self.class_5a)

    def _busy_teacher(self, weekday):
        entry = self.env["school.timetable"].search([("weekday", "=", weekday), ("lesson_number", "=", 1)], limit=1)
        return entry.teacher_id.name
