import logging

from odoo import SUPERUSER_ID, api, fields, models
from odoo.addons.queue_job.job import identity_exact, job
from odoo.exceptions import AccessError, UserError

from ..tools.translate import _
from ..models.council_decision import DECISIONS
from ..models.journal_print import in_user_language, job_failure_reason

_logger = logging.getLogger(__name__)
STATES = [("years", "Choose Academic Years"), ("preview", "Check"), ("running", "Running in Background"),
          ("failed", "Failed"), ("done", "Completed")]
LINE_KINDS = [("next", "Promotion to the Next Class"), ("repeat", "Class for Students Kept Back"),
              ("graduate", "Graduation")]
# what the pupil's decision does on the new year's first day
LEAVING = ("graduated", "left")


def _admin_only(model, raise_exception):
    """The wizard and its lines are the school admin's (Odoo opens transient
    models to everybody): True when the user may use them."""
    if model.env.uid == SUPERUSER_ID or model.env.user.has_group("school_ejournal.group_school_admin"):
        return True
    if raise_exception:
        raise AccessError(_("The year rollover is done by the school administrator."))
    return False


class SchoolYearRollover(models.TransientModel):
    """«Переход на новый учебный год»: the school admin chooses the closed year
    and the new one, reviews what will be created (classes with their class
    teacher, the pupils with the council's decisions, the subgroups, teaching
    load and КТП to copy) and confirms. The preview writes only these transient
    lines; the confirmation creates what is missing, keyed on the source class
    and the new year, so a second run creates nothing twice. Pupils move through
    the movement model on the new year's first day: the closed year (its
    lessons, grades, period grades, seals) is never written."""
    _name = "school.year.rollover"
    _description = "Year Rollover"

    @api.model
    def check_access_rights(self, operation, raise_exception=True):
        return _admin_only(self, raise_exception) and super(SchoolYearRollover, self).check_access_rights(
            operation, raise_exception)

    old_year_id = fields.Many2one("school.academic.year", string="Closed Academic Year", required=True)
    new_year_id = fields.Many2one("school.academic.year", string="New Academic Year",
                                  help="If not chosen and the year does not exist yet, it will be created from "
                                       "the settings’ calendar (periods per grade level, holidays).")
    protocol_number = fields.Char(string="Teachers’ Council Minutes No.")
    protocol_date = fields.Date(string="Minutes Date")
    state = fields.Selection(STATES, string="Step", default="years", readonly=True)
    summary = fields.Text(string="What Will Be Created", readonly=True)
    failure = fields.Text(string="Why It Failed", readonly=True)
    line_ids = fields.One2many("school.year.rollover.line", "rollover_id", string="Classes")
    pupil_ids = fields.One2many("school.year.rollover.pupil", "rollover_id", string="Students")

    @api.onchange("old_year_id")
    def _onchange_old_year(self):
        if self.old_year_id:
            self.new_year_id = self._next_year(self.old_year_id)

    @api.model
    def _next_year(self, old_year):
        return self.env["school.academic.year"].search([("date_start", ">", old_year.date_end)],
                                                       order="date_start", limit=1)

    def _check_admin(self):
        _admin_only(self, True)

    def _new_year_dates(self):
        """(the new year or an empty recordset, its first day, its name)."""
        self.ensure_one()
        year = self.new_year_id or self._next_year(self.old_year_id)
        if year:
            if year.date_start <= self.old_year_id.date_end:
                raise UserError(_("The new academic year must start after the end of year %s.")
                                % self.old_year_id.name)
            return year, year.date_start, year.name
        values = self.old_year_id._next_year_values()
        return year, values["date_start"], values["name"]

    # ------------------------------------------------------------------ preview
    def action_preview(self):
        """Fill the transient lines of what the confirmation will create."""
        self.ensure_one()
        self._check_admin()
        self._check_not_running()
        year, _start, year_name = self._new_year_dates()
        levels = self.env["school.grade.level"]._by_number()
        classes = self.env["school.class"].search([("academic_year_id", "=", self.old_year_id.id)])
        if not classes:
            raise UserError(_("Academic year %s has no classes.") % self.old_year_id.name)
        Decision = self.env["school.council.decision"]
        lines, pupils, repeat_keys = [], [], set()
        for school_class in classes.sorted(lambda c: (c.grade, c.letter)):
            defaults = Decision._defaults_for_class(school_class)
            decisions = {d.student_id.id: d for d in Decision.search([
                ("academic_year_id", "=", self.old_year_id.id), ("student_id", "in", list(defaults))])}
            for student_id, values in sorted(defaults.items()):
                decision = decisions.get(student_id) or Decision
                pupils.append((0, 0, {
                    "student_id": student_id, "class_id": school_class.id, "decision_id": decision.id or False,
                    "decision": decision.decision if decision else values["decision"],
                    "debt_subject_ids": [(6, 0, decision.debt_subject_ids.ids)] if decision
                    else values["debt_subject_ids"],
                    "retake_deadline": decision.retake_deadline if decision else False}))
                if (decision.decision if decision else values["decision"]) == "repeat":
                    repeat_keys.add((school_class.grade_level_id.id, school_class.letter))
            level = levels.get(school_class.grade + 1)
            target = self._target_class(year, level, school_class.letter) if level else None
            lines.append((0, 0, {
                "source_class_id": school_class.id, "kind": "next" if level else "graduate",
                "grade_level_id": level.id if level else False, "letter": school_class.letter,
                "target_class_id": target.id if target else False,
                "class_teacher_id": (target.class_teacher_id if target and target.class_teacher_id
                                     else school_class.class_teacher_id).id or False,
                "copy_subgroups": bool(level), "copy_load": bool(level), "copy_plans": bool(level),
                "pupil_count": len(defaults)}))
        next_keys = {(l[2]["grade_level_id"], l[2]["letter"]) for l in lines if l[2]["kind"] == "next"}
        for level_id, letter in sorted(repeat_keys - next_keys):
            target = self._target_class(year, self.env["school.grade.level"].browse(level_id), letter)
            lines.append((0, 0, {"kind": "repeat", "grade_level_id": level_id, "letter": letter,
                                 "target_class_id": target.id if target else False,
                                 "class_teacher_id": target.class_teacher_id.id if target else False,
                                 "copy_subgroups": False, "copy_load": False, "copy_plans": False}))
        self.line_ids.unlink()
        self.pupil_ids.unlink()
        self._school_server_write({"line_ids": lines, "pupil_ids": pupils, "state": "preview"})
        self._school_server_write({"summary": self._summary(year, year_name)})
        return self._reopen()

    def _target_class(self, year, level, letter):
        """The new year's class of ``level`` and ``letter`` (the key that keeps
        a second run from creating it twice), or None."""
        if not year:
            return None
        return self.env["school.class"].with_context(active_test=False).search([
            ("academic_year_id", "=", year.id), ("grade_level_id", "=", level.id), ("letter", "=", letter)],
            limit=1) or None

    def _summary(self, year, year_name):
        out = []
        if self.old_year_id.period_ids.filtered(lambda p: p.kind == "year" and p.state != "closed"):
            out.append(_("Note: academic year %s is not closed yet — its year grades can still be changed.")
                       % self.old_year_id.name)
        if not year:
            out.append(_("Academic year %s will be created with periods and holidays from the settings’ calendar.")
                       % year_name)
        created = [l.name for l in self.line_ids if l.kind != "graduate" and not l.target_class_id]
        if created:
            out.append(_("New classes: %s.") % ", ".join(created))
        graduates = [l.source_class_id.name for l in self.line_ids if l.kind == "graduate"]
        if graduates:
            out.append(_("Graduating: %s.") % ", ".join(graduates))
        moving = self.pupil_ids.filtered(lambda p: p.decision not in LEAVING or p.continues)
        out.append(_("Students promoted: %(moving)s; leaving: %(leaving)s; teachers’ council decisions to "
                     "record: %(new)s.") % {"moving": len(moving), "leaving": len(self.pupil_ids) - len(moving),
                                    "new": len(self.pupil_ids.filtered(lambda p: not p.decision_id))})
        out.extend(line.copy_text for line in self.line_ids if line.copy_text)
        return "\n".join(out)

    def _reopen(self):
        return {"type": "ir.actions.act_window", "name": _("Year Rollover"), "res_model": self._name,
                "res_id": self.id, "view_mode": "form", "target": "new"}

    def action_back(self):
        self.ensure_one()
        self._check_admin()
        self._check_not_running()
        if self.state == "done":
            raise UserError(_("The year rollover has already been done."))
        self.line_ids.unlink()
        self.pupil_ids.unlink()
        self._school_server_write({"state": "years", "summary": False})
        return self._reopen()

    # ------------------------------------------------------------------ confirm
    def _check_not_running(self):
        if self.state == "running":
            raise UserError(_("The year rollover is running in background: wait for its notice."))

    def _check_confirmable(self):
        self.ensure_one()
        self._check_admin()
        self._check_not_running()
        if self.state not in ("preview", "failed"):
            raise UserError(_("First build the list of what will be created."))

    def action_confirm(self):
        """Create what the preview lists and is still missing."""
        self._check_confirmable()
        self._confirm()
        return self._reopen()

    def action_confirm_in_background(self):
        """The same in a background job: the administrator may close the window and is told
        when it ends; a failure leaves nothing written and says why (confirm again to retry)."""
        self._check_confirmable()
        self._school_server_write({"state": "running", "failure": False})
        self.with_context(test_queue_job_no_delay=False).with_delay(
            description=_("Year rollover from %s") % self.old_year_id.name, identity_key=identity_exact
        )._job_confirm()
        return self._reopen()

    @job(default_channel="root")
    def _job_confirm(self):
        self = in_user_language(self)   # _() reads the caller's self
        if self.state != "running":
            return
        try:
            with self.env.cr.savepoint():
                self._confirm()
        except Exception as exc:  # noqa: BLE001 - any failure is told in Russian, the savepoint undid it
            _logger.exception("year rollover from %s failed", self.old_year_id.name)
            self.env.clear()   # what the savepoint undid is not in the cache either
            reason = job_failure_reason(self, exc)
            self._school_server_write({"state": "failed", "failure": reason})
            self.env.user.notify_warning(_("The year rollover failed: %s") % reason, title=_("Year Rollover"),
                                         sticky=True)
            return reason
        self.env.user.notify_info(self.summary, title=_("Year Rollover"), sticky=True)
        return self.summary

    def _confirm(self):
        year, start, _name = self._new_year_dates()
        if not year:
            year = self.old_year_id._create_next_year()
        done = {"classes": 0, "moves": 0, "decisions": 0}
        self._write_decisions(done)
        targets = {}
        for line in self.line_ids.filtered(lambda l: l.kind != "graduate"):
            self._ensure_class(year, line.grade_level_id, line.letter, targets, done, line)
        moved = self._move_pupils(year, start, targets, done)
        following = self.line_ids.filtered(lambda l: l.kind == "next")
        by_source = {line.source_class_id.id: targets[(line.grade_level_id.id, line.letter)] for line in following}
        for line in following:
            line._copy_to(by_source[line.source_class_id.id], moved, by_source)
        self._school_server_write({"state": "done", "new_year_id": year.id, "summary": _(
            "Academic year %(year)s: classes created %(classes)s, council decisions recorded %(decisions)s, "
            "student movements made %(moves)s.") % dict(done, year=year.name)})

    def _ensure_class(self, year, level, letter, targets, done, line=None):
        """The new year's class of ``level`` and ``letter``: found, else created
        with the line's class teacher; kept in ``targets``."""
        key = (level.id, letter)
        if key in targets:
            return targets[key]
        target = self._target_class(year, level, letter)
        teacher = line.class_teacher_id if line else self.env["res.users"]
        if not target:
            source = line.source_class_id if line else self.env["school.class"]
            target = self.env["school.class"].create({
                "academic_year_id": year.id, "grade_level_id": level.id, "letter": letter,
                "class_teacher_id": teacher.id or False, "shift": source.shift or "1", "room": source.room})
            done["classes"] += 1
        elif teacher and not target.class_teacher_id:
            target.class_teacher_id = teacher
        targets[key] = target
        return target

    def _write_decisions(self, done):
        """The council's decisions: created where missing (with the protocol),
        changed where the admin changed them in the preview."""
        Decision = self.env["school.council.decision"]
        for pupil in self.pupil_ids:
            values = {"decision": pupil.decision, "debt_subject_ids": [(6, 0, pupil.debt_subject_ids.ids)],
                      "retake_deadline": pupil.retake_deadline if pupil.decision == "conditional" else False}
            decision = pupil.decision_id or Decision.search([
                ("student_id", "=", pupil.student_id.id), ("academic_year_id", "=", self.old_year_id.id)])
            if not decision:
                decision = Decision.create(dict(values, student_id=pupil.student_id.id,
                                                academic_year_id=self.old_year_id.id, class_id=pupil.class_id.id,
                                                protocol_number=self.protocol_number,
                                                protocol_date=self.protocol_date))
                done["decisions"] += 1
            else:
                changed = {k: v for k, v in values.items() if k != "debt_subject_ids" and decision[k] != v}
                if set(pupil.debt_subject_ids.ids) != set(decision.debt_subject_ids.ids):
                    changed["debt_subject_ids"] = values["debt_subject_ids"]
                if not decision.protocol_number and self.protocol_number:
                    changed.update(protocol_number=self.protocol_number, protocol_date=self.protocol_date)
                if changed:
                    decision.write(changed)
            pupil._school_server_write({"decision_id": decision.id})

    def _move_pupils(self, year, start, targets, done):
        """Movements on the new year's first day through the movement model:
        transfer to the next (or, оставлен, the same level's) class, departure of
        graduates and of pupils who left. A pupil already in a class of the new
        year (or gone) is skipped. Returns {new class id: [student ids]}."""
        Movement = self.env["school.student.movement"]
        moved = {}
        for pupil in self.pupil_ids:
            current = pupil.student_id._get_class_on(start)
            if not current or current.academic_year_id == year:
                if current:
                    moved.setdefault(current.id, []).append(pupil.student_id.id)
                continue
            source = pupil.class_id
            leaving = pupil.decision in LEAVING and not (pupil.decision == "graduated" and pupil.continues)
            level = source.grade_level_id if pupil.decision == "repeat" else self.line_ids.filtered(
                lambda l: l.source_class_id == source).grade_level_id
            target = None
            if level and not leaving:
                target = self._ensure_class(year, level, source.letter, targets, done)
            label = self.env["school.council.decision"]._school_selection_labels("decision")[pupil.decision]
            values = {"student_id": pupil.student_id.id, "date": start, "order_number": self.protocol_number,
                      "order_date": self.protocol_date, "reason": _("Council decision: %s") % label}
            if target:
                values.update(movement_type="transfer", to_class_id=target.id)
                moved.setdefault(target.id, []).append(pupil.student_id.id)
            else:
                values.update(movement_type="departure")
            Movement.create(values)
            done["moves"] += 1
        return moved


class SchoolYearRolloverLine(models.TransientModel):
    """A class of the new year: from a class of the closed year (the next grade
    level, same letter) or for the pupils kept in their grade; a graduating
    class has no successor."""
    _name = "school.year.rollover.line"
    _description = "Year Rollover: Class"
    _order = "kind, grade_level_id, letter"
    _school_create_only_fields = ("rollover_id",)   # client_gate.py

    @api.model
    def check_access_rights(self, operation, raise_exception=True):
        return _admin_only(self, raise_exception) and super(SchoolYearRolloverLine, self).check_access_rights(
            operation, raise_exception)

    rollover_id = fields.Many2one("school.year.rollover", string="Year Rollover", required=True,
                                  ondelete="cascade")
    source_class_id = fields.Many2one("school.class", string="Class of the Closed Year", readonly=True)
    kind = fields.Selection(LINE_KINDS, string="What Happens", readonly=True)
    grade_level_id = fields.Many2one("school.grade.level", readonly=True)
    letter = fields.Char(readonly=True)
    name = fields.Char(string="Class of the New Year", compute="_compute_name")
    target_class_id = fields.Many2one("school.class", string="Already Exists", readonly=True)
    class_teacher_id = fields.Many2one("res.users", domain=lambda self: [("groups_id", "in", self.env.ref(
                                           "school_ejournal.group_class_teacher").id)])
    pupil_count = fields.Integer(string="Number of Students", readonly=True)
    copy_subgroups = fields.Boolean()
    copy_load = fields.Boolean(string="Copy Teaching Load")
    copy_plans = fields.Boolean(string="Copy Thematic Plans")
    copy_text = fields.Text(string="What Is Copied", compute="_compute_copy_text")

    @api.depends("grade_level_id", "letter", "kind")
    def _compute_name(self):
        for line in self:
            line.name = "%s%s" % (line.grade_level_id.number, line.letter) if line.kind != "graduate" else ""

    @api.depends("copy_subgroups", "copy_load", "copy_plans")
    def _compute_copy_text(self):
        for line in self:
            source = line.source_class_id
            parts = []
            if line.copy_subgroups and source.subgroup_ids:
                parts.append(_("subgroups: %s") % ", ".join(source.subgroup_ids.mapped("name")))
            if line.copy_load and source.teaching_assignment_ids:
                parts.append(_("teaching load: %s") % "; ".join(
                    "%s — %s" % (a.subject_id.name, a.teacher_id.name) for a in source.teaching_assignment_ids))
            plans = self.env["school.thematic.plan"].search([("class_id", "=", source.id)]) if source else []
            if line.copy_plans and plans:
                parts.append(_("thematic plans: %s") % ", ".join(plans.mapped("subject_id.name")))
            line.copy_text = ("%s → %s: %s" % (source.name, line.name, "; ".join(parts))) if parts else False

    def _copy_to(self, target, moved, by_source=None):
        """Copy the source class's teaching groups (with their members who moved
        into ``target`` or into the new class of a joined class: ``by_source``
        {old class id: new class}), teaching load and КТП (topics) to ``target``,
        each only if the target has none of that key yet."""
        self.ensure_one()
        source = self.source_class_id
        subgroups = {}
        Subgroup = self.env["school.class.subgroup"]
        for sub in source.subgroup_ids:
            copy = Subgroup.search([("class_id", "=", target.id), ("name", "=", sub.name)], limit=1)
            if not copy and (self.copy_subgroups or self.copy_load or self.copy_plans):
                joined = [by_source[c.id] for c in sub.extra_class_ids if c.id in (by_source or {})]
                members = {s for cls in [target] + joined for s in moved.get(cls.id, [])}
                copy = Subgroup.create({"class_id": target.id, "name": sub.name, "subject_id": sub.subject_id.id,
                                        "extra_class_ids": [(6, 0, [cls.id for cls in joined])],
                                        "student_ids": [(6, 0, [s for s in sub.student_ids.ids if s in members])]})
            subgroups[sub.id] = copy.id or False
        if self.copy_load:
            Assignment = self.env["school.teaching.assignment"]
            for load in source.teaching_assignment_ids:
                key = [("class_id", "=", target.id), ("subject_id", "=", load.subject_id.id),
                       ("subgroup_id", "=", subgroups.get(load.subgroup_id.id, False))]
                if not Assignment.search(key, limit=1):
                    Assignment.create({"class_id": target.id, "subject_id": load.subject_id.id,
                                       "subgroup_id": subgroups.get(load.subgroup_id.id, False),
                                       "teacher_id": load.teacher_id.id, "hours_per_week": load.hours_per_week})
        if self.copy_plans:
            Plan = self.env["school.thematic.plan"]
            for plan in Plan.search([("class_id", "=", source.id)]):
                subgroup = subgroups.get(plan.subgroup_id.id, False)
                if Plan.search([("class_id", "=", target.id), ("subject_id", "=", plan.subject_id.id),
                                ("subgroup_id", "=", subgroup)], limit=1):
                    continue
                Plan.create({"class_id": target.id, "subgroup_id": subgroup, "subject_id": plan.subject_id.id,
                             "teacher_id": plan.teacher_id.id, "note": plan.note,
                             "line_ids": [(0, 0, {"number": l.number, "topic": l.topic, "hours": l.hours,
                                                  "work_kind_id": l.work_kind_id.id, "homework": l.homework})
                                          for l in plan.line_ids]})


class SchoolYearRolloverPupil(models.TransientModel):
    """A pupil of the closed year with the council's decision: the recorded one,
    else the default from the year and final grades; editable before the
    confirmation, which records it."""
    _name = "school.year.rollover.pupil"
    _description = "Year Rollover: Student"
    _order = "class_id, student_id"
    _school_create_only_fields = ("rollover_id",)   # client_gate.py

    @api.model
    def check_access_rights(self, operation, raise_exception=True):
        return _admin_only(self, raise_exception) and super(SchoolYearRolloverPupil, self).check_access_rights(
            operation, raise_exception)

    rollover_id = fields.Many2one("school.year.rollover", string="Year Rollover", required=True,
                                  ondelete="cascade")
    student_id = fields.Many2one("school.student", readonly=True)
    class_id = fields.Many2one("school.class", readonly=True)
    decision_id = fields.Many2one("school.council.decision", string="Recorded Decision", readonly=True)
    decision = fields.Selection(DECISIONS, string="Teachers’ Council Decision", required=True)
    debt_subject_ids = fields.Many2many("school.subject", "school_year_rollover_pupil_subject_rel", "pupil_id",
                                        "subject_id", string="Academic Debt")
    retake_deadline = fields.Date(string="Debt Clearance Deadline")
    continues = fields.Boolean(string="Continues Studies",
                               help="A 9th grade graduate enrolled in the 10th grade of the same school.")
