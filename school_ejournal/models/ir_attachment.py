from odoo import _, api, models
from odoo.exceptions import UserError

# what Odoo itself may write on any attachment without changing the file
HARMLESS_FIELDS = {"access_token"}


class IrAttachment(models.Model):
    """The homework files of a lesson in a closed period are frozen like the
    lesson: no file is added to it, replaced, renamed, moved or deleted, by
    anyone (the lock binds the superuser too, as the journal guard does)."""
    _inherit = "ir.attachment"

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
            raise UserError(_("Файлы к заданию урока закрытого периода менять нельзя. %s") % error.name)

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
