"""Period grades (четвертные, полугодовые, годовые, экзаменационные, итоговые):
suggested in SQL from the journal, explained, confirmed by the teacher.

One calculation: the weighted average is ``grade.weighted_average`` (the journal's
Python twin of ``school.grade._weighted_averages``); the thresholds and the
rules are the company's (res_company_grading.py) and are applied by
``suggest_value`` below, for one pupil or for a whole school alike."""
import threading
from decimal import ROUND_HALF_UP, Decimal

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .client_gate import TRUSTED_KEY
from .grade import GRADE_LABELS, GRADE_VALUES, NUMERIC, weighted_average
from .journal_guard import SCOPE_GRADE
from .sql_values import execute_values

PERIOD_GRADE_KINDS = [
    ("quarter", "Четвертная"),
    ("half_year", "Полугодовая"),
    ("trimester", "Триместровая"),
    ("year", "Годовая"),
    ("exam", "Экзаменационная"),
    ("final", "Итоговая"),
]
# Kinds of period grade that belong to a period of the same kind; the others
# (year, exam, final) belong to the period of kind «year».
ATTESTATION_KINDS = ("quarter", "half_year", "trimester")
YEAR_KINDS = ("year", "exam", "final")
# Fields only the suggestion writes (in SQL).
COMPUTED_FIELDS = ("suggested_value", "explanation", "average", "grade_count")
IMMUTABLE_FIELDS = ("student_id", "subject_id", "period_id", "kind", "class_id")

# Pupils to attest per class × subject in a period, in SQL. The rule of class
# membership is school.student.movement._get_membership_on (the latest movement
# on or before a day, by date then id, decides); here in its interval form, as in
# lesson.MEMBERS_SQL: each movement opens [date, next movement's date) in its
# target class. A pupil is attested in the class he was in last during the
# period (a pupil transferred mid-quarter is attested by his new class, with all
# his grades of the quarter; one who left the school during the period is not
# attested). Class × subject pairs are those with lessons in the period; a
# subject taught only to subgroups attests the pupils of those subgroups.
# Parameters: start, end, levels (tuple), all_classes/all_subjects (bool) and
# classes/subjects (tuples, used when the matching all_* is false).
MEMBERS_SQL = """
    pairs AS (
        SELECT DISTINCT l.class_id, l.subject_id, l.subgroup_id
          FROM school_lesson l
          JOIN school_class c ON c.id = l.class_id
          JOIN school_grade_level gl ON gl.id = c.grade_level_id
         WHERE l.date BETWEEN %(start)s AND %(end)s
           AND c.grade_level_id IN %(levels)s
           AND gl.marks_used
           AND (%(all_classes)s OR l.class_id IN %(classes)s)
           AND (%(all_subjects)s OR l.subject_id IN %(subjects)s)
    ), intervals AS (
        SELECT m.id, m.student_id, m.to_class_id, m.date AS date_from,
               lead(m.date) OVER (PARTITION BY m.student_id ORDER BY m.date, m.id) AS date_to
          FROM school_student_movement m
         WHERE m.student_id IN (SELECT student_id FROM school_student_movement
                                 WHERE to_class_id IN (SELECT class_id FROM pairs))
    ), last_class AS (
        SELECT DISTINCT ON (i.student_id) i.student_id, i.to_class_id AS class_id
          FROM intervals i
         WHERE i.date_from <= %(end)s AND (i.date_to IS NULL OR i.date_to > %(start)s)
         ORDER BY i.student_id, i.date_from DESC, i.id DESC
    ), members AS (
        SELECT DISTINCT lc.student_id, p.class_id, p.subject_id
          FROM last_class lc
          JOIN pairs p ON p.class_id = lc.class_id
         WHERE p.subgroup_id IS NULL
            OR EXISTS (SELECT 1 FROM school_class_subgroup_student_rel r
                        WHERE r.subgroup_id = p.subgroup_id AND r.student_id = lc.student_id)
    )
"""

TEACHER_SQL = """(SELECT min(t.teacher_id) FROM school_teaching_assignment t
                   WHERE t.class_id = m.class_id AND t.subject_id = m.subject_id
                     AND (t.subgroup_id IS NULL OR EXISTS (
                          SELECT 1 FROM school_class_subgroup_student_rel r
                           WHERE r.subgroup_id = t.subgroup_id AND r.student_id = m.student_id)))"""


def _num(value):
    """4 → «4», 4.5 → «4.5», 4.333 → «4.33» (for explanations)."""
    text = "%.2f" % value
    return text.rstrip("0").rstrip(".") if "." in text else text


def _dec(value):
    return Decimal("%.2f" % value)


def round_half_up(value):
    """Mathematical rounding (4.5 → 5), unlike Python's round (banker's)."""
    return int(Decimal(repr(float(value))).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


# The explanation sentences are translated once per suggestion run, not once
# per pupil and grade: GettextAlias inspects frames and, outside a request,
# opens a cursor for every call (11,552 pupils: seconds; bench/, issue 9).
_EXPLAIN = threading.local()
SUGGEST_KINDS = (None, False, "year", "final")


def _rpc_ids(value, what):
    """A list of record ids from an argument (a recordset, or ids sent over RPC),
    or a Russian refusal."""
    if value is None or value is False:
        return None
    if isinstance(value, models.BaseModel):
        return value.ids
    values = value if isinstance(value, (list, tuple)) else [value]
    if not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in values):
        raise UserError(_("%s: ожидается список идентификаторов записей.") % what)
    return list(values)


def _x(source):
    """_() for the explanation sentences, memoised while suggest() runs."""
    memo = getattr(_EXPLAIN, "memo", None)
    if memo is None:
        return _(source)
    if source not in memo:
        memo[source] = _EXPLAIN.translate(source)
    return memo[source]


def value_from_thresholds(average, rules):
    """(value, sentence) for a weighted average under the school's thresholds."""
    avg = _dec(average)
    for value, key in (("5", "t5"), ("4", "t4"), ("3", "t3")):
        if avg >= _dec(rules[key]):
            return value, _x("%s ≥ %s → «%s»") % (_num(average), "%.2f" % rules[key], value)
    return "2", _x("%s < %s → «2»") % (_num(average), "%.2f" % rules["t3"])


def min_grades_for(rules, period_kind, hours):
    """The minimum number of marks for a period of ``period_kind`` in a subject
    of ``hours`` a week (the school's table: 1, 2, 3 and more hours)."""
    table = rules.get("min_grades_table")
    if not table:
        return rules["min_grades"]
    bucket = 3 if (hours or 0) >= 3 else 2 if (hours or 0) >= 2 else 1
    return table[("half_year" if period_kind == "half_year" else "quarter", bucket)]


def suggest_value(grades, rules, period_label="", min_grades=None, missed=None):
    """The suggested period grade for one pupil and one subject from his grades
    of the period: ``grades`` is a list of (value, weight, day) in date order;
    ``min_grades`` the minimum for this subject (default: the school's);
    ``missed`` (lessons missed, lessons held) of the pupil in the subject.
    Returns (value, average or None, count of numeric grades, explanation).
    The same function serves one record and a whole school."""
    rules = dict(rules, min_grades=min_grades or rules["min_grades"])
    value, average, count, text = _suggest_from_marks(grades, rules, period_label)
    missed_count, held = missed or (0, 0)
    limit = rules.get("na_absence_pct") or 0
    if value not in ("na", "osv") and held and limit and missed_count * 100.0 > limit * held:
        text += "\n" + _x("Пропущено %s из %s уроков (%s %%) — больше %s %% → «н/а» (не аттестован)") % (
            missed_count, held, _num(round(missed_count * 100.0 / held, 1)), limit)
        return "na", average, count, text
    return value, average, count, text


def _suggest_from_marks(grades, rules, period_label=""):
    numeric = [(v, w, d) for v, w, d in grades if v in NUMERIC and w and w > 0]
    other = [v for v, _w, _d in grades if v not in NUMERIC]
    lines = []
    listed = ", ".join(_x("%s (вес %s, %s)") % (GRADE_LABELS.get(v, v), _num(w), d) for v, w, d in numeric)
    lines.append(_x("Отметки за %s: %s шт.%s") % (period_label or _x("период"), len(numeric),
                                                 (": " + listed) if listed else ""))
    if other:
        lines.append(_x("Без балла (в среднее не входят): %s")
                     % ", ".join(GRADE_LABELS.get(v, v) for v in other))
    if not numeric:
        if other and all(v == "osv" for v in other):
            lines.append(_x("Ученик освобождён → «осв.»"))
            return "osv", None, 0, "\n".join(lines)
        passes = [v for v in other if v in ("zach", "nezach")]
        if len(passes) >= rules["min_grades"]:
            zach = passes.count("zach")
            value = "zach" if zach >= len(passes) - zach else "nezach"
            lines.append(_x("Зачётов %s, незачётов %s → «%s»")
                         % (zach, len(passes) - zach, GRADE_LABELS[value]))
            return value, None, 0, "\n".join(lines)
        lines.append(_x("Отметок меньше минимума (%s) → «н/а» (не аттестован)") % rules["min_grades"])
        return "na", None, 0, "\n".join(lines)
    average = weighted_average([(v, w) for v, w, _d in numeric])
    total = sum(NUMERIC[v] * w for v, w, _d in numeric)
    weights = sum(w for _v, w, _d in numeric)
    lines.append(_x("Средневзвешенный балл = Σ(отметка·вес) / Σвес = (%s) / (%s) = %s / %s = %s") % (
        " + ".join("%s·%s" % (v, _num(w)) for v, w, _d in numeric),
        " + ".join(_num(w) for _v, w, _d in numeric), _num(total), _num(weights), "%.2f" % average))
    if len(numeric) < rules["min_grades"]:
        lines.append(_x("Отметок %s — меньше минимума для аттестации (%s) → «н/а» (не аттестован)")
                     % (len(numeric), rules["min_grades"]))
        return "na", average, len(numeric), "\n".join(lines)
    value, sentence = value_from_thresholds(average, rules)
    lines.append(_x("Пороги школы: «5» от %.2f, «4» от %.2f, «3» от %.2f; %s")
                 % (rules["t5"], rules["t4"], rules["t3"], sentence))
    if value == "5" and rules.get("two_excludes_five"):
        lowest = min(NUMERIC[v] for v, _w, _d in numeric)
        if lowest <= 2:
            value = "4"
            lines.append(_x("Правило школы: «2» за период исключает «5» → «4»"))
    return value, average, len(numeric), "\n".join(lines)


def _year_tie(mean, numeric, rules, written):
    """(value, sentence) for a year mean of exactly x.5 under the school's rule."""
    low, high = int(mean), int(mean) + 1
    rule = rules.get("year_tie_rule") or "favour"
    if rule == "last_period":
        last = numeric[-1]
        value = high if NUMERIC[last] > mean else low
        return str(value), _x("%s — ровно посередине; по правилу школы решает отметка за последний период "
                              "(«%s») → «%s»") % (_num(mean), last, value)
    if rule == "written":
        count, average = written or (0, None)
        if count:
            value = high if average >= mean else low
            return str(value), _x("%s — ровно посередине; по правилу школы решают письменные (контрольные) "
                                  "работы за год: %s шт., средний балл %s → «%s»") % (
                _num(mean), count, "%.2f" % average, value)
        return str(high), _x("%s — ровно посередине; письменных (контрольных) работ за год нет → "
                             "в пользу ученика «%s»") % (_num(mean), high)
    return str(high), _x("%s — ровно посередине; по правилу школы в пользу ученика → «%s»") % (_num(mean), high)


def suggest_year_value(period_values, rules, written=None):
    """Year grade from the period grades [(label, value, state)] in date order:
    the arithmetic mean of the quarter (half-year) grades rounded by the rules
    of mathematics; a mean of exactly x.5 is decided by the school's tie rule
    (in the pupil's favour by default, by the last period, or by the written
    works — ``written`` is (count, average) of the pupil's control-work marks of
    the year). A period «н/а» is never dropped silently: the school's rule says
    whether the year is «н/а» too or the mean of the certified periods."""
    lines = [_x("Отметки за периоды: %s") % (", ".join(
        "%s — %s%s" % (label, GRADE_LABELS.get(v, v or "—"), "" if state == "confirmed" else _x(" (не утверждена)"))
        for label, v, state in period_values) or _x("нет"))]
    numeric = [v for _l, v, _s in period_values if v in NUMERIC]
    uncertified = [label for label, v, _s in period_values if v == "na"]
    if uncertified:
        if rules.get("year_na_rule", "na") != "mean_rest" or not numeric:
            lines.append(_x("Не аттестован за: %s → годовая «н/а», пока задолженность не ликвидирована "
                            "(правило школы)") % ", ".join(uncertified))
            return "na", None, 0, "\n".join(lines)
        lines.append(_x("Не аттестован за: %s — по правилу школы годовая считается по аттестованным периодам")
                     % ", ".join(uncertified))
    if not numeric:
        others = [v for _l, v, _s in period_values if v]
        if others and all(v == "osv" for v in others):
            return "osv", None, 0, "\n".join(lines + [_x("Ученик освобождён → «осв.»")])
        if others and all(v in ("zach", "nezach") for v in others):
            value = "zach" if others.count("zach") >= others.count("nezach") else "nezach"
            return value, None, 0, "\n".join(lines + [_x("→ «%s»") % GRADE_LABELS[value]])
        return "na", None, 0, "\n".join(lines + [_x("Нет отметок за периоды → «н/а»")])
    total = sum(NUMERIC[v] for v in numeric)
    mean = float(Decimal(repr(total)) / Decimal(len(numeric)))
    lines.append(_x("Среднее = (%s) / %s = %s / %s = %s") % (
        " + ".join(numeric), len(numeric), _num(total), len(numeric), "%.2f" % mean))
    if Decimal(repr(total)) * 2 % (2 * len(numeric)) == len(numeric):  # exactly x.5
        value, sentence = _year_tie(mean, numeric, rules, written)
    else:
        value = str(round_half_up(mean))
        sentence = _x("по правилам математического округления %s → «%s»") % ("%.2f" % mean, value)
    lines.append(sentence)
    return value, round(mean, 2), len(numeric), "\n".join(lines)


def suggest_final_value(level_number, year_value, exam_value, grades_10_11, earlier=None):
    """Final (итоговая) grade (приказ Минпросвещения № 546 of 05.10.2020):
    grade 9, an exam subject — the mean of the year and exam grades rounded
    half up, but an unsatisfactory exam («2») gives no final grade until the
    retake (None); grade 11 — the mean of the half-year (quarter, trimester) and
    year grades of grades 10 and 11, rounded half up; a subject finished before
    the last grade (``earlier``: (label, year value) of the last year studied)
    — that year grade; otherwise the year grade."""
    lines = [_x("Годовая: %s") % GRADE_LABELS.get(year_value, year_value or "—")]
    if level_number != 11 and not year_value and earlier:
        label, value = earlier
        return value, None, 0, _x("Предмет изучался до выпускного класса; итоговая = годовая за %s → «%s»") % (
            label, GRADE_LABELS.get(value, value))
    if level_number == 9 and exam_value:
        lines.append(_x("Экзаменационная: %s") % GRADE_LABELS.get(exam_value, exam_value))
        if exam_value in NUMERIC and NUMERIC[exam_value] <= 2:
            lines.append(_x("Неудовлетворительный результат экзамена: итоговая отметка не выставляется до "
                            "пересдачи"))
            return None, None, 0, "\n".join(lines)
        if year_value in NUMERIC and exam_value in NUMERIC:
            mean = (NUMERIC[year_value] + NUMERIC[exam_value]) / 2.0
            value = str(round_half_up(mean))
            lines.append(_x("9 класс, экзаменационный предмет: (%s + %s) / 2 = %s → по правилам "
                           "математического округления «%s»") % (year_value, exam_value, _num(mean), value))
            return value, mean, 2, "\n".join(lines)
    if level_number == 11:
        numeric = [(label, v) for label, v in grades_10_11 if v in NUMERIC]
        if numeric:
            total = sum(NUMERIC[v] for _l, v in numeric)
            mean = total / float(len(numeric))
            value = str(round_half_up(mean))
            lines.append(_x("11 класс: среднее отметок за четверти (полугодия) и годовых отметок за 10–11 классы "
                           "(%s) = %s / %s = %s → по правилам математического округления «%s»")
                         % (", ".join("%s — %s" % (l, v) for l, v in numeric), _num(total), len(numeric),
                            "%.2f" % mean, value))
            return value, round(mean, 2), len(numeric), "\n".join(lines)
    if not year_value:
        return "na", None, 0, "\n".join(lines + [_x("Нет годовой отметки → «н/а»")])
    lines.append(_x("Итоговая = годовой → «%s»") % GRADE_LABELS.get(year_value, year_value))
    return year_value, None, 0, "\n".join(lines)


class SchoolPeriodGrade(models.Model):
    """A pupil's grade for a period in one subject: suggested from the journal
    with its explanation, then confirmed (or overridden with a comment) by the
    teacher. Creating, changing and deleting pass the journal's write guard."""
    _name = "school.period.grade"
    _description = "Итоговая оценка"
    _order = "period_id, class_id, subject_id, student_name, kind"
    _rec_name = "value"
    # client_gate.py: the responsible teacher comes from the teaching load
    _school_server_fields = ("teacher_id",)
    _school_create_only_fields = IMMUTABLE_FIELDS

    student_id = fields.Many2one("school.student", string="Ученик", required=True, index=True,
                                 ondelete="restrict")
    student_name = fields.Char(related="student_id.name", store=True, readonly=True, string="ФИО")
    subject_id = fields.Many2one("school.subject", string="Предмет", required=True, index=True,
                                 ondelete="restrict")
    period_id = fields.Many2one("school.period", string="Период", required=True, index=True,
                                ondelete="restrict")
    academic_year_id = fields.Many2one(related="period_id.academic_year_id", store=True, readonly=True,
                                       string="Учебный год", index=True)
    class_id = fields.Many2one("school.class", string="Класс", required=True, index=True,
                               ondelete="restrict")
    grade_level_id = fields.Many2one(related="class_id.grade_level_id", store=True, readonly=True,
                                     string="Параллель", index=True)
    date = fields.Date(related="period_id.date_end", store=True, readonly=True, string="Дата")
    kind = fields.Selection(PERIOD_GRADE_KINDS, string="Вид", required=True, default="quarter")
    # _check_vals says which marks are allowed (the input guard leaves it that)
    _input_own_checks = ("value",)

    value = fields.Selection(GRADE_VALUES, string="Оценка")
    suggested_value = fields.Selection(GRADE_VALUES, string="Предложено", readonly=True)
    explanation = fields.Text(string="Как рассчитано", readonly=True)
    average = fields.Float(string="Средний балл", digits=(3, 2), readonly=True)
    grade_count = fields.Integer(string="Отметок", readonly=True)
    state = fields.Selection([("draft", "Предложена"), ("confirmed", "Утверждена")], string="Состояние",
                             required=True, default="draft", readonly=True, index=True)
    override_comment = fields.Text(string="Обоснование",
                                   help="Обязательно, если оценка отличается от предложенной.")
    differs = fields.Boolean(string="Отличается от предложенной", compute="_compute_differs")
    school_can_edit = fields.Boolean(string="Можно изменять", compute="_compute_school_can_edit")
    teacher_id = fields.Many2one("res.users", string="Учитель", index=True, ondelete="set null")
    confirm_uid = fields.Many2one("res.users", string="Утвердил", readonly=True, ondelete="set null")
    confirm_date = fields.Datetime(string="Дата утверждения", readonly=True)
    teacher_user_ids = fields.Many2many("res.users", string="Учителя предмета в классе",
                                        compute="_compute_teacher_users", search="_search_teacher_users")

    _sql_constraints = [
        ("period_grade_unique", "unique(student_id, subject_id, period_id, kind)",
         "У ученика уже есть оценка этого вида за этот период по этому предмету."),
    ]

    # ------------------------------------------------------------------ computes
    def _compute_school_can_edit(self):
        guard = self.env["school.journal.guard"]
        for grade in self:
            grade.school_can_edit = not isinstance(grade.id, int) or guard._passes(grade._guard)

    @api.depends("value", "suggested_value")
    def _compute_differs(self):
        for grade in self:
            grade.differs = bool(grade.suggested_value and grade.value != grade.suggested_value)

    def _compute_teacher_users(self):
        pairs = self._assignment_teachers({(g.class_id.id, g.subject_id.id) for g in self})
        for grade in self:
            grade.teacher_user_ids = [(6, 0, sorted(pairs.get((grade.class_id.id, grade.subject_id.id), ())))]

    def _search_teacher_users(self, operator, value):
        """Period grades of the class × subject pairs that the given users teach
        (for the teacher's record rule: «own teaching assignments»)."""
        if operator not in ("in", "=") or not value:
            raise UserError(_("Поиск по учителям предмета поддерживает только «=» и «in»."))
        users = value if isinstance(value, (list, tuple)) else [value]
        self.env.cr.execute("""
            SELECT g.id FROM school_period_grade g
              JOIN school_teaching_assignment t ON t.class_id = g.class_id AND t.subject_id = g.subject_id
             WHERE t.teacher_id IN %s
        """, (tuple(users),))
        return [("id", "in", [r[0] for r in self.env.cr.fetchall()])]

    @api.model
    def _assignment_teachers(self, pairs):
        """{(class_id, subject_id): {teacher ids}} of the teaching load, one query."""
        pairs = [p for p in pairs if p[0] and p[1]]
        if not pairs:
            return {}
        classes, subjects = zip(*pairs)
        self.env.cr.execute("""
            SELECT t.class_id, t.subject_id, array_agg(DISTINCT t.teacher_id)
              FROM school_teaching_assignment t
              JOIN unnest(%s::int[], %s::int[]) AS x(class_id, subject_id)
                ON x.class_id = t.class_id AND x.subject_id = t.subject_id
             GROUP BY t.class_id, t.subject_id
        """, (list(classes), list(subjects)))
        return {(c, s): set(t) for c, s, t in self.env.cr.fetchall()}

    # ------------------------------------------------------------------ guard
    @api.model
    def _guard_facts(self, entries):
        """Pass ``entries`` [(period, class, subject)] through the journal's one
        write guard: the period must be open for the class's grade level on the
        period's last day, and the user must teach the subject in the class
        (or be the school admin)."""
        entries = list({(p.id, c.id, s.id): (p, c, s) for p, c, s in entries}.values())
        if not entries:
            return True
        teachers = self._assignment_teachers({(c.id, s.id) for _p, c, s in entries})
        uid = self.env.uid
        facts, kinds = {}, {}
        for index, (period, school_class, subject) in enumerate(entries):
            period, school_class, subject = period.sudo(), school_class.sudo(), subject.sudo()
            kinds["period_grade_%s" % index] = period.kind
            pair_teachers = teachers.get((school_class.id, subject.id), set())
            teacher = uid if uid in pair_teachers else (min(pair_teachers) if pair_teachers else False)
            facts["period_grade_%s" % index] = (
                period.date_end, school_class.grade_level_id.id, teacher, False,
                school_class.class_teacher_id.id, school_class.name, subject.name)
        Guard = self.env["school.journal.guard"]
        for year_only in (False, True):
            part = {key: fact for key, fact in facts.items() if (kinds[key] == "year") == year_only}
            if part:
                Guard._check([], SCOPE_GRADE, facts=part, year_only=year_only)
        return True

    def _guard(self):
        if not self.ids or not all(isinstance(i, int) for i in self.ids):
            return self._guard_facts([(g.period_id, g.class_id, g.subject_id) for g in self.sudo()])
        # the distinct period × class × subject of the records in one query (a
        # school's quarter is ~11,000 records but a few hundred triples; issue 9)
        self.env.cr.execute("""SELECT DISTINCT period_id, class_id, subject_id FROM school_period_grade
                                WHERE id IN %s""", (tuple(self.ids),))
        env = self.sudo().env
        return self._guard_facts([(env["school.period"].browse(p), env["school.class"].browse(c),
                                   env["school.subject"].browse(s)) for p, c, s in self.env.cr.fetchall()])

    # ------------------------------------------------------------------ checks
    @api.model
    def _check_vals(self, vals):
        for name in ("value", "suggested_value"):
            if vals.get(name) and vals[name] not in GRADE_LABELS:
                raise ValidationError(_("Недопустимая оценка «%s». Допустимы: 1–5, «зач», «незач», "
                                        "«н/а», «осв.».") % (vals[name],))
        if "kind" in vals and vals["kind"] not in dict(PERIOD_GRADE_KINDS):
            raise ValidationError(_("Недопустимый вид итоговой оценки «%s».") % (vals["kind"],))

    @api.constrains("kind", "period_id", "class_id", "student_id")
    def _check_consistency(self):
        kinds = dict(PERIOD_GRADE_KINDS)
        for grade in self.sudo():
            period = grade.period_id
            if grade.kind in ATTESTATION_KINDS and period.kind != grade.kind:
                raise ValidationError(_("Оценка вида «%s» выставляется за период того же вида, а «%s» — "
                                        "другой период.") % (kinds[grade.kind], period.name))
            if grade.kind in YEAR_KINDS and period.kind != "year":
                raise ValidationError(_("Годовая, экзаменационная и итоговая оценки выставляются за учебный "
                                        "год, а не за «%s».") % period.name)
            if grade.class_id.grade_level_id not in period.grade_level_ids:
                raise ValidationError(_("Период «%s» не относится к параллели класса %s.")
                                      % (period.name, grade.class_id.name))
            if grade.class_id.academic_year_id != period.academic_year_id:
                raise ValidationError(_("Класс %s относится к другому учебному году, чем период «%s».")
                                      % (grade.class_id.name, period.name))
            self.env.cr.execute("""
                SELECT 1 FROM (
                    SELECT m.to_class_id, m.date AS date_from,
                           lead(m.date) OVER (ORDER BY m.date, m.id) AS date_to
                      FROM school_student_movement m WHERE m.student_id = %s) i
                 WHERE i.to_class_id = %s AND i.date_from <= %s AND (i.date_to IS NULL OR i.date_to > %s)
                 LIMIT 1
            """, (grade.student_id.id, grade.class_id.id, period.date_end, period.date_start))
            if not self.env.cr.fetchone():
                raise ValidationError(_("Ученик %s не учился в %s в период «%s».")
                                      % (grade.student_id.name, grade.class_id.name, period.name))

    # ------------------------------------------------------------------ CRUD
    @api.model
    def create(self, vals):
        # refuse users without the right before reading anything on their behalf
        self.check_access_rights("create")
        vals = dict(vals)
        self._check_vals(vals)
        for name in COMPUTED_FIELDS + ("state", "confirm_uid", "confirm_date"):
            vals.pop(name, None)
        period = self.env["school.period"].sudo().browse(vals.get("period_id"))
        school_class = self.env["school.class"].sudo().browse(vals.get("class_id"))
        subject = self.env["school.subject"].sudo().browse(vals.get("subject_id"))
        if not (period.exists() and school_class.exists() and subject.exists() and vals.get("student_id")):
            raise ValidationError(_("Укажите ученика, класс, предмет и период итоговой оценки."))
        self._guard_facts([(period, school_class, subject)])
        if not vals.get("teacher_id"):
            teachers = self._assignment_teachers({(school_class.id, subject.id)}).get(
                (school_class.id, subject.id), set())
            vals["teacher_id"] = self.env.uid if self.env.uid in teachers else (min(teachers) if teachers else False)
        grade = super(SchoolPeriodGrade, self).create(vals)
        grade._log_change("create", {grade.id: ""})
        return grade

    def write(self, vals):
        # the field gate refuses these from every user (client_gate.py); here the
        # superuser too: only the suggestion and the buttons store them
        vals = dict(vals)
        self._check_vals(vals)
        trusted = self.env.cr.cache.get(TRUSTED_KEY)
        if set(COMPUTED_FIELDS + ("confirm_uid", "confirm_date")) & set(vals) and not trusted:
            raise UserError(_("Предложенная оценка, средний балл и расчёт заполняются только кнопкой "
                              "«Предложить оценки»."))
        if "state" in vals and not trusted:
            raise UserError(_("Утвердить оценку можно только кнопкой «Утвердить»."))
        for grade in self:
            for name in IMMUTABLE_FIELDS:
                if name in vals:
                    current = grade[name].id if hasattr(grade[name], "id") else grade[name]
                    if vals[name] != current:
                        raise UserError(_("У итоговой оценки нельзя сменить ученика, класс, предмет, период "
                                          "или вид: удалите её и выставьте заново."))
        if not trusted and self.filtered(lambda g: g.state == "confirmed"):
            raise UserError(_("Оценка утверждена: чтобы изменить её, сначала верните её в «предложена»."))
        self._guard()
        old = {g.id: g.value or "" for g in self} if "value" in vals else None
        result = super(SchoolPeriodGrade, self).write(vals)
        if old is not None:
            self._log_change("write", old)
        return result

    def unlink(self):
        if not self:
            return True
        self._guard()
        if self.filtered(lambda g: g.state == "confirmed"):
            raise UserError(_("Утверждённую итоговую оценку удалить нельзя: сначала верните её в «предложена»."))
        old = {g.id: g.value or "" for g in self}
        self._log_change("unlink", old)
        return super(SchoolPeriodGrade, self).unlink()

    def _log_change(self, operation, old, field="value"):
        entries = []
        # what the log needs of every record, in one query (not an ORM read of
        # thousands of records when a whole quarter is confirmed; issue 9)
        self.env.cr.execute("""
            SELECT pg.id, pg.value, pg.state, pg.student_id, pg.kind, s.name, p.name, p.date_end
              FROM school_period_grade pg
              JOIN school_subject s ON s.id = pg.subject_id
              JOIN school_period p ON p.id = pg.period_id
             WHERE pg.id IN %s
        """, (tuple(self.ids) or (0,),))
        facts = {r[0]: r[1:] for r in self.env.cr.fetchall()}
        states = dict(self._fields["state"].selection)
        for grade_id in self.ids:
            value, state, student_id, kind, subject, period, date_end = facts[grade_id]
            new = "" if operation == "unlink" else (
                GRADE_LABELS.get(value, value or "") if field == "value" else states.get(state))
            before = GRADE_LABELS.get(old.get(grade_id), old.get(grade_id) or "") if field == "value" \
                else old.get(grade_id, "")
            if before == new:
                continue
            entries.append({
                "model": self._name, "res_id": grade_id, "student_id": student_id,
                "lesson_date": date_end, "field_name": field,
                "field_label": "%s: %s, %s" % (dict(PERIOD_GRADE_KINDS)[kind], subject, period),
                "old_value": before, "new_value": new, "operation": operation})
        # raw INSERT as the real user: sudo() here would log the superuser (issue 10)
        self.env["school.change.log"]._record(entries)

    # ------------------------------------------------------------------ actions
    def action_confirm(self):
        """Утвердить: the value is required; a value other than the suggested one
        needs an explanation (override_comment)."""
        # the checks read their few columns in one query: a whole quarter is
        # ~11,000 records (issue 9); the access rules are the ORM's, as before
        self.check_access_rights("read")
        self.check_access_rule("read")
        self.env.cr.execute("""
            SELECT pg.id, pg.state, pg.value, pg.suggested_value, pg.override_comment, s.name
              FROM school_period_grade pg JOIN school_student s ON s.id = pg.student_id
             WHERE pg.id IN %s
        """, (tuple(self.ids) or (0,),))
        facts = {r[0]: r[1:] for r in self.env.cr.fetchall()}
        draft_ids = [i for i in self.ids if facts[i][0] == "draft"]
        drafts = self.browse(draft_ids)
        if not drafts:
            raise UserError(_("Выбранные оценки уже утверждены."))
        empty = [facts[i][4] for i in draft_ids if not facts[i][1]]
        if empty:
            raise UserError(_("Не выставлена оценка: %s.") % ", ".join(empty))
        unexplained = [facts[i] for i in draft_ids if facts[i][2] and facts[i][1] != facts[i][2]
                       and not (facts[i][3] or "").strip()]
        if unexplained:
            raise UserError(_("Оценка отличается от предложенной — укажите обоснование: %s.")
                            % ", ".join("%s (предложено «%s», выставлено «%s»)" % (
                                name, GRADE_LABELS[suggested], GRADE_LABELS[value])
                                for _state, value, suggested, _comment, name in unexplained))
        drafts._school_server_write({
            "state": "confirmed", "confirm_uid": self.env.uid, "confirm_date": fields.Datetime.now()})
        drafts._log_change("write", {g.id: "Предложена" for g in drafts}, field="state")
        return True

    def action_reset_draft(self):
        confirmed = self.filtered(lambda g: g.state == "confirmed")
        confirmed._school_server_write(
            {"state": "draft", "confirm_uid": False, "confirm_date": False})
        confirmed._log_change("write", {g.id: "Утверждена" for g in confirmed}, field="state")
        return True

    def action_open_explanation(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
            "view_mode": "form", "target": "new", "name": _("Итоговая оценка"),
            "views": [(self.env.ref("school_ejournal.view_school_period_grade_form").id, "form")],
        }

    # ------------------------------------------------------------------ suggestion
    @api.model
    def _period_label(self, period):
        return period.name or ""

    @api.model
    def _suggest_period(self, period):
        """The period as a record: over RPC it arrives as an id, read as that
        period so that the write guard decides as for the wizard."""
        if isinstance(period, models.BaseModel) and period._name == "school.period":
            record = period
        else:
            record = self.env["school.period"].browse(_rpc_ids(period, _("Период")) or [])
        if len(record) != 1 or not record.exists():
            raise UserError(_("Укажите один существующий учебный период."))
        return record

    @api.model
    def suggest(self, period, class_ids=None, subject_ids=None, kind=None):
        """See _suggest; the explanation sentences are translated once per run (_x)."""
        if kind not in SUGGEST_KINDS:
            raise UserError(_("Вид предлагаемых оценок за год: «year» (годовые) или «final» (итоговые)."))
        period, kind = self._suggest_period(period), kind or None
        class_ids, subject_ids = _rpc_ids(class_ids, _("Классы")), _rpc_ids(subject_ids, _("Предметы"))
        def translate(source):
            env = self.env  # noqa: F841  (GettextAlias takes the language and cursor from this frame)
            return _(source)
        outer = getattr(_EXPLAIN, "memo", None), getattr(_EXPLAIN, "translate", None)
        _EXPLAIN.memo, _EXPLAIN.translate = {}, translate
        try:
            return self._suggest(period, class_ids, subject_ids, kind)
        finally:
            _EXPLAIN.memo, _EXPLAIN.translate = outer

    @api.model
    def _suggest(self, period, class_ids=None, subject_ids=None, kind=None):
        """Suggest the period grades of ``period`` for the given classes and
        subjects (None: all of them): one aggregate query, the school's rules in
        Python over its rows, one bulk upsert of draft rows (confirmed ones are
        never touched). ``kind`` for a year period: «year» (default) or «final».
        Returns the number of rows written."""
        period = period.sudo()
        if not period.exists():
            raise ValidationError(_("Укажите учебный период."))
        if period.kind == "year":
            kind = kind or "year"
            if kind not in ("year", "final"):
                raise ValidationError(_("За учебный год предлагаются годовые и итоговые оценки, а не «%s».")
                                      % dict(PERIOD_GRADE_KINDS).get(kind, kind))
        else:
            if kind and kind != period.kind:
                raise ValidationError(_("За период «%s» предлагаются оценки вида «%s».")
                                      % (period.name, dict(PERIOD_GRADE_KINDS)[period.kind]))
            kind = period.kind
        if class_ids is None and subject_ids is None and self.env.uid != SUPERUSER_ID \
                and not self.env.user.has_group("school_ejournal.group_school_admin"):
            raise AccessError(_("Предложить оценки для всей школы может только администратор школы."))
        company = period.academic_year_id.company_id or self.env.user.company_id
        rules = company._school_grading_rules()
        cr = self.env.cr
        params = {"start": period.date_start, "end": period.date_end,
                  "levels": tuple(period.grade_level_ids.ids) or (0,), "period": period.id,
                  "year": period.academic_year_id.id,
                  "all_classes": class_ids is None, "classes": tuple(class_ids or ()) or (0,),
                  "all_subjects": subject_ids is None, "subjects": tuple(subject_ids or ()) or (0,)}
        if class_ids is not None and not class_ids or subject_ids is not None and not subject_ids:
            return 0
        if kind in ATTESTATION_KINDS:
            cr.execute("WITH " + MEMBERS_SQL + """
                SELECT m.student_id, m.class_id, m.subject_id, """ + TEACHER_SQL + """,
                       array_agg(g.value ORDER BY g.date, g.id) FILTER (WHERE g.id IS NOT NULL),
                       array_agg(g.weight ORDER BY g.date, g.id) FILTER (WHERE g.id IS NOT NULL),
                       array_agg(coalesce(coalesce(k.short_name, k.name) || ', ', '') || to_char(g.date, 'DD.MM')
                                 ORDER BY g.date, g.id) FILTER (WHERE g.id IS NOT NULL),
                       count(g.numeric_value), min(g.numeric_value)
                  FROM members m
                  LEFT JOIN school_grade g ON g.student_id = m.student_id AND g.subject_id = m.subject_id
                                          AND g.date BETWEEN %(start)s AND %(end)s
                  -- each mark's own kind of work, named in the explanation («5 (вес 2, К/р, 12.10)»)
                  LEFT JOIN school_work_kind k ON k.id = g.work_kind_id
                 GROUP BY m.student_id, m.class_id, m.subject_id
            """, params)
            fetched = cr.fetchall()
            hours, missed = self._hours_and_missed(period, fetched)
            label = self._period_label(period)  # may query: fetch first
            rows = []
            for student, class_id, subject, teacher, values, weights, days, _count, _min in fetched:
                grades = [(v, float(w or 0), d) for v, w, d in zip(values or [], weights or [], days or [])]
                value, average, count, text = suggest_value(
                    grades, rules, label, min_grades_for(rules, period.kind, hours.get((class_id, subject))),
                    missed.get((student, subject)))
                rows.append((student, class_id, subject, teacher, value, average, count, text))
        elif kind == "year":
            cr.execute("WITH " + MEMBERS_SQL + """
                SELECT m.student_id, m.class_id, m.subject_id, """ + TEACHER_SQL + """,
                       array_agg(p.id ORDER BY p.date_start) FILTER (WHERE pg.id IS NOT NULL),
                       array_agg(pg.value ORDER BY p.date_start) FILTER (WHERE pg.id IS NOT NULL),
                       array_agg(pg.state ORDER BY p.date_start) FILTER (WHERE pg.id IS NOT NULL)
                  FROM members m
                  LEFT JOIN (school_period_grade pg JOIN school_period p ON p.id = pg.period_id)
                         ON pg.student_id = m.student_id AND pg.subject_id = m.subject_id
                        AND p.academic_year_id = %(year)s AND pg.kind IN ('quarter', 'half_year', 'trimester')
                 GROUP BY m.student_id, m.class_id, m.subject_id
            """, params)
            fetched = cr.fetchall()
            names = {p.id: p.name for p in self.env["school.period"].sudo().search(
                [("academic_year_id", "=", period.academic_year_id.id)])}
            rows = []
            written = {}
            if rules.get("year_tie_rule") == "written" and fetched:
                # the control works of the year decide a tie: their plain mean
                cr.execute("""
                    SELECT g.student_id, g.subject_id, count(*), avg(g.numeric_value)
                      FROM school_grade g
                      JOIN school_work_kind k ON k.id = g.work_kind_id AND k.is_control
                     WHERE g.numeric_value IS NOT NULL AND g.date BETWEEN %(start)s AND %(end)s
                       AND g.student_id IN %(students)s
                     GROUP BY g.student_id, g.subject_id
                """, dict(params, students=tuple({r[0] for r in fetched})))
                written = {(st, sub): (count, float(avg)) for st, sub, count, avg in cr.fetchall()}
            for student, class_id, subject, teacher, period_ids, values, states in fetched:
                items = [(names.get(pid, ""), v, s) for pid, v, s in zip(period_ids or [], values or [],
                                                                          states or [])]
                value, average, count, text = suggest_year_value(items, rules, written.get((student, subject)))
                rows.append((student, class_id, subject, teacher, value, average, count, text))
        else:  # final
            # Subjects finished before the graduating class (музыка, ИЗО in grade 9; a subject of
            # grade 10 only in grade 11) have no lessons this year: their pupils come from the
            # year grades of earlier years. Only the school admin completes those rows (no teacher).
            earlier = self.env.uid == SUPERUSER_ID or self.env.user.has_group("school_ejournal.group_school_admin")
            cr.execute("WITH " + MEMBERS_SQL + """, finals AS (
                  SELECT student_id, class_id, subject_id, bool_or(taught) AS taught FROM (
                    SELECT student_id, class_id, subject_id, true AS taught FROM members
                     WHERE %(pick_all)s OR subject_id IN %(pick)s
                    UNION ALL
                    SELECT pu.student_id, pu.class_id, pg.subject_id, false
                      FROM (SELECT DISTINCT student_id, class_id FROM members) pu
                      JOIN school_class c ON c.id = pu.class_id
                      JOIN school_grade_level gl ON gl.id = c.grade_level_id
                      JOIN school_period_grade pg ON pg.student_id = pu.student_id AND pg.kind = 'year'
                                                 AND pg.value IS NOT NULL AND pg.academic_year_id != %(year)s
                      JOIN school_class pc ON pc.id = pg.class_id
                      JOIN school_grade_level pgl ON pgl.id = pc.grade_level_id
                     WHERE %(earlier)s AND (gl.number = 9 OR gl.number = 11 AND pgl.number = 10)
                       AND (%(pick_all)s OR pg.subject_id IN %(pick)s)
                  ) x GROUP BY student_id, class_id, subject_id
                )
                SELECT m.student_id, m.class_id, m.subject_id, """ + TEACHER_SQL + """, gl.number,
                       max(pg.value) FILTER (WHERE pg.kind = 'year' AND pg.academic_year_id = %(year)s),
                       max(pg.value) FILTER (WHERE pg.kind = 'exam' AND pg.academic_year_id = %(year)s),
                       array_agg(pgl.number || ' кл., ' || CASE WHEN pg.kind = 'year' THEN 'год'
                                 ELSE p.name END || ':' || pg.value ORDER BY p.date_start, pg.kind)
                           FILTER (WHERE pgl.number IN (10, 11)
                                     AND pg.kind IN ('quarter', 'half_year', 'trimester', 'year')),
                       (array_agg(pgl.number || ' класс:' || pg.value ORDER BY p.date_start DESC)
                           FILTER (WHERE pg.kind = 'year' AND pg.academic_year_id != %(year)s
                                     AND NOT m.taught))[1]
                  FROM finals m
                  JOIN school_class c ON c.id = m.class_id
                  JOIN school_grade_level gl ON gl.id = c.grade_level_id
                  LEFT JOIN (school_period_grade pg
                             JOIN school_period p ON p.id = pg.period_id
                             JOIN school_class pc ON pc.id = pg.class_id
                             JOIN school_grade_level pgl ON pgl.id = pc.grade_level_id)
                         ON pg.student_id = m.student_id AND pg.subject_id = m.subject_id
                        AND pg.value IS NOT NULL
                 GROUP BY m.student_id, m.class_id, m.subject_id, m.taught, gl.number
            """, dict(params, earlier=earlier, all_subjects=True,  # the class's pupils, whatever the subject
                      pick_all=params["all_subjects"], pick=params["subjects"]))
            rows = []
            fetched = cr.fetchall()
            for student, class_id, subject, teacher, level, year_value, exam, items, last in fetched:
                pairs = [tuple(item.rsplit(":", 1)) for item in (items or [])]
                value, average, count, text = suggest_final_value(
                    level, year_value, exam, pairs, tuple(last.rsplit(":", 1)) if last else None)
                rows.append((student, class_id, subject, teacher, value, average, count, text))
        if not rows:
            return 0
        # The one write guard, for every class × subject at once (one query for
        # the teachers, one for the periods' state).
        classes = self.env["school.class"].sudo().browse({r[1] for r in rows})
        subjects = self.env["school.subject"].sudo().browse({r[2] for r in rows})
        pairs = {(r[1], r[2]) for r in rows}
        class_by_id = {c.id: c for c in classes}
        subject_by_id = {s.id: s for s in subjects}
        self._guard_facts([(period, class_by_id[c], subject_by_id[s]) for c, s in pairs])
        return self._upsert(period, kind, rows)

    @api.model
    def _hours_and_missed(self, period, fetched):
        """For the rows of a period suggestion: {(class, subject): weekly hours} from
        the teaching load and {(pupil, subject): (lessons missed, lessons held)} in
        the period (absences of any reason, not lateness). Two queries."""
        if not fetched:
            return {}, {}
        cr = self.env.cr
        cr.execute("""
            SELECT class_id, subject_id, max(hours_per_week) FROM school_teaching_assignment
             WHERE class_id IN %s AND subject_id IN %s GROUP BY class_id, subject_id
        """, (tuple({r[1] for r in fetched}), tuple({r[2] for r in fetched})))
        hours = {(c, s): h for c, s, h in cr.fetchall()}
        cr.execute("""
            SELECT a.student_id, l.subject_id,
                   count(*) FILTER (WHERE ac.counts_as_absence AND NOT coalesce(ac.is_late, false)), count(*)
              FROM school_attendance a
              JOIN school_lesson l ON l.id = a.lesson_id
              LEFT JOIN school_attendance_code ac ON ac.id = a.code_id
             WHERE l.date BETWEEN %s AND %s AND a.student_id IN %s AND l.subject_id IN %s
             GROUP BY a.student_id, l.subject_id
        """, (period.date_start, period.date_end, tuple({r[0] for r in fetched}), tuple({r[2] for r in fetched})))
        return hours, {(st, sub): (m, n) for st, sub, m, n in cr.fetchall()}

    @api.model
    def suggest_for_school(self, period, kind=None):
        """All class × subject pairs of ``period`` at once: still one aggregate
        query and one upsert for the whole school (plus the guard's two)."""
        return self.suggest(period, None, None, kind=kind)

    @api.model
    def _upsert(self, period, kind, rows):
        """One INSERT … ON CONFLICT DO UPDATE of the suggested rows; a draft keeps
        a value the teacher changed; a confirmed row is left alone."""
        levels = dict((c.id, c.grade_level_id.id) for c in self.env["school.class"].sudo().browse(
            {r[1] for r in rows}))
        uid, year = self.env.uid, period.academic_year_id.id
        day = fields.Date.to_string(fields.Date.from_string(period.date_end))
        execute_values(self.env.cr, """
            INSERT INTO school_period_grade AS pg
                   (create_uid, create_date, write_uid, write_date, student_id, student_name, subject_id,
                    period_id, academic_year_id, class_id, grade_level_id, date, kind, value,
                    suggested_value, average, grade_count, explanation, teacher_id, state)
            SELECT x.uid, now() AT TIME ZONE 'UTC', x.uid, now() AT TIME ZONE 'UTC', x.student_id,
                   s.name, x.subject_id, x.period_id, x.year_id, x.class_id, x.level_id, x.day,
                   x.kind, x.value, x.value, x.average, x.grade_count, x.explanation, x.teacher_id, 'draft'
              FROM (VALUES %s) AS x(uid, period_id, year_id, day, kind, student_id, class_id, level_id,
                                    subject_id, teacher_id, value, average, grade_count, explanation)
              JOIN school_student s ON s.id = x.student_id
            ON CONFLICT (student_id, subject_id, period_id, kind) DO UPDATE SET
                   value = CASE WHEN pg.value IS NULL OR pg.value IS NOT DISTINCT FROM pg.suggested_value
                                THEN EXCLUDED.value ELSE pg.value END,
                   suggested_value = EXCLUDED.suggested_value, average = EXCLUDED.average,
                   grade_count = EXCLUDED.grade_count, explanation = EXCLUDED.explanation,
                   class_id = EXCLUDED.class_id, grade_level_id = EXCLUDED.grade_level_id,
                   teacher_id = COALESCE(pg.teacher_id, EXCLUDED.teacher_id),
                   write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
             WHERE pg.state = 'draft'
        """, [(uid, period.id, year, day, kind, student, class_id, levels[class_id], subject, teacher or None,
               value, average, count, text)
              for student, class_id, subject, teacher, value, average, count, text in rows],
            template="(%s::int, %s::int, %s::int, %s::date, %s::varchar, %s::int, %s::int, %s::int, %s::int, "
                     "%s::int, %s::varchar, %s::float, %s::int, %s::text)",
            page_size=1000)
        self.invalidate_cache()
        return len(rows)

    # ------------------------------------------------------------------ helpers for closing
    @api.model
    def _missing_for_period(self, period, level_ids):
        """Pupils without a period grade (or with an unconfirmed one) for a
        class × subject taught in ``period`` for ``level_ids``:
        [(class name, subject name, student name, 'missing'|'draft')]. One query."""
        kind = period.kind
        params = {"start": period.date_start, "end": period.date_end, "levels": tuple(level_ids) or (0,),
                  "all_classes": True, "classes": (0,), "all_subjects": True, "subjects": (0,),
                  "period": period.id, "kind": kind}
        self.env.cr.execute("WITH " + MEMBERS_SQL + """
            SELECT c.name, sub.name, s.name, CASE WHEN pg.id IS NULL OR pg.value IS NULL THEN 'missing'
                                                  ELSE 'draft' END
              FROM members m
              JOIN school_class c ON c.id = m.class_id
              JOIN school_subject sub ON sub.id = m.subject_id
              JOIN school_student s ON s.id = m.student_id
              LEFT JOIN school_period_grade pg ON pg.student_id = m.student_id AND pg.subject_id = m.subject_id
                                              AND pg.period_id = %(period)s AND pg.kind = %(kind)s
             WHERE pg.id IS NULL OR pg.value IS NULL OR pg.state != 'confirmed'
             ORDER BY c.name, sub.name, s.name
        """, params)
        return self.env.cr.fetchall()
