"""The grid «Журнал класса» with no database environment: its rows and cells, the
parsing of a cell, the changes of its grades, and the SQL texts school.attendance
reads them with (models/attendance.py)."""
import re
from collections import namedtuple

from odoo.exceptions import ValidationError
from .translate import _

from .grading import GRADE_ALIASES, GRADE_LABELS

# the kind of work of a lesson's first and second mark
KIND_FIELDS = {1: "grade_1_kind_id", 2: "grade_2_kind_id"}

# one cell of «Журнал класса»: a roster row with its text, column title and pupil
GridRow = namedtuple("GridRow", "id cell lesson_label lesson_id student_id student_name absent")


class GridRows(list):
    """The grid's rows, and the teachers (and substitutes) of their lessons."""
    teacher_ids = frozenset()


def cell_text(code, grade_1, grade_2, tag_1="", tag_2=""):
    """The grid's text of a row: «н», «5», «4/5», «о 4»; a mark of another kind
    of work than the lesson's carries the kind's tag: «5/3ур»."""
    parts = [code] if code else []
    grades = [GRADE_LABELS[g] + (t or "") for g, t in ((grade_1, tag_1), (grade_2, tag_2)) if g]
    if grades:
        parts.append("/".join(grades))
    return " ".join(parts)


def grid_sql(from_clause, where_clause):
    """The grid's rows (id, date, lesson number, lesson, pupil, code, absent,
    grade 1, grade 2, kind 1, kind 2 — a mark's kind only when it is not the lesson's) of the
    attendance rows ``from_clause``/``where_clause`` select (the user's record rules applied); the
    grades found through the grid's ~50 lessons (index on lesson_id), not probed row by row; unsorted
    (one sort of ~1,300 rows by text in PostgreSQL took longer than the rest
    of the query)."""
    return """
            WITH visible AS (
                SELECT "school_attendance".id, "school_attendance".date, "school_attendance".lesson_number,
                       "school_attendance".lesson_id, "school_attendance".student_id, "school_attendance".code_id
                  FROM """ + from_clause + """ WHERE """ + where_clause + """
            ), grades AS (
                SELECT g.attendance_id, max(g.value) FILTER (WHERE g.sequence = 1) AS grade_1,
                       max(g.value) FILTER (WHERE g.sequence = 2) AS grade_2,
                       max(g.work_kind_id) FILTER (WHERE g.sequence = 1
                                                   AND g.work_kind_id IS DISTINCT FROM l.work_kind_id) AS kind_1,
                       max(g.work_kind_id) FILTER (WHERE g.sequence = 2
                                                   AND g.work_kind_id IS DISTINCT FROM l.work_kind_id) AS kind_2
                  FROM school_grade g JOIN school_lesson l ON l.id = g.lesson_id
                 WHERE g.lesson_id IN (SELECT DISTINCT lesson_id FROM visible)
                 GROUP BY g.attendance_id
            )
            SELECT v.id, v.date, v.lesson_number, v.lesson_id, v.student_id, c.code,
                   coalesce(c.counts_as_absence, false), gr.grade_1, gr.grade_2, gr.kind_1, gr.kind_2
              FROM visible v
              LEFT JOIN grades gr ON gr.attendance_id = v.id
              LEFT JOIN school_attendance_code c ON c.id = v.code_id
        """


# The pupils %s in name order.
PUPILS_SQL = """
            SELECT id, name FROM school_student WHERE id IN %s ORDER BY last_name, first_name, middle_name, id
        """


# (lesson, date, lessons of the subject before it that day, another one that day, teacher,
# substitute) of the lessons %s.
LESSON_TITLES_SQL = """
            SELECT l.id, l.date,
                   (SELECT count(*) FROM school_lesson o
                     WHERE o.class_id = l.class_id AND COALESCE(o.subgroup_id, 0) = COALESCE(l.subgroup_id, 0)
                       AND o.date = l.date AND o.subject_id = l.subject_id AND o.lesson_number < l.lesson_number),
                   EXISTS (SELECT 1 FROM school_lesson o
                            WHERE o.class_id = l.class_id AND COALESCE(o.subgroup_id, 0) = COALESCE(l.subgroup_id, 0)
                              AND o.date = l.date AND o.subject_id = l.subject_id AND o.id <> l.id),
                   l.teacher_id, l.substitute_teacher_id
              FROM school_lesson l WHERE l.id IN %s
        """


def _kind_tags(cr):
    """({kind id: tag}, {tag: kind id}) of the kinds of work: the tag typed after
    a mark in the grid («3ур», «5кр») is the short name without dots, slashes and
    spaces (the code when two kinds would share one)."""
    cr.execute("SELECT id, short_name, name, code FROM school_work_kind ORDER BY sequence, id")
    tags, kinds = {}, {}
    for kind_id, short, name, code in cr.fetchall():
        tag = re.sub(r"[\s./]+", "", (short or name or code or "").lower())
        if not tag or tag in kinds or tag in GRADE_ALIASES:
            tag = (code or str(kind_id)).lower()
        tags[kind_id], kinds[tag] = tag, kind_id
    return tags, kinds


def grade_changes(row_ids, per_row, by_slot, facts, lesson_kinds, sequence, name, check_value):
    """The changes of one grade slot (``sequence`` 1 or 2, field ``name``) of the
    rows ``row_ids``, from the values sent ``per_row`` = {row id: {field: value}},
    the stored grades ``by_slot`` = {(row id, sequence): (grade id, value, kind)},
    the rows' (lesson, pupil) ``facts`` and the lessons' kinds of work; a wrong
    mark is refused by ``check_value``. Returns (grade ids to unlink, {grade id:
    value}, values of new grades, {kind id: grade ids taking it})."""
    to_unlink, changes, to_create, kinds = [], {}, [], {}
    kind_name = KIND_FIELDS[sequence]
    for row_id in row_ids:
        if name not in per_row[row_id] and kind_name not in per_row[row_id]:
            continue
        slot = by_slot.get((row_id, sequence))
        value = per_row[row_id][name] or False if name in per_row[row_id] else slot and slot[1]
        # no kind given (or empty): the lesson's kind of work
        kind = per_row[row_id].get(kind_name) or lesson_kinds.get(facts[row_id][0]) or False \
            if kind_name in per_row[row_id] else None
        if isinstance(kind, (list, tuple)):
            kind = kind[0]
        if value:
            check_value(value)
        if not value:
            if slot:
                to_unlink.append(slot[0])
        elif slot:
            if slot[1] != value:
                changes[slot[0]] = value
            if kind is not None and (slot[2] or False) != kind:
                kinds.setdefault(kind, []).append(slot[0])
        else:
            vals = {"lesson_id": facts[row_id][0], "student_id": facts[row_id][1],
                    "attendance_id": row_id, "sequence": sequence, "value": value}
            if kind:
                vals["work_kind_id"] = kind
            to_create.append(vals)
    return to_unlink, changes, to_create, kinds


def parse_cell(text, codes, load_kinds):
    """(code id, [values], [kind ids or None]) of the grid's text (e.g. «н», «5»,
    «4/5», «о 5», «5/3ур»), ``codes`` = {code: id} of the attendance codes,
    ``load_kinds()`` the {tag: kind id} of the kinds of work (read when needed)."""
    code_id, grades, tags = False, [], []
    kinds = None
    for token in [t for t in re.split(r"[\s/;,]+", text) if t]:
        if token in codes and not code_id:
            code_id = codes[token]
        elif token.rstrip(".") in GRADE_ALIASES or token in GRADE_ALIASES:
            grades.append(GRADE_ALIASES.get(token, GRADE_ALIASES.get(token.rstrip("."))))
            tags.append(None)
        else:
            # a mark with the tag of its kind of work: «3ур», «5кр», «4:дз»
            if kinds is None:
                kinds = load_kinds()
            found = [(alias, token[len(alias):].strip(":.-")) for alias in sorted(GRADE_ALIASES, key=len,
                                                                                   reverse=True)
                     if token.startswith(alias) and token[len(alias):].strip(":.-") in kinds]
            if not found:
                raise ValidationError(_("Cannot understand “%(token)s”: a cell contains an attendance code "
                                        "(%(codes)s) and/or up to two grades separated by “/”, for example “abs” "
                                        "or “4/5”; the kind of work of a grade, if it differs from the lesson’s, "
                                        "goes right after it (%(kinds)s), for example “5/3ur”.")
                                      % {"token": token, "codes": ", ".join(sorted(codes)),
                                         "kinds": ", ".join(sorted(kinds))})
            grades.append(GRADE_ALIASES[found[0][0]])
            tags.append(kinds[found[0][1]])
    return code_id, grades, tags


def present_without_mark(rows):
    """Names of the pupils present (no mark of absence; «о» — late — is present)
    who have no mark at this lesson and are not out of it (exempt, taught at home)
    (``rows``: its roster), in the roster's order."""
    return [row.student_id.name for row in rows
            if not (row.code_id and row.code_id.counts_as_absence) and not row.grade_1 and not row.grade_2
            and not row.exempt]
