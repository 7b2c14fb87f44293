"""The grading rules, with no database: the grade scale, the weighted average
and the suggestion of period, year and final grades with their explanations.
models/period_grade.py applies them to one pupil or a whole school alike."""
import contextlib
import threading
from decimal import ROUND_HALF_UP, Decimal

from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import _

GRADE_VALUES = [
    ("5", "5"), ("4", "4"), ("3", "3"), ("2", "2"), ("1", "1"),
    ("zach", "зач"), ("nezach", "незач"), ("na", "н/а"), ("osv", "осв."),
]
GRADE_LABELS = dict(GRADE_VALUES)
# What a teacher may type in the grid for each value.
GRADE_ALIASES = {label.lower().rstrip("."): key for key, label in GRADE_VALUES}
GRADE_ALIASES.update({"зачёт": "zach", "незачёт": "nezach", "на": "na", "осв": "osv"})
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
SUGGEST_KINDS = (None, False, "year", "final")
NUMERIC = {"1": 1.0, "2": 2.0, "3": 3.0, "4": 4.0, "5": 5.0}


def weighted_average(grades):
    """Σ(value·weight) / Σweight over the numeric grades of ``grades`` (pairs of
    (value, weight), value a grade key or a number), rounded half up to two
    places; None when there is none. Exact decimal arithmetic, as the SQL twin
    SchoolGrade._weighted_averages does in ``numeric``; a test keeps them equal."""
    total = weight_sum = Decimal(0)
    for value, weight in grades:
        number = NUMERIC.get(value) if isinstance(value, str) else value
        if number is None or not weight or weight <= 0:
            continue
        weight = Decimal(repr(float(weight)))
        total += Decimal(repr(float(number))) * weight
        weight_sum += weight
    if not weight_sum:
        return None
    return float((total / weight_sum).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


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
# opens a cursor for every call (11,552 pupils: seconds; bench/).
_EXPLAIN = threading.local()


@contextlib.contextmanager
def explaining(translate):
    """While a suggestion runs: each explanation sentence translated once, by
    ``translate`` (a function of the caller, whose frame gives the language)."""
    outer = getattr(_EXPLAIN, "memo", None), getattr(_EXPLAIN, "translate", None)
    _EXPLAIN.memo, _EXPLAIN.translate = {}, translate
    try:
        yield
    finally:
        _EXPLAIN.memo, _EXPLAIN.translate = outer


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


# The suggestion's rows from the rows its queries fetch (tools/period_grade_sql.py):
# (student, class, subject, teacher, value, average, count, explanation).
def attestation_rows(fetched, rules, label, period_kind, hours, missed):
    rows = []
    for student, class_id, subject, teacher, values, weights, days, _count, _min in fetched:
        grades = [(v, float(w or 0), d) for v, w, d in zip(values or [], weights or [], days or [])]
        value, average, count, text = suggest_value(
            grades, rules, label, min_grades_for(rules, period_kind, hours.get((class_id, subject))),
            missed.get((student, subject)))
        rows.append((student, class_id, subject, teacher, value, average, count, text))
    return rows


def year_rows(fetched, names, rules, written):
    rows = []
    for student, class_id, subject, teacher, period_ids, values, states in fetched:
        items = [(names.get(pid, ""), v, s) for pid, v, s in zip(period_ids or [], values or [],
                                                                  states or [])]
        value, average, count, text = suggest_year_value(items, rules, written.get((student, subject)))
        rows.append((student, class_id, subject, teacher, value, average, count, text))
    return rows


def final_rows(fetched):
    rows = []
    for student, class_id, subject, teacher, level, year_value, exam, items, last in fetched:
        pairs = [tuple(item.rsplit(":", 1)) for item in (items or [])]
        value, average, count, text = suggest_final_value(
            level, year_value, exam, pairs, tuple(last.rsplit(":", 1)) if last else None)
        rows.append((student, class_id, subject, teacher, value, average, count, text))
    return rows


def check_period_grade_vals(vals):
    """Refuse a period grade's value or kind outside the scale (ValidationError)."""
    for name in ("value", "suggested_value"):
        if vals.get(name) and vals[name] not in GRADE_LABELS:
            raise ValidationError(_("Недопустимая оценка «%s». Допустимы: 1–5, «зач», «незач», "
                                    "«н/а», «осв.».") % (vals[name],))
    if "kind" in vals and vals["kind"] not in dict(PERIOD_GRADE_KINDS):
        raise ValidationError(_("Недопустимый вид итоговой оценки «%s».") % (vals["kind"],))


def suggestion_kind(period, kind):
    """The kind of grades a suggestion over ``period`` writes: a year period's
    «year» (default) or «final», another period's own kind; else refused."""
    if period.kind == "year":
        kind = kind or "year"
        if kind not in ("year", "final"):
            raise ValidationError(_("За учебный год предлагаются годовые и итоговые оценки, а не «%s».")
                                  % dict(PERIOD_GRADE_KINDS).get(kind, kind))
    else:
        if kind and kind != period.kind:
            raise ValidationError(_("За период «%(period)s» предлагаются оценки вида «%(kind)s».")
                                  % {"period": period.name, "kind": dict(PERIOD_GRADE_KINDS)[period.kind]})
        kind = period.kind
    return kind


def check_confirmable(facts, draft_ids):
    """Refuse to confirm drafts without a value, or whose value differs from the
    suggested one without an explanation; ``facts`` the rows of CONFIRM_FACTS_SQL."""
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
