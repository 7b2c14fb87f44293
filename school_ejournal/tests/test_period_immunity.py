"""A closed period is immune: nothing moves its records out of the lock, no
context flag changes its state or forges a seal, rosters and homework files of
its lessons stay as sealed, and the seal covers every column that reports and
averages read (the list of those columns is parsed from the addon's SQL)."""
import ast
import base64
import os
import re


from odoo.exceptions import AccessError, UserError, ValidationError

from .common import ADDON, PeriodCase

CLOSED = "закрыт"
REFUSED = (UserError, AccessError, ValidationError)


class TestPeriodImmunity(PeriodCase):
    def setUp(self):
        super(TestPeriodImmunity, self).setUp()
        self.level5 = self.class_5a.grade_level_id
        self.lesson = self.lessons(self.class_5a, self.math, limit=1)
        self.assertTrue(self.lesson)
        # the demo journal ends in the I quarter: one lesson of the II quarter
        self.q2_lesson = self.env["school.lesson"].create({
            "date": "2026-11-09", "lesson_number": 7, "class_id": self.class_5a.id, "subject_id": self.math.id,
            "teacher_id": self.teacher.id, "topic": "Повторение"})

    def other_level(self):
        """A grade level of the I quarter with no class «<number>А» this year."""
        taken = self.env["school.class"].with_context(active_test=False).search([
            ("academic_year_id", "=", self.year.id), ("letter", "=", self.class_5a.letter)]).mapped("grade_level_id")
        return self.env["school.grade.level"].search([("id", "not in", (taken | self.level5).ids),
                                                      ("id", "in", self.q1.grade_level_ids.ids)], limit=1)

    # ------------------------------------------------------------------ (a) moving records out of the lock
    def test_class_grade_level_and_year_cannot_move_closed_lessons_out(self):
        self.close(levels=self.level5)
        other = self.other_level()
        self.assertTrue(other)
        with self.assertRefused(UserError, CLOSED):
            self.class_5a.sudo(self.admin).write({"grade_level_id": other.id})
        with self.assertRefused(UserError, CLOSED):
            self.class_5a.write({"grade_level_id": other.id})  # not even the superuser
        year = self.env["school.academic.year"].create({
            "name": "2030/2031", "date_start": "2030-09-01", "date_end": "2031-05-31"})
        with self.assertRefused(UserError, CLOSED):
            self.class_5a.sudo(self.admin).write({"academic_year_id": year.id})
        self.assertEqual(self.class_5a.grade_level_id, self.level5)
        # the lock still holds for the class's lessons
        with self.assertRefused(UserError, CLOSED):
            self.lesson.write({"topic": "Исправлено после закрытия"})
        # a class with nothing in a closed period may still be changed
        self.class_5a.write({"room": "101"})

    def test_lesson_date_or_class_cannot_leave_a_closed_period(self):
        self.close(levels=self.level5)
        with self.assertRefused(UserError, CLOSED):
            self.lesson.sudo(self.admin).write({"date": self.q2.date_start})
        with self.assertRefused(UserError, CLOSED):
            self.lesson.sudo(self.admin).write({"class_id": self.class_9a.id})

    def test_period_dates_and_levels_are_frozen_while_closed(self):
        self.close(levels=self.level5)
        self.assertEqual(self.q1.state, "partial")
        for vals in ({"date_end": "2026-10-01"}, {"date_start": "2026-09-10"},
                     {"grade_level_ids": [(3, self.level5.id)]}, {"kind": "trimester"}):
            with self.subTest(vals=vals), self.assertRefused(UserError, CLOSED):
                self.q1.sudo(self.admin).write(vals)

    # ------------------------------------------------------------------ (b) no context flag is authority
    def test_context_flags_neither_change_the_state_nor_forge_seals_and_events(self):
        flags = {"school_period_closing": True, "school_period_sealing": True, "school_period_event": True}
        for who in (self.admin, self.env.ref("base.user_root")):
            period = self.q1.sudo(who).with_context(**flags)
            with self.subTest(user=who.login), self.assertRefused(REFUSED):
                period.write({"state": "closed"})
        self.assertEqual(self.q1.state, "open")
        with self.assertRefused(REFUSED):
            self.env["school.period"].with_context(**flags).create({
                "academic_year_id": self.year.id, "kind": "trimester", "number": 3, "state": "closed",
                "date_start": "2027-03-01", "date_end": "2027-05-31", "grade_level_ids": [(6, 0, self.level5.ids)]})
        seal = self.close()
        self.assertEqual((self.q1.state, seal.state), ("closed", "active"))
        for who in (self.admin, self.env.ref("base.user_root")):
            with self.subTest(user=who.login, act="reopen by write"), self.assertRefused(REFUSED):
                self.q1.sudo(who).with_context(**flags).write({"state": "open"})
            with self.subTest(user=who.login, act="seal create"), self.assertRefused(REFUSED):
                self.env["school.period.seal"].sudo(who).with_context(**flags).create({
                    "company_id": self.company.id, "period_id": self.q1.id, "date_start": self.q1.date_start,
                    "date_end": self.q1.date_end, "sequence": 999})
            with self.subTest(user=who.login, act="seal write"), self.assertRefused(REFUSED):
                seal.sudo(who).with_context(**flags).write({"state": "reopened"})
            with self.subTest(user=who.login, act="event create"), self.assertRefused(REFUSED):
                self.env["school.period.event"].sudo(who).with_context(**flags).create({
                    "period_id": self.q1.id, "action": "reopen", "reason": "без следа"})
            with self.subTest(user=who.login, act="lock unlink"), self.assertRefused(REFUSED):
                self.q1.lock_ids.sudo(who).with_context(**flags).unlink()
            with self.subTest(user=who.login, act="lock create"), self.assertRefused(REFUSED):
                self.env["school.period.lock"].sudo(who).with_context(**flags).create({
                    "period_id": self.q2.id, "grade_level_id": self.level5.id})
        self.q1.invalidate_cache()
        self.assertEqual((self.q1.state, seal.state), ("closed", "active"))
        # the real acts still work and are logged
        self.q1.sudo(self.admin)._reopen_levels(self.env["school.grade.level"], "Исправление ошибки")
        self.q1.invalidate_cache()
        self.assertEqual((self.q1.state, seal.state), ("open", "reopened"))
        self.assertEqual(self.q1.event_ids.mapped("action"), ["reopen", "close"])

    # ------------------------------------------------------------------ (c) rosters of closed lessons
    def new_pupil(self, name):
        return self.env["school.student"].create({"last_name": name, "first_name": "Иван"})

    def q1_rows(self):
        self.env.cr.execute("SELECT count(*) FROM school_attendance a JOIN school_lesson l ON l.id = a.lesson_id "
                            "WHERE l.class_id = %s AND l.date BETWEEN %s AND %s",
                            (self.class_5a.id, self.q1.date_start, self.q1.date_end))
        return self.env.cr.fetchone()[0]

    def test_back_dated_movement_into_a_closed_period_is_refused(self):
        seal = self.close()
        rows = self.q1_rows()
        pupil = self.new_pupil("Опоздавший")
        Movement = self.env["school.student.movement"].sudo(self.admin)
        with self.assertRefused(UserError, CLOSED):
            Movement.create({"student_id": pupil.id, "movement_type": "arrival", "date": "2026-10-01",
                             "to_class_id": self.class_5a.id})
        with self.assertRefused(UserError, CLOSED):
            Movement.create({"student_id": self.artem.id, "movement_type": "departure", "date": "2026-10-01",
                             "to_school": "Школа № 2"})
        # the one that changes only open lessons passes and fills them
        arrival = Movement.create({"student_id": pupil.id, "movement_type": "arrival",
                                   "date": self.q2.date_start, "to_class_id": self.class_5a.id})
        self.q2_lesson.invalidate_cache()
        self.assertIn(pupil, self.q2_lesson.attendance_ids.mapped("student_id"))
        # moving that arrival back into the closed period is refused as well
        with self.assertRefused(UserError, CLOSED):
            arrival.write({"date": "2026-10-01"})
        self.assertEqual(self.q1_rows(), rows)
        self.assertFalse(seal._verify())

    def test_movement_before_a_closed_period_that_spans_it_is_refused(self):
        self.close(self.q2)
        pupil = self.new_pupil("Ранний")
        with self.assertRefused(UserError, CLOSED):
            self.env["school.student.movement"].sudo(self.admin).create({
                "student_id": pupil.id, "movement_type": "arrival", "date": "2026-10-01",
                "to_class_id": self.class_5a.id})

    def test_roster_sync_skips_closed_lessons(self):
        seal = self.close()
        rows = self.q1_rows()
        pupil = self.new_pupil("Вписанный")
        # a movement written behind the ORM's back, then a re-sync of everything
        self.env.cr.execute("""INSERT INTO school_student_movement (student_id, movement_type, date, to_class_id)
                               VALUES (%s, 'arrival', '2026-09-01', %s)""", (pupil.id, self.class_5a.id))
        lessons = self.env["school.lesson"].search([("class_id", "=", self.class_5a.id)])
        self.env["school.lesson"]._sync_roster(lessons.ids)
        self.assertEqual(self.q1_rows(), rows)
        self.q2_lesson.invalidate_cache()
        self.assertIn(pupil, self.q2_lesson.attendance_ids.mapped("student_id"))
        self.assertFalse(seal._verify())

    # ------------------------------------------------------------------ (d) homework files
    def test_homework_files_of_closed_lessons_are_frozen(self):
        Attachment = self.env["ir.attachment"]
        data = base64.b64encode(b"task 1")
        linked = Attachment.create({"name": "dz.txt", "datas_fname": "dz.txt", "datas": data,
                                    "res_model": "school.lesson", "res_id": self.lesson.id})
        in_field = Attachment.create({"name": "dz2.txt", "datas_fname": "dz2.txt", "datas": data})
        self.lesson.write({"homework_attachment_ids": [(4, in_field.id)]})
        self.close()
        for who in (self.env.ref("base.user_root"), self.admin):
            for attachment in (linked, in_field):
                att = attachment.sudo(who)
                with self.subTest(user=who.login, att=attachment.name, act="write"), \
                        self.assertRefused(UserError, CLOSED):
                    att.write({"datas": base64.b64encode(b"replaced")})
                with self.subTest(user=who.login, att=attachment.name, act="unlink"), \
                        self.assertRefused(UserError, CLOSED):
                    att.unlink()
            with self.subTest(user=who.login, act="create"), self.assertRefused(UserError, CLOSED):
                Attachment.sudo(who).create({"name": "new.txt", "datas_fname": "new.txt", "datas": data,
                                             "res_model": "school.lesson", "res_id": self.lesson.id})
            free = Attachment.sudo(who).create({"name": "free.txt", "datas_fname": "free.txt", "datas": data})
            with self.subTest(user=who.login, act="re-link"), self.assertRefused(UserError, CLOSED):
                free.write({"res_model": "school.lesson", "res_id": self.lesson.id})
        self.env.cache.invalidate()
        self.assertEqual(base64.b64decode(linked.datas), b"task 1")
        self.assertEqual(self.lesson.homework_attachment_ids, in_field)
        # an open lesson's files stay editable
        other = Attachment.create({"name": "q2.txt", "datas_fname": "q2.txt", "datas": data,
                                   "res_model": "school.lesson", "res_id": self.q2_lesson.id})
        other.write({"datas": base64.b64encode(b"v2")})
        other.unlink()

    # ------------------------------------------------------------------ (e) what the seal covers
    def test_seal_covers_every_column_reports_and_averages_read(self):
        """Every column of a sealed table (but the write stamps and UNSEALED) is in the seal, and
        so is every column of the codes and kinds of work that the reports' and
        averages' SQL reads, unless it is only a label."""
        from ..tools.seal import SEAL_SPECS, SEALED_JOINS
        sealed = {}
        for model, _scope, columns in SEAL_SPECS:
            for expression, _kind in columns:
                if not re.match(r"^\w+\.\w+$", expression):
                    continue
                alias, column = expression.split(".")
                table = self.env[model]._table if alias == "t" else SEALED_JOINS[alias]
                sealed.setdefault(table, set()).add(column)
        cr = self.env.cr
        main = ["school_lesson", "school_attendance", "school_grade", "school_period_grade",
                "school_activity_session", "school_activity_session_line"]
        joined = {"school_attendance_code", "school_work_kind"}
        labels = {("school_attendance_code", "name"), ("school_work_kind", "name"),
                  ("school_work_kind", "short_name"),
                  # the kind's weight is only the default for new grades: a grade keeps its own (sealed)
                  ("school_work_kind", "weight")}
        unsealed = []
        columns = {}
        for table in main + sorted(joined):
            cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s", (table,))
            columns[table] = {r[0] for r in cr.fetchall()}
        for table in main:
            for column in sorted(columns[table] - {"write_uid", "write_date"} - UNSEALED.get(table, set())):
                if column not in sealed.get(table, ()):
                    unsealed.append("%s.%s (column)" % (table, column))
        read = read_columns(columns)
        self.assertGreater(len(read), 40, "the SQL parser found too little: %s" % sorted(read))
        for (table, column), files in sorted(read.items()):
            if table in main and column in {"write_uid", "write_date"} | UNSEALED.get(table, set()):
                unsealed.append("%s.%s read by %s but never sealed" % (table, column, files))
            elif table in joined and column != "id" and (table, column) not in labels \
                    and column not in sealed.get(table, ()):
                unsealed.append("%s.%s read by %s" % (table, column, ", ".join(sorted(files))))
        self.assertEqual(unsealed, [], "columns read by reports/averages but not sealed")

    def test_seal_finds_changes_of_report_columns_behind_odoos_back(self):
        self.set_grades(self.artem, self.math, [("4", self.kind_lesson)] * 2)
        pg = self.suggest_one()
        pg.action_confirm()
        seal = self.close()
        self.assertFalse(seal._verify())
        cr = self.env.cr
        grade = self.Grade.search([("student_id", "=", self.artem.id), ("subject_id", "=", self.math.id),
                                   ("date", "<=", self.q1.date_end)], limit=1)
        row = self.env["school.attendance"].search([("lesson_id", "=", self.lesson.id)], limit=1)
        other_subject = self.env["school.subject"].search([("id", "!=", self.math.id)], limit=1)
        cr.execute("UPDATE school_grade SET subject_id = %s WHERE id = %s", (other_subject.id, grade.id))
        cr.execute("UPDATE school_attendance SET date = date + 1 WHERE id = %s", (row.id,))
        cr.execute("UPDATE school_period_grade SET confirm_uid = %s WHERE id = %s", (self.teacher.id, pg.id))
        found = {(p[1], p[2], p[3]) for p in seal._verify()}
        self.assertLessEqual({("school.grade", grade.id, "changed"), ("school.attendance", row.id, "changed"),
                              ("school.period.grade", pg.id, "changed")}, found)
        # an attendance code that stops counting as an absence changes the closed period's figures
        code = self.env["school.attendance.code"].search([("counts_as_absence", "=", True)], limit=1)
        marked = self.env["school.attendance"].search([("code_id", "=", code.id), ("date", "<=", self.q1.date_end),
                                                       ("class_id", "=", self.class_5a.id)], limit=1)
        if marked:
            cr.execute("UPDATE school_attendance_code SET counts_as_absence = false WHERE id = %s", (code.id,))
            self.assertIn(("school.attendance", marked.id, "changed"), {(p[1], p[2], p[3]) for p in seal._verify()})


    def test_codes_and_kinds_of_work_used_in_a_closed_period_keep_their_meaning(self):
        self.close()
        row = self.env["school.attendance"].search([("class_id", "=", self.class_5a.id), ("code_id", "!=", False),
                                                    ("date", "<=", self.q1.date_end)], limit=1)
        self.assertTrue(row, "the demo journal has no attendance mark in the I quarter")
        code = row.code_id
        for vals in ({"counts_as_absence": not code.counts_as_absence}, {"is_excused": not code.is_excused},
                     {"is_late": not code.is_late}, {"code": "зз"}):
            with self.subTest(vals=vals), self.assertRefused(UserError, CLOSED):
                code.sudo(self.admin).write(vals)
        code.sudo(self.admin).write({"name": code.name + " (уточнено)", "sequence": 99})  # labels stay free
        kind = self.lesson.work_kind_id
        self.assertTrue(kind)
        for vals in ({"is_control": not kind.is_control}, {"code": "zz"}):
            with self.subTest(vals=vals), self.assertRefused(UserError, CLOSED):
                kind.sudo(self.admin).write(vals)
        kind.sudo(self.admin).write({"name": kind.name + " (уточнено)", "weight": 2.5})
        self.assertFalse(self.q1.seal_ids._verify())

    def test_seals_made_before_keep_verifying_with_their_columns(self):
        from ..tools.seal import PAYLOAD_SQL, chain_digest, current_digests_sql
        seal = self.close()
        self.assertEqual(seal.spec_version, 6)
        cr = self.env.cr
        params = {"start": seal.date_start, "end": seal.date_end, "levels": seal.grade_level_ids.ids,
                  "seal": seal.id}
        # made a seal of version 1, as closings made them before (the triggers keep seals immutable)
        cr.execute("ALTER TABLE school_period_seal_item DISABLE TRIGGER school_period_seal_item_immutable")
        cr.execute("ALTER TABLE school_period_seal DISABLE TRIGGER school_period_seal_immutable")
        cr.execute("DELETE FROM school_period_seal_item WHERE seal_id = %(seal)s", params)
        cr.execute("INSERT INTO school_period_seal_item (seal_id, model, res_id, digest) SELECT %(seal)s, x.model, "
                   "x.res_id, x.digest FROM (" + current_digests_sql(1) + ") x", params)
        cr.execute(PAYLOAD_SQL, (seal.id,))
        payload = cr.fetchone()[1]
        cr.execute("UPDATE school_period_seal SET spec_version = NULL, payload_digest = %s, digest = %s WHERE id = %s",
                   (payload, chain_digest(seal.prev_digest, payload), seal.id))
        cr.execute("ALTER TABLE school_period_seal_item ENABLE TRIGGER school_period_seal_item_immutable")
        cr.execute("ALTER TABLE school_period_seal ENABLE TRIGGER school_period_seal_immutable")
        seal.invalidate_cache()
        self.assertFalse(seal._verify())
        grade = self.Grade.search([("lesson_id.class_id", "=", self.class_5a.id),
                                   ("date", "<=", self.q1.date_end)], limit=1)
        cr.execute("UPDATE school_grade SET comment = coalesce(comment, '') || ' (исправлено)' WHERE id = %s",
                   (grade.id,))
        self.assertEqual([(p[1], p[2], p[3]) for p in seal._verify()], [("school.grade", grade.id, "changed")])

# Left out of the seal on purpose; reports must not read them (checked above).
# copies of the pupil's name, for ordering
UNSEALED = {"school_period_grade": {"student_name"}, "school_activity_session_line": {"student_name"}}
SQL_FILES = ("reports", "tools", "models/grade.py", "models/period_grade.py", "models/period_export.py",
             "models/student.py")
ALIAS_RE = r"\b(?:FROM|JOIN)\s+(%s)\s+(?:AS\s+)?([a-z_][a-z0-9_]*)"
SQL_WORDS = {"on", "where", "using", "left", "right", "join", "group", "order", "inner", "cross", "natural"}


def read_columns(columns):
    """{(table, column): {file}} of the sealed tables' columns that the SQL of the
    reports and averages reads, as ``alias.column`` with the alias bound by a FROM
    or JOIN in the same string (or, failing that, bound to one table in the file)."""
    tables = "|".join(sorted(columns, key=len, reverse=True))
    alias_re = re.compile(ALIAS_RE % tables, re.I)
    paths = []
    for entry in SQL_FILES:
        path = os.path.join(ADDON, entry)
        if os.path.isdir(path):
            paths += sorted(os.path.join(path, name) for name in os.listdir(path) if name.endswith(".py"))
        elif os.path.exists(path):
            paths.append(path)
    found = {}
    for path in paths:
        with open(path, encoding="utf-8") as source:
            tree = ast.parse(source.read())
        strings = [node.value for node in ast.walk(tree)
                   if isinstance(node, ast.Constant) and isinstance(node.value, str)]
        in_file = {}
        for text in strings:
            for table, alias in alias_re.findall(text):
                if alias.lower() not in SQL_WORDS:
                    in_file.setdefault(alias, set()).add(table)
        for text in strings:
            local = {}
            # an alias this string binds to a table that is not sealed: not the file's
            for alias in re.findall(r"\b(?:FROM|JOIN)\s+\w+\s+(?:AS\s+)?([a-z_][a-z0-9_]*)", text, re.I):
                local[alias] = None
            for table, alias in alias_re.findall(text):
                if alias.lower() not in SQL_WORDS:
                    local[alias] = table
            for alias, column in re.findall(r"\b([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)\b", text):
                table = local.get(alias)
                if alias not in local and len(in_file.get(alias, ())) == 1:
                    table = next(iter(in_file[alias]))
                if table and column in columns[table]:
                    found.setdefault((table, column), set()).add(os.path.relpath(path, ADDON))
    return found
