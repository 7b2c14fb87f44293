"""«Журнал класса» in a real browser: the grid saves each cell as it is typed
(no «Сохранить»), is driven by the keyboard, and leaving it asks nothing.
The ORM twins (the server method each cell calls, with its rights, guard and
gate) are in TestGridCellServerSide."""
from odoo.exceptions import AccessError, UserError, ValidationError

from .browser import BrowserCase
from .common import DemoSchoolCase
from .test_browser_daily import gradebook_facts

MODULE = "school_ejournal"
ENGLISH_QUESTION = "The record has been modified"


def grid_lesson(env, marks=5):
    """The teacher's latest math lesson in 5А in I четверть, its first ``marks``
    pupils (in the grid's order) emptied: (lesson, their rows in the grid's order)."""
    school_class, subject, period = gradebook_facts(env)
    teacher = env.ref(MODULE + ".user_teacher")
    lesson = env["school.lesson"].search([
        ("class_id", "=", school_class.id), ("subject_id", "=", subject.id), ("teacher_id", "=", teacher.id),
        ("subgroup_id", "=", False), ("date", ">=", period.date_start), ("date", "<=", period.date_end)],
        order="date desc, lesson_number desc", limit=1)
    rows = lesson.attendance_ids.sorted(lambda r: (r.student_id.last_name, r.student_id.first_name,
                                                   r.student_id.middle_name or "", r.student_id.id))[:marks]
    for row in rows:
        if row.cell:
            row.write({"cell": ""})
    return lesson, rows


class GridBrowserCase(BrowserCase):
    def open_grid(self):
        self.menu("menu_journal_gradebook")
        self.pick("class_id", "5А")
        self.pick("subject_id", "Математика")
        _class, _subject, period = gradebook_facts(self.env)
        self.pick("period_id", "I четверть", period.display_name)
        self.wait_css("td[data-id] input")

    def cell(self, row):
        return self.wait_css("td[data-id='%s'] input" % row.id)

    def saved(self):
        """Every typed cell has come back from the server."""
        self.wait(lambda: not self.driver.find_elements("css selector", ".o_school_grid_saving"),
                  "the cells saved")
        self.wait_idle()

    def leave(self):
        """Leave the grid through a menu: no question, the list opens."""
        self.menu("menu_journal_my_classes")
        self.wait(lambda: self.visible(".o_list_view") or self.visible(".modal"), "the next screen")
        self.assertNotIn(ENGLISH_QUESTION, self.text())
        self.assertFalse(self.visible(".modal"), "a question on leaving the grid: %s" % self.text()[:300])
        self.wait_css(".o_list_view")


class TestGridInBrowser(GridBrowserCase):
    def test_leaving_the_grid_asks_nothing(self):
        lesson, rows = grid_lesson(self.env, 1)
        self.login("teacher")
        self.open_grid()
        self.leave()
        self.report("grid opened and left unchanged", max_clicks=9)
        # a cell typed, the grid left at once: the cell is saved, nothing asked
        self.open_grid()
        cell = self.cell(rows)
        self.click(cell)
        self.type(cell, "4")
        self.leave()
        self.saved()
        self.fresh()
        self.assertEqual(rows.grade_ids.mapped("value"), ["4"], "the typed cell is saved on leaving")

    def test_five_marks_in_a_column_by_keys_only(self):
        from selenium.webdriver.common.keys import Keys
        lesson, rows = grid_lesson(self.env, 5)
        self.assertEqual(len(rows), 5)
        below = lesson.attendance_ids.filtered(lambda r: r.student_id not in rows.mapped("student_id")).sorted(
            lambda r: (r.student_id.last_name, r.student_id.first_name, r.student_id.middle_name or "",
                       r.student_id.id))[:1]
        self.login("teacher")
        self.open_grid()
        opened = (self.clicks, self.keys)
        first = self.cell(rows[0])
        self.click(first)
        active = first
        for mark in ("5", "4", "3", "5", "4"):
            self.type(active, mark)
            self.type(active, Keys.ENTER)
            self.keys -= len(Keys.ENTER) - 1
            active = self.driver.switch_to.active_element
        self.saved()
        self.assertEqual(active.get_attribute("data-row-id"), str(below.id), "Enter moved down the lesson's column")
        self.leave()
        self.fresh()
        self.assertEqual([r.grade_ids.mapped("value") for r in rows], [["5"], ["4"], ["3"], ["5"], ["4"]])
        self.assertEqual(rows.mapped("grade_ids.create_uid"), self.env.ref(MODULE + ".user_teacher"))
        print("\nopening the grid: %s clicks, %s keys" % opened)
        self.report("grid: 5 marks in a lesson column, keys only", max_clicks=opened[0] + 2,
                    max_keys=opened[1] + 10)

    def test_arrow_keys_and_the_frozen_pupil_column(self):
        from selenium.webdriver.common.keys import Keys
        lesson, rows = grid_lesson(self.env, 2)
        self.login("teacher")
        self.open_grid()
        first = self.cell(rows[0])
        self.click(first)
        first.send_keys(Keys.ARROW_DOWN)
        self.assertEqual(self.driver.switch_to.active_element.get_attribute("data-row-id"), str(rows[1].id))
        self.driver.switch_to.active_element.send_keys(Keys.ARROW_UP)
        self.assertEqual(self.driver.switch_to.active_element.get_attribute("data-row-id"), str(rows[0].id))
        self.driver.switch_to.active_element.send_keys(Keys.ARROW_LEFT)
        left = self.driver.switch_to.active_element
        self.assertNotEqual(left.get_attribute("data-row-id"), str(rows[0].id))
        self.assertNotEqual(left.get_attribute("data-lesson-id"), str(lesson.id), "another lesson, same pupil")
        left.send_keys(Keys.ARROW_RIGHT)
        self.assertEqual(self.driver.switch_to.active_element.get_attribute("data-row-id"), str(rows[0].id))
        # short names, the pupil column stays in view when the grid scrolls
        pupil = rows[0].student_id
        short = "%s %s." % (pupil.last_name, pupil.first_name[0])
        names = [e.text for e in self.visible(".o_school_grid td.o_school_grid_pupil")]
        self.assertIn(short, names)
        self.assertNotIn(pupil.name, names)
        self.driver.execute_script("document.querySelector('.o_school_grid_scroll').scrollLeft = 10000;")
        name_cell = self.visible(".o_school_grid td.o_school_grid_pupil")[0]
        box = self.driver.execute_script(
            "var b = arguments[0].getBoundingClientRect(), s = document.querySelector('.o_school_grid_scroll')"
            ".getBoundingClientRect(); return [b.left, s.left, s.right];", name_cell)
        self.assertTrue(box[1] - 1 <= box[0] < box[2], "the pupil column is frozen: %s" % box)
        # a week of lessons (of every lesson of the class's week) fits on a 1280 px screen
        widths = self.driver.execute_script(
            "return [document.querySelector('.o_school_grid td.o_school_grid_cell').getBoundingClientRect().width,"
            " document.querySelector('.o_school_grid td.o_school_grid_pupil').getBoundingClientRect().width,"
            " document.querySelector('.o_school_grid_scroll').getBoundingClientRect().width]")
        cell_width, pupil_width, grid_width = widths
        self.assertLessEqual(pupil_width + 7 * cell_width, min(grid_width, 1280),
                             "a week of lessons and the pupils in one screen: %s" % widths)
        self.assertGreaterEqual(int((grid_width - pupil_width) // cell_width), 15, widths)

    def test_refused_cells_show_a_russian_error_and_write_nothing(self):
        from selenium.webdriver.common.keys import Keys
        lesson, rows = grid_lesson(self.env, 2)
        other = self.env["res.users"].search([
            ("groups_id", "in", self.env.ref(MODULE + ".group_teacher").id),
            ("id", "not in", [self.env.ref(MODULE + ".user_teacher").id, self.env.ref(MODULE + ".user_class_teacher").id])],
            limit=1)
        self.assertTrue(other, "another teacher in the demo")
        _class, _subject, period = gradebook_facts(self.env)
        self.login("teacher")
        self.open_grid()
        # the lesson given to another teacher while the grid is open
        lesson.sudo().write({"teacher_id": other.id})
        self.cr.commit()  # the test cursor's savepoint: the server's next request ends by rolling back to it
        cell = self.cell(rows[0])
        self.click(cell)
        self.type(cell, "5")
        cell.send_keys(Keys.ENTER)
        self.keys += 1
        self.assert_refused(cell, "может только учитель")
        self.fresh()
        self.assertFalse(rows[0].grade_ids, "nothing written")
        lesson.sudo().write({"teacher_id": self.env.ref(MODULE + ".user_teacher").id})
        self.cr.commit()
        # a value the grid does not understand
        cell = self.cell(rows[1])
        self.click(cell)
        self.type(cell, "7")
        cell.send_keys(Keys.ENTER)
        self.keys += 1
        self.assert_refused(cell, "Не понимаю «7»")
        # the quarter closed for the 5th grade while the grid is open
        period.sudo(self.env.ref(MODULE + ".user_school_admin"))._close_levels(lesson.class_id.grade_level_id)
        self.cr.commit()
        cell = self.cell(rows[1])
        self.click(cell)
        self.type(cell, "н")
        cell.send_keys(Keys.TAB)
        self.keys += 1
        self.assert_refused(cell, "закрыт")
        self.fresh()
        self.assertFalse(rows[1].grade_ids or rows[1].code_id, "nothing written")
        self.report("refused cells")

    def assert_refused(self, cell, words):
        notice = self.wait(lambda: self.visible(".o_notification, .modal"), "the refusal")[0]
        self.assertIn(words, notice.text)
        self.assertNotIn("Odoo", notice.text)
        self.wait(lambda: cell.get_attribute("value") == "", "the cell reverted")
        self.driver.execute_script("$('.o_notification').remove();")
        self.wait_idle()


class TestGridCellServerSide(DemoSchoolCase):
    """grid_set_cell: what each cell of the grid calls."""

    def setUp(self):
        super(TestGridCellServerSide, self).setUp()
        self.lesson, self.rows = grid_lesson(self.env, 2)
        self.Book = self.env["school.gradebook"]

    def test_the_teacher_writes_his_cells(self):
        row = self.rows[0]
        answer = self.Book.sudo(self.teacher).grid_set_cell(row.id, " 5/4 ")
        self.assertEqual(answer["cell"], "5/4")
        self.assertEqual(sorted(row.grade_ids.mapped("value")), ["4", "5"])
        self.assertTrue(self.env["school.change.log"].search([("lesson_id", "=", self.lesson.id),
                                                               ("student_id", "=", row.student_id.id)]))
        self.assertEqual(self.Book.sudo(self.teacher).grid_set_cell(row.id, "")["cell"], "")
        row.invalidate_cache()
        self.assertFalse(row.grade_ids)

    def test_refusals_are_russian_and_write_nothing(self):
        row = self.rows[0]
        with self.assertRaisesRegex(ValidationError, "Не понимаю «7»"):
            self.Book.sudo(self.teacher).grid_set_cell(row.id, "7")
        for user in (self.deputy, self.class_teacher):
            with self.assertRaisesRegex(AccessError, "может только учитель"):
                self.Book.sudo(user).grid_set_cell(row.id, "5")
        other = self.env["res.users"].search([
            ("groups_id", "in", self.env.ref(MODULE + ".group_teacher").id),
            ("id", "not in", [self.teacher.id, self.class_teacher.id])], limit=1)
        self.lesson.sudo().write({"teacher_id": other.id})
        with self.assertRaisesRegex(AccessError, "может только учитель"):
            self.Book.sudo(self.teacher).grid_set_cell(row.id, "5")
        self.lesson.sudo().write({"teacher_id": self.teacher.id})
        with self.assertRaisesRegex(UserError, "не найдена"):
            self.Book.sudo(self.teacher).grid_set_cell(999999999, "5")
        with self.assertRaises(AccessError):
            self.Book.sudo(self.student_user).grid_set_cell(row.id, "5")
        row.invalidate_cache()
        self.assertFalse(row.grade_ids or row.code_id)
        self.lesson.period_id.sudo(self.admin)._close_levels(self.class_5a.grade_level_id)
        with self.assertRaisesRegex(UserError, "закрыт"):
            self.Book.sudo(self.teacher).grid_set_cell(row.id, "5")
        row.invalidate_cache()
        self.assertFalse(row.grade_ids)

    def test_the_class_teacher_marks_attendance_only(self):
        row = self.rows[0]
        self.assertEqual(self.Book.sudo(self.class_teacher).grid_set_cell(row.id, "н")["cell"], "н")
        with self.assertRaisesRegex(AccessError, "может только учитель"):
            self.Book.sudo(self.class_teacher).grid_set_cell(row.id, "н 5")

    def test_grid_data(self):
        book = self.Book.sudo(self.teacher).new({"class_id": self.class_5a.id, "subject_id": self.math.id,
                                                 "period_id": self.lesson.period_id.id})
        data = book._grid_data()
        column = [c for c in data["lessons"] if c["id"] == self.lesson.id][0]
        self.assertTrue(column["editable"])
        pupil = self.rows[0].student_id
        self.assertIn("%s %s." % (pupil.last_name, pupil.first_name[0]), [p["name"] for p in data["pupils"]])
        deputy = self.Book.sudo(self.deputy).new({"class_id": self.class_5a.id, "subject_id": self.math.id,
                                                  "period_id": self.lesson.period_id.id})._grid_data()
        self.assertFalse(any(c["editable"] for c in deputy["lessons"]))
