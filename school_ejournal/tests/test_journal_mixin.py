"""The journal mixin (models/journal_mixin.py): lessons, roster rows, grades and
period grades share one guard, one allow-list check and one change log with one
set of labels, and the demo generators write their lines through it too."""
from odoo.exceptions import AccessError, UserError

from odoo.addons.school_ejournal.models.journal_mixin import OPERATIONS

from .common import MODULE, DemoSchoolCase

JOURNAL = ("school.lesson", "school.attendance", "school.grade", "school.period.grade",
           "school.activity.session", "school.activity.session.line")


class TestJournalMixin(DemoSchoolCase):

    def setUp(self):
        super(TestJournalMixin, self).setUp()
        self.Log = self.env["school.change.log"]
        # biology in 5А: neither the math lesson's teacher nor 5А's class teacher
        self.foreign = self.env["res.users"].search([("login", "=", "volkova")])
        self.lesson = self.env["school.lesson"].search([
            ("class_id", "=", self.class_5a.id), ("subject_id", "=", self.math.id),
            ("teacher_id", "=", self.teacher.id), ("period_id", "=", self.q1.id),
            ("attendance_ids", "!=", False)], order="date, lesson_number", limit=1)
        self.row = self.lesson.attendance_ids.filtered(lambda r: not r.grade_ids and not r.code_id)[:1]
        self.assertTrue(self.foreign and self.lesson and self.row)
        pupil = self.row.student_id
        self.grade = self.env["school.grade"].sudo(self.teacher).create({
            "lesson_id": self.lesson.id, "student_id": pupil.id, "value": "4"})
        PeriodGrade = self.env["school.period.grade"]
        self.period_grade = PeriodGrade.search([
            ("student_id", "=", pupil.id), ("subject_id", "=", self.math.id), ("period_id", "=", self.q1.id),
            ("kind", "=", "quarter")]) or PeriodGrade.sudo(self.teacher).create({
                "student_id": pupil.id, "subject_id": self.math.id, "period_id": self.q1.id,
                "class_id": self.class_5a.id, "kind": "quarter", "value": "3"})
        if self.period_grade.state == "confirmed":
            self.period_grade.action_reset_draft()
        self.absent = self.env.ref(MODULE + ".attendance_code_n")
        # (record, who may write it, the write, the logged field)
        self.writes = [
            (self.lesson, self.admin, {"substitute_teacher_id": self.class_teacher.id}, "substitute_teacher_id"),
            (self.row, self.teacher, {"code_id": self.absent.id}, "code_id"),
            (self.grade, self.teacher, {"value": "5"}, "value"),
            (self.period_grade, self.teacher, {"value": "4" if self.period_grade.value != "4" else "5"}, "value"),
        ]

    def lines(self, record):
        return self.Log.search([("model", "=", record._name), ("res_id", "=", record.id)], order="id")

    def label(self, record, name):
        """The one label: the field's translated description, and for a line
        without a lesson the kind, subject and period of the grade."""
        text = record._school_field_label(name)
        if record._name == "school.period.grade":
            text = "%s: %s, %s, %s" % (text, record._school_selection_labels("kind")[record.kind],
                                       record.subject_id.name, record.period_id.name)
        return text

    def test_the_records_of_the_journal_inherit_the_mixin(self):
        mixin = self.env["school.journal.mixin"]
        self.assertEqual(set(mixin._inherit_children), set(JOURNAL))
        for model in JOURNAL:
            self.assertIsInstance(self.env[model], type(mixin), model)
            self.assertIn("school_can_edit", self.env[model]._fields, model)
        # one table of the operations' labels: the log's own selection
        self.assertEqual(self.Log._fields["operation"].selection, OPERATIONS)

    def test_a_write_logs_one_line_with_the_one_label_set(self):
        labels = set()
        for record, user, vals, name in self.writes:
            before = self.lines(record)
            record.sudo(user).write(vals)
            new = self.lines(record) - before
            self.assertEqual(len(new), 1, record._name)
            self.assertEqual((new.operation, new.field_name, new.user_id), ("write", name, user), record._name)
            self.assertEqual(new.field_label, self.label(record, name), record._name)
            self.assertTrue(new.new_value, record._name)
            labels.add(new.field_label)
        self.assertEqual(labels, {self.label(r, n) for r, _u, _v, n in self.writes})
        # the lesson's teacher reads the line of his lesson's substitution
        mine = self.Log.sudo(self.teacher).search([("lesson_id", "=", self.lesson.id)])
        self.assertIn("school.lesson", mine.mapped("model"))

    def test_a_foreign_teacher_is_refused_on_each_and_nothing_is_logged(self):
        for record, _user, vals, _name in self.writes:
            before = len(self.lines(record))
            vals = {"topic": "Чужой урок"} if record._name == "school.lesson" else vals
            with self.assertRefused(AccessError):
                record.sudo(self.foreign).write(vals)
            self.assertEqual(len(self.lines(record)), before, record._name)

    def test_a_closed_period_refuses_each_and_nothing_is_logged(self):
        self.env.cr.execute("UPDATE school_period SET state = 'closed' WHERE id = %s", (self.q1.id,))
        self.env["school.period"].invalidate_cache()
        for record, user, vals, _name in self.writes:
            before = len(self.lines(record))
            with self.assertRefused(UserError, "закрыт"):
                record.sudo(user).write(vals)
            self.assertEqual(len(self.lines(record)), before, record._name)

    def test_the_sql_paths_meet_the_allow_list(self):
        # the weight of a grade is the server's: refused to the teacher, not to the server itself
        with self.assertRefused(AccessError, "заполняются программой"):
            self.grade.sudo(self.teacher)._journal_check_fields({"weight": 3.0})
        self.grade.sudo()._journal_check_fields({"weight": 3.0})
        self.grade.sudo(self.teacher)._journal_check_fields({"value": "5"})

    def test_the_generators_write_their_lines_with_the_same_labels(self):
        self.env.cr.execute("SELECT coalesce(max(id), 0) FROM school_change_log")
        top = self.env.cr.fetchone()[0]
        Demo = self.env["school.journal.demo"]
        Demo._log_demo_journal(self.year)
        year_period = self.env["school.period"].search([("academic_year_id", "=", self.year.id),
                                                        ("kind", "=", "year")], limit=1)
        Demo._log_demo_exams(self.class_9a, year_period)
        self.env.cr.execute("""SELECT model, field_name, field_label, count(*), count(*) FILTER (WHERE user_id = %s)
                                 FROM school_change_log WHERE id > %s GROUP BY 1, 2, 3""", (self.env.uid, top))
        found = self.env.cr.fetchall()
        self.assertEqual({r[0] for r in found}, {"school.grade", "school.attendance", "school.period.grade"})
        self.assertFalse([r for r in found if r[4]], "the teacher's lines, not the superuser's")
        # a grade's and a mark's lines read as those the ORM writes (one label each)
        self.assertEqual({(r[0], r[1], r[2]) for r in found if r[0] != "school.period.grade"},
                         {("school.grade", "value", self.label(self.grade, "value")),
                          ("school.attendance", "code_id", self.label(self.row, "code_id"))})
        for line in self.Log.search([("id", ">", top), ("model", "=", "school.period.grade")]):
            self.assertEqual(line.field_label, self.label(self.env[line.model].browse(line.res_id), "value"))
