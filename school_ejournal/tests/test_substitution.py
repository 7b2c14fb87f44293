"""Журнал замен: the deputy registers a teacher's absence, the server proposes
free teachers (of the subject first, never one with a lesson at that time), the
confirmation gives each lesson its substitute through the lesson's write (the
guard, the change log); the substitute keeps the journal of the replaced lessons
only; the month's XLSX for the accountant; the families' diary shows «замена»."""
import xlrd

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import HttpCase

from .common import WEEK_WITH_LESSONS, DemoSchoolCase, set_demo_refs

MODULE = "school_ejournal"
WEEK_END = "2026-10-09"


def substitution_facts(case):
    """A teacher of mathematics with no lesson at all (a load in a class of his
    own), and the demo mathematics teacher's lessons of a week of the demo journal."""
    env = case.env
    case.substitute = env["res.users"].create({"name": "Заменяющая Ольга Петровна", "login": "subst_math_t",
                                               "school_role": "teacher"})
    case.class_5x = env["school.class"].create({"academic_year_id": case.year.id, "letter": "Я",
                                                "grade_level_id": case.class_5a.grade_level_id.id})
    env["school.teaching.assignment"].create({"class_id": case.class_5x.id, "subject_id": case.math.id,
                                              "teacher_id": case.substitute.id, "hours_per_week": 1})
    case.week = env["school.lesson"].search([("teacher_id", "=", case.teacher.id),
                                             ("date", ">=", WEEK_WITH_LESSONS), ("date", "<=", WEEK_END)],
                                            order="date, lesson_number")
    case.lesson = case.week.filtered(lambda l: l.class_id == case.class_5a)[:1]
    # the teacher's lesson on another day, outside the absence
    case.other = case.week.filtered(lambda l: l.date != case.lesson.date)[:1]
    assert case.lesson and case.other, "the demo journal has the teacher's lessons that week"


class TestSubstitution(DemoSchoolCase):
    def setUp(self):
        super(TestSubstitution, self).setUp()
        substitution_facts(self)
        self.Absence = self.env["school.teacher.absence"]

    def absence(self, user=None, date_from=None, date_to=None):
        day = self.lesson.date
        return self.Absence.sudo(user or self.deputy).create({
            "teacher_id": self.teacher.id, "date_from": date_from or day, "date_to": date_to or day,
            "reason": "Больничный лист"})

    def assign(self, absence, kinds):
        """Lines of ``absence`` (``self.lesson`` first) get (kind, substitute, paid); the rest «отмена»."""
        absence.action_propose()
        lines = absence.substitution_ids.sorted(lambda l: (l.lesson_id != self.lesson, l.date, l.lesson_number))
        for index, line in enumerate(lines):
            kind, user, paid = kinds[index] if index < len(kinds) else ("cancel", None, False)
            line.write({"kind": kind, "substitute_teacher_id": user.id if user else False, "paid": paid})
        return lines

    # ------------------------------------------------------------------ rights
    def test_deputy_and_admin_keep_the_journal(self):
        absence = self.absence()
        absence.action_propose()
        self.assertIn(self.lesson, absence.substitution_ids.mapped("lesson_id"))
        absence.substitution_ids.write({"substitute_teacher_id": self.substitute.id, "kind": "replace"})
        absence.action_confirm()
        self.assertEqual(absence.state, "confirmed")
        with self.assertRefused(UserError, "уже проведено"):
            absence.substitution_ids.write({"paid": False})
        absence.action_draft()
        self.assertFalse(self.lesson.substitute_teacher_id)
        absence.unlink()
        other = self.absence(self.admin, self.other.date, self.other.date)
        other.action_propose()
        other.substitution_ids.write({"kind": "cancel"})
        other.action_confirm()
        self.assertEqual(other.state, "confirmed")

    def test_teachers_and_families_are_refused(self):
        absence = self.absence()
        absence.action_propose()
        absence.substitution_ids.write({"substitute_teacher_id": self.substitute.id, "kind": "replace"})
        for user in (self.teacher, self.class_teacher, self.substitute):
            with self.assertRefused(AccessError):
                self.Absence.sudo(user).create({"teacher_id": self.class_teacher.id, "date_from": "2026-10-12",
                                                "date_to": "2026-10-12"})
            with self.assertRefused(AccessError):
                absence.sudo(user).write({"reason": "Курсы"})
            with self.assertRefused(AccessError):
                absence.sudo(user).action_confirm()
            with self.assertRefused(AccessError):
                absence.substitution_ids[:1].sudo(user).write({"paid": False})
        for user in (self.student_user, self.parent_user):
            with self.assertRefused(AccessError):
                self.env["school.substitution"].sudo(user).search([])
            with self.assertRefused(AccessError):
                absence.sudo(user).read(["teacher_id"])
        absence.action_confirm()
        # teachers read their own: the absent teacher and the substitute; another teacher nothing
        self.assertTrue(absence.sudo(self.teacher).read(["state"]))
        mine = self.env["school.substitution"].sudo(self.substitute).search([])
        self.assertEqual(mine, absence.substitution_ids)
        self.assertTrue(absence.sudo(self.substitute).read(["state"]))
        self.assertFalse(self.env["school.substitution"].sudo(self.class_teacher).search(
            [("absence_id", "=", absence.id)]))
        with self.assertRefused(AccessError):
            absence.sudo(self.class_teacher).read(["state"])

    def test_the_demo_school_has_a_week_of_substitutions(self):
        absence = self.Absence.sudo(self.deputy).search([("teacher_id", "=", self.teacher.id),
                                                         ("state", "=", "confirmed")])
        self.assertEqual(len(absence), 1)
        lines = absence.substitution_ids
        self.assertGreater(len(lines), 3)
        self.assertEqual(set(lines.mapped("kind")), {"replace", "merge", "cancel"})
        for line in lines.filtered(lambda l: l.kind != "cancel"):
            self.assertEqual(line.lesson_id.substitute_teacher_id, line.substitute_teacher_id)
        # the substitutes read their lines
        substitute = lines.filtered(lambda l: l.kind == "replace")[:1].substitute_teacher_id
        self.assertTrue(self.env["school.substitution"].sudo(substitute).search([("absence_id", "=", absence.id)]))

    # ------------------------------------------------------------------ proposal
    def test_proposal_picks_a_free_teacher_of_the_subject(self):
        Substitution = self.env["school.substitution"]
        free = Substitution._free_teachers(self.lesson)
        ids = [uid for uid, _s in free]
        self.assertIn(self.substitute.id, ids)
        self.assertNotIn(self.teacher.id, ids)
        # the subject's teachers come first
        flags = [of_subject for _uid, of_subject in free]
        self.assertEqual(flags, sorted(flags, reverse=True))
        self.assertTrue(dict(free)[self.substitute.id])
        # nobody proposed gives (or substitutes) a lesson at that date and number
        busy = self.env["school.lesson"].search([
            ("date", "=", self.lesson.date), ("lesson_number", "=", self.lesson.lesson_number),
            ("id", "!=", self.lesson.id)])
        taken = set(busy.mapped("teacher_id").ids) | set(busy.mapped("substitute_teacher_id").ids)
        self.assertFalse(taken & set(ids))
        absence = self.absence()
        absence.action_propose()
        line = absence.substitution_ids.filtered(lambda l: l.lesson_id == self.lesson)
        self.assertTrue(line.substitute_teacher_id)
        self.assertTrue(dict(free)[line.substitute_teacher_id.id], "a teacher of the subject is proposed")
        self.assertIn(line.substitute_teacher_id.name, line.proposal)
        # a lesson of his at that time: no longer free
        self.env["school.lesson"].create({
            "date": self.lesson.date, "lesson_number": self.lesson.lesson_number, "class_id": self.class_5x.id,
            "subject_id": self.math.id, "teacher_id": self.substitute.id})
        self.assertNotIn(self.substitute.id, [uid for uid, _s in Substitution._free_teachers(self.lesson)])

    def test_a_busy_teacher_is_refused_for_a_replacement(self):
        self.env["school.lesson"].create({
            "date": self.lesson.date, "lesson_number": self.lesson.lesson_number, "class_id": self.class_5x.id,
            "subject_id": self.math.id, "teacher_id": self.substitute.id})
        absence = self.absence()
        lines = self.assign(absence, [("replace", self.substitute, True)])
        with self.assertRefused(ValidationError, "занят"):
            absence.action_confirm()
        # joining the class to his own lesson is what «объединение» means
        lines[:1].write({"kind": "merge"})
        absence.action_confirm()
        self.assertEqual(self.lesson.substitute_teacher_id, self.substitute)
        with self.assertRefused(ValidationError):
            absence.sudo(self.deputy).create({"teacher_id": self.teacher.id, "date_from": self.lesson.date,
                                              "date_to": self.lesson.date})

    # ------------------------------------------------------------------ the journal
    def test_the_substitute_keeps_the_journal_of_the_replaced_lesson_only(self):
        absence = self.absence()
        self.assign(absence, [("replace", self.substitute, True)])
        absence.action_confirm()
        self.assertEqual(self.lesson.substitute_teacher_id, self.substitute)
        log = self.env["school.change.log"].search([("lesson_id", "=", self.lesson.id),
                                                    ("field_name", "=", "substitute_teacher_id")])
        self.assertEqual(log.user_id, self.deputy)
        self.assertEqual(log.new_value, self.substitute.name)
        # «Мои уроки»: the lesson is his
        Lesson = self.env["school.lesson"].sudo(self.substitute)
        self.assertIn(self.lesson, Lesson.search([("is_mine", "=", True)]))
        self.assertNotIn(self.other, Lesson.search([("is_mine", "=", True)]))
        student = self.lesson.attendance_ids[:1].student_id
        grade = self.env["school.grade"].sudo(self.substitute).create({
            "lesson_id": self.lesson.id, "student_id": student.id, "value": "5"})
        self.assertEqual(grade.lesson_id, self.lesson)
        self.lesson.sudo(self.substitute).write({"topic": "Замена: решение задач"})
        other_student = self.other.attendance_ids[:1].student_id
        with self.assertRefused(AccessError):
            self.env["school.grade"].sudo(self.substitute).create({
                "lesson_id": self.other.id, "student_id": other_student.id, "value": "5"})
        with self.assertRefused(AccessError):
            self.other.sudo(self.substitute).write({"topic": "Чужой урок"})
        # back to draft: the lesson is the teacher's alone again
        absence.action_draft()
        self.assertFalse(self.lesson.substitute_teacher_id)
        with self.assertRefused(AccessError):
            self.env["school.grade"].sudo(self.substitute).create({
                "lesson_id": self.lesson.id, "student_id": self.lesson.attendance_ids[1:2].student_id.id,
                "value": "4"})

    # ------------------------------------------------------------------ the month's XLSX
    def test_month_xlsx_counts_hours_paid_and_unpaid(self):
        absence = self.absence(date_from=WEEK_WITH_LESSONS, date_to=WEEK_END)
        self.assertGreaterEqual(len(self.week), 3)
        self.assign(absence, [("replace", self.substitute, True), ("merge", self.substitute, False)])
        absence.action_confirm()
        lines = absence.substitution_ids
        self.assertEqual(sorted(lines.mapped("hours")), sorted([1.0, 1.0] + [0.0] * (len(lines) - 2)))
        with self.assertRefused(AccessError):
            self.env["school.substitution.report.wizard"].sudo(self.teacher).create({
                "date_from": "2026-10-01", "date_to": "2026-10-31"})
        wizard = self.env["school.substitution.report.wizard"].sudo(self.deputy).create({
            "date_from": "2026-10-01", "date_to": "2026-10-31"})
        report = self.env.ref(MODULE + ".action_report_substitutions_xlsx").sudo(self.deputy)
        content, fmt = report.with_context(active_model=wizard._name).render_xlsx(wizard.ids, {})
        self.assertEqual(fmt, "xlsx")
        book = xlrd.open_workbook(file_contents=content)
        sheet = book.sheet_by_index(0)
        names = sheet.col_values(0)
        row = sheet.row_values(names.index(self.substitute.name))
        self.assertEqual(row[1:5], [2, 2, 1, 1])   # lessons, hours, paid, unpaid
        details = book.sheet_by_index(1)
        # the cancelled lessons give no hours
        kinds = [details.cell_value(r, 6) for r in range(1, details.nrows)
                 if details.cell_value(r, 5) == self.substitute.name]
        self.assertEqual(sorted(kinds), ["Замена", "Объединение классов"])


class TestSubstitutionInTheDiary(HttpCase):
    def setUp(self):
        super(TestSubstitutionInTheDiary, self).setUp()
        set_demo_refs(self)
        substitution_facts(self)

    def test_the_diary_shows_the_substitute(self):
        absence = self.env["school.teacher.absence"].sudo(self.deputy).create({
            "teacher_id": self.teacher.id, "date_from": self.lesson.date, "date_to": self.lesson.date})
        absence.action_propose()
        line = absence.substitution_ids.filtered(lambda l: l.lesson_id == self.lesson)
        line.write({"kind": "replace", "substitute_teacher_id": self.substitute.id})
        absence.action_confirm()
        self.assertIn(self.artem, self.lesson.attendance_ids.mapped("student_id"))
        self.authenticate("parent", "parent")
        response = self.url_open("/my/diary?student=%s&date=%s" % (self.artem.id, WEEK_WITH_LESSONS), timeout=120)
        self.assertEqual(response.status_code, 200)
        self.assertIn("замена: %s" % self.substitute.name, response.text)
        self.assertEqual(response.text.count("o_school_substitute"), 1)
