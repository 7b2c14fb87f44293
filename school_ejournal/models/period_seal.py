"""The integrity seal of a closed period.

Closing computes, in SQL, a canonical line for every record the period holds for
the closed grade levels (lessons, attendance rows with their codes, grades,
period grades), with fixed field lists and normalised values (dates ISO, floats
with two decimals, NULL as empty), a SHA-256 digest per record (stored in
school.period.seal.item), the digest of the ordered list of those digests (the
payload), and chains it to the company's previous seal:
digest = sha256(previous digest + payload digest).

Verification recomputes the lines from the tables (SQL, never the ORM cache),
so a change made directly in the database shows up, names the record (model and
id), and finds records added or deleted; it also checks the stored items against
the payload digest and the whole chain of the company's seals."""
import logging

from odoo import api, fields, models
from odoo.addons.queue_job.job import identity_exact, job
from odoo.exceptions import AccessError, UserError

from ..tools.batch_sql import without_jit
from ..tools.translate import _
from ..tools.seal import (PAYLOAD_SQL, SEAL_VERSION, UNSEEN_SQL, chain_digest, current_digests_sql,
                          sealed_join_columns)
from ..tools.append_only import install_append_only_trigger, unchanged
from .journal_print import in_user_language, job_failure_reason
from .period import in_period_act, period_act

_logger = logging.getLogger(__name__)

MODEL_LABELS = {"school.lesson": _("Lesson"), "school.attendance": _("Journal Row (Attendance)"),
                "school.grade": _("Grade"), "school.period.grade": _("Final Grade"),
                "school.activity.session": _("Extracurricular Session"),
                "school.activity.session.line": _("Extracurricular Session Attendance")}
PROBLEMS = [("changed", "Modified"), ("added", "Added After Closing"), ("deleted", "Deleted"),
            ("items", "Seal Fingerprints Tampered With"), ("chain", "Seal Chain Broken")]


def freeze_sealed_columns(records, vals, dates_sql, message):
    """Refuse (UserError ``message`` % the period's reason) a change of the columns
    of ``records`` that the seal covers while a closed period uses them;
    ``dates_sql`` lists the (date, grade level) of their uses for %(ids)s."""
    frozen = sealed_join_columns(records._table) & set(vals)
    if not frozen or all(record[name] == vals[name] for record in records for name in frozen):
        return
    records.env.cr.execute(dates_sql, {"ids": tuple(records.ids)})
    try:
        records.env["school.period"]._assert_dates_open(records.env.cr.fetchall())
    except UserError as error:
        raise UserError(message % error.name)


class SchoolPeriodSeal(models.Model):
    _name = "school.period.seal"
    _description = "Period Integrity Seal"
    _order = "company_id, sequence desc"

    name = fields.Char(string="Seal", compute="_compute_name")
    sequence = fields.Integer(string="№", readonly=True, index=True)
    company_id = fields.Many2one("res.company", string="School", required=True, readonly=True,
                                 ondelete="restrict", index=True)
    period_id = fields.Many2one("school.period", required=True, readonly=True,
                                ondelete="restrict", index=True)
    academic_year_id = fields.Many2one(related="period_id.academic_year_id", store=True, readonly=True,
                                       string="Academic Year")
    grade_level_ids = fields.Many2many("school.grade.level", "school_period_seal_grade_level_rel",
                                       "seal_id", "grade_level_id", string="Grade Levels", readonly=True)
    date_start = fields.Date(string="From", readonly=True, required=True)
    date_end = fields.Date(string="To", readonly=True, required=True)
    seal_date = fields.Datetime(readonly=True)
    user_id = fields.Many2one("res.users", string="Who Closed", readonly=True, ondelete="restrict")
    prev_seal_id = fields.Many2one("school.period.seal", string="Previous Seal", readonly=True,
                                   ondelete="restrict")
    prev_digest = fields.Char(string="Previous Seal Digest", readonly=True)
    payload_digest = fields.Char(string="Data Digest", readonly=True)
    digest = fields.Char(string="Seal Digest (SHA-256)", readonly=True, index=True)
    record_count = fields.Integer(string="Number of Records", readonly=True)
    spec_version = fields.Integer(string="Seal Content Version", readonly=True,
                                  help="Which record fields are included in the digests (empty — version 1).")
    lesson_count = fields.Integer(string="Number of Lessons", readonly=True)
    attendance_count = fields.Integer(string="Number of Journal Lines", readonly=True)
    grade_count = fields.Integer(string="Number of Grades", readonly=True)
    period_grade_count = fields.Integer(string="Number of Final Grades", readonly=True)
    activity_count = fields.Integer(string="Number of Extracurricular Records", readonly=True,
                                    help="Sessions of extracurricular activities and their attendance rows.")
    state = fields.Selection([("active", "In Effect"), ("reopened", "Period Reopened")],
                             default="active", readonly=True)
    reopen_date = fields.Datetime(string="Period Reopened On", readonly=True)
    last_check_date = fields.Datetime(string="Last Check", readonly=True)
    last_check_ok = fields.Boolean(string="Data Matches", readonly=True)
    last_check_report = fields.Text(string="Check Result", readonly=True)
    check_queued_uid = fields.Many2one("res.users", string="Check Queued By", readonly=True, ondelete="set null",
                                       help="A background check of this seal waits or runs.")
    check_failure = fields.Text(string="Check Failure Reason", readonly=True,
                                help="Why the last background check could not be done (nothing was written).")

    _sql_constraints = [
        ("sequence_unique", "unique(company_id, sequence)", "The seal number must be unique within the school."),
    ]

    def init(self):
        # The seal and its items are immutable: only the check results and the
        # «reopened» mark of a seal may change, and the closing fills in the
        # digests of the seal it has just created; nothing is ever deleted.
        install_append_only_trigger(
            self.env.cr, "school_period_seal", "Печать целостности нельзя изменять или удалять (%)",
            allow_update_when="OLD.digest IS NULL OR (" + unchanged(
                "digest", "prev_digest", "payload_digest", "prev_seal_id", "period_id", "date_start",
                "date_end", "sequence", "company_id", "record_count", "spec_version") + ")")
        self.env.cr.execute("""
            -- Sealed data of a closed period cannot be deleted, not even by a
            -- cascade (removing a class or a pupil) that bypasses the ORM guard.
            CREATE OR REPLACE FUNCTION school_period_refuse_locked_delete() RETURNS trigger AS $$
            DECLARE day date; level_id int; year_only boolean := false;
            BEGIN
                IF TG_TABLE_NAME = 'school_lesson' THEN
                    SELECT OLD.date, c.grade_level_id INTO day, level_id FROM school_class c WHERE c.id = OLD.class_id;
                ELSIF TG_TABLE_NAME = 'school_period_grade' THEN
                    SELECT p.date_end, c.grade_level_id, OLD.kind IN ('year', 'exam', 'final')
                      INTO day, level_id, year_only
                      FROM school_period p, school_class c WHERE p.id = OLD.period_id AND c.id = OLD.class_id;
                ELSE
                    SELECT l.date, c.grade_level_id INTO day, level_id
                      FROM school_lesson l JOIN school_class c ON c.id = l.class_id WHERE l.id = OLD.lesson_id;
                END IF;
                IF day IS NOT NULL AND school_period_locked_id(day, level_id, year_only) IS NOT NULL THEN
                    RAISE EXCEPTION 'Период закрыт: запись % (id %) удалить нельзя', TG_TABLE_NAME, OLD.id
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
                RETURN OLD;
            END;
            $$ LANGUAGE plpgsql;
        """)
        for table in ("school_lesson", "school_attendance", "school_grade", "school_period_grade"):
            self.env.cr.execute("""
                DROP TRIGGER IF EXISTS school_period_refuse_locked_delete ON {t};
                CREATE TRIGGER school_period_refuse_locked_delete BEFORE DELETE ON {t}
                    FOR EACH ROW EXECUTE PROCEDURE school_period_refuse_locked_delete();
            """.format(t=table))

    def _compute_name(self):
        for seal in self:
            seal.name = _("Seal No. %(sequence)s: %(period)s, %(grade_level)s") % {
                "sequence": seal.sequence, "period": seal.period_id.name or "",
                "grade_level": ", ".join(seal.grade_level_ids.mapped("name"))}

    # ------------------------------------------------------------------ protection
    @api.model
    def create(self, vals):
        if not in_period_act(self.env.cr):
            raise AccessError(_("An integrity seal is created only when a period is closed."))
        return super(SchoolPeriodSeal, self).create(vals)

    def write(self, vals):
        if not in_period_act(self.env.cr):
            raise AccessError(_("An integrity seal cannot be changed."))
        return super(SchoolPeriodSeal, self).write(vals)

    def unlink(self):
        raise AccessError(_("An integrity seal cannot be deleted."))

    # ------------------------------------------------------------------ sealing
    @api.model
    def _create_seal(self, period, levels, wrote_before=True):
        """Seal what ``period`` holds for ``levels``; chained to the company's
        previous seal. Items and the payload digest are computed in SQL.
        ``wrote_before``: whether this transaction had written anything before the
        closing began (then its own snapshot is sealed, see _committed_digests)."""
        period = period.sudo()
        company = period.academic_year_id.company_id or self.env.user.company_id
        cr = self.env.cr
        without_jit(cr)
        # One chain per company: serialise sealings.
        cr.execute("SELECT pg_advisory_xact_lock(%s, %s)", (421875, company.id))
        cr.execute("""SELECT id, sequence, digest FROM school_period_seal
                       WHERE company_id = %s ORDER BY sequence DESC LIMIT 1""", (company.id,))
        prev = cr.fetchone()
        seal = self.create({
            "company_id": company.id, "period_id": period.id, "grade_level_ids": [(6, 0, levels.ids)],
            "date_start": period.date_start, "date_end": period.date_end,
            "seal_date": fields.Datetime.now(), "user_id": self.env.uid,
            "sequence": (prev[1] + 1) if prev else 1, "prev_seal_id": prev[0] if prev else False,
            "prev_digest": prev[2] if prev else "", "spec_version": SEAL_VERSION,
        })
        params = {"start": period.date_start, "end": period.date_end, "levels": list(levels.ids),
                  "seal": seal.id, "year_seal": period.kind == "year"}
        if wrote_before or self.pool.test_cr is not None:
            self._refuse_unseen(params)
            cr.execute("INSERT INTO school_period_seal_item (seal_id, model, res_id, digest) "
                       "SELECT %(seal)s, x.model, x.res_id, x.digest FROM (" + current_digests_sql() + ") x",
                       params)
        else:
            rows = self._committed_digests(params)
            cr.execute("INSERT INTO school_period_seal_item (seal_id, model, res_id, digest) "
                       "SELECT %s, unnest(%s::varchar[]), unnest(%s::int[]), unnest(%s::varchar[])",
                       (seal.id, [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]))
        cr.execute("SELECT model, count(*) FROM school_period_seal_item WHERE seal_id = %s GROUP BY model",
                   (seal.id,))
        counts = dict(cr.fetchall())
        cr.execute(PAYLOAD_SQL, (seal.id,))
        total, payload = cr.fetchone()
        seal.write({
            "payload_digest": payload, "digest": chain_digest(seal.prev_digest, payload),
            "record_count": total, "lesson_count": counts.get("school.lesson", 0),
            "attendance_count": counts.get("school.attendance", 0),
            "grade_count": counts.get("school.grade", 0),
            "period_grade_count": counts.get("school.period.grade", 0),
            "activity_count": counts.get("school.activity.session", 0)
            + counts.get("school.activity.session.line", 0),
        })
        return seal

    @api.model
    def _refuse_unseen(self, params):
        """Sealing in this transaction's own snapshot (it wrote journal rows itself):
        refuse if rows of the period were committed after the snapshot began."""
        if self.pool.test_cr is not None:
            return
        cr = self.env.cr
        cr.execute("SELECT txid_current_snapshot()::text")
        params = dict(params, snapshot=cr.fetchone()[0])
        with self.pool.cursor() as fresh:
            fresh.execute(UNSEEN_SQL, params)
            unseen = sum(row[0] for row in fresh.fetchall())
        if unseen:
            raise UserError(_("While the period was being closed, changes were made to its journal (%s). Repeat "
                              "the closing: the integrity seal must include all records.") % unseen)

    @api.model
    def _committed_digests(self, params):
        """The digests of what is committed now, read on a fresh connection.

        Odoo's transactions are REPEATABLE READ: the closing's own snapshot began
        with its first query (the wizard's reads), so rows a teacher committed
        since are invisible to it. The closing already holds its period FOR UPDATE
        (period.py): writes in flight have committed and new ones wait at
        the guard's FOR SHARE (period.py) until the closing ends, then fail.
        A transaction begun now therefore sees exactly what the period holds, and
        the closing wins however busy the journal is. Only for a transaction that
        wrote nothing before the closing began (the wizard's button): rows it
        wrote itself would be invisible there. Otherwise (a test that builds the
        journal and closes in one transaction) the closing seals its own snapshot
        and refuses if rows were committed after it began (_refuse_unseen)."""
        with self.pool.cursor() as fresh:
            without_jit(fresh)
            fresh.execute(current_digests_sql(), params)
            return fresh.fetchall()

    def _mark_reopened(self):
        self.sudo().write({"state": "reopened", "reopen_date": fields.Datetime.now()})

    # ------------------------------------------------------------------ verification
    def _verify(self):
        """Recompute from the tables and compare. Returns a list of problems
        (seal, model, res_id, problem, text), empty when everything matches.
        Also checks the stored items against the payload and the company chain."""
        problems = []
        cr = self.env.cr
        without_jit(cr)
        labels = self.env["school.period.seal.check.line"]._school_selection_labels("problem")
        for seal in self.sudo():
            version = seal.spec_version or 1
            # 1. the chain of the company's seals up to this one
            cr.execute("""SELECT id, sequence, prev_seal_id, prev_digest, payload_digest, digest
                            FROM school_period_seal WHERE company_id = %s AND sequence <= %s
                           ORDER BY sequence""", (seal.company_id.id, seal.sequence))
            previous = None
            for sid, sequence, prev_id, prev_digest, payload, digest in cr.fetchall():
                expected_prev = previous[5] if previous else ""
                if (prev_digest or "") != expected_prev or (prev_id or None) != (previous[0] if previous else None) \
                        or digest != chain_digest(prev_digest, payload or ""):
                    problems.append((seal, "school.period.seal", sid, "chain",
                                     _("Seal No. %s: the chain is broken (the fingerprint does not match the "
                                       "previous seal or the seal data)") % sequence))
                previous = (sid, sequence, prev_id, prev_digest, payload, digest)
            # 2. the stored items against the payload digest
            cr.execute(PAYLOAD_SQL, (seal.id,))
            _total, payload = cr.fetchone()
            if payload != seal.payload_digest:
                problems.append((seal, "school.period.seal", seal.id, "items",
                                 _("Seal No. %s: the stored record fingerprints do not match the data fingerprint")
                                 % seal.sequence))
            # 3. record by record, from the tables
            cr.execute("""
                WITH cur AS (""" + current_digests_sql(version) + """),
                     old AS (SELECT model, res_id, digest FROM school_period_seal_item WHERE seal_id = %(seal)s)
                SELECT coalesce(old.model, cur.model), coalesce(old.res_id, cur.res_id),
                       CASE WHEN old.res_id IS NULL THEN 'added' WHEN cur.res_id IS NULL THEN 'deleted'
                            ELSE 'changed' END
                  FROM old FULL JOIN cur ON cur.model = old.model AND cur.res_id = old.res_id
                 WHERE old.digest IS DISTINCT FROM cur.digest
                 ORDER BY 1, 2
            """, {"start": seal.date_start, "end": seal.date_end, "levels": list(seal.grade_level_ids.ids),
                  "seal": seal.id, "year_seal": seal.period_id.kind == "year"})
            for model, res_id, problem in cr.fetchall():
                problems.append((seal, model, res_id, problem, _("%(label)s: %(model)s id %(res_id)s — %(problem)s") % {
                    "label": _(MODEL_LABELS[model]) if model in MODEL_LABELS else model,
                    "model": model, "res_id": res_id,
                    "problem": labels[problem].lower()}))
        return problems

    def _report(self, problems):
        if not problems:
            return _("Seals checked: %s. All data match the seals, the seal chain is intact.") % len(self)
        lines = [_("Seals checked: %(count)s. Discrepancies found: %(count_problems)s.") % {"count": len(self),
                                                                         "count_problems": len(problems)}]
        for seal in self:
            own = [p for p in problems if p[0] == seal]
            if own:
                lines.append(_("Seal No. %(sequence)s (%(period)s):") % {"sequence": seal.sequence,
                                                                         "period": seal.period_id.name})
                lines += ["  • %s" % p[4] for p in own[:500]]
                if len(own) > 500:
                    lines.append(_("  … and %s more") % (len(own) - 500))
                if seal.state == "reopened":
                    lines.append(_("  (the period was reopened: changes after reopening are expected)"))
        return "\n".join(lines)

    def _seals_to_verify(self):
        """These seals, or all: the deputy director's and the administrator's."""
        if not (self.env.user.has_group("school_ejournal.group_deputy")
                or self.env.user.has_group("school_ejournal.group_school_admin")):
            raise AccessError(_("Integrity can be checked by the deputy director or the school administrator."))
        seals = self or self.search([])
        if not seals:
            raise UserError(_("There are no integrity seals yet: no period has been closed."))
        return seals

    def action_verify(self):
        """«Проверить целостность»: deputy director and administrator."""
        seals = self._seals_to_verify()
        problems = seals._verify()
        report = seals._report(problems)
        now = fields.Datetime.now()
        with period_act(self.env.cr):
            for seal in seals.sudo():
                own = [p for p in problems if p[0] == seal]
                seal.write({"last_check_date": now, "last_check_ok": not own,
                            "last_check_report": seals.browse(seal.id)._report(own)})
        check = self.env["school.period.seal.check"]._school_server_create({
            "seal_ids": [(6, 0, seals.ids)], "report": report, "ok": not problems,
            "line_ids": [(0, 0, {"seal_id": p[0].id, "model": p[1], "res_id": p[2], "problem": p[3],
                                 "description": p[4]}) for p in problems[:2000]],
        })
        return {
            "type": "ir.actions.act_window", "res_model": "school.period.seal.check", "res_id": check.id,
            "view_mode": "form", "target": "new", "name": _("Integrity Check"),
        }

    def action_verify_in_background(self):
        """«Проверить в фоне»: a background job per seal (a year's seals take long); the user
        may leave the page and is told as each one ends, with how many are left."""
        seals = self._seals_to_verify()
        with period_act(self.env.cr):
            seals.sudo().write({"check_queued_uid": self.env.uid, "check_failure": False})
        # a context key of queue_job's own tests would run the jobs inside this request
        for seal in seals.with_context(test_queue_job_no_delay=False):
            seal.with_delay(description=_("Integrity check: seal No. %s") % seal.sequence,
                            identity_key=identity_exact)._job_verify()
        self.env.user.notify_info(_("Integrity check of %s seals started: you will be notified as each one "
                                    "ends.") % len(seals), title=_("Integrity Check"))
        return True

    @job(default_channel="root")
    def _job_verify(self):
        """One seal's check, as the user who asked (his rights, his language). A check that
        fails says why in Russian, leaves the last result as it was and is queued again
        by the same button."""
        self.ensure_one()
        seal = self = in_user_language(self)   # _() reads the caller's self
        # sudo: the notice names the seal even to a user who may no longer read it
        values = {"sequence": seal.sudo().sequence, "period": seal.sudo().period_id.name}
        try:
            with self.env.cr.savepoint():
                problems = seal._seals_to_verify()._verify()   # his rights now, not when he asked
        except Exception as exc:  # noqa: BLE001 - any failure is told in Russian, the savepoint undid it
            _logger.exception("integrity check of seal %s failed", values["sequence"])
            self.env.clear()
            values["reason"] = job_failure_reason(seal, exc)
            with period_act(self.env.cr):
                seal.sudo().write({"check_failure": values["reason"], "check_queued_uid": False})
            text = _("Seal No. %(sequence)s (%(period)s): the check failed: %(reason)s") % values
            text += self._left_to_check()
            seal.env.user.notify_warning(text, title=_("Integrity Check"), sticky=True)
            return text
        with period_act(self.env.cr):
            seal.sudo().write({"last_check_date": fields.Datetime.now(), "last_check_ok": not problems,
                               "last_check_report": seal._report(problems), "check_queued_uid": False})
        values["count"] = len(problems)
        text = (_("Seal No. %(sequence)s (%(period)s): discrepancies found: %(count)s.") if problems
                else _("Seal No. %(sequence)s (%(period)s): all data match the seal.")) % values
        text += self._left_to_check()
        notify = seal.env.user.notify_warning if problems else seal.env.user.notify_info
        notify(text, title=_("Integrity Check"), sticky=bool(problems))
        return text

    def _left_to_check(self):
        self.env.cr.execute("SELECT count(*) FROM school_period_seal WHERE check_queued_uid = %s", (self.env.uid,))
        left = self.env.cr.fetchone()[0]
        return (" " + _("Seals still to check: %(left)s.") % {"left": left}) if left else ""


class SchoolPeriodSealItem(models.Model):
    """Per-record digest of a seal (compact: model, id, SHA-256 hex)."""
    _name = "school.period.seal.item"
    _description = "Record Digest"
    _log_access = False
    _order = "seal_id, model, res_id"

    seal_id = fields.Many2one("school.period.seal", required=True, index=True,
                              ondelete="restrict")
    model = fields.Char(string="Object", required=True)
    res_id = fields.Integer(string="Record ID", required=True)
    digest = fields.Char(string="SHA-256", required=True)

    def init(self):
        install_append_only_trigger(self.env.cr, "school_period_seal_item",
                                    "Отпечатки печати нельзя изменять или удалять (%)")

    @api.model
    def create(self, vals):
        raise AccessError(_("Seal fingerprints are created only when a period is closed."))

    def write(self, vals):
        raise AccessError(_("Seal fingerprints cannot be changed."))

    def unlink(self):
        raise AccessError(_("Seal fingerprints cannot be deleted."))
