"""Журнал внеурочной деятельности (приказ № 582: one of the five documents a
teacher keeps): a course with a group from several classes, its own timetable
and sessions (topic and attendance, no marks) kept by its teacher through the
journal's one guard and change log, its printed journal and hours, and the
families' timetable."""
from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import HttpCase

from .browser import BrowserCase
from .common import MODULE, DemoSchoolCase, PeriodCase, set_demo_refs

TIMEOUT = 120


class ActivityFacts(object):

    def _activity_setup(self):
        ref = self.env.ref
        self.club = ref(MODULE + ".demo_activity_club")        # Петров, 5А + 5Б
        self.talks = ref(MODULE + ".demo_activity_talks")      # the class teacher of 5А, all of 5А
        self.Session = self.env["school.activity.session"]
        self.Line = self.env["school.activity.session.line"]
        self.Log = self.env["school.change.log"]
        self.foreign = self.env["res.users"].search([("login", "=", "volkova")])
        self.assertTrue(self.foreign)

    def open_session(self, course):
        """A session of ``course`` not cancelled, in the past of an open period."""
        session = self.Session.search([("course_id", "=", course.id), ("cancelled", "=", False),
                                       ("date", "<=", fields.Date.context_today(self.Session))],
                                      order="date desc", limit=1)
        self.assertTrue(session and session.line_ids, course.name)
        return session


class TestActivityJournal(ActivityFacts, DemoSchoolCase):

    def setUp(self):
        super().setUp()
        self._activity_setup()

    def test_the_demo_course_groups_pupils_of_two_classes(self):
        classes = {self.env["school.student.movement"]._get_membership_on(s.date, student_ids=[p.id])[0][1]
                   for s in self.club.session_ids[:1] for p in self.club.student_ids}
        self.assertEqual(classes, {self.class_5a.id, self.class_5b.id})
        self.assertEqual(len(self.club.student_ids), 8)
        self.assertGreater(self.club.hours_held, 0)
        # no marks: a session's row records presence only
        self.assertNotIn("value", self.Line._fields)
        self.assertEqual(set(self.Line._fields["presence"].selection and dict(
            self.Line._fields["presence"].selection)), {"present", "absent"})

    def test_a_pupil_outside_the_course_s_classes_is_refused(self):
        with self.assertRefused(ValidationError, "должны учиться в его классах"):
            self.club.sudo(self.deputy).write({"student_ids": [(4, self.darya.id)]})
        with self.assertRefused(AccessError):
            self.club.sudo(self.teacher).write({"name": "Мой кружок"})

    def test_generation_is_idempotent_and_skips_holidays(self):
        before = len(self.club.session_ids)
        self.club.sudo(self.teacher).action_generate_sessions()
        self.club.invalidate_cache()
        self.assertEqual(len(self.club.session_ids), before)
        holidays = self.env["school.holiday"].search([])
        for session in self.club.session_ids:
            self.assertEqual(fields.Date.from_string(session.date).weekday(), 2)
            self.assertFalse(holidays.filtered(lambda h: h.date_start <= session.date <= h.date_end
                                               and (not h.grade_level_ids or self.class_5a.grade_level_id
                                                    in h.grade_level_ids)), session.date)

    def test_the_teacher_keeps_topic_and_attendance_and_the_log_keeps_them(self):
        session = self.open_session(self.club)
        line = session.line_ids.filtered(lambda l: l.presence == "present")[:1]
        session.sudo(self.teacher).write({"topic": "Задачи на смекалку"})
        line.sudo(self.teacher).write({"presence": "absent"})
        logged = self.Log.search([("model", "=", line._name), ("res_id", "=", line.id)], order="id desc", limit=1)
        self.assertEqual((logged.old_value, logged.new_value, logged.user_id),
                         ("Присутствовал", "Отсутствовал", self.teacher))
        self.assertIn(self.club.name, logged.field_label)
        topic = self.Log.search([("model", "=", session._name), ("res_id", "=", session.id),
                                 ("field_name", "=", "topic")], order="id desc", limit=1)
        self.assertEqual(topic.new_value, "Задачи на смекалку")
        # the deputy reads the log of the session, a pupil's family has no access to it
        self.assertTrue(self.Log.sudo(self.deputy).search([("id", "=", logged.id)]))

    def test_only_the_course_s_teacher_and_the_admin_keep_its_sessions(self):
        session = self.open_session(self.club)
        line = session.line_ids[:1]
        for user in (self.foreign, self.class_teacher, self.deputy):
            with self.assertRefused(AccessError):
                session.sudo(user).write({"topic": "Чужое занятие"})
            with self.assertRefused(AccessError):
                line.sudo(user).write({"presence": "absent"})
        session.sudo(self.admin).write({"topic": "Занятие администратора"})
        # the class teacher keeps «Разговоры о важном», which she teaches
        self.open_session(self.talks).sudo(self.class_teacher).write({"topic": "Мы вместе"})
        # a pupil who is not in the group gets no row
        with self.assertRefused(ValidationError):
            self.Line.sudo(self.teacher).create({"session_id": session.id, "student_id": self.darya.id})

    def test_a_closed_period_refuses_the_session_and_its_rows(self):
        session = self.open_session(self.club)
        self.env.cr.execute("""UPDATE school_period SET state = 'closed'
                                WHERE date_start <= %s AND date_end >= %s""", (session.date, session.date))
        self.env["school.period"].invalidate_cache()
        before = self.Log.search_count([("model", "=", session._name), ("res_id", "=", session.id)])
        with self.assertRefused(UserError, "закрыт"):
            session.sudo(self.teacher).write({"topic": "После закрытия"})
        with self.assertRefused(UserError, "закрыт"):
            session.line_ids[:1].sudo(self.admin).write({"presence": "absent"})
        with self.assertRefused(UserError, "закрыт"):
            session.sudo(self.admin).unlink()
        self.assertEqual(self.Log.search_count([("model", "=", session._name), ("res_id", "=", session.id)]), before)

    def test_a_cancelled_session_keeps_no_attendance_and_is_not_held(self):
        session = self.open_session(self.club)
        held = self.club.hours_held
        session.line_ids[:1].sudo(self.teacher).write({"presence": "absent"})
        session.sudo(self.teacher).write({"cancelled": True})
        self.assertEqual(set(session.line_ids.mapped("presence")), {"present"})
        with self.assertRefused(UserError, "отменено"):
            session.line_ids[:1].sudo(self.teacher).write({"presence": "absent"})
        self.club.invalidate_cache()
        self.assertEqual(self.club.hours_held, held - 1)

    def test_the_group_change_reaches_the_sessions_to_come_only(self):
        today = fields.Date.context_today(self.club)
        pupil = self.club.student_ids[:1]
        past = self.club.session_ids.filtered(lambda s: s.date < today and not s.cancelled)[:1]
        future = self.club.session_ids.filtered(lambda s: s.date >= today)
        self.club.sudo(self.deputy).write({"student_ids": [(3, pupil.id)]})
        self.assertIn(pupil, past.line_ids.mapped("student_id"))
        if future:
            self.assertNotIn(pupil, future.mapped("line_ids.student_id"))

    def test_families_see_their_own_courses_only(self):
        Course = self.env["school.activity.course"]
        for user in (self.student_user, self.parent_user):
            courses = Course.sudo(user).search([])
            self.assertIn(self.talks, courses, user.login)
            self.assertTrue(all(self.artem in c.student_ids for c in courses.sudo()), user.login)
            with self.assertRefused(AccessError):
                self.Session.sudo(user).search([])

    def test_the_printed_journal_and_the_hours(self):
        session = self.open_session(self.club)
        absent = session.line_ids[:1]
        absent.sudo(self.teacher).write({"presence": "absent"})
        journal = self.env.ref(MODULE + ".action_report_activity_journal")
        html = journal.sudo(self.teacher).render_qweb_html(self.club.ids)[0].decode()
        for text in ("Журнал внеурочной деятельности", self.club.name, absent.student_id.name, "5А", "5Б",
                     session.topic or ""):
            self.assertIn(text, html)
        hours = self.env.ref(MODULE + ".action_report_activity_hours")
        html = hours.sudo(self.deputy).render_qweb_html((self.club | self.talks).ids)[0].decode()
        self.assertIn(self.talks.name, html)
        self.assertIn("Проведено часов", html)
        # the hours are the deputy's report; a pupil prints neither
        with self.assertRefused(AccessError):
            hours.sudo(self.teacher).render_qweb_html(self.club.ids)
        with self.assertRefused((AccessError, UserError)):
            journal.sudo(self.student_user).render_qweb_html(self.club.ids)


class TestActivitySeal(ActivityFacts, PeriodCase):
    """The closed quarter's seal covers the sessions and their attendance; a change made
    behind Odoo's back is found, and the ORM refuses changes."""

    def setUp(self):
        super().setUp()
        self._activity_setup()

    def test_the_seal_covers_the_sessions_and_finds_a_change(self):
        session = self.Session.search([("course_id", "=", self.club.id), ("cancelled", "=", False),
                                       ("date", ">=", self.q1.date_start), ("date", "<=", self.q1.date_end)],
                                      limit=1)
        self.assertTrue(session.line_ids)
        seal = self.close()
        self.env.cr.execute("SELECT count(*) FROM school_period_seal_item WHERE seal_id = %s AND model IN "
                            "('school.activity.session', 'school.activity.session.line')", (seal.id,))
        self.assertEqual(seal.activity_count, self.env.cr.fetchone()[0])
        self.assertGreater(seal.activity_count, 0)
        self.assertFalse(seal._verify())
        line = session.line_ids[:1]
        with self.assertRefused(UserError, "закрыт"):
            line.sudo(self.teacher).write({"presence": "absent" if line.presence == "present" else "present"})
        self.env.cr.execute("UPDATE school_activity_session_line SET presence = 'absent' WHERE id = %s AND "
                            "presence = 'present'", (line.id,))
        self.env.cr.execute("UPDATE school_activity_session SET topic = 'Подменённая тема' WHERE id = %s",
                            (session.id,))
        found = {(p[1], p[2], p[3]) for p in seal._verify()}
        self.assertIn(("school.activity.session", session.id, "changed"), found)


class TestActivityPortal(HttpCase):

    def setUp(self):
        super().setUp()
        set_demo_refs(self)
        self.talks = self.env.ref(MODULE + ".demo_activity_talks")

    def test_the_diary_timetable_shows_the_course(self):
        for login in ("student", "parent"):
            self.authenticate(login, login)
            response = self.url_open("/my/timetable?student=%s" % self.artem.id, timeout=TIMEOUT)
            self.assertEqual(response.status_code, 200)
            self.assertIn(self.talks.name, response.text, login)
            self.assertIn("o_school_activity", response.text)


class TestActivityBrowser(BrowserCase):
    """The course's teacher keeps a session in the back office as a person does."""

    def test_the_teacher_writes_the_topic_and_marks_an_absence(self):
        from selenium.webdriver.support.ui import Select
        club = self.env.ref(MODULE + ".demo_activity_club")
        session = self.env["school.activity.session"].search([
            ("course_id", "=", club.id), ("cancelled", "=", False),
            ("date", "<=", fields.Date.context_today(club))], order="date desc", limit=1)
        line = session.line_ids.sorted(lambda l: l.student_name)[:1]
        self.assertTrue(session and line)
        day, pupil = session.date, line.student_id.name
        shown = "%s.%s.%s" % (day[8:10], day[5:7], day[:4])
        self.login("teacher")
        self.menu("menu_journal_activity_sessions")
        row = self.wait(lambda: [r for r in self.visible(".o_list_view tr.o_data_row") if shown in r.text],
                        "the session of %s" % shown)[0]
        self.click(row.find_element("css selector", "td.o_data_cell"))
        self.click_css(".o_form_button_edit")
        self.type_field("topic", "Задачи на взвешивание")
        cell = self.wait(lambda: [r for r in self.visible(".o_field_widget[name='line_ids'] tr.o_data_row")
                                  if pupil in r.text], "the row of %s" % pupil)[0]
        self.click(cell.find_elements("css selector", "td.o_data_cell")[-1])
        select = self.wait_css(".o_field_widget[name='line_ids'] tr.o_selected_row select")
        Select(select).select_by_visible_text("Отсутствовал")
        self.clicks += 1
        self.click_css(".o_form_button_save")
        self.wait_idle()
        self.report("extracurricular session: topic and an absence", max_clicks=8, max_keys=30)
        self.fresh()
        session.invalidate_cache()
        self.assertEqual(session.topic, "Задачи на взвешивание")
        self.assertEqual(line.presence, "absent")
        logged = self.env["school.change.log"].search([("model", "=", line._name), ("res_id", "=", line.id)],
                                                      order="id desc", limit=1)
        self.assertEqual((logged.new_value, logged.user_id.login), ("Отсутствовал", "teacher"))
