from odoo import SUPERUSER_ID, api, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.translate import _
from .ir_http import is_local_path, is_web_url
from .mail_message import MailMessage

# what Odoo itself may write on any attachment without changing the file
HARMLESS_FIELDS = {"access_token"}

# many2many fields of the addon that hold uploaded files: model -> (field, relation, column)
LINKED_FILES = {
    "school.lesson": ("homework_attachment_ids", "school_lesson_homework_attachment_rel", "lesson_id"),
    "school.thematic.plan": ("attachment_ids", "school_thematic_plan_attachment_rel", "plan_id"),
    "school.thematic.plan.line": ("attachment_ids", "school_thematic_plan_line_attachment_rel", "line_id"),
    "school.absence.note": ("attachment_ids", "school_absence_note_attachment_rel", "note_id"),
}


class IrAttachment(models.Model):
    """Files of lessons and plans. The form's file widget uploads with res_id 0
    and the record links the file through a many2many: Odoo then treats it as a
    file of no record — every employee may replace or delete it, no pupil may
    read it. Once linked, a file is bound to its record (res_model, res_id), so
    Odoo's attachment check delegates to the record: read with the lesson's
    readers (the families of its roster), write and delete with its writers.

    The homework files of a lesson in a closed period are frozen like the
    lesson: no file is added to it, replaced, renamed, moved or deleted, by
    anyone (the lock binds the superuser too, as the journal guard does).

    A link attachment («ссылка», type url) is shown to families as a link
    and followed by the portal: it may point to a web page (http, https) or to
    a path of this site (Odoo's own asset and image links), never to a
    ``javascript:``, ``data:`` or other scheme."""
    _inherit = "ir.attachment"

    @api.model
    def _school_foreign_file(self, records, field):
        """The first file linked by ``field`` of ``records`` that is not an upload of
        their own (a file of no other record, or of a record of their model) that
        the writing user may read himself; None when there is none. The portal reads
        such files as the superuser, so a record must never link another's file."""
        if self.env.uid == SUPERUSER_ID:
            return None
        for record in records:
            for attachment in record[field].sudo():
                foreign = attachment.res_field or (attachment.res_model or records._name) != records._name
                if not foreign:
                    try:
                        attachment.sudo(self.env.uid).check("read")
                    except AccessError:
                        foreign = True
                if foreign:
                    return attachment
        return None

    @api.model
    def _school_check_homework_files(self, lessons):
        """Families download the homework files through the portal: a lesson links
        only its own homework uploads."""
        attachment = self._school_foreign_file(lessons, "homework_attachment_ids")
        if attachment:
            raise ValidationError(_("File “%s” cannot be attached to the assignment: only files uploaded to the "
                                    "lesson can be attached to it.") % attachment.name)

    @api.model
    def _school_bind(self, records, commands):
        """Bind the files newly linked by ``commands`` to ``records[0]``; the user
        must be able to read each file he links (else a lesson would expose any
        file of the school through the diary)."""
        ids = [i for i in MailMessage._school_command_ids(commands) if i]
        if not ids or not records:
            return
        files = self.browse(ids)
        files.check("read")
        # sudo: binding files the user may read to a record he has just written
        loose = files.sudo().filtered(lambda a: not a.res_id and a.res_model in (False, records._name))
        if loose:
            loose.write({"res_model": records._name, "res_id": records[0].id})

    @api.model
    def _school_bind_linked_files(self):
        """Bind the files already linked before binding existed (runs at update)."""
        for model, (field, relation, column) in LINKED_FILES.items():
            self.env.cr.execute("""
                UPDATE ir_attachment a SET res_model = %%s, res_id = r.record_id
                  FROM (SELECT attachment_id, min(%s) AS record_id FROM %s GROUP BY attachment_id) r
                 WHERE a.id = r.attachment_id AND coalesce(a.res_id, 0) = 0
                   AND coalesce(a.res_model, %%s) = %%s
            """ % (column, relation), (model, model, model))
        self.invalidate_cache()

    @api.model
    def _school_lessons_of(self, attachment_ids):
        """Lessons the attachments belong to: by res_model/res_id or as homework files."""
        if not attachment_ids:
            return set()
        self.env.cr.execute("""
            SELECT res_id FROM ir_attachment
             WHERE id IN %(ids)s AND res_model = 'school.lesson' AND res_id IS NOT NULL
             UNION
            SELECT lesson_id FROM school_lesson_homework_attachment_rel WHERE attachment_id IN %(ids)s
        """, {"ids": tuple(attachment_ids)})
        return {row[0] for row in self.env.cr.fetchall()}

    @api.model
    def _school_assert_lessons_open(self, lesson_ids):
        facts = self.env["school.journal.guard"]._lesson_facts(list(lesson_ids))
        if not facts:
            return
        try:
            self.env["school.period"]._assert_dates_open([(f[0], f[1]) for f in facts.values()])
        except UserError as error:
            raise UserError(_("Assignment files of a lesson in a closed period cannot be changed. %s") % error.name)

    @api.model
    def create(self, vals):
        if vals.get("res_model") == "school.lesson" and vals.get("res_id"):
            self._school_assert_lessons_open([vals["res_id"]])
        return super(IrAttachment, self).create(vals)

    def write(self, vals):
        if set(vals) - HARMLESS_FIELDS:
            self._school_assert_lessons_open(self._school_lessons_of(self.ids))
        result = super(IrAttachment, self).write(vals)
        if {"res_model", "res_id"} & set(vals):
            self._school_assert_lessons_open(self._school_lessons_of(self.ids))
        return result

    def unlink(self):
        self._school_assert_lessons_open(self._school_lessons_of(self.ids))
        return super(IrAttachment, self).unlink()

    @api.constrains("type", "url")
    def _check_school_url(self):
        for attachment in self:
            if attachment.type == "url" and attachment.url and not (
                    is_web_url(attachment.url) or is_local_path(attachment.url)):
                raise ValidationError(_("The link must start with http:// or https://."))
