"""«Переход на новый учебный год»: the school admin's wizard (preview, then
confirm), the council's decisions it records, pupils moved through the movement
model, copies of the load, subgroups and КТП, idempotence, the retake that lifts
«условно», and the closed year left untouched (its seal still verifies)."""
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import MODULE, WEEK_WITH_LESSONS, PeriodCase, queued, run_jobs


class TestYearRollover(PeriodCase):
    def setUp(self):
        super(TestYearRollover, self).setUp()
        self.class_11a = self.env.ref(MODULE + ".demo_class_11a")
        self.decision = self.env.ref(MODULE + ".demo_decision_conditional")

    def wizard(self, user=None):
        return self.env["school.year.rollover"].sudo(user or self.admin).create({
            "old_year_id": self.year.id, "protocol_number": "12", "protocol_date": self.year.date_end})

    def counts(self):
        return {model: self.env[model].sudo().search_count([]) for model in (
            "school.academic.year", "school.class", "school.student.movement", "school.council.decision",
            "school.teaching.assignment", "school.class.subgroup", "school.thematic.plan", "school.period")}

    def rollover(self):
        wizard = self.wizard()
        wizard.action_preview()
        wizard.action_confirm()
        return wizard

    def test_admin_only(self):
        wizard = self.wizard()
        wizard.action_preview()
        self.assertEqual(wizard.state, "preview")
        for user in (self.deputy, self.teacher, self.class_teacher):
            with self.assertRefused(AccessError):
                self.wizard(user)
            with self.assertRefused(AccessError):
                wizard.sudo(user).action_confirm()

    def test_preview_creates_nothing_persistent(self):
        before = self.counts()
        wizard = self.wizard()
        wizard.action_preview()
        self.assertEqual(self.counts(), before)
        line = wizard.line_ids.filtered(lambda l: l.source_class_id == self.class_5a)
        self.assertEqual((line.kind, line.name, line.class_teacher_id), ("next", "6А", self.class_5a.class_teacher_id))
        self.assertIn("6А", wizard.summary)
        self.assertIn("2027/2028", wizard.summary)
        self.assertIn("ещё не закрыт", wizard.summary)
        self.assertEqual(wizard.line_ids.filtered(lambda l: l.source_class_id == self.class_11a).kind, "graduate")
        pupil = wizard.pupil_ids.filtered(lambda p: p.student_id == self.decision.student_id)
        self.assertEqual((pupil.decision_id, pupil.decision), (self.decision, "conditional"))
        self.assertEqual(wizard.pupil_ids.filtered(lambda p: p.student_id == self.artem).decision, "promoted")
        wizard.action_back()
        self.assertFalse(wizard.line_ids)
        self.assertEqual(self.counts(), before)

    def test_confirm_creates_the_new_year_classes_and_moves_pupils(self):
        old_day = WEEK_WITH_LESSONS
        graduate = self.class_11a._get_roster(self.year.date_end)[:1]
        wizard = self.wizard()
        wizard.action_preview()
        line = wizard.line_ids.filtered(lambda l: l.source_class_id == self.class_5a)
        line.sudo(self.admin).write({"class_teacher_id": self.admin.id})
        wizard.action_confirm()
        new_year = wizard.new_year_id
        self.assertEqual((new_year.name, new_year.date_start), ("2027/2028", "2027-09-01"))
        self.assertTrue(new_year.period_ids.filtered(lambda p: p.kind == "quarter"))
        self.assertTrue(new_year.holiday_ids)
        class_6a = self.env["school.class"].search([("academic_year_id", "=", new_year.id), ("name", "=", "6А")])
        self.assertEqual(class_6a.class_teacher_id, self.admin)
        self.assertFalse(self.env["school.class"].search([("academic_year_id", "=", new_year.id),
                                                          ("grade", "=", 12)]))
        # membership on dates of both years, from the movements
        self.assertEqual(self.artem._get_class_on(old_day), self.class_5a)
        self.assertEqual(self.artem._get_class_on(self.year.date_end), self.class_5a)
        self.assertEqual(self.artem._get_class_on(new_year.date_start), class_6a)
        self.assertIn(self.artem, class_6a._get_roster(new_year.date_start))
        self.assertNotIn(self.artem, self.class_5a._get_roster(new_year.date_start))
        move = self.env["school.student.movement"].search([("student_id", "=", self.artem.id),
                                                           ("date", "=", new_year.date_start)])
        self.assertEqual((move.movement_type, move.from_class_id, move.to_class_id),
                         ("transfer", self.class_5a, class_6a))
        # 11А graduates: in 11А until the new year, then in no class
        self.assertEqual(graduate._get_class_on(self.year.date_end), self.class_11a)
        self.assertFalse(graduate._get_class_on(new_year.date_start))
        self.assertEqual(self.env["school.council.decision"].search([
            ("student_id", "=", graduate.id), ("academic_year_id", "=", self.year.id)]).decision, "graduated")
        decision = self.env["school.council.decision"].search([("student_id", "=", self.artem.id),
                                                              ("academic_year_id", "=", self.year.id)])
        self.assertEqual((decision.decision, decision.protocol_number), ("promoted", "12"))
        # the load, subgroups and КТП are copied
        self.assertEqual(sorted(class_6a.teaching_assignment_ids.mapped("subject_id.name")),
                         sorted(self.class_5a.teaching_assignment_ids.mapped("subject_id.name")))
        self.assertEqual(sorted(class_6a.subgroup_ids.mapped("name")),
                         sorted(self.class_5a.subgroup_ids.mapped("name")))
        # the English groups of 5А+5Б go on as groups of 6А+6Б, with their pupils of both classes,
        # members from the first day of the new year
        class_6b = self.env["school.class"].search([("academic_year_id", "=", new_year.id), ("name", "=", "6Б")])
        for old, new in zip(self.class_5a.subgroup_ids.sorted("name"), class_6a.subgroup_ids.sorted("name")):
            self.assertEqual(new.class_ids, class_6a | class_6b)
            self.assertTrue(new.student_ids & class_6b._get_roster(new_year.date_start))
            self.assertLessEqual(new.student_ids, old.student_ids)
            self.assertEqual(set(new.member_ids.mapped("date_from")), {new_year.date_start})
        plans = self.env["school.thematic.plan"].search([("class_id", "=", self.class_5a.id)])
        copies = self.env["school.thematic.plan"].search([("class_id", "=", class_6a.id)])
        self.assertEqual(len(copies), len(plans))
        self.assertEqual(sum(copies.mapped("total_hours")), sum(plans.mapped("total_hours")))
        # the conditionally transferred pupil moves on too
        self.assertEqual(self.decision.student_id._get_class_on(new_year.date_start).name, "6Б")
        # a second run creates nothing twice
        before = self.counts()
        again = self.rollover()
        self.assertEqual(again.new_year_id, new_year)
        self.assertEqual(self.counts(), before)

    def test_confirm_in_background_fails_in_russian_writes_nothing_and_is_retried(self):
        """The administrator confirms in background: nothing is created until the job runs;
        a decision the council's rules refuse fails the whole job — no year, class, decision
        or movement half-written — with the reason on the wizard and in his notice; corrected,
        the rollover is confirmed again and done."""
        before = self.counts()
        wizard = self.wizard()
        wizard.action_preview()
        pupil = wizard.pupil_ids.filtered(lambda p: p.student_id == self.artem)
        pupil.sudo(self.admin).write({"decision": "conditional", "debt_subject_ids": [(5,)]})
        with self.assertRefused(AccessError):
            wizard.sudo(self.deputy).action_confirm_in_background()
        wizard.sudo(self.admin).action_confirm_in_background()
        self.assertEqual(wizard.state, "running")
        self.assertEqual(self.counts(), before)
        with self.assertRefused(UserError):
            wizard.sudo(self.admin).action_preview()
        jobs = queued(self.env, model="school.year.rollover")
        self.assertEqual(len(jobs), 1)
        self.assertEqual(jobs.user_id, self.admin)
        run_jobs(self.env, model="school.year.rollover")
        self.assertEqual((jobs.state, wizard.state), ("done", "failed"))
        self.assertIn("укажите предметы академической задолженности", wizard.failure)
        self.assertIn(self.artem.name, wizard.failure)
        self.assertEqual(self.counts(), before)
        pupil.sudo(self.admin).write({"decision": "promoted"})
        wizard.sudo(self.admin).action_confirm_in_background()
        run_jobs(self.env, model="school.year.rollover")
        self.assertEqual((wizard.state, wizard.failure), ("done", False))
        self.assertIn("2027/2028", wizard.summary)
        class_6a = self.artem._get_class_on(wizard.new_year_id.date_start)
        self.assertEqual((class_6a.name, class_6a.academic_year_id), ("6А", wizard.new_year_id))

    def test_kept_pupil_stays_in_the_same_level(self):
        wizard = self.wizard()
        wizard.action_preview()
        pupil = wizard.pupil_ids.filtered(lambda p: p.student_id == self.artem)
        pupil.sudo(self.admin).write({"decision": "repeat", "debt_subject_ids": [(6, 0, self.math.ids)]})
        wizard.action_confirm()
        new_class = self.artem._get_class_on(wizard.new_year_id.date_start)
        self.assertEqual((new_class.name, new_class.academic_year_id), ("5А", wizard.new_year_id))

    def test_passed_retake_lifts_conditional(self):
        Debt = self.env["school.academic.debt"]
        self.assertEqual(self.decision.decision, "conditional")
        with self.assertRefused(AccessError):
            Debt.sudo(self.teacher).create({"decision_id": self.decision.id, "subject_id": self.math.id,
                                            "date": "2027-09-20", "value": "4"})
        with self.assertRefused(ValidationError):
            Debt.sudo(self.deputy).create({"decision_id": self.decision.id, "subject_id": self.math.id,
                                           "date": "2027-05-20", "value": "4"})
        Debt.sudo(self.deputy).create({"decision_id": self.decision.id, "subject_id": self.math.id,
                                       "date": "2027-09-20", "value": "4"})
        self.decision.invalidate_cache()
        self.assertEqual(self.decision.decision, "promoted")
        self.assertFalse(self.decision.retake_deadline)
        self.assertEqual(self.decision.debt_subject_ids, self.math)
        self.assertIn("ликвидирована", self.decision.note)
        self.assertEqual(len(Debt.search([("decision_id", "=", self.decision.id)])), 2)

    def test_closed_year_seal_verifies_after_rollover(self):
        self.set_grades(self.artem, self.math, [("4", self.kind_lesson)] * 3)
        self.suggest_one()
        seal = self.close()
        self.assertTrue(seal)
        self.rollover()
        self.assertEqual(seal._verify(), [])
        self.assertEqual(self.artem._get_class_on(WEEK_WITH_LESSONS), self.class_5a)

    def test_summary_prints_the_decision_and_protocol(self):
        class_5b = self.decision.class_id
        data = self.env["report.school_ejournal.report_class_journal"].sudo(self.deputy)._journal_data(
            class_5b, self.year.date_start, self.year.date_end)
        row = [s for s in data["students"] if s["id"] == self.decision.student_id.id][0]
        self.assertEqual(row["decision"], "условно переведён (%s)" % self.math.name.lower())
        self.assertIn("протокол № 12 от", data["council_protocols"])
