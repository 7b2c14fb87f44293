"""Journal-keeping control: the register of violations the deputy director works.
The cron finds every rule's cases for the whole school in ONE statement
(INSERT … SELECT … UNION ALL … ON CONFLICT (key) DO NOTHING): a violation is
keyed by rule and object, so a second run creates nothing."""
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html_escape

from ..tools.attendance_sql import OUT_OF_LESSON_SQL
from ..tools.batch_sql import without_jit
from ..tools.translate import _

RULES = [
    ("no_topic", "Lesson topic not recorded"),
    ("no_homework", "Homework not set"),
    ("control_no_grades", "No grades for a test"),
    ("late_grades", "Grades entered late"),
    ("period_no_grades", "Final grades for the period not given"),
    ("required_marks_missing", "Required grade missing for students present"),
    ("programme_gap", "Behind the Programme"),
]
STATES = [("open", "Unresolved"), ("resolved", "Resolved"), ("excused", "Valid Reason")]

DETECT_SQL = """
    WITH params AS (SELECT %(today)s::date AS today, %(since)s::date AS since),
    recent AS (
        -- marks_used: a grade level taught without marks (the first grade) expects no marks
        -- and no homework
        SELECT l.*, coalesce(l.substitute_teacher_id, l.teacher_id) AS who, gl.marks_used
          FROM school_lesson l
          JOIN school_class c ON c.id = l.class_id
          JOIN school_grade_level gl ON gl.id = c.grade_level_id, params
         WHERE l.date < params.today AND l.date >= params.since AND NOT coalesce(l.cancelled, false)
    ), found AS (
        SELECT 'no_topic' AS rule, 'no_topic:' || l.id AS key, l.who AS teacher_id, l.id AS lesson_id,
               l.period_id, l.class_id, l.subject_id, l.date, NULL::text AS detail
          FROM recent l WHERE coalesce(trim(l.topic), '') = ''
        UNION ALL
        SELECT 'no_homework', 'no_homework:' || l.id, l.who, l.id, l.period_id, l.class_id, l.subject_id,
               l.date, NULL
          FROM recent l
         WHERE %(homework_required)s AND l.marks_used AND coalesce(trim(l.homework), '') = ''
           AND NOT EXISTS (SELECT 1 FROM school_lesson_homework_attachment_rel r WHERE r.lesson_id = l.id)
        UNION ALL
        SELECT 'control_no_grades', 'control_no_grades:' || l.id, l.who, l.id, l.period_id, l.class_id,
               l.subject_id, l.date, NULL
          FROM recent l JOIN school_work_kind k ON k.id = l.work_kind_id AND k.is_control, params
         WHERE l.date <= params.today - %(control_days)s AND l.marks_used
           AND NOT EXISTS (SELECT 1 FROM school_grade g WHERE g.lesson_id = l.id)
        UNION ALL
        SELECT 'late_grades', 'late_grades:' || l.id, l.who, l.id, l.period_id, l.class_id, l.subject_id,
               l.date, count(g.id) || ' отм., последняя ' || to_char(max(g.create_date), 'DD.MM.YYYY')
          FROM recent l JOIN school_grade g ON g.lesson_id = l.id
         WHERE g.create_date::date > l.date + %(late_days)s AND g.create_uid <> %(superuser)s
           -- lessons loaded in bulk together with their grades (imports, demo) are not late entries
           AND g.create_date > l.create_date + interval '1 hour'
         GROUP BY l.id, l.who, l.period_id, l.class_id, l.subject_id, l.date
        UNION ALL
        SELECT 'period_no_grades', 'period_no_grades:' || a.period_id || ':' || a.class_id || ':' || a.subject_id,
               coalesce((SELECT min(t.teacher_id) FROM school_load_class t
                          WHERE t.class_id = a.class_id AND t.subject_id = a.subject_id), min(a.teacher_id)),
               NULL, a.period_id, a.class_id, a.subject_id, p.date_end,
               count(DISTINCT a.student_id) || ' уч. без оценки'
          FROM school_period p
          JOIN params ON p.date_end < params.today AND p.date_end >= params.since
          JOIN school_attendance a ON a.period_id = p.id
          JOIN school_class c ON c.id = a.class_id
          JOIN school_grade_level gl ON gl.id = c.grade_level_id AND gl.marks_used
         WHERE p.kind <> 'year'
           AND NOT EXISTS (SELECT 1 FROM school_period_grade pg
                            WHERE pg.student_id = a.student_id AND pg.subject_id = a.subject_id
                              AND pg.period_id = p.id AND pg.value IS NOT NULL)
         GROUP BY a.period_id, a.class_id, a.subject_id, p.date_end
        UNION ALL
        -- «отметка обязательна всем»: present pupils (no mark of absence) without a mark,
        -- one violation per lesson naming them; a control work with no mark at all is
        -- «control_no_grades» already
        SELECT 'required_marks_missing', 'required_marks_missing:' || l.id, l.who, l.id, l.period_id, l.class_id,
               l.subject_id, l.date,
               count(*) || ' уч. без отметки: ' || string_agg(s.name, ', ' ORDER BY s.name, s.id)
          FROM recent l CROSS JOIN params
          JOIN school_work_kind k ON k.id = l.work_kind_id AND k.requires_topic_mark
          JOIN school_attendance a ON a.lesson_id = l.id
          JOIN school_student s ON s.id = a.student_id
          LEFT JOIN school_attendance_code ac ON ac.id = a.code_id
         WHERE %(marks_required)s AND l.marks_used AND l.date <= params.today - %(marks_required_days)s
           AND NOT coalesce(ac.counts_as_absence, false)
           AND NOT EXISTS (SELECT 1 FROM school_grade g WHERE g.attendance_id = a.id)
           AND NOT """ + OUT_OF_LESSON_SQL + """
           AND NOT (k.is_control AND NOT EXISTS (SELECT 1 FROM school_grade g WHERE g.lesson_id = l.id))
         GROUP BY l.id, l.who, l.period_id, l.class_id, l.subject_id, l.date
        UNION ALL
        -- «выполнение программы»: held lessons behind the timetable's (cancelled ones) by more than
        -- the setting, per teaching load and period, for a period that has ended or to date
        SELECT 'programme_gap', 'programme_gap:' || l.period_id || ':' || t.id, t.teacher_id, NULL, l.period_id,
               t.class_id, t.subject_id, least(p.date_end, min(params.today) - 1),
               'запланировано ' || count(*) || ', проведено '
               || count(*) FILTER (WHERE NOT coalesce(l.cancelled, false))
          FROM school_teaching_assignment t CROSS JOIN params
          JOIN school_lesson l ON l.class_id = t.class_id AND l.subject_id = t.subject_id
               AND l.subgroup_id IS NOT DISTINCT FROM t.subgroup_id AND l.date < params.today
          JOIN school_period p ON p.id = l.period_id AND p.date_end >= params.since
         GROUP BY t.id, t.teacher_id, t.class_id, t.subject_id, l.period_id, p.date_end
        HAVING count(*) FILTER (WHERE l.cancelled) > %(programme_gap)s
    )
"""


class SchoolViolation(models.Model):
    """One violation of the order of keeping the journal."""
    _name = "school.violation"
    _description = "Journal Keeping Procedure Violation"
    _inherit = ["school.field.guard", "mail.thread"]
    _order = "date desc, id desc"
    # client_gate.py: decided by the buttons (which stamp who and when); what
    # was violated, by whom and when is fixed when it is registered
    _school_server_fields = ("state", "escalation_id")
    _school_create_only_fields = ("teacher_id", "rule", "lesson_id", "period_id", "class_id", "subject_id",
                                  "date", "detail")

    name = fields.Char(string="Violation", compute="_compute_name")
    teacher_id = fields.Many2one("res.users", required=True, index=True,
                                 track_visibility="onchange")
    rule = fields.Selection(RULES, required=True, index=True)
    lesson_id = fields.Many2one("school.lesson", index=True, ondelete="cascade")
    period_id = fields.Many2one("school.period", string="Academic Period", index=True, ondelete="set null")
    class_id = fields.Many2one("school.class", index=True, ondelete="cascade")
    subject_id = fields.Many2one("school.subject", ondelete="set null")
    date = fields.Date(required=True, index=True)
    detail = fields.Char(string="Details")
    state = fields.Selection(STATES, default="open", required=True, index=True,
                             track_visibility="onchange")
    excuse = fields.Text(string="Reason (Explanation)", track_visibility="onchange")
    decided_by = fields.Many2one("res.users", readonly=True)
    decided_date = fields.Datetime(string="Decision Date", readonly=True)
    key = fields.Char(index=True, copy=False, readonly=True)
    count = fields.Integer(default=1, readonly=True, group_operator="sum")
    # the signal itself is the deputy's and the director's (a teacher reads no monitoring alerts)
    escalation_id = fields.Many2one("school.monitoring.alert", string="Reported to Director", readonly=True,
                                    index=True, ondelete="set null", copy=False,
                                    groups="school_ejournal.group_deputy,school_ejournal.group_director,"
                                           "school_ejournal.group_school_admin")

    _sql_constraints = [("key_unique", "unique(key)", "This violation has already been registered.")]

    def _compute_name(self):
        labels = self._school_selection_labels("rule")
        for violation in self:
            violation.name = "%s: %s" % (labels.get(violation.rule, ""), violation.lesson_id.name
                                         or "%s, %s" % (violation.class_id.name or "", violation.subject_id.name or ""))

    # ------------------------------------------------------------------ actions
    def action_excuse(self):
        for violation in self:
            if not (violation.excuse or "").strip():
                raise UserError(_("To recognize the reason as valid, enter it in the “Reason” field."))
        self._decide("excused")
        return True

    def action_resolve(self):
        self._decide("resolved")
        return True

    def action_reopen(self):
        self._decide("open")
        return True

    def action_escalate(self):
        """«Сообщить директору»: the not excused violations of each teacher (and
        period) of these go to the director and the incentive-pay committee's
        list: one signal that records who sent it, when and to whom, an activity
        and a message for the director. The deputy director's decision."""
        if not self.env.user.has_group("school_ejournal.group_deputy"):
            raise AccessError(_("Only the deputy director can report violations to the director."))
        self.check_access_rule("read")
        sender = self.env.user
        # sudo: the deputy may not create signals or activities himself; who sent
        # them is recorded (escalated_by) and shown as the message's author
        alerts = self.env["school.monitoring.alert"]
        for teacher_id, period_id in sorted({(v.teacher_id.id, v.period_id.id) for v in self}):
            alerts |= self.sudo()._escalate_teacher(teacher_id, period_id, sender)
        action = {"type": "ir.actions.act_window", "res_model": "school.monitoring.alert",
                  "name": _("Reported to Director"), "target": "current"}
        if len(alerts) == 1:
            return dict(action, view_mode="form", views=[(False, "form")], res_id=alerts.id)
        return dict(action, view_mode="tree,form", views=[(False, "list"), (False, "form")],
                    domain=[("id", "in", alerts.ids)])

    def _escalate_teacher(self, teacher_id, period_id, sender):
        """One signal to the director about the teacher's violations of the period."""
        Alert = self.env["school.monitoring.alert"]
        violations = self.search([("teacher_id", "=", teacher_id), ("period_id", "=", period_id or False),
                                  ("state", "!=", "excused")], order="date, id")
        teacher = self.env["res.users"].browse(teacher_id)
        period = self.env["school.period"].browse(period_id)
        if not violations:
            raise UserError(_("Teacher %s has no violations to report: all of them have been recognized as "
                              "excused.") % teacher.name)
        limit = self.env["school.monitoring"]._rules()["violation_limit"]
        base = "violations:%s:%s" % (teacher_id, period_id or 0)
        # the nightly check's key first (it then does not report the same again), then numbered
        key, number = base, 1
        while Alert._existing_keys([key]):
            number += 1
            key = "%s:%s" % (base, number)
        directors = Alert._directors()
        today = fields.Date.context_today(self)
        note = self._escalation_note(teacher, period, violations, limit, sender)
        alert = Alert._raise("violations", key, _("Repeated violations: %(teacher)s, %(period)s")
                             % {"teacher": teacher.name,
                                "period": period.name or _("no period")}, directors, note, today,
                             _("Repeated journal-keeping violations: %s") % teacher.name,
                             count=len(violations), teacher_id=teacher_id, period_id=period_id or False,
                             escalated_by=sender.id)
        alert.message_post(body=note, author_id=sender.partner_id.id, partner_ids=directors.mapped("partner_id").ids,
                           subtype="mail.mt_comment", message_type="comment")
        violations._school_server_write({"escalation_id": alert.id})
        return alert

    def _escalation_note(self, teacher, period, violations, limit, sender=None):
        labels = self._school_selection_labels("rule")
        by_rule = {}
        for violation in violations:
            by_rule[violation.rule] = by_rule.get(violation.rule, 0) + 1
        head = _("%(teacher)s: %(count_violations)s violations of journal-keeping rules in period “%(period)s” "
                 "(threshold %(limit)s).") % {
            "teacher": teacher.name, "count_violations": len(violations), "period": period.name or _("no period"),
            "limit": limit}
        if sender:
            head += " " + _("Reported by %s.") % sender.name
        return "<p>%s</p><ul>%s</ul><p>%s</p>" % (
            html_escape(head),
            "".join("<li>%s: %s</li>" % (html_escape(labels[r]), c) for r, c in sorted(by_rule.items())),
            html_escape(_("The teacher has been put on the list for the incentive payments committee.")))

    def _decide(self, state):
        self._school_server_write({"state": state, "decided_by": self.env.uid if state != "open" else False,
                    "decided_date": fields.Datetime.now() if state != "open" else False})

    # ------------------------------------------------------------------ cron
    @api.model
    def _cron_journal_control(self, today=None, escalate=True):
        """Register new violations of every rule, resolve those whose cause is gone,
        and tell the director of teachers with R or more violations in a period
        (unless ``escalate`` is false: «Проверить сейчас» leaves that to the
        deputy's «Сообщить директору» and to the night). Returns counts."""
        Monitoring = self.env["school.monitoring"]
        today = Monitoring._today(today)
        rules = Monitoring._rules()
        day = fields.Date.from_string(today)
        params = {"today": today, "since": fields.Date.to_string(day - timedelta(days=rules["lookback_days"])),
                  "homework_required": rules["homework_required"], "control_days": rules["control_days"],
                  "late_days": rules["late_entry_days"], "superuser": 1, "uid": self.env.uid}
        grading = self.env.user.company_id._school_grading_rules()
        params.update(marks_required=grading["mark_required"], marks_required_days=grading["mark_required_days"],
                      programme_gap=rules["programme_gap"])
        cr = self.env.cr
        without_jit(cr)
        # One statement, so that the rules are evaluated once: register what is new,
        # resolve the open violations whose cause is gone (a topic written, grades
        # entered; a late entry stays a fact), refresh the pupils still without a
        # mark and the gap of a period still running. The parts touch disjoint rows.
        cr.execute(DETECT_SQL + """,
            inserted AS (
                INSERT INTO school_violation (create_uid, create_date, write_uid, write_date, rule, key, teacher_id,
                                              lesson_id, period_id, class_id, subject_id, date, detail, state, count)
                SELECT %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC', f.rule, f.key,
                       f.teacher_id, f.lesson_id, f.period_id, f.class_id, f.subject_id, f.date, f.detail, 'open', 1
                  FROM found f WHERE f.teacher_id IS NOT NULL
                ON CONFLICT (key) DO NOTHING
                RETURNING 1
            ), resolved AS (
                UPDATE school_violation v SET state = 'resolved', write_date = now() AT TIME ZONE 'UTC',
                       decided_date = now() AT TIME ZONE 'UTC', decided_by = %(uid)s
                 WHERE v.state = 'open' AND v.rule IN ('no_topic', 'no_homework', 'control_no_grades',
                                                       'period_no_grades', 'required_marks_missing', 'programme_gap')
                   AND v.date >= %(since)s::date
                   AND NOT EXISTS (SELECT 1 FROM found f WHERE f.key = v.key)
                RETURNING 1
            ), marks AS (
                UPDATE school_violation v SET detail = f.detail, write_date = now() AT TIME ZONE 'UTC'
                  FROM found f
                 WHERE %(marks_required)s AND f.key = v.key AND f.rule = 'required_marks_missing'
                   AND v.state = 'open' AND v.detail IS DISTINCT FROM f.detail
            ), gap AS (
                UPDATE school_violation v SET detail = f.detail, date = f.date, write_date = now() AT TIME ZONE 'UTC'
                  FROM found f
                 WHERE f.key = v.key AND f.rule = 'programme_gap' AND v.state = 'open'
                   AND (v.detail IS DISTINCT FROM f.detail OR v.date IS DISTINCT FROM f.date)
            )
            SELECT (SELECT count(*) FROM inserted), (SELECT count(*) FROM resolved)
        """, params)
        created, resolved = cr.fetchone()
        self.invalidate_cache()
        escalated = self._escalate_to_director(today, rules["violation_limit"]) if escalate else 0
        return {"created": created, "resolved": resolved, "escalated": escalated}

    @api.model
    def _offenders(self, limit, period_ids=None):
        """[(teacher_id, period_id, count)] of teachers with ``limit`` or more
        violations (not excused) in a period: one aggregate."""
        self.env.cr.execute("""
            SELECT teacher_id, period_id, count(*) FROM school_violation
             WHERE state <> 'excused' AND period_id IS NOT NULL AND (%s OR period_id IN %s)
             GROUP BY teacher_id, period_id HAVING count(*) >= %s
             ORDER BY period_id, count(*) DESC
        """, (period_ids is None, tuple(period_ids or [0]), limit))
        return self.env.cr.fetchall()

    @api.model
    def _escalate_to_director(self, today, limit):
        Alert = self.env["school.monitoring.alert"]
        offenders = self._offenders(limit)
        keys = ["violations:%s:%s" % (t, p) for t, p, _c in offenders]
        existing = Alert._existing_keys(keys)
        new = [(o, k) for o, k in zip(offenders, keys) if k not in existing]
        if not new:
            return 0
        directors = Alert._directors()
        labels = self._school_selection_labels("rule")
        for (teacher_id, period_id, count), key in new:
            teacher = self.env["res.users"].browse(teacher_id)
            period = self.env["school.period"].browse(period_id)
            self.env.cr.execute("""
                SELECT rule, count(*) FROM school_violation
                 WHERE teacher_id = %s AND period_id = %s AND state <> 'excused' GROUP BY rule ORDER BY rule
            """, (teacher_id, period_id))
            by_rule = self.env.cr.fetchall()
            note = "<p>%s</p><ul>%s</ul><p>%s</p>" % (
                html_escape(_("%(teacher)s: %(count)s journal-keeping violations in period “%(period)s” "
                              "(threshold %(limit)s).")
                            % {"teacher": teacher.name, "count": count, "period": period.name, "limit": limit}),
                "".join("<li>%s: %s</li>" % (html_escape(labels[r]), c) for r, c in by_rule),
                html_escape(_("The teacher has been put on the list for the incentive payments committee.")))
            Alert._raise("violations", key, _("Repeated violations: %(teacher)s, %(period)s")
                         % {"teacher": teacher.name, "period": period.name},
                         directors, note, today, _("Repeated journal-keeping violations: %s") % teacher.name,
                         count=count, teacher_id=teacher_id, period_id=period_id)
        return len(new)
