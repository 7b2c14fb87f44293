"""«Выполнение программы» in SQL, with no environment: the lessons planned by the
timetable (every lesson of the journal, cancelled ones too), the lessons held (not
cancelled and dated no later than today), the КТП's topics that should have been
reached by then and were not, and the control, practical and laboratory works
planned by the КТП against those held. One statement for all the classes."""

CANCEL_REASONS = [("quarantine", "Quarantine"), ("holiday", "Holiday"),
                  ("illness", "Teacher’s Illness Without Substitute"), ("other", "Other Reason")]

# The kinds of work the report counts: (key, condition on a work kind ``k``).
WORK_KINDS = (("control", "k.is_control"), ("practical", "k.code = 'practical'"),
              ("laboratory", "k.code = 'laboratory'"))

# Params: classes (tuple), date_from, date_to, today. One row per teaching
# assignment: its class, subgroup, subject, teacher, hours a week; the lessons
# planned in the range and up to today, held, cancelled; the КТП's hours; the
# topics not covered (an array of "number. topic"); the works planned and held.
PROGRAMME_SQL = """
    WITH t AS (
        SELECT a.id, a.class_id, a.subgroup_id, a.subject_id, a.teacher_id, a.hours_per_week
          FROM school_teaching_assignment a WHERE a.class_id IN %(classes)s
    ), l AS (
        SELECT t.id AS assignment_id,
               count(*) FILTER (WHERE l.date < %(date_from)s AND l.date <= %(today)s) AS before,
               count(*) FILTER (WHERE l.date >= %(date_from)s) AS planned,
               count(*) FILTER (WHERE l.date >= %(date_from)s AND l.date <= %(today)s) AS planned_to_date,
               count(*) FILTER (WHERE l.date >= %(date_from)s AND l.date <= %(today)s
                                  AND NOT coalesce(l.cancelled, false)) AS held,
               count(*) FILTER (WHERE l.date >= %(date_from)s AND l.cancelled) AS cancelled,
               {held_kinds}
          FROM t JOIN school_lesson l ON l.class_id = t.class_id AND l.subject_id = t.subject_id
                AND l.subgroup_id IS NOT DISTINCT FROM t.subgroup_id
          LEFT JOIN school_work_kind k ON k.id = l.work_kind_id
         WHERE l.date <= %(date_to)s
         GROUP BY t.id
    ), lines AS (
        SELECT t.id AS assignment_id, ln.id, ln.number, ln.topic, ln.hours, k.is_control, k.code,
               sum(ln.hours) OVER (PARTITION BY p.id ORDER BY ln.number, ln.id) - ln.hours AS first_hour
          FROM t JOIN school_thematic_plan p ON p.class_id = t.class_id AND p.subject_id = t.subject_id
                AND p.subgroup_id IS NOT DISTINCT FROM t.subgroup_id
          JOIN school_thematic_plan_line ln ON ln.plan_id = p.id
          LEFT JOIN school_work_kind k ON k.id = ln.work_kind_id
    ), due AS (
        -- the КТП's topics whose hours fall into the lessons planned in the range up to today
        SELECT lines.*, EXISTS (SELECT 1 FROM school_lesson x
                                 WHERE x.plan_line_id = lines.id AND NOT coalesce(x.cancelled, false)
                                   AND x.date <= %(today)s AND x.date <= %(date_to)s) AS covered
          FROM lines JOIN l ON l.assignment_id = lines.assignment_id
         WHERE lines.first_hour < l.before + l.planned_to_date
           AND lines.first_hour + lines.hours > l.before
    ), d AS (
        SELECT assignment_id,
               array_agg(number || '. ' || topic ORDER BY number, id) FILTER (WHERE NOT covered) AS not_covered,
               {planned_kinds}
          FROM due k GROUP BY assignment_id
    )
    SELECT t.id, t.class_id, t.subgroup_id, t.subject_id, t.teacher_id, t.hours_per_week,
           coalesce(l.planned, 0), coalesce(l.planned_to_date, 0), coalesce(l.held, 0), coalesce(l.cancelled, 0),
           (SELECT sum(hours) FROM lines WHERE lines.assignment_id = t.id),
           coalesce(d.not_covered, '{{}}'::text[]),
           {columns}
      FROM t
      JOIN school_class c ON c.id = t.class_id
      JOIN school_subject s ON s.id = t.subject_id
      LEFT JOIN school_class_subgroup g ON g.id = t.subgroup_id
      LEFT JOIN l ON l.assignment_id = t.id
      LEFT JOIN d ON d.assignment_id = t.id
     ORDER BY c.name, s.name, g.name NULLS FIRST, t.id
""".format(
    held_kinds=",\n               ".join(
        "count(*) FILTER (WHERE l.date >= %%(date_from)s AND l.date <= %%(today)s "
        "AND NOT coalesce(l.cancelled, false) AND %s) AS %s_held" % (cond, key) for key, cond in WORK_KINDS),
    planned_kinds=",\n               ".join(
        "count(*) FILTER (WHERE %s) AS %s_planned" % (cond, key) for key, cond in WORK_KINDS),
    columns=", ".join("coalesce(d.%s_planned, 0), coalesce(l.%s_held, 0)" % (key, key) for key, _c in WORK_KINDS))

ROW_KEYS = ("assignment_id", "class_id", "subgroup_id", "subject_id", "teacher_id", "hours_per_week",
            "planned", "planned_to_date", "held", "cancelled", "plan_hours", "not_covered") + tuple(
    "%s_%s" % (key, side) for key, _c in WORK_KINDS for side in ("planned", "held"))


def programme_rows(cr, class_ids, date_from, date_to, today):
    """The rows of «Выполнение программы» as dicts (ROW_KEYS) with the
    difference held − planned up to today."""
    if not class_ids:
        return []
    cr.execute(PROGRAMME_SQL, {"classes": tuple(class_ids), "date_from": date_from, "date_to": date_to,
                               "today": today})
    rows = []
    for values in cr.fetchall():
        row = dict(zip(ROW_KEYS, values))
        row["plan_hours"] = int(row["plan_hours"] or 0)
        row["difference"] = row["held"] - row["planned_to_date"]
        rows.append(row)
    return rows
