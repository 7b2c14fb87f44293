"""The grading rules, with no database: the grade scale, the weighted average
and the suggestion of period, year and final grades with their explanations.
models/period_grade.py applies them to one pupil or a whole school alike."""
import contextlib
import threading
from decimal import ROUND_HALF_UP, Decimal

from odoo.exceptions import UserError, ValidationError

from .dates import format_date
from .translate import _ as _plain

GRADE_VALUES = [
    ("5", "5"), ("4", "4"), ("3", "3"), ("2", "2"), ("1", "1"),
    ("zach", "pass"), ("nezach", "fail"), ("na", "n/a"), ("osv", "exempt"),
]
# The marks as the Russian class register writes them (grid, print, portal, explanations):
# the journal's notation, like the attendance codes «н», «б», not words of the interface
GRADE_LABELS = dict(GRADE_VALUES, zach="зач", nezach="незач", na="н/а", osv="осв.")
# What a teacher may type in the grid for each value.
GRADE_ALIASES = {label.lower().rstrip("."): key for key, label in GRADE_LABELS.items()}
GRADE_ALIASES.update({"зачёт": "zach", "незачёт": "nezach", "на": "na", "осв": "osv"})
PERIOD_GRADE_KINDS = [
    ("quarter", "Quarter Grade"),
    ("half_year", "Half-Year Grade"),
    ("trimester", "Trimester Grade"),
    ("year", "Year Grade"),
    ("exam", "Exam Grade"),
    ("final", "Final (Kind)"),
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


def _(source):
    """_() for the sentences and errors here, memoised while suggest() runs."""
    memo = getattr(_EXPLAIN, "memo", None)
    if memo is None:
        return _plain(source)
    if source not in memo:
        memo[source] = _EXPLAIN.translate(source)
    return memo[source]


def value_from_thresholds(average, rules):
    """(value, sentence) for a weighted average under the school's thresholds."""
    avg = _dec(average)
    for value, key in (("5", "t5"), ("4", "t4"), ("3", "t3")):
        if avg >= _dec(rules[key]):
            return value, _("%(average)s ≥ %(threshold)s → «%(value)s»") % {
                "average": _num(average), "threshold": "%.2f" % rules[key], "value": value}
    return "2", _("%(average)s < %(threshold)s → «2»") % {"average": _num(average),
                                                             "threshold": "%.2f" % rules["t3"]}


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
        text += "\n" + _("Missed %(missed)s of %(held)s lessons (%(share)s %%) — more than %(limit)s %% → "
                         "“n/a” (not assessed)") % {"missed": missed_count, "held": held, "limit": limit,
                                                    "share": _num(round(missed_count * 100.0 / held, 1))}
        return "na", average, count, text
    return value, average, count, text


def _suggest_from_marks(grades, rules, period_label=""):
    numeric = [(v, w, d) for v, w, d in grades if v in NUMERIC and w and w > 0]
    other = [v for v, _w, _d in grades if v not in NUMERIC]
    lines = []
    listed = ", ".join(_("%(grade)s (weight %(weight)s, %(date)s)")
                       % {"grade": GRADE_LABELS.get(v, v), "weight": _num(w), "date": d} for v, w, d in numeric)
    lines.append(_("Grades for %(period)s: %(count)s of them%(listed)s") % {
        "period": period_label or _("the period"), "count": len(numeric), "listed": (": " + listed) if listed else ""})
    if other:
        lines.append(_("Without a score (not in the average): %s")
                     % ", ".join(GRADE_LABELS.get(v, v) for v in other))
    if not numeric:
        if other and all(v == "osv" for v in other):
            lines.append(_("The student is exempt → “exempt”"))
            return "osv", None, 0, "\n".join(lines)
        passes = [v for v in other if v in ("zach", "nezach")]
        if len(passes) >= rules["min_grades"]:
            zach = passes.count("zach")
            value = "zach" if zach >= len(passes) - zach else "nezach"
            lines.append(_("Passes %(passes)s, fails %(fails)s → “%(value)s”")
                         % {"passes": zach, "fails": len(passes) - zach, "value": GRADE_LABELS[value]})
            return value, None, 0, "\n".join(lines)
        lines.append(_("Fewer grades than the minimum (%s) → “n/a” (not assessed)") % rules["min_grades"])
        return "na", None, 0, "\n".join(lines)
    average = weighted_average([(v, w) for v, w, _d in numeric])
    total = sum(NUMERIC[v] * w for v, w, _d in numeric)
    weights = sum(w for _v, w, _d in numeric)
    lines.append(_("Weighted average = Σ(grade·weight) / Σweight = (%(products)s) / (%(weights)s) = %(total)s / "
                   "%(weight_sum)s = %(average)s") % {
        "products": " + ".join("%s·%s" % (v, _num(w)) for v, w, _d in numeric),
        "weights": " + ".join(_num(w) for _v, w, _d in numeric), "total": _num(total), "weight_sum": _num(weights),
        "average": "%.2f" % average})
    if len(numeric) < rules["min_grades"]:
        lines.append(_("%(count)s grades — fewer than the minimum for assessment (%(minimum)s) → “n/a” (not assessed)")
                     % {"count": len(numeric), "minimum": rules["min_grades"]})
        return "na", average, len(numeric), "\n".join(lines)
    value, sentence = value_from_thresholds(average, rules)
    lines.append(_("School thresholds: “5” from %(t5).2f, “4” from %(t4).2f, “3” from %(t3).2f; %(sentence)s")
                 % {"t5": rules["t5"], "t4": rules["t4"], "t3": rules["t3"], "sentence": sentence})
    if value == "5" and rules.get("two_excludes_five"):
        lowest = min(NUMERIC[v] for v, _w, _d in numeric)
        if lowest <= 2:
            value = "4"
            lines.append(_("School’s rule: a “2” for a period rules out “5” → “4”"))
    return value, average, len(numeric), "\n".join(lines)


def _year_tie(mean, numeric, rules, written):
    """(value, sentence) for a year mean of exactly x.5 under the school's rule."""
    low, high = int(mean), int(mean) + 1
    rule = rules.get("year_tie_rule") or "favour"
    if rule == "last_period":
        last = numeric[-1]
        value = high if NUMERIC[last] > mean else low
        return str(value), _("%(mean)s — exactly halfway; by the school’s rule the last period’s grade decides "
                             "(“%(last)s”) → “%(value)s”") % {"mean": _num(mean), "last": last, "value": value}
    if rule == "written":
        count, average = written or (0, None)
        if count:
            value = high if average >= mean else low
            return str(value), _("%(mean)s — exactly halfway; by the school’s rule the year’s written (test) works "
                                 "decide: %(count)s of them, average %(average)s → “%(value)s”") % {
                "mean": _num(mean), "count": count, "average": "%.2f" % average, "value": value}
        return str(high), _("%(mean)s — exactly halfway; no written (test) works this year → in the student’s "
                            "favour “%(value)s”") % {"mean": _num(mean), "value": high}
    return str(high), _("%(mean)s — exactly halfway; by the school’s rule in the student’s favour "
                        "→ “%(value)s”") % {"mean": _num(mean), "value": high}


def suggest_year_value(period_values, rules, written=None):
    """Year grade from the period grades [(label, value, state)] in date order:
    the arithmetic mean of the quarter (half-year) grades rounded by the rules
    of mathematics; a mean of exactly x.5 is decided by the school's tie rule
    (in the pupil's favour by default, by the last period, or by the written
    works — ``written`` is (count, average) of the pupil's control-work marks of
    the year). A period «н/а» is never dropped silently: the school's rule says
    whether the year is «н/а» too or the mean of the certified periods."""
    lines = [_("Period grades: %s") % (", ".join(
        "%s — %s%s" % (label, GRADE_LABELS.get(v, v or "—"), "" if state == "confirmed" else _(" (not approved)"))
        for label, v, state in period_values) or _("no"))]
    numeric = [v for _l, v, _s in period_values if v in NUMERIC]
    uncertified = [label for label, v, _s in period_values if v == "na"]
    if uncertified:
        if rules.get("year_na_rule", "na") != "mean_rest" or not numeric:
            lines.append(_("Not assessed for: %s → year grade “n/a” until the debt is cleared (school’s "
                           "rule)") % ", ".join(uncertified))
            return "na", None, 0, "\n".join(lines)
        lines.append(_("Not assessed for: %s — by the school’s rule the year grade is computed from the assessed "
                       "periods")
                     % ", ".join(uncertified))
    if not numeric:
        others = [v for _l, v, _s in period_values if v]
        if others and all(v == "osv" for v in others):
            return "osv", None, 0, "\n".join(lines + [_("The student is exempt → “exempt”")])
        if others and all(v in ("zach", "nezach") for v in others):
            value = "zach" if others.count("zach") >= others.count("nezach") else "nezach"
            return value, None, 0, "\n".join(lines + [_("→ «%s»") % GRADE_LABELS[value]])
        return "na", None, 0, "\n".join(lines + [_("No period grades → “n/a”")])
    total = sum(NUMERIC[v] for v in numeric)
    mean = float(Decimal(repr(total)) / Decimal(len(numeric)))
    lines.append(_("Average = (%(values)s) / %(count)s = %(total)s / %(count)s = %(mean)s") % {
        "values": " + ".join(numeric), "count": len(numeric), "total": _num(total), "mean": "%.2f" % mean})
    if Decimal(repr(total)) * 2 % (2 * len(numeric)) == len(numeric):  # exactly x.5
        value, sentence = _year_tie(mean, numeric, rules, written)
    else:
        value = str(round_half_up(mean))
        sentence = _("by mathematical rounding %(mean)s → “%(value)s”") % {"mean": "%.2f" % mean, "value": value}
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
    lines = [_("Year grade: %s") % GRADE_LABELS.get(year_value, year_value or "—")]
    if level_number != 11 and not year_value and earlier:
        label, value = earlier
        return value, None, 0, _("The subject ended before the final grade; final = year grade of %(year)s → "
                                 "“%(value)s”") % {"year": label, "value": GRADE_LABELS.get(value, value)}
    if level_number == 9 and exam_value:
        lines.append(_("Exam grade: %s") % GRADE_LABELS.get(exam_value, exam_value))
        if exam_value in NUMERIC and NUMERIC[exam_value] <= 2:
            lines.append(_("Unsatisfactory exam result: no final grade until the retake"))
            return None, None, 0, "\n".join(lines)
        if year_value in NUMERIC and exam_value in NUMERIC:
            mean = (NUMERIC[year_value] + NUMERIC[exam_value]) / 2.0
            value = str(round_half_up(mean))
            lines.append(_("Grade 9, exam subject: (%(year)s + %(exam)s) / 2 = %(mean)s → by mathematical "
                           "rounding “%(value)s”") % {"year": year_value, "exam": exam_value, "mean": _num(mean),
                                                      "value": value})
            return value, mean, 2, "\n".join(lines)
    if level_number == 11:
        numeric = [(label, v) for label, v in grades_10_11 if v in NUMERIC]
        if numeric:
            total = sum(NUMERIC[v] for _l, v in numeric)
            mean = total / float(len(numeric))
            value = str(round_half_up(mean))
            lines.append(_("Grade 11: average of the quarter (half-year) grades and the year grades of grades 10–11 "
                           "(%(grades)s) = %(total)s / %(count)s = %(mean)s → by mathematical rounding “%(value)s”")
                         % {"grades": ", ".join("%s — %s" % (l, v) for l, v in numeric), "total": _num(total),
                            "count": len(numeric), "mean": "%.2f" % mean, "value": value})
            return value, round(mean, 2), len(numeric), "\n".join(lines)
    if not year_value:
        return "na", None, 0, "\n".join(lines + [_("No year grade → “n/a”")])
    lines.append(_("Final = year grade → “%s”") % GRADE_LABELS.get(year_value, year_value))
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


def exempt_rows(rows, exemptions, start, end):
    """``rows`` of attestation_rows with the pupils exempt from the subject over the
    whole period [start, end] as «осв.», their exemption's document named; a pupil
    taught at home keeps the grade of his own lessons' marks, the document named;
    ``exemptions``: {(pupil, subject): (first day, last day, documents, all at home)}."""
    result = []
    for row in rows:
        found = exemptions.get((row[0], row[2]))
        if found:
            facts = {"start": format_date(found[0]), "end": format_date(found[1]), "document": found[2] or ""}
            if found[3]:
                row = row[:7] + (row[7] + "\n" + _(
                    "Taught at home from %(start)s to %(end)s (%(document)s): the marks of his own lessons") % facts,)
            elif str(found[0]) <= str(start) and str(found[1]) >= str(end):
                row = row[:4] + ("osv", None, row[6], row[7] + "\n" + _(
                    "Exempt from the subject from %(start)s to %(end)s (%(document)s) → “exempt”") % facts)
        result.append(row)
    return result


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
            raise ValidationError(_("Invalid grade “%s”. Allowed: 1–5, “pass”, “fail”, “n/a”, "
                                    "“exempt”.") % (vals[name],))
    if "kind" in vals and vals["kind"] not in dict(PERIOD_GRADE_KINDS):
        raise ValidationError(_("Invalid final grade kind “%s”.") % (vals["kind"],))


def suggestion_kind(period, kind, labels):
    """The kind of grades a suggestion over ``period`` writes: a year period's
    «year» (default) or «final», another period's own kind; else refused.
    ``labels``: the kinds' labels in the user's language."""
    if period.kind == "year":
        kind = kind or "year"
        if kind not in ("year", "final"):
            raise ValidationError(_("For the academic year, year and final grades are proposed, not “%s”.")
                                  % labels.get(kind, kind))
    else:
        if kind and kind != period.kind:
            raise ValidationError(_("For period “%(period)s”, grades of kind “%(kind)s” are proposed.")
                                  % {"period": period.name, "kind": labels[period.kind]})
        kind = period.kind
    return kind


def check_confirmable(facts, draft_ids):
    """Refuse to confirm drafts without a value, or whose value differs from the
    suggested one without an explanation; ``facts`` the rows of CONFIRM_FACTS_SQL."""
    empty = [facts[i][4] for i in draft_ids if not facts[i][1]]
    if empty:
        raise UserError(_("Grade not given: %s.") % ", ".join(empty))
    unexplained = [facts[i] for i in draft_ids if facts[i][2] and facts[i][1] != facts[i][2]
                   and not (facts[i][3] or "").strip()]
    if unexplained:
        raise UserError(_("The grade differs from the proposed one — give a justification: %s.")
                        % ", ".join(_("%(name)s (suggested “%(suggested)s”, given “%(given)s”)") % {
                            "name": name, "suggested": GRADE_LABELS[suggested], "given": GRADE_LABELS[value]}
                            for _state, value, suggested, _comment, name in unexplained))
