"""A pupil out of his class's lessons of a subject for a range of dates, on the
grounds of a document: exempt («освобождён»: физкультура after a medical
commission, a subject studied elsewhere by an individual plan), or taught at
home («обучение на дому»: his own lessons, kept in the journal as a teaching
group of his own). The class teacher of the pupil's class, the deputy and the
administrator record it; staff read it; the family reads its own. His roster
rows in the class's lessons say so and expect no marks, so they raise no
accumulation alert. Over an exemption the period grade is suggested as «осв.»
(not counted in N of the metrics); at home it comes from the marks of his own
lessons."""
from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..tools.translate import _
from .journal_guard import _format_date

EXEMPTION_REASONS = [("health", "Health (Medical Commission)"), ("plan", "Individual Curriculum"),
                     ("home", "Home Schooling"), ("other", "Other Grounds")]
# the exemptions of pupils × subjects over a range of dates, one query
COVERING_SQL = """
    SELECT student_id, subject_id, min(date_from), max(date_to), string_agg(document, '; ' ORDER BY date_from),
           bool_and(reason = 'home')
      FROM school_subject_exemption
     WHERE student_id IN %(students)s AND subject_id IN %(subjects)s
       AND date_from <= %(end)s AND date_to >= %(start)s
     GROUP BY student_id, subject_id
"""


class SchoolSubjectExemption(models.Model):
    _name = "school.subject.exemption"
    _description = "Exemption from a Subject"
    _order = "date_from desc, id desc"
    _rec_name = "subject_id"
    _school_server_fields = ("class_id",)
    _school_create_only_fields = ("student_id",)

    student_id = fields.Many2one("school.student", required=True, index=True, ondelete="restrict")
    class_id = fields.Many2one("school.class", readonly=True, index=True, ondelete="set null",
                               help="The pupil’s class on the first day of the exemption.")
    subject_id = fields.Many2one("school.subject", required=True, index=True, ondelete="restrict")
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    reason = fields.Selection(EXEMPTION_REASONS, required=True, default="health")
    document = fields.Char(required=True, help="The document the exemption rests on: its name, number and date.")
    subgroup_id = fields.Many2one(
        "school.class.subgroup", string="Lessons at Home", index=True, ondelete="restrict",
        help="Home schooling: the teaching group of the pupil’s own lessons of the subject. Its lessons are "
             "not covered: their marks make his period grade.")
    note = fields.Text()

    def name_get(self):
        return [(e.id, "%s: %s, %s — %s" % (e.student_id.name or "", e.subject_id.name or "",
                                            _format_date(e.date_from), _format_date(e.date_to))) for e in self]

    @api.constrains("date_from", "date_to", "document", "reason", "subgroup_id", "subject_id", "student_id")
    def _check_values(self):
        for exemption in self:
            if exemption.date_from > exemption.date_to:
                raise ValidationError(_("The exemption starts (%(start)s) after it ends (%(end)s).")
                                      % {"start": _format_date(exemption.date_from),
                                         "end": _format_date(exemption.date_to)})
            if not (exemption.document or "").strip():
                raise ValidationError(_("Name the document the exemption rests on."))
            group = exemption.subgroup_id
            if not group:
                continue
            if exemption.reason != "home":
                raise ValidationError(_("Only a pupil taught at home has a teaching group of his own lessons."))
            if group.subject_id and group.subject_id != exemption.subject_id:
                raise ValidationError(_("The teaching group “%(group)s” learns %(subject)s, not %(other)s.") % {
                    "group": group.name, "subject": group.subject_id.name, "other": exemption.subject_id.name})
            if not group._has_member(exemption.student_id.id, exemption.date_from):
                raise ValidationError(_("%(pupil)s is not in the teaching group “%(group)s” on %(day)s.") % {
                    "pupil": exemption.student_id.name, "group": group.name,
                    "day": _format_date(exemption.date_from)})

    @api.model
    def _class_of(self, student_id, day):
        # sudo: the pupil's class on the date (membership), before the rights check
        pairs = self.env["school.student.movement"].sudo()._get_membership_on(day, student_ids=[student_id])
        return pairs[0][1] if pairs else False

    def _assert_may_keep(self, class_id):
        """The deputy, the administrator: any pupil; the class teacher: the pupils of his class."""
        user = self.env.user
        if self.env.uid == SUPERUSER_ID or user.has_group("school_ejournal.group_deputy") \
                or user.has_group("school_ejournal.group_school_admin"):
            return True
        if class_id and class_id in user.school_led_class_ids.ids:
            return True
        raise AccessError(_("Only the class teacher of the pupil’s class, the deputy head or the school "
                            "administrator records an exemption from a subject."))

    @api.model
    def create(self, vals):
        self.check_access_rights("create")
        vals = dict(vals)
        if not vals.get("student_id") or not vals.get("date_from"):
            raise ValidationError(_("Choose the pupil and the first day of the exemption."))
        vals["class_id"] = self._class_of(vals["student_id"], vals["date_from"])
        self._assert_may_keep(vals["class_id"])
        return super(SchoolSubjectExemption, self).create(vals)

    def write(self, vals):
        for exemption in self:
            exemption._assert_may_keep(exemption.class_id.id)
        vals = dict(vals)
        result = super(SchoolSubjectExemption, self).write(vals)
        if "date_from" in vals:
            for exemption in self:
                class_id = self._class_of(exemption.student_id.id, exemption.date_from)
                exemption._assert_may_keep(class_id)
                # the server's own copy of the pupil's class (the field gate refuses it to clients)
                super(SchoolSubjectExemption, exemption.sudo()).write({"class_id": class_id})
        return result

    def unlink(self):
        for exemption in self:
            exemption._assert_may_keep(exemption.class_id.id)
        return super(SchoolSubjectExemption, self).unlink()

    @api.model
    def _covering(self, start, end, student_ids, subject_ids):
        """{(student, subject): (first day, last day, documents, all at home)} of the
        exemptions that meet [start, end]: one query."""
        if not student_ids or not subject_ids:
            return {}
        self.env.cr.execute(COVERING_SQL, {"students": tuple(student_ids), "subjects": tuple(subject_ids),
                                           "start": start, "end": end})
        return {(st, sub): (first, last, documents, home)
                for st, sub, first, last, documents, home in self.env.cr.fetchall()}
