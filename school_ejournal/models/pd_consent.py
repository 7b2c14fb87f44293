from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.translate import _

DEFAULT_SCOPE = ("Обработка персональных данных обучающегося (ФИО, дата рождения, пол, СНИЛС, адрес, "
                 "сведения об успеваемости и посещаемости, группа здоровья) в электронном журнале и "
                 "электронном дневнике школы в целях организации образовательного процесса.")


class SchoolPdConsent(models.Model):
    """Consent to personal-data processing (152-ФЗ). Who may sign depends on
    the pupil's age on the consent date: under 14 a legal representative,
    14–17 the pupil together with a legal representative (ст. 26 ГК: both
    signatures recorded), from 18 the pupil alone."""
    _name = "school.pd.consent"
    _inherit = ["school.field.guard"]
    _description = "Consent to Personal Data Processing"
    _order = "date desc, id desc"
    _rec_name = "student_id"
    _school_create_only_fields = ("student_id",)   # client_gate.py

    student_id = fields.Many2one("school.student", required=True,
                                 ondelete="cascade", index=True)
    student_class_id = fields.Many2one(related="student_id.current_class_id", string="Class",
                                       store=True, readonly=True)
    signer_type = fields.Selection([("representative", "Parent/Guardian"),
                                    ("student", "The Student")],
                                   string="Signed By", required=True, default="representative")
    guardian_id = fields.Many2one("school.student.guardian", string="Parent/Guardian",
                                  domain="[('student_id', '=', student_id), ('is_legal_representative', '=', True)]")
    # 14–17: the pupil's own signature next to the representative's (ст. 26 ГК)
    co_signed_by_student = fields.Boolean(string="Also Signed by Student",
                                          help="A student aged 14–17 signs the consent together with the "
                                               "parent/guardian (Art. 26 of the Civil Code of the Russian Federation).")
    signer_name = fields.Char(string="Signer’s Full Name", compute="_compute_signer_name", store=True)
    date = fields.Date(string="Consent Date", required=True, default=fields.Date.context_today)
    scope = fields.Text(string="Scope and Purposes of Processing", required=True, default=DEFAULT_SCOPE)
    # the signed scan carries the parent's passport data: the deputy controls
    # consents by their dates and states, not by the scan
    document = fields.Binary(string="Document Scan", attachment=True,
                             groups="school_ejournal.group_class_teacher")
    document_name = fields.Char(string="File Name")
    revocation_date = fields.Date()
    revocation_reason = fields.Text()
    state = fields.Selection([("given", "In Effect"), ("revoked", "Revoked")], compute="_compute_state", store=True)

    @api.depends("signer_type", "co_signed_by_student", "guardian_id.partner_id.name", "student_id.name")
    def _compute_signer_name(self):
        for consent in self:
            if consent.signer_type != "representative":
                consent.signer_name = consent.student_id.name
            elif consent.co_signed_by_student:
                consent.signer_name = "%s и %s" % (consent.guardian_id.partner_id.name or "",
                                                    consent.student_id.name or "")
            else:
                consent.signer_name = consent.guardian_id.partner_id.name

    @api.depends("revocation_date")
    def _compute_state(self):
        for consent in self:
            consent.state = "revoked" if consent.revocation_date else "given"

    @api.constrains("signer_type", "guardian_id", "co_signed_by_student", "date", "student_id",
                    "revocation_date", "revocation_reason")
    def _check_signer(self):
        for consent in self.sudo():
            student = consent.student_id
            if not student.birth_date:
                raise ValidationError(_("Student %s has no date of birth: it is impossible to check who may sign "
                                        "the consent.") % student.name)
            if consent.date < student.birth_date:
                raise ValidationError(_("The consent date is earlier than the student’s date of birth."))
            age = student._age_on(consent.date)
            if consent.signer_type == "representative":
                if age >= 18:
                    raise ValidationError(_("%(student)s is 18 or older on %(date)s: the consent is signed by "
                                            "the student.")
                                          % {"student": student.name, "date": consent.date})
                if not consent.guardian_id:
                    raise ValidationError(_("Specify the legal guardian who signed the consent."))
                if consent.guardian_id.student_id != student or not consent.guardian_id.is_legal_representative:
                    raise ValidationError(_("%(partner)s is not a legal guardian of student %(student)s.")
                                          % {"partner": consent.guardian_id.partner_id.name, "student": student.name})
                # a consent signed before this rule can still be revoked
                if 14 <= age < 18 and not consent.co_signed_by_student and not consent.revocation_date:
                    raise ValidationError(_("%(student)s is %(age)s years old on %(date)s: from 14 to 18 the "
                                            "consent is signed by the student together with the legal guardian "
                                            "(Art. 26 of the Civil Code of the Russian Federation) — tick the "
                                            "student’s signature.") % {"student": student.name, "date": consent.date,
                                                                   "age": age})
            elif age < 14:
                raise ValidationError(_("%(student)s is under 14 on %(date)s: the consent is signed by the legal "
                                        "guardian.")
                                      % {"student": student.name, "date": consent.date})
            elif age < 18:
                raise ValidationError(_("%(student)s is %(age)s years old on %(date)s: from 14 to 18 the student "
                                        "signs the consent only together with the legal guardian (Art. 26 of the "
                                        "Civil Code of the Russian Federation) — specify the "
                                        "guardian.") % {"student": student.name, "date": consent.date, "age": age})
            if consent.revocation_date:
                if consent.revocation_date < consent.date:
                    raise ValidationError(_("The consent withdrawal date is earlier than the consent date itself."))
                if not (consent.revocation_reason or "").strip():
                    raise ValidationError(_("Specify the reason for withdrawing the consent."))

    @api.onchange("signer_type")
    def _onchange_signer_type(self):
        if self.signer_type == "student":
            self.guardian_id = False
            self.co_signed_by_student = False
