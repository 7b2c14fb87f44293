from odoo import fields, models


class SchoolStudentJournal(models.Model):
    """The journal's view of a pupil: his change log (read-only)."""
    _inherit = "school.student"

    change_log_ids = fields.One2many("school.change.log", "student_id", string="Журнал изменений",
                                     readonly=True)
