from odoo import api, models


class SchoolStudentMovementRoster(models.Model):
    """Movements change class membership, so they re-sync the rosters of the
    lessons they touch (school.lesson._sync_roster, in SQL). A movement that
    would change the roster of a lesson in a closed period (dated inside it, or
    before it with no later movement) is refused there: the period was sealed
    with its rosters, and its reports count pupils by membership on a date."""
    _inherit = "school.student.movement"

    @api.model
    def create(self, vals):
        movement = super(SchoolStudentMovementRoster, self).create(vals)
        self.env["school.lesson"].sudo()._sync_roster_for_students(movement.student_id.ids,
                                                                   movement.date)
        return movement

    def write(self, vals):
        before = {m.student_id.id: m.date for m in self}
        result = super(SchoolStudentMovementRoster, self).write(vals)
        if {"date", "to_class_id", "from_class_id", "movement_type", "student_id"} & set(vals):
            students = set(before) | set(self.mapped("student_id").ids)
            dates = list(before.values()) + self.mapped("date")
            self.env["school.lesson"].sudo()._sync_roster_for_students(list(students), min(dates))
        return result

    def unlink(self):
        students = self.mapped("student_id").ids
        dates = self.mapped("date")
        result = super(SchoolStudentMovementRoster, self).unlink()
        if students:
            self.env["school.lesson"].sudo()._sync_roster_for_students(students, min(dates))
        return result
