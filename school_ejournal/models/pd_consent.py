from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

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
    _description = "Согласие на обработку персональных данных"
    _order = "date desc, id desc"
    _rec_name = "student_id"
    _school_create_only_fields = ("student_id",)   # client_gate.py

    student_id = fields.Many2one("school.student", string="Ученик", required=True,
                                 ondelete="cascade", index=True)
    student_class_id = fields.Many2one(related="student_id.current_class_id", string="Класс",
                                       store=True, readonly=True)
    signer_type = fields.Selection([("representative", "Законный представитель"),
                                    ("student", "Сам ученик")],
                                   string="Подписал", required=True, default="representative")
    guardian_id = fields.Many2one("school.student.guardian", string="Законный представитель",
                                  domain="[('student_id', '=', student_id), "
                                         "('is_legal_representative', '=', True)]")
    # 14–17: the pupil's own signature next to the representative's (ст. 26 ГК)
    co_signed_by_student = fields.Boolean(string="Подписано и самим учеником",
                                          help="Ученик 14–17 лет подписывает согласие вместе с законным "
                                               "представителем (ст. 26 ГК РФ).")
    signer_name = fields.Char(string="ФИО подписавшего", compute="_compute_signer_name", store=True)
    date = fields.Date(string="Дата согласия", required=True, default=fields.Date.context_today)
    scope = fields.Text(string="Объём и цели обработки", required=True, default=DEFAULT_SCOPE)
    # the signed scan carries the parent's passport data: the deputy controls
    # consents by their dates and states, not by the scan
    document = fields.Binary(string="Скан документа", attachment=True,
                             groups="school_ejournal.group_class_teacher")
    document_name = fields.Char(string="Имя файла")
    revocation_date = fields.Date(string="Дата отзыва")
    revocation_reason = fields.Text(string="Причина отзыва")
    state = fields.Selection([("given", "Действует"), ("revoked", "Отозвано")], string="Состояние",
                             compute="_compute_state", store=True)

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
                raise ValidationError(_("У ученика %s не указана дата рождения: нельзя проверить, "
                                        "кто вправе подписать согласие.") % student.name)
            if consent.date < student.birth_date:
                raise ValidationError(_("Дата согласия раньше даты рождения ученика."))
            age = student._age_on(consent.date)
            if consent.signer_type == "representative":
                if age >= 18:
                    raise ValidationError(_("%(student)s на %(date)s исполнилось 18 лет: согласие подписывает сам "
                                            "ученик.")
                                          % {"student": student.name, "date": consent.date})
                if not consent.guardian_id:
                    raise ValidationError(_("Укажите законного представителя, подписавшего согласие."))
                if consent.guardian_id.student_id != student or not consent.guardian_id.is_legal_representative:
                    raise ValidationError(_("%(partner)s не является законным представителем ученика %(student)s.")
                                          % {"partner": consent.guardian_id.partner_id.name, "student": student.name})
                # a consent signed before this rule can still be revoked
                if 14 <= age < 18 and not consent.co_signed_by_student and not consent.revocation_date:
                    raise ValidationError(_("%(student)s на %(date)s %(age)s лет: с 14 до 18 лет согласие подписывает "
                                            "сам ученик вместе с законным представителем (ст. 26 ГК РФ) — отметьте "
                                            "подпись ученика.") % {"student": student.name, "date": consent.date,
                                                                   "age": age})
            elif age < 14:
                raise ValidationError(_("%(student)s на %(date)s нет 14 лет: согласие подписывает законный "
                                        "представитель.")
                                      % {"student": student.name, "date": consent.date})
            elif age < 18:
                raise ValidationError(_("%(student)s на %(date)s %(age)s лет: с 14 до 18 лет ученик подписывает "
                                        "согласие только вместе с законным представителем (ст. 26 ГК РФ) — укажите "
                                        "представителя.") % {"student": student.name, "date": consent.date, "age": age})
            if consent.revocation_date:
                if consent.revocation_date < consent.date:
                    raise ValidationError(_("Дата отзыва согласия раньше даты самого согласия."))
                if not (consent.revocation_reason or "").strip():
                    raise ValidationError(_("Укажите причину отзыва согласия."))

    @api.onchange("signer_type")
    def _onchange_signer_type(self):
        if self.signer_type == "student":
            self.guardian_id = False
            self.co_signed_by_student = False
