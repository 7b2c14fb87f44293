import contextlib

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.translate import _
from ..tools.dates import format_date as _format_date  # noqa: F401 (its importers)

# What is being changed decides who may change it.
SCOPE_LESSON = "lesson"          # the lesson itself: topic, homework, date…
SCOPE_ATTENDANCE = "attendance"  # attendance marks (н, б, у, о) and their comments
SCOPE_GRADE = "grade"            # grades
# who may change a lesson may change its marks and grades too
IMPLIED_SCOPES = {SCOPE_LESSON: (SCOPE_LESSON, SCOPE_ATTENDANCE, SCOPE_GRADE),
                  SCOPE_ATTENDANCE: (SCOPE_ATTENDANCE,), SCOPE_GRADE: (SCOPE_GRADE,)}
# on the cursor, not in the context: an RPC caller sets the context, never the cursor
MEMO_KEY = "school_journal_guard_passed"


class SchoolJournalGuard(models.AbstractModel):
    """The one write guard of the journal. Every create/write/unlink of a lesson,
    an attendance row or a grade calls ``_check`` before touching the database,
    whatever the way in (form, grid, import, RPC): they all go through the ORM.

    1. Is the period open? (``school.period._assert_dates_open``)
    2. May the user change this lesson? The lesson's teacher or substitute;
       the class teacher of the lesson's class for attendance marks only; the
       school admin always; the superuser (install, upgrades, crons) always.
    """
    _name = "school.journal.guard"
    _description = "Journal Edit Rights Check"

    @api.model
    def _lesson_facts(self, lesson_ids):
        """{lesson_id: (date, grade_level_id, teacher_id, substitute_id, class_teacher_id,
        class name, subject name)} in one query, bypassing record rules."""
        if not lesson_ids:
            return {}
        self.env.cr.execute("""
            SELECT l.id, l.date, c.grade_level_id, l.teacher_id, l.substitute_teacher_id,
                   c.class_teacher_id, c.name, s.name
              FROM school_lesson l
              JOIN school_class c ON c.id = l.class_id
              JOIN school_subject s ON s.id = l.subject_id
             WHERE l.id IN %s
        """, (tuple(set(lesson_ids)),))
        return {row[0]: row[1:] for row in self.env.cr.fetchall()}

    @api.model
    def _new_lesson_facts(self, vals):
        """The facts (as _lesson_facts gives them) of a lesson about to be created
        from ``vals``."""
        school_class = self.env["school.class"].sudo().browse(vals.get("class_id"))
        return (vals.get("date") or fields.Date.context_today(self), school_class.grade_level_id.id,
                vals.get("teacher_id") or self.env.uid, vals.get("substitute_teacher_id"),
                school_class.class_teacher_id.id, school_class.name,
                self.env["school.subject"].sudo().browse(vals.get("subject_id")).name)

    @api.model
    @contextlib.contextmanager
    def _checks_once(self):
        """Within one save (a lesson form, the grid), a lesson that passed the
        guard for a scope is not asked again when the next batch of its rows or
        grades is written: its period is already locked FOR SHARE by this
        transaction and its facts are those of this transaction's snapshot
        (bench/: five checks of one lesson per save before)."""
        cache = self.env.cr.cache
        if MEMO_KEY in cache:
            yield
            return
        cache[MEMO_KEY] = set()
        try:
            yield
        finally:
            cache.pop(MEMO_KEY, None)

    @api.model
    def _forget(self, lesson_ids):
        """The lessons' date, class or teacher changed: check them again."""
        memo = self.env.cr.cache.get(MEMO_KEY)
        if memo:
            memo.difference_update({key for key in memo if key[2] in set(lesson_ids)})

    @api.model
    def _check(self, lesson_ids, scope, facts=None, year_only=False):
        """Refuse (UserError/AccessError, in Russian) unless the current user may
        change ``scope`` on all of ``lesson_ids``. ``facts`` may be given for
        lessons not yet in the database (create): {key: same tuple as _lesson_facts}.
        ``year_only``: the facts are year, exam or final grades (locked by the year's closing)."""
        memo = self.env.cr.cache.get(MEMO_KEY)
        if memo is not None and not facts:
            lesson_ids = [lid for lid in lesson_ids if (self.env.uid, scope, lid) not in memo]
            if not lesson_ids:
                return True
        self._check_now(lesson_ids, scope, facts, year_only)
        if memo is not None and not facts:
            memo.update((self.env.uid, implied, lid) for lid in lesson_ids for implied in IMPLIED_SCOPES[scope])
        return True

    @api.model
    def _passes(self, check, *args):
        """True when ``check(*args)`` (a guard check) lets the current user
        through: the form offers «Править»/«Удалить» by the rules of the write."""
        try:
            check(*args)
        except (UserError, AccessError):
            return False
        return True

    @api.model
    def _editable_lessons(self, lesson_ids, scope):
        """The ids of ``lesson_ids`` on which the current user may change ``scope``
        (one query through _edit_scopes, no period locked)."""
        scopes = self._edit_scopes([lid for lid in set(lesson_ids) if lid])
        return {lid for lid, allowed in scopes.items() if allowed and scope in IMPLIED_SCOPES[allowed]}

    @api.model
    def _check_now(self, lesson_ids, scope, facts=None, year_only=False):
        facts = dict(facts or {})
        missing = [lid for lid in lesson_ids if lid not in facts]
        facts.update(self._lesson_facts(missing))
        if not facts:
            return True
        self.env["school.period"]._assert_dates_open([(f[0], f[1]) for f in facts.values()], year_only)
        if scope != SCOPE_LESSON and missing:
            self._refuse_cancelled(missing)
        if self._is_school_admin():
            return True
        for fact in facts.values():
            if scope in self._scopes_of(fact):
                continue
            day, _level, _teacher_id, _substitute_id, _class_teacher_id, class_name, subject = fact
            if scope == SCOPE_ATTENDANCE:
                message = _("Only the lesson’s teacher, a substitute teacher or the class teacher can mark "
                            "attendance in lesson “%(subject)s” in %(class_name)s (%(date)s).")
            elif scope == SCOPE_GRADE:
                message = _("Only the teacher of this lesson or a substitute teacher can give and change grades "
                            "in lesson “%(subject)s” in %(class_name)s (%(date)s).")
            else:
                message = _("Only its teacher, a substitute teacher or the school administrator can change "
                            "lesson “%(subject)s” in %(class_name)s (%(date)s).")
            raise AccessError(message % {"subject": subject, "class_name": class_name,
                                         "date": _format_date(day)})
        return True

    @api.model
    def _refuse_cancelled(self, lesson_ids):
        """A cancelled lesson was not held: no marks or attendance go on it."""
        self.env.cr.execute("""
            SELECT c.name, s.name, l.date FROM school_lesson l
              JOIN school_class c ON c.id = l.class_id JOIN school_subject s ON s.id = l.subject_id
             WHERE l.id IN %s AND l.cancelled LIMIT 1
        """, (tuple(set(lesson_ids)),))
        row = self.env.cr.fetchone()
        if row:
            raise UserError(_("Lesson “%(subject)s” in %(class_name)s (%(date)s) is cancelled: no marks or attendance "
                              "are recorded on it. To keep the journal for it, the deputy head or the school "
                              "administrator must undo the cancellation.") % {"class_name": row[0], "subject": row[1],
                                                         "date": _format_date(row[2])})

    @api.model
    def _is_school_admin(self):
        return self.env.uid == SUPERUSER_ID or self.env.user.has_group("school_ejournal.group_school_admin")

    @api.model
    def _scopes_of(self, fact):
        """The scopes the current user (not an admin) may change on a lesson of
        ``fact`` (a tuple of _lesson_facts), its period aside."""
        uid = self.env.uid
        if uid in (fact[2], fact[3]):
            return IMPLIED_SCOPES[SCOPE_LESSON]
        if uid == fact[4]:
            return (SCOPE_ATTENDANCE,)
        return ()

    @api.model
    def _edit_scopes(self, lesson_ids):
        """{lesson_id: SCOPE_LESSON, SCOPE_ATTENDANCE or False}: what the current
        user may change on each lesson, by the rules of ``_check`` (for the form:
        what to offer), without raising and without locking the periods."""
        facts = self._lesson_facts(lesson_ids)
        if not facts:
            return {}
        self.env.cr.execute("""
            SELECT l.id FROM school_lesson l JOIN school_class c ON c.id = l.class_id
             WHERE l.id IN %s AND school_period_locked_id(l.date, c.grade_level_id) IS NOT NULL
        """, (tuple(facts),))
        locked = {row[0] for row in self.env.cr.fetchall()}
        admin = self._is_school_admin()
        scopes = {}
        for lesson_id, fact in facts.items():
            allowed = () if lesson_id in locked else IMPLIED_SCOPES[SCOPE_LESSON] if admin else self._scopes_of(fact)
            scopes[lesson_id] = allowed[0] if allowed else False
        return scopes
