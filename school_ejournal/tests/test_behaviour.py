"""Remarks and praise, announcements: who writes them, who reads them, the
families' «Ознакомлен» and «Прочитано» in the diary, and the counts in the
pupil's period report."""
import re

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import HOST, PORT, HttpCase

from .common import MODULE, DemoSchoolCase, PortalFacts

TIMEOUT = 120


class BehaviourFacts(PortalFacts):

    def _behaviour_setup(self):
        self._portal_setup()
        self.Remark = self.env["school.student.remark"]
        self.Announcement = self.env["school.announcement"]
        self.demo_remark = self.env.ref(MODULE + ".demo_remark_artem")
        self.demo_praise = self.env.ref(MODULE + ".demo_praise_artem")
        self.meeting = self.env.ref(MODULE + ".demo_announcement_meeting_5a")
        self.control_week = self.env.ref(MODULE + ".demo_announcement_control_week")
        # a teacher of no class at all
        self.outsider = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Учитель без классов", "login": "behaviour_outsider",
            "groups_id": [(6, 0, [self.env.ref(MODULE + ".group_teacher").id])]})
        # a remark on a classmate of Артём by his mathematics teacher
        self.foreign_remark = self.Remark.create({
            "student_id": self.classmate.id, "text": "Не выполнил домашнее задание", "teacher_id": self.teacher.id})
        # an announcement of a class none of the demo family's children attends
        self.foreign_announcement = self.Announcement.create({
            "name": "Экскурсия", "text": "Чужой класс", "audience": "class", "class_id": self.class_5b.id,
            "date_from": "2020-01-01", "date_to": "2099-12-31"})

    def remark_as(self, user, student, **vals):
        return self.Remark.sudo(user).create(dict({"student_id": student.id, "text": "Мешал на уроке"}, **vals))


class TestRemarkRights(BehaviourFacts, DemoSchoolCase):

    def setUp(self):
        super().setUp()
        self._behaviour_setup()

    def test_teacher_writes_for_pupils_he_teaches_only(self):
        remark = self.remark_as(self.teacher, self.artem, kind="praise")
        self.assertEqual(remark.teacher_id, self.teacher)
        self.assertEqual(remark.class_id, self.class_5a)
        with self.assertRefused(AccessError, "ведёт уроки"):
            self.remark_as(self.outsider, self.artem)
        self.assertNotIn(self.class_9a, self.teacher.school_taught_class_ids)
        with self.assertRefused(AccessError, "ведёт уроки"):
            self.remark_as(self.teacher, self.darya)

    def test_the_author_is_the_server_s(self):
        with self.assertRefused(AccessError):
            self.remark_as(self.teacher, self.artem, teacher_id=self.admin.id)
        remark = self.remark_as(self.teacher, self.artem)
        with self.assertRefused(AccessError):
            remark.sudo(self.teacher).write({"teacher_id": self.admin.id})
        with self.assertRefused(AccessError):
            remark.sudo(self.teacher).write({"acknowledged_by": self.parent_user.id})
        with self.assertRefused(AccessError):
            remark.sudo(self.teacher).write({"student_id": self.classmate.id})

    def test_class_teacher_deputy_and_admin(self):
        remark = self.remark_as(self.class_teacher, self.classmate)
        self.assertEqual(remark.teacher_id, self.class_teacher)
        self.assertNotIn(self.class_9a, self.class_teacher.school_taught_class_ids)
        with self.assertRefused(AccessError):
            self.remark_as(self.class_teacher, self.darya)
        self.assertEqual(self.remark_as(self.deputy, self.darya).class_id, self.class_9a)
        self.assertEqual(self.remark_as(self.admin, self.stranger).teacher_id, self.admin)

    def test_nobody_edits_another_s_remark(self):
        remark = self.remark_as(self.teacher, self.artem)
        for user in (self.class_teacher, self.deputy, self.admin):
            with self.assertRefused(AccessError):
                remark.sudo(user).write({"text": "Исправлено"})
            with self.assertRefused(AccessError):
                remark.sudo(user).unlink()
        remark.sudo(self.teacher).write({"text": "Исправлено автором"})
        self.assertEqual(remark.text, "Исправлено автором")
        remark.sudo(self.teacher).unlink()

    def test_bad_input_is_a_clear_refusal(self):
        with self.assertRefused(ValidationError, "текст"):
            self.remark_as(self.teacher, self.artem, text="   ")
        lesson = self.lesson_of(self.stranger)[:1]
        with self.assertRefused(ValidationError, "нет в списке урока"):
            self.remark_as(self.admin, self.artem, lesson_id=lesson.id)

    def test_families_read_their_own_only(self):
        by_parent = self.Remark.sudo(self.parent_user).search([])
        self.assertIn(self.demo_remark, by_parent)
        self.assertNotIn(self.foreign_remark, by_parent)
        self.assertEqual(set(by_parent.mapped("student_id").ids) - {self.artem.id, self.darya.id}, set())
        by_pupil = self.Remark.sudo(self.student_user).search([])
        self.assertEqual(by_pupil.mapped("student_id"), self.artem)
        with self.assertRefused(AccessError):
            self.foreign_remark.sudo(self.parent_user).read(["text"])
        with self.assertRefused(AccessError):
            self.Remark.sudo(self.parent_user).create({"student_id": self.artem.id, "text": "Сам себе"})
        with self.assertRefused(AccessError):
            self.demo_remark.sudo(self.parent_user).write({"text": "Иначе"})
        # a teacher of no class reads none
        self.assertFalse(self.Remark.sudo(self.outsider).search([]))

    def test_only_a_guardian_acknowledges(self):
        with self.assertRefused(AccessError, "законный представитель"):
            self.demo_remark.sudo(self.student_user).action_acknowledge()
        with self.assertRefused(AccessError, "законный представитель"):
            self.foreign_remark.sudo(self.parent_user).action_acknowledge()
        with self.assertRefused(AccessError, "законный представитель"):
            self.demo_remark.sudo(self.class_teacher).action_acknowledge()
        self.assertFalse(self.demo_remark.acknowledged_at)
        self.demo_remark.sudo(self.parent_user).action_acknowledge()
        self.assertEqual(self.demo_remark.acknowledged_by, self.parent_user)
        self.assertTrue(self.demo_remark.acknowledged_at)
        with self.assertRefused(UserError, "уже подтверждено"):
            self.demo_remark.sudo(self.parent_user).action_acknowledge()
        # an acknowledged remark keeps its text
        with self.assertRefused(UserError, "ознакомились"):
            self.demo_remark.sudo(self.teacher).write({"text": "Другое"})
        with self.assertRefused(UserError, "ознакомились"):
            self.demo_remark.sudo(self.teacher).unlink()


class TestAnnouncementRights(BehaviourFacts, DemoSchoolCase):

    def setUp(self):
        super().setUp()
        self._behaviour_setup()

    def announce(self, user, **vals):
        return self.Announcement.sudo(user).create(dict({
            "name": "Собрание", "text": "Текст", "audience": "class", "class_id": self.class_5a.id,
            "date_from": "2020-01-01", "date_to": "2099-12-31"}, **vals))

    def test_who_announces_to_whom(self):
        own = self.announce(self.class_teacher)
        self.assertEqual(own.author_id, self.class_teacher)
        with self.assertRefused(AccessError):
            self.announce(self.class_teacher, audience="school")
        with self.assertRefused(AccessError):
            self.announce(self.class_teacher, class_id=self.class_9a.id)
        with self.assertRefused(AccessError):
            self.meeting.sudo(self.class_teacher).write({"class_id": self.class_9a.id})
        with self.assertRefused(AccessError):
            self.control_week.sudo(self.class_teacher).write({"text": "Иначе"})
        with self.assertRefused(AccessError):
            self.announce(self.teacher)
        level = self.announce(self.deputy, audience="level", class_id=False,
                              grade_level_id=self.class_5a.grade_level_id.id)
        self.assertEqual(level.author_id, self.deputy)
        self.announce(self.admin, audience="school", class_id=False)
        with self.assertRefused(AccessError):
            self.announce(self.parent_user)
        with self.assertRefused(AccessError):
            self.announce(self.deputy, author_id=self.admin.id)
        with self.assertRefused(ValidationError, "позже"):
            self.announce(self.deputy, date_from="2026-12-10", date_to="2026-12-01")
        with self.assertRefused(ValidationError, "параллель"):
            self.announce(self.deputy, audience="level", class_id=False)
        # the staff read them all
        self.assertIn(self.foreign_announcement, self.Announcement.sudo(self.teacher).search([]))

    def test_families_see_their_audience_within_dates(self):
        level_9 = self.announce(self.deputy, audience="level", class_id=False,
                                grade_level_id=self.class_9a.grade_level_id.id)
        future = self.announce(self.deputy, date_from="2099-01-01")
        past = self.announce(self.deputy, date_from="2020-01-01", date_to="2020-02-01")
        by_parent = self.Announcement.sudo(self.parent_user).search([])
        self.assertIn(self.meeting, by_parent)
        self.assertIn(self.control_week, by_parent)
        self.assertIn(level_9, by_parent)                     # Дарья is in 9А
        for hidden in (self.foreign_announcement, future, past):
            self.assertNotIn(hidden, by_parent)
        by_pupil = self.Announcement.sudo(self.student_user).search([])
        self.assertIn(self.meeting, by_pupil)
        self.assertNotIn(level_9, by_pupil)                   # Артём is in 5А
        with self.assertRefused(AccessError):
            self.foreign_announcement.sudo(self.parent_user).read(["text"])

    def test_read_marks(self):
        self.assertEqual(self.meeting.read_count, 0)
        self.meeting.sudo(self.parent_user).action_mark_read()
        self.meeting.sudo(self.parent_user).action_mark_read()   # once per user
        self.meeting.sudo(self.student_user).action_mark_read()
        self.meeting.invalidate_cache()
        self.assertEqual(self.meeting.sudo(self.class_teacher).read_count, 2)
        with self.assertRefused(AccessError):
            self.foreign_announcement.sudo(self.parent_user).action_mark_read()
        with self.assertRefused(UserError, "родители и ученики"):
            self.meeting.sudo(self.class_teacher).action_mark_read()
        marks = self.env["school.announcement.read"]
        self.assertEqual(marks.sudo(self.parent_user).search([]).mapped("user_id"), self.parent_user)
        self.assertEqual(len(marks.sudo(self.deputy).search([("announcement_id", "=", self.meeting.id)])), 2)
        with self.assertRefused(AccessError):
            marks.sudo(self.parent_user).create({"announcement_id": self.control_week.id,
                                                 "user_id": self.parent_user.id})
        with self.assertRefused(AccessError):
            marks.sudo(self.class_teacher).search([])


class TestBehaviourReport(BehaviourFacts, DemoSchoolCase):

    def setUp(self):
        super().setUp()
        self._behaviour_setup()

    def test_period_report_counts_remarks_and_praise(self):
        day = self.q1.date_start
        before = self.Remark.search_count([("student_id", "=", self.artem.id), ("date", ">=", self.q1.date_start),
                                           ("date", "<=", self.q1.date_end)])
        self.assertEqual(before, 0)
        self.remark_as(self.teacher, self.artem, date=day)
        self.remark_as(self.class_teacher, self.artem, date=day)
        self.remark_as(self.class_teacher, self.artem, date=day, kind="praise")
        report = self.env["report.school_ejournal.report_student_progress"]
        data = report.sudo(self.class_teacher)._student_data(self.artem.sudo(self.class_teacher), self.q1.id)
        self.assertEqual((data["remarks"], data["praise"]), (2, 1))
        data = report.sudo(self.parent_user)._student_data(self.artem.sudo(self.parent_user), self.q1.id)
        self.assertEqual((data["remarks"], data["praise"]), (2, 1))
        # a classmate's report counts his own only
        data = report.sudo(self.class_teacher)._student_data(self.classmate.sudo(self.class_teacher), self.q1.id)
        self.assertEqual((data["remarks"], data["praise"]), (0, 0))


class TestBehaviourPortal(BehaviourFacts, HttpCase):

    def setUp(self):
        super().setUp()
        self._behaviour_setup()

    def page(self, login, student):
        self.authenticate(login, login)
        response = self.url_open("/my/diary?student=%s" % student.id, timeout=TIMEOUT)
        self.assertEqual(response.status_code, 200, response.text[:300])
        return response.text

    def post(self, url, html, **data):
        return self.opener.post("http://%s:%s%s" % (HOST, PORT, url), timeout=TIMEOUT, allow_redirects=False,
                                data=dict(data, csrf_token=self.csrf_token(html)))

    def test_parent_sees_and_acknowledges_own_only(self):
        html = self.page("parent", self.artem)
        for text in ("Замечания и благодарности", self.demo_remark.text, self.demo_praise.text,
                     "o_school_acknowledge_form", "Родительское собрание", "Контрольная неделя"):
            self.assertIn(text, html)
        for text in (self.foreign_remark.text, self.foreign_announcement.text):
            self.assertNotIn(text, html)
        # a foreign remark, a bad id, another family's child: 404, nothing written
        for data in ({"student": self.artem.id, "remark_id": self.foreign_remark.id},
                     {"student": self.classmate.id, "remark_id": self.foreign_remark.id},
                     {"student": self.artem.id, "remark_id": "x"}):
            response = self.post("/my/diary/remark/acknowledge", html, **data)
            self.assertEqual(response.status_code, 404, data)
        self.assertFalse(self.foreign_remark.acknowledged_at)
        response = self.post("/my/diary/remark/acknowledge", html, student=self.artem.id,
                             remark_id=self.demo_remark.id)
        self.assertIn(response.status_code, (302, 303))
        self.demo_remark.invalidate_cache()
        self.assertEqual(self.demo_remark.acknowledged_by, self.parent_user)
        self.assertIn("Ознакомлен(а)", self.page("parent", self.artem))
        # Дарья's diary shows none of Артём's remarks
        self.assertNotIn(self.demo_remark.text, self.page("parent", self.darya))

    def test_pupil_sees_but_does_not_acknowledge(self):
        html = self.page("student", self.artem)
        self.assertIn(self.demo_remark.text, html)
        self.assertNotIn("o_school_acknowledge_form", html)
        response = self.post("/my/diary/remark/acknowledge", html, student=self.artem.id,
                             remark_id=self.demo_remark.id)
        self.assertEqual(response.status_code, 403)
        self.demo_remark.invalidate_cache()
        self.assertFalse(self.demo_remark.acknowledged_at)

    def unread_badge(self):
        response = self.url_open("/my", timeout=TIMEOUT)
        self.assertEqual(response.status_code, 200)
        found = re.search(r'o_school_unread_badge"[^>]*>(\d+)<', response.text)
        return int(found.group(1)) if found else 0

    def test_read_mark_from_the_diary(self):
        html = self.page("parent", self.artem)
        self.assertEqual(self.unread_badge(), 2)     # the 5А meeting, the school's control week
        response = self.post("/my/diary/announcement/read", html, student=self.artem.id,
                             announcement_id=self.foreign_announcement.id)
        self.assertEqual(response.status_code, 404)
        response = self.post("/my/diary/announcement/read", html, student=self.artem.id,
                             announcement_id=self.meeting.id)
        self.assertIn(response.status_code, (302, 303))
        self.meeting.invalidate_cache()
        self.assertEqual(self.meeting.read_count, 1)
        self.assertEqual(self.foreign_announcement.read_count, 0)
        self.assertIn("label-default\">Прочитано", self.page("parent", self.artem))
        self.assertEqual(self.unread_badge(), 1)
