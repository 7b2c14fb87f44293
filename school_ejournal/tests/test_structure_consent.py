"""Personal-data consents (152-ФЗ): who signs by age, revocation, the state filter."""
from odoo.exceptions import ValidationError

from .common import StructureCase


class TestPdConsent(StructureCase):
    def setUp(self):
        super(TestPdConsent, self).setUp()
        self.Consent = self.env["school.pd.consent"]
        # born 10 Sep 2012: 13 on 9 Sep 2026, 14 from 10 Sep 2026, 18 from 10 Sep 2030
        self.pupil = self.make_student(birth_date="2012-09-10", school_class=self.class_9a)
        mother = self.env["res.partner"].create({"name": "Тестова Мать Ивановна"})
        aunt = self.env["res.partner"].create({"name": "Тестова Тётя Ивановна"})
        Guardian = self.env["school.student.guardian"]
        self.mother = Guardian.create({"student_id": self.pupil.id, "partner_id": mother.id,
                                       "relation": "mother"})
        self.aunt = Guardian.create({"student_id": self.pupil.id, "partner_id": aunt.id,
                                     "relation": "other", "is_legal_representative": False})

    def test_under_14_only_a_legal_representative(self):
        with self.assertRefused(ValidationError, "нет 14 лет"):
            self.Consent.create({"student_id": self.pupil.id, "date": "2026-09-09", "signer_type": "student"})
        with self.assertRefused(ValidationError, "не является законным представителем"):
            self.Consent.create({"student_id": self.pupil.id, "date": "2026-09-09",
                                 "signer_type": "representative", "guardian_id": self.aunt.id})
        with self.assertRefused(ValidationError, "Укажите законного представителя"):
            self.Consent.create({"student_id": self.pupil.id, "date": "2026-09-09",
                                 "signer_type": "representative"})
        self.assertEqual(self.pupil.consent_state, "none")
        consent = self.Consent.create({"student_id": self.pupil.id, "date": "2026-09-09",
                                       "signer_type": "representative", "guardian_id": self.mother.id})
        self.assertEqual(consent.signer_name, "Тестова Мать Ивановна")
        self.assertEqual(self.pupil.consent_state, "given")

    def test_from_14_to_17_the_pupil_together_with_the_representative(self):
        # ст. 26 ГК: neither signature alone (the rule's test: test_grading_D.py)
        with self.assertRefused(ValidationError, "вместе с законным представителем"):
            self.Consent.create({"student_id": self.pupil.id, "date": "2026-09-10", "signer_type": "student"})
        with self.assertRefused(ValidationError, "отметьте подпись ученика"):
            self.Consent.create({"student_id": self.pupil.id, "date": "2026-09-10",
                                 "signer_type": "representative", "guardian_id": self.mother.id})
        both = self.Consent.create({"student_id": self.pupil.id, "date": "2026-09-10",
                                    "signer_type": "representative", "guardian_id": self.mother.id,
                                    "co_signed_by_student": True})
        self.assertEqual(both.signer_name, "Тестова Мать Ивановна и %s" % self.pupil.name)

    def test_from_18_the_pupil_alone(self):
        with self.assertRefused(ValidationError, "исполнилось 18 лет"):
            self.Consent.create({"student_id": self.pupil.id, "date": "2030-09-10",
                                 "signer_type": "representative", "guardian_id": self.mother.id})
        self.Consent.create({"student_id": self.pupil.id, "date": "2030-09-10", "signer_type": "student"})

    def test_age_needs_a_birth_date(self):
        pupil = self.make_student(birth_date=False)
        with self.assertRefused(ValidationError, "не указана дата рождения"):
            self.Consent.create({"student_id": pupil.id, "date": "2026-09-10", "signer_type": "student"})

    def test_revocation_and_filter(self):
        consent = self.Consent.create({"student_id": self.pupil.id, "date": "2026-09-10",
                                       "signer_type": "representative", "guardian_id": self.mother.id,
                                       "co_signed_by_student": True})
        with self.assertRefused(ValidationError, "причину отзыва"):
            consent.write({"revocation_date": "2026-10-01"})
        with self.assertRefused(ValidationError, "раньше даты самого согласия"):
            consent.write({"revocation_date": "2026-09-01", "revocation_reason": "Заявление"})
        consent.write({"revocation_date": "2026-10-01", "revocation_reason": "Заявление ученика"})
        self.assertEqual(consent.state, "revoked")
        self.assertEqual(self.pupil.consent_state, "revoked")
        # «Нет согласия» = no consent in force
        missing = self.Student.search([("consent_state", "!=", "given"), ("current_class_id", "=", self.class_9a.id)])
        self.assertIn(self.pupil, missing)
        self.Consent.create({"student_id": self.pupil.id, "date": "2026-10-05", "signer_type": "representative",
                             "guardian_id": self.mother.id, "co_signed_by_student": True})
        self.assertEqual(self.pupil.consent_state, "given")

    def test_demo_has_missing_and_revoked_consents(self):
        states = set(self.Student.search([]).mapped("consent_state"))
        self.assertEqual(states, {"none", "given", "revoked"})
