"""Every public method of the addon's models, called over RPC by every role that
should not use it (tests/method_matrix.py): a refusal in Russian and nothing
written. Generated from the registry: a new public method without a row fails."""
import re
import time
import types

from odoo import api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import TransactionCase

from . import method_matrix as matrix
from .common import set_demo_refs
from .test_security_matrix import role_users

MODULE = "school_ejournal"
ADDON_PREFIX = "odoo.addons.%s" % MODULE
TIME_LIMIT = 240  # seconds for all the calls together
CYRILLIC = re.compile("[А-Яа-яЁё]")
REFUSALS = (AccessError, UserError, ValidationError)
# what the calls may not change (a row count or the latest write per table)
WATCHED = ("school_lesson", "school_attendance", "school_grade", "school_period_grade", "school_period",
           "school_holiday", "school_timetable", "school_violation", "school_monitoring_alert",
           "school_period_lock", "school_period_seal", "mail_message", "mail_mail", "res_users",
           "school_change_log", "ir_attachment")


def addon_model_names(env):
    return sorted(name for name in env.registry
                  if any(getattr(cls, "__module__", "").startswith(ADDON_PREFIX)
                         for cls in type(env[name]).__mro__))


def public_methods(env):
    """{(model, method)}: every public callable that a class of the addon defines
    on a model (what RPC reaches: no leading underscore, not ``init``)."""
    found = set()
    for name in addon_model_names(env):
        for cls in type(env[name]).__mro__:
            if not getattr(cls, "__module__", "").startswith(ADDON_PREFIX):
                continue
            for attr, value in vars(cls).items():
                if attr.startswith("_") or attr == "init":
                    continue
                if isinstance(value, (staticmethod, classmethod, types.FunctionType)):
                    found.add((name, attr))
    return found


def inherited_methods(env):
    """{(model, method): defining module} of the public methods that the addon's
    own models get from other addons (not from the ORM itself)."""
    found = {}
    for name in addon_model_names(env):
        if not (name.startswith("school.") or name.startswith("report.%s." % MODULE)):
            continue
        for attr in dir(type(env[name])):
            if attr.startswith("_") or attr == "init":
                continue
            for cls in type(env[name]).__mro__:
                if attr in vars(cls):
                    module = getattr(cls, "__module__", "")
                    value = vars(cls)[attr]
                    if isinstance(value, (staticmethod, classmethod, types.FunctionType)) and not module.startswith(
                            ADDON_PREFIX) and module != "odoo.models":
                        found[(name, attr)] = module
                    break
    return found


class TestPublicMethods(TransactionCase):

    def setUp(self):
        super().setUp()
        self.users = role_users(self.env)
        set_demo_refs(self)
        self.lesson = self.env["school.lesson"].search([
            ("class_id", "=", self.class_5a.id), ("subject_id", "=", self.math.id),
            ("teacher_id", "=", self.teacher.id)], order="date", limit=1)
        self.assertTrue(self.lesson and self.q1)

    # ------------------------------------------------------------------ samples
    def period_grade(self, state):
        values = {"student_id": self.artem.id, "subject_id": self.math.id, "period_id": self.q1.id,
                  "class_id": self.class_5a.id, "kind": "quarter"}
        PeriodGrade = self.env["school.period.grade"].with_context(school_period_grade_internal=True)
        grade = PeriodGrade.search([(k, "=", v) for k, v in values.items()], limit=1)
        grade = grade or PeriodGrade.create(values)
        self.env.cr.execute("UPDATE school_period_grade SET value = '5', suggested_value = '5', state = %s "
                            "WHERE id = %s", (state, grade.id))
        grade.invalidate_cache()
        return grade

    def make_samples(self):
        env = self.env
        plan = env["school.thematic.plan"].create({
            "class_id": self.class_5a.id, "subject_id": self.math.id, "teacher_id": self.teacher.id,
            "line_ids": [(0, 0, {"number": 1, "topic": "Натуральные числа", "hours": 2})]})
        year = env["school.academic.year"].create({
            "name": "2040/2041", "date_start": "2040-09-01", "date_end": "2041-05-31"})
        alert = env["school.monitoring.alert"].create({
            "name": "Проверка", "kind": "accumulation", "key": "h15:methods", "date": "2026-10-01",
            "date_last": "2026-10-01", "class_id": self.class_9a.id})
        violation = env["school.violation"].create({
            "rule": "no_topic", "key": "h15:methods", "teacher_id": self.teacher.id, "date": self.lesson.date,
            "lesson_id": self.lesson.id, "period_id": self.q1.id, "class_id": self.class_5a.id,
            "subject_id": self.math.id, "excuse": "Болезнь"})
        violation_row = env["school.violation.teacher"].search([("teacher_id", "=", self.teacher.id),
                                                                ("period_id", "=", self.q1.id)])
        # a lesson without a topic for the plan to fill
        env.cr.execute("UPDATE school_lesson SET topic = NULL WHERE id = %s", (self.lesson.id,))
        self.lesson.invalidate_cache()
        timetable = env["school.timetable"].search([("class_id", "=", self.class_5a.id)], limit=1)
        cell_row = self.lesson.attendance_ids[:1]
        self.pg_draft = self.period_grade("draft")
        # a failed login that banned its address
        attempt = env["res.authentication.attempt"].sudo().create({
            "login": "teacher", "remote": "10.0.0.9", "result": "banned"})
        absence_note = env["school.absence.note"].create({
            "student_id": self.artem.id, "date_from": "2026-10-12", "date_to": "2026-10-14",
            "document_date": "2026-10-15", "document_number": "117"})
        remark = env["school.student.remark"].create({
            "student_id": self.artem.id, "text": "Проверка", "teacher_id": self.teacher.id})
        announcement = env["school.announcement"].create({
            "name": "Проверка", "text": "Проверка", "audience": "class", "class_id": self.class_5a.id,
            "date_from": "2020-01-01", "date_to": "2099-12-31"})
        # the class teacher's absences of one day each, their lessons cancelled: a draft and a confirmed one
        absences = []
        for day in ("2026-10-06", "2026-10-07"):
            absence = env["school.teacher.absence"].create({
                "teacher_id": self.class_teacher.id, "date_from": day, "date_to": day})
            absence.action_propose()
            absence.substitution_ids.write({"kind": "cancel"})
            absences.append(absence)
        absences[1].action_confirm()
        # a draft print of grade 5's journals, and one that failed (its line's reason kept)
        prints = [env["school.journal.print"].create({
            "academic_year_id": self.q1.academic_year_id.id, "grade_level_id": self.class_5a.grade_level_id.id,
            "period_id": self.q1.id}) for _n in range(2)]
        env["school.journal.print.line"].create({"print_id": prints[1].id, "class_id": self.class_5a.id,
                                                 "state": "failed", "error": "Проверка"})
        prints[1].write({"state": "failed"})
        return {
            "print_draft": ([prints[0].id], []),
            "print_failed": ([prints[1].id], []),
            "remark_5a": ([remark.id], []),
            "announcement_5a": ([announcement.id], []),
            "course_club": ([self.env.ref(MODULE + ".demo_activity_club").id], []),
            "absence_draft": ([absences[0].id], []),
            "absence_confirmed": ([absences[1].id], []),
            "absence_note_5a": ([absence_note.id], []),
            "banned_attempt": ([attempt.id], []),
            "lesson_5a_math": ([self.lesson.id], []),
            "plan_5a_math": ([plan.id], []),
            "year_empty": ([year.id], []),
            "alert_9a": ([alert.id], []),
            "violation": ([violation.id], []),
            "violation_row": ([violation_row.id], []),
            "check_violations": (None, [["violations"]]),
            "mention": (None, ["Петров"]),
            "period_q1": ([self.q1.id], []),
            "timetable_5a": ([timetable.id], [fields_date_after(timetable.date_from), {"room": "99"}]),
            "artem": ([self.artem.id], []),
            "class_5a": ([self.class_5a.id], []),
            "company": ([env.user.company_id.id], []),
            "other_user": ([self.users["school_admin"].id], []),
            "no_seal": ([], []),
            "cron_action": ([self.env.ref(MODULE + ".cron_monitoring_weekly_digest").ir_actions_server_id.id], []),
            "pg_draft": ([self.pg_draft.id], []),
            "pg_confirmed": "pg_confirmed",
            "suggest_5a_math": (None, [self.q1.id, [self.class_5a.id], [self.math.id]]),
            "suggest_school": (None, [self.q1.id]),
            # a mark that changes the cell: a refusal is not that of an unchanged cell
            "cell_5a_math": (None, [cell_row.id, "4" if cell_row.cell == "5" else "5", self.q1.id]),
            "class_day_open": (None, []),
            "week_5a": (None, ["class", self.class_5a.id]),
            "home": (None, []),
        }

    def wizard_values(self, key):
        lesson_day = self.lesson.date
        return {
            "gradebook": ("school.gradebook", {"class_id": self.class_5a.id, "subject_id": self.math.id,
                                               "period_id": self.q1.id}),
            "class_day": ("school.class.day", {"class_id": self.class_5a.id, "date": lesson_day}),
            "parent_message": ("school.parent.message", {"class_id": self.class_5a.id, "subject": "Тема",
                                                         "body": "<p>Собрание</p>", "send_email": False}),
            "suggest": ("school.period.grade.suggest", {"period_id": self.q1.id, "class_id": self.class_5a.id,
                                                        "subject_id": self.math.id}),
            "lesson_generate": ("school.lesson.generate", {"date_from": lesson_day, "date_to": lesson_day,
                                                           "class_ids": [(6, 0, self.class_5a.ids)]}),
            "period_close": ("school.period.close", {"period_id": self.q1.id, "confirm_incomplete": True}),
            "period_reopen": ("school.period.reopen", {"period_id": self.q1.id, "reason": "Проверка"}),
            "period_export": ("school.period.export.wizard", {"period_id": self.q1.id}),
            "login": ("school.login.wizard", {"student_ids": [(6, 0, self.artem.ids)]}),
            "exam_protocol": ("school.exam.protocol.import", {
                "subject_id": self.env.ref("school_ejournal.subject_alg").id,
                "class_ids": [(6, 0, self.env.ref("school_ejournal.demo_class_9a").ids)],
                "text": "%s;25;5" % self.env.ref("school_ejournal.demo_student_sokolova_darya").name}),
            "report_journal": ("school.report.journal.wizard", {"class_id": self.class_5a.id}),
            "council_fill": ("school.council.decision.fill", {"class_id": self.class_5a.id}),
            "rollover": ("school.year.rollover", {"old_year_id": self.class_5a.academic_year_id.id}),
            "report_attendance": ("school.report.attendance.wizard", {
                "date_from": self.q1.date_start, "date_to": self.q1.date_end,
                "class_ids": [(6, 0, self.class_5a.ids)]}),
            "report_metrics": ("school.report.metrics.wizard", {"period_id": self.q1.id}),
            "substitution_report": ("school.substitution.report.wizard", {"date_from": "2026-10-01",
                                                                           "date_to": "2026-10-31"}),
            "report_programme": ("school.report.programme.wizard", {
                "academic_year_id": self.q1.academic_year_id.id, "period_id": self.q1.id,
                "class_ids": [(6, 0, self.class_5a.ids)]}),
            "lesson_cancel": ("school.lesson.cancel", {"lesson_id": self.lesson.id, "reason": "quarantine",
                                                       "confirm_remove": True}),
            "report_gradebook": ("school.report.gradebook.wizard", {
                "class_id": self.class_5a.id, "subject_id": self.math.id, "period_id": self.q1.id}),
        }[key]

    # ------------------------------------------------------------------ one call
    def snapshot(self):
        cr = self.env.cr
        parts = []
        for table in WATCHED:
            cr.execute("SELECT count(*), max(%s) FROM %s" % (
                "write_date" if table not in ("school_change_log", "mail_mail") else "id", table))
            parts.append(cr.fetchone())
        return parts

    def call(self, user, model, method, sample, samples):
        """Call ``method`` over api.call_kw as ``user``; returns the exception or None."""
        env = self.env(user=user.id)
        try:
            with self.env.cr.savepoint():
                env.clear()
                if sample.startswith("wiz:"):
                    wiz_model, vals = self.wizard_values(sample[4:])
                    record = api.call_kw(env[wiz_model], "create", [vals], {})
                    args = [[record]]
                elif sample.startswith("wizline:"):  # the first row of the caller's own wizard
                    wiz_model, vals = self.wizard_values(sample[8:])
                    record = api.call_kw(env[wiz_model], "create", [vals], {})
                    args = [env[wiz_model].browse(record).line_ids[:1].ids]
                elif sample.startswith("xlsx:"):
                    wiz_model, vals = self.wizard_values(sample[5:])
                    record = api.call_kw(env[wiz_model], "create", [vals], {})
                    args = [[], [record], {}]
                elif sample.startswith("print:"):
                    report = self.env.ref("%s.%s" % (MODULE, sample[6:]))
                    if method == "render_xlsx":
                        wiz_model, vals = self.wizard_values("report_metrics")
                        args = [[report.id], [api.call_kw(env[wiz_model], "create", [vals], {})], {}]
                    else:
                        args = [[report.id], [self.class_5a.id]]
                elif sample.startswith("report:"):
                    args = self.report_args(sample[7:], user)
                elif sample == "pg_confirmed":
                    grade = self.period_grade("confirmed")
                    args = [[grade.id]]
                else:
                    ids, extra = samples[sample]
                    args = (list(extra) if ids is None else [ids] + list(extra))
                api.call_kw(env[model], method, args, {})
                env.clear()
                raise _Done()
        except _Done:
            return None
        except Exception as error:  # noqa: BLE001  (inspected by the caller)
            self.env.clear()
            return error

    def report_args(self, what, user):
        if what == "class_5a":
            return [[self.class_5a.id], {}]
        if what == "artem":
            return [[self.artem.id], {}]
        if what == "company":
            return [[self.env.user.company_id.id], {}]
        if what == "course_club":
            return [[self.env.ref(MODULE + ".demo_activity_club").id], {}]
        if what == "xlsx":
            return [None, {}, []]
        key = {"wiz_attendance": "report_attendance", "wiz_metrics": "report_metrics",
               "wiz_programme": "report_programme", "wiz_login": "login"}[what]
        wiz_model, vals = self.wizard_values(key)
        wizard = self.env[wiz_model].sudo(user).create(vals)
        return [wizard.ids, {}]

    # ------------------------------------------------------------------ tests
    def test_every_public_method_has_a_row(self):
        missing = sorted(m for m in public_methods(self.env)
                         if m not in matrix.METHODS and m[1] not in matrix.ORM_METHODS)
        self.assertFalse(missing, "public methods without a row in tests/method_matrix.py: %s" % missing)
        unknown = sorted("%s.%s (%s)" % (m[0], m[1], module) for m, module in inherited_methods(self.env).items()
                         if m not in matrix.METHODS and m[1] not in matrix.ORM_METHODS
                         and not any(module.startswith(prefix) for prefix in matrix.INHERITED))
        self.assertFalse(unknown, "inherited public methods of no known addon: %s" % unknown)
        known = public_methods(self.env) | set(inherited_methods(self.env))
        stale = sorted(m for m in matrix.METHODS if m not in known)
        self.assertFalse(stale, "rows of tests/method_matrix.py without such a method: %s" % stale)

    def test_rows_are_well_formed(self):
        for key, (sample, allowed, why) in matrix.METHODS.items():
            self.assertTrue(set(allowed) <= set(matrix.ROLES), key)
            self.assertTrue(why, key)

    def test_refused_to_every_other_role(self):
        started = time.time()
        samples = self.make_samples()
        self.env.cr.execute("SELECT now()")
        before = self.snapshot()
        problems, calls = [], 0
        for (model, method), (sample, allowed, _why) in sorted(matrix.METHODS.items()):
            for role in matrix.ROLES:
                if role in allowed and allowed != matrix.ALL:
                    continue
                self.assertLess(time.time() - started, TIME_LIMIT, "the method matrix takes too long")
                error = self.call(self.users[role], model, method, sample, samples)
                calls += 1
                if allowed == matrix.ALL:
                    if error is not None and not isinstance(error, REFUSALS):
                        problems.append("%s.%s as %s: %s: %s" % (model, method, role, type(error).__name__,
                                                                 error))
                    continue
                if sample == "report:xlsx":
                    if error is None:
                        problems.append("%s.%s as %s: no refusal" % (model, method, role))
                    continue
                if error is None:
                    problems.append("%s.%s as %s: not refused" % (model, method, role))
                elif not isinstance(error, REFUSALS):
                    problems.append("%s.%s as %s: %s: %s" % (model, method, role, type(error).__name__, error))
                elif not CYRILLIC.search(str(error.name if hasattr(error, "name") else error)):
                    problems.append("%s.%s as %s: not in Russian: %s" % (model, method, role, error))
        self.assertEqual(self.snapshot(), before, "a refused call wrote something")
        self.assertFalse(problems, "\n".join(problems))
        self.assertGreater(calls, 100)


    def test_the_samples_work_for_an_allowed_role(self):
        """The refusals above are not those of a broken sample: the first allowed
        role of each row succeeds with the same sample (rolled back)."""
        started = time.time()
        samples = self.make_samples()
        problems = []
        for (model, method), (sample, allowed, _why) in sorted(matrix.METHODS.items()):
            if not allowed or (model, method) in matrix.NO_CONTROL:
                continue
            role = "school_admin" if "school_admin" in allowed else allowed[0]
            self.assertLess(time.time() - started, TIME_LIMIT, "the method matrix takes too long")
            error = self.call(self.users[role], model, method, sample, samples)
            if error is not None:
                problems.append("%s.%s as %s: %s: %s" % (model, method, role, type(error).__name__, error))
        self.assertFalse(problems, "\n".join(problems))


class _Done(Exception):
    """Ends the savepoint of a call that succeeded: its effects are rolled back too."""


def fields_date_after(day):
    from datetime import timedelta

    from odoo import fields
    return fields.Date.to_string(fields.Date.from_string(day) + timedelta(days=7))
