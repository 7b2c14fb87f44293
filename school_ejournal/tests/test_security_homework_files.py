"""Homework files reach the families through a portal route that reads the file as
the superuser: a lesson may link only homework uploads that its writer may read,
and the route serves nothing else, whatever a link in the database says."""
import base64

from odoo.exceptions import ValidationError

from .test_portal_pages import PortalHttpCase

MODULE = "school_ejournal"


class TestHomeworkFilesAreHomework(PortalHttpCase):

    def setUp(self):
        super().setUp()
        self.lesson = self.lesson_of(self.artem)[:1]
        self.teacher_user = self.lesson.substitute_teacher_id or self.lesson.teacher_id
        # a file of another record (a contact's scanned document) and a file of a binary field
        self.secret = self.env["ir.attachment"].create({
            "name": "Паспорт.pdf", "datas_fname": "Паспорт.pdf", "res_model": "res.partner",
            "res_id": self.env.ref(MODULE + ".user_school_admin").partner_id.id,
            "datas": base64.b64encode(b"passport scan")})
        self.field_file = self.env["ir.attachment"].create({
            "name": "image", "res_model": "res.partner", "res_field": "image",
            "res_id": self.env.ref(MODULE + ".user_school_admin").partner_id.id,
            "datas": base64.b64encode(b"field secret")})

    def test_teacher_cannot_link_a_file_of_another_record(self):
        for attachment in (self.secret, self.field_file):
            with self.assertRaises(ValidationError) as caught:
                with self.env.cr.savepoint():
                    self.lesson.sudo(self.teacher_user).write({"homework_attachment_ids": [(4, attachment.id)]})
            self.assertRegex(str(caught.exception), "[А-Яа-я]")
        own = self.env["ir.attachment"].sudo(self.teacher_user).create({
            "name": "Задание.txt", "datas_fname": "Задание.txt", "res_model": "school.lesson",
            "datas": base64.b64encode("Решить № 7".encode("utf-8"))})
        self.lesson.sudo(self.teacher_user).write({"homework_attachment_ids": [(4, own.id)]})
        url = "/my/diary/homework/%s/%s" % (self.lesson.id, own.id)
        self.assertEqual(self.get(url).content.decode("utf-8"), "Решить № 7")

    def test_route_serves_homework_uploads_only(self):
        # a link made past the ORM (an import, an old database): the route still refuses
        for attachment in (self.secret, self.field_file):
            self.env.cr.execute("INSERT INTO school_lesson_homework_attachment_rel (lesson_id, attachment_id) "
                                "VALUES (%s, %s)", (self.lesson.id, attachment.id))
            self.lesson.invalidate_cache()
            self.assertRefused("/my/diary/homework/%s/%s" % (self.lesson.id, attachment.id),
                               "passport scan", "field secret")
