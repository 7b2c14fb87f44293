"""Period export: a closed period as versioned JSON that validates against the
addon's own schema, with stable identifiers."""
import json
import os

import jsonschema

from odoo.exceptions import AccessError, UserError
from odoo.modules.module import get_module_path

from .common import ReportsCase


class TestPeriodExport(ReportsCase):

    def close_q1(self):
        wizard = self.env["school.period.close"].sudo(self.admin).create({
            "period_id": self.q1.id, "scope": "all", "confirm_incomplete": True})
        wizard.action_close()
        self.q1.invalidate_cache()

    def schema(self):
        path = os.path.join(get_module_path("school_ejournal"), "data", "export_schema_v1.json")
        with open(path, encoding="utf-8") as f:
            return json.load(f)

    def test_export_validates_and_is_stable(self):
        self.close_q1()
        Export = self.env["school.period.export"].sudo(self.deputy)
        first = json.loads(Export._export_json(self.q1))
        jsonschema.Draft7Validator.check_schema(self.schema())
        jsonschema.validate(first, self.schema())
        self.assertEqual((first["format"], first["version"]), ("school_ejournal.period_export", "1.0"))
        # the quarter attests grades 1–9: their lessons and grades, not 11А's
        levels = tuple(self.q1.grade_level_ids.ids)
        self.env.cr.execute("""SELECT count(*) FROM school_lesson l JOIN school_class c ON c.id = l.class_id
                                WHERE l.date BETWEEN %s AND %s AND c.grade_level_id IN %s""",
                            (self.q1.date_start, self.q1.date_end, levels))
        self.assertEqual(len(first["lessons"]), self.env.cr.fetchone()[0])
        self.assertNotIn("11А", [c["name"] for c in first["classes"]])
        self.env.cr.execute("""SELECT count(*) FROM school_grade g JOIN school_class c ON c.id = g.class_id
                                WHERE g.date BETWEEN %s AND %s AND c.grade_level_id IN %s""",
                            (self.q1.date_start, self.q1.date_end, levels))
        self.assertEqual(len(first["grades"]), self.env.cr.fetchone()[0])
        self.assertTrue(first["attendance"] and first["timetable"])
        # references resolve
        lesson_ids = {l["id"] for l in first["lessons"]}
        student_ids = {s["id"] for s in first["students"]}
        self.assertTrue(all(g["lesson_id"] in lesson_ids and g["student_id"] in student_ids
                            for g in first["grades"]))
        # stable: a second export gives the same identifiers
        second = json.loads(Export._export_json(self.q1))
        self.assertEqual([l["id"] for l in first["lessons"]], [l["id"] for l in second["lessons"]])
        self.assertEqual(len(lesson_ids), len(first["lessons"]))
        # the wizard hands out a JSON file
        wizard = self.env["school.period.export.wizard"].sudo(self.admin).create({"period_id": self.q1.id})
        action = wizard.action_export()
        self.assertTrue(action["url"].startswith("/web/content/"))

    def test_open_period_and_rights_refused(self):
        with self.assertRaisesRegex(UserError, "не закрыт"):
            self.env["school.period.export"].sudo(self.admin)._export(self.q2)
        self.close_q1()
        for user in (self.teacher, self.class_teacher, self.parent_user):
            with self.assertRaises(AccessError):
                self.env["school.period.export"].sudo(user)._export(self.q1)
