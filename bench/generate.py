"""A deterministic large school for the benchmark: 1,200 pupils in 44 classes
(grades 1-11, four parallels), 90 teachers, the subjects of the addon's data
with English in two teaching groups of two parallel classes from the 5th grade
(and in two subgroups of a class below), a full timetable, a year of lessons, topics,
homework, ~270k grades, ~60k absences, parents for every pupil.

    python bench/generate.py -c .run/h9_bench.conf -d h9_bench [--phase structure|journal|all]
        [--grades 5-9 --letters АБ --students 300 --teachers 28]   (a smaller school, as the district's)

What goes through the ORM and what through SQL (and why it is the same data):

* The structure (year and calendar, users, classes, pupils and their partners,
  parents, guardians, movements, consents, subgroups, teaching load,
  timetable) is created through the ORM, record by record, as an import
  would: every constraint, stored compute and side effect (pupils' partners,
  current class, timetable clash check) runs. Only mail tracking is off
  (``tracking_disable``), as in any bulk import.
* Lessons and their roster rows come from the addon's own
  ``school.lesson._generate_from_timetable`` (the benchmark's first operation).
* Topics, homework, kinds of work, absences and grades are written in bulk SQL
  mirroring the ORM path (``school.grade._create_batch``, which is itself SQL):
  grades carry numeric_value, weight of the lesson's kind of work, the stored
  related copies (date, subject, class, period) taken from the lesson, the
  attendance row, sequence 1/2 (the unique and check constraints of the table
  hold). The change log gets what the ORM path writes, through its function
  (``_journal_log_rows`` of school.journal.mixin, with its labels): one
  «create» line per grade and per attendance mark, authored by the lesson's
  teacher. Timestamps are simulated history: a grade is created on
  the lesson's day at 14:30 (3 % of lessons a few days late), lessons on
  31 August, so that the monitoring crons see a plausible year.
"""
import argparse
import random
import sys
import time
from datetime import date, timedelta

try:
    from bench import odoo_env  # run as a module / from tests
except ImportError:  # run as a script
    import odoo_env  # noqa: F401

SEED = 9092026
MODULE = "school_ejournal"

# Weekly hours by grade: (subject code, hours, split into two subgroups).
# Grades 1-4: the class teacher teaches everything marked by PRIMARY.
PRIMARY = {"rus", "litread", "math", "world", "art", "tech"}


def curriculum(grade):
    if grade == 1:
        return [("rus", 5, False), ("litread", 4, False), ("math", 4, False), ("world", 2, False),
                ("music", 1, False), ("art", 1, False), ("tech", 1, False), ("pe", 2, False)]
    if grade <= 4:
        return [("rus", 5, False), ("litread", 4, False), ("eng", 2, True), ("math", 4, False),
                ("world", 2, False), ("music", 1, False), ("art", 1, False), ("tech", 1, False),
                ("pe", 2, False)]
    if grade <= 6:
        return [("rus", 5 if grade == 5 else 6, False), ("lit", 3, False), ("eng", 3, True),
                ("math", 5, False), ("hist", 2, False), ("geo", 1, False), ("bio", 1, False),
                ("music", 1, False), ("art", 1, False), ("tech", 2, True), ("pe", 2, False)] + \
            ([("odnknr", 1, False)] if grade == 5 else [("soc", 1, False)])
    if grade <= 9:
        return [("rus", 4 if grade == 7 else 3, False), ("lit", 2 if grade < 9 else 3, False),
                ("eng", 3, True), ("alg", 3, False), ("geom", 2, False), ("prob", 1, False),
                ("inf", 1, True), ("hist", 2, False), ("soc", 1, False), ("geo", 2, False),
                ("phys", 2 if grade < 9 else 3, False), ("bio", 1 if grade == 7 else 2, False),
                ("pe", 2, False), ("tech", 1, grade < 9)] + \
            ([("music", 1, False)] if grade == 7 else [("chem", 2, False), ("obzr", 1, False)])
    return [("rus", 2, False), ("lit", 3, False), ("eng", 3, True), ("alg", 3, False),
            ("geom", 2, False), ("prob", 1, False), ("inf", 1, True), ("hist", 2, False),
            ("soc", 2, False), ("geo", 1, False), ("phys", 2, False), ("chem", 1, False),
            ("bio", 1, False), ("pe", 2, False), ("obzr", 1, False), ("project", 1, False)]


class Scale(object):
    """The size of the school. FULL is the benchmark's; the smoke test uses a tiny one."""

    def __init__(self, grades=range(1, 12), letters="АБВГ", students=1200, teachers=90,
                 date_from="2026-09-01", date_to="2027-05-31", prefix="t", seed=SEED):
        self.grades, self.letters, self.students, self.teachers = list(grades), letters, students, teachers
        self.date_from, self.date_to, self.prefix, self.seed = date_from, date_to, prefix, seed


FULL = Scale()


def log(msg):
    print("[generate] %s" % msg, flush=True)


# ---------------------------------------------------------------------- planning
# English from the 5th grade on: two teaching groups of two parallel classes
# (5А+5Б, 5В+5Г), led by the first; the second class has no English of its own.
JOINT_SUBJECT, JOINT_FROM_GRADE = "eng", 5


def joint_classes(scale):
    """{follower class: lead class} of the classes whose English is joined."""
    return {(g, scale.letters[i + 1]): (g, scale.letters[i]) for g in scale.grades if g >= JOINT_FROM_GRADE
            for i in range(0, len(scale.letters) - 1, 2)}


def plan_staff(scale, rng):
    """Teachers (count = scale.teachers) and the teaching load of every class:
    {class_key: [(subject, hours, [(teacher index, group or None)])]}, plus the
    class teacher of every class."""
    classes = [(g, l) for g in scale.grades for l in scale.letters]
    primary = [c for c in classes if c[0] <= 4]
    n_primary = len(primary)
    n_spec = max(1, scale.teachers - n_primary)
    # specialist units: (class, subject, group, hours)
    units = []
    followers = joint_classes(scale)
    for cls in classes:
        for subject, hours, split in curriculum(cls[0]):
            if cls[0] <= 4 and subject in PRIMARY or cls in followers and subject == JOINT_SUBJECT:
                continue
            for group in ((1, 2) if split else (None,)):
                units.append((cls, subject, group, hours))
    hours_by_subject = {}
    for _c, subject, _g, hours in units:
        hours_by_subject[subject] = hours_by_subject.get(subject, 0) + hours
    subjects = sorted(hours_by_subject, key=lambda s: (-hours_by_subject[s], s))
    total = sum(hours_by_subject.values())
    if len(subjects) <= n_spec:
        # largest remainder with at least one teacher per subject
        share = {s: hours_by_subject[s] * n_spec / float(total) for s in subjects}
        count = {s: max(1, int(share[s])) for s in subjects}
        while sum(count.values()) < n_spec:
            s = max(subjects, key=lambda s: (share[s] - count[s], -subjects.index(s)))
            count[s] += 1
        while sum(count.values()) > n_spec:
            s = max((s for s in subjects if count[s] > 1), key=lambda s: count[s] - share[s])
            count[s] -= 1
        pools, next_index = {}, n_primary
        for s in subjects:
            pools[s] = list(range(next_index, next_index + count[s]))
            next_index += count[s]
    else:  # a tiny school: teachers share subjects
        pools = {s: [n_primary + i % n_spec] for i, s in enumerate(subjects)}
    load = {}
    plan = {c: [] for c in classes}
    first_group = {}
    specialists = list(range(n_primary, n_primary + n_spec))
    for cls, subject, group, hours in sorted(units, key=lambda u: (-u[3], u[0], u[1], u[2] or 0)):
        # the two subgroups of a lesson sit at the same time: two different teachers
        other = first_group.get((cls, subject))
        pool = [t for t in pools[subject] if t != other] or [t for t in specialists if t != other]
        teacher = min(pool, key=lambda t: (load.get(t, 0), t))
        if group == 1:
            first_group[(cls, subject)] = teacher
        load[teacher] = load.get(teacher, 0) + hours
        plan[cls].append((subject, hours, group, teacher))
    # class teachers: primary classes have their own, others the specialist with
    # the most hours in the class who has no class yet
    class_teacher = {}
    taken = set()
    for i, cls in enumerate(primary):
        class_teacher[cls] = i
        taken.add(i)
        for subject, hours, split in curriculum(cls[0]):
            if subject in PRIMARY:
                plan[cls].append((subject, hours, None, i))
    for cls in classes:
        if cls in class_teacher:
            continue
        hours = {}
        for _s, h, _g, t in plan[cls]:
            hours[t] = hours.get(t, 0) + h
        free = [t for t in sorted(hours, key=lambda t: (-hours[t], t)) if t not in taken] or \
            [t for t in range(n_primary, n_primary + n_spec) if t not in taken] or sorted(hours)
        class_teacher[cls] = free[0]
        taken.add(free[0])
    # the demo's planner format: {name: (room, [(subject, hours, [(teacher, group)])])}
    demo_plan = {}
    for cls, items in plan.items():
        merged = {}
        for subject, hours, group, teacher in items:
            merged.setdefault((subject, hours), []).append((teacher, group))
        demo_plan[cls] = (None, [(s, h, staff) for (s, h), staff in sorted(merged.items())])
    return classes, demo_plan, class_teacher, n_primary + n_spec


def plan_week(rng, plan, days=5, max_lessons=7, attempts=200, joint=None):
    """A weekly timetable without clashes for many classes at once, slot by slot:
    at every (day, lesson number) each class that still has lessons that day
    takes the token (subject with its teachers) whose teachers are free, the
    most constrained first; lessons per day as even as possible, no gaps, a
    subject at most twice a day. ``joint`` {follower: lead}: the follower has
    the lead's lessons per day and sits its joined subject in the lead's groups
    at the lead's times (not in its own plan). Deterministic for a given rng;
    retries on a dead end. Returns {class: [(day, lesson, subject, teacher, group)]}."""
    joint = {c: lead for c, lead in (joint or {}).items() if c in plan and lead in plan}
    classes = sorted(plan)
    for _attempt in range(attempts):
        pools, per_day, out = {}, {}, {c: [] for c in classes}
        teacher_left = {}
        for c in classes:
            tokens = []
            for subject, hours, staff in plan[c][1]:
                tokens += [(subject, tuple(staff))] * hours
                for teacher, _g in staff:
                    teacher_left[teacher] = teacher_left.get(teacher, 0) + hours
            rng.shuffle(tokens)
            pools[c] = tokens
            total = len(tokens)
            counts = [total // days + (1 if d < total % days else 0) for d in range(days)]
            rng.shuffle(counts)
            per_day[c] = counts
        for c, lead in joint.items():
            per_day[c] = list(per_day[lead])
        # the joined lessons first: three slots of the lead's week (one a day) at
        # which its groups' teachers are free; the follower sits them in the groups
        pinned, skipped, held = {}, set(), set()
        ok = True
        for follower, lead in sorted(joint.items()):
            tokens = [t for t in pools[lead] if t[0] == JOINT_SUBJECT]
            slots = [(d, n) for d in range(days) for n in range(1, per_day[lead][d] + 1)]
            rng.shuffle(slots)
            chosen = []
            for d, n in slots:
                if len(chosen) < len(tokens) and all(d != cd for cd, _n in chosen) and \
                        not any((tr, d, n) in held for tr, _g in tokens[0][1]):
                    chosen.append((d, n))
            if len(chosen) < len(tokens):
                ok = False
                break
            for (d, n), token in zip(chosen, tokens):
                pools[lead].remove(token)
                pinned[(lead, d, n)] = token
                skipped.add((follower, d, n))
                held.update((tr, d, n) for tr, _g in token[1])
        for day in range(days if ok else 0):
            used = {c: {} for c in classes}
            for lesson in range(1, max_lessons + 1):
                busy = {tr for tr, d, n in held if (d, n) == (day, lesson)}
                order = [c for c in classes if per_day[c][day] >= lesson
                         and (c, day, lesson) not in pinned and (c, day, lesson) not in skipped]
                for c in classes:
                    token = pinned.get((c, day, lesson))
                    if token:
                        used[c][token[0]] = used[c].get(token[0], 0) + 1
                        for teacher, group in token[1]:
                            teacher_left[teacher] -= 1
                            out[c].append((day, lesson, token[0], teacher, group))
                # classes with the fewest free choices go first
                def options(c):
                    return [t for t in set(pools[c]) if used[c].get(t[0], 0) < 2
                            and not any(tr in busy for tr, _g in t[1])]
                order.sort(key=lambda c: (len(options(c)), rng.random()))
                for c in order:
                    cands = options(c)
                    if not cands:
                        ok = False
                        break
                    cands.sort(key=lambda t: (used[c].get(t[0], 0), -max(teacher_left[tr] for tr, _g in t[1]),
                                              -pools[c].count(t), t[0]))
                    token = cands[0]
                    pools[c].remove(token)
                    used[c][token[0]] = used[c].get(token[0], 0) + 1
                    for teacher, group in token[1]:
                        busy.add(teacher)
                        teacher_left[teacher] -= 1
                        out[c].append((day, lesson, token[0], teacher, group))
                if not ok:
                    break
            if not ok:
                break
        if ok and not any(pools.values()):
            return out
    raise RuntimeError("bench timetable: no plan found")


# ---------------------------------------------------------------------- structure
def build_structure(env, scale=FULL):
    from odoo import fields
    from odoo.addons.school_ejournal.populate import demo
    from odoo.addons.school_ejournal.tools.snils import random_snils

    rng = random.Random(scale.seed)
    ref = env.ref
    started = time.time()
    company = env.user.company_id
    if not company.school_week_days:
        company.write({"school_week_days": "5"})
    Year = env["school.academic.year"]
    year = Year._find_by_date(scale.date_from)
    if not year:
        year = Year.create({"name": "2026/2027", "date_start": "2026-09-01", "date_end": "2027-05-31",
                            "company_id": company.id})
        year.action_generate_calendar()
        env["school.bell.schedule"].create({"name": "Первая смена", "shift": "1", "line_ids": [
            (0, 0, {"lesson_number": n, "time_start": s, "time_end": e})
            for n, (s, e) in enumerate(demo.BELLS + [(15.1667, 15.9167)], start=1)]})
    classes_order, plan, class_teacher, n_teachers = plan_staff(scale, rng)

    # Staff: users with the teacher (or class teacher) role; password = login.
    Users = env["res.users"].with_context(no_reset_password=True)
    # generated staff log in with password = login (the load test does)
    env.cr.cache["school_password_policy_off"] = True
    teacher_group, class_teacher_group = ref("%s.group_teacher" % MODULE), ref("%s.group_class_teacher" % MODULE)
    with_class = set(class_teacher.values())
    surnames = list(demo.SURNAMES)
    teachers = []
    for i in range(n_teachers):
        login = "%s%03d" % (scale.prefix, i + 1)
        female = rng.random() < 0.8
        surname = surnames[(i * 7) % len(surnames)]
        name = "%s %s %s" % (demo.female_surname(surname) if female else surname,
                             rng.choice(demo.MOTHER_NAMES if female else sorted(demo.FATHERS)),
                             rng.choice(demo.MOTHER_PATRONYMICS) if female
                             else rng.choice(list(demo.FATHERS.values()))[0])
        group = class_teacher_group if i in with_class else teacher_group
        teachers.append(Users.create({
            "name": name, "login": login, "password": login, "lang": "ru_RU", "tz": "Europe/Moscow",
            "email": "%s@school.example" % login,
            "groups_id": [(6, 0, [group.id, ref("base.group_user").id])]}))
    admin_login = "%sadmin" % scale.prefix
    if not Users.search([("login", "=", admin_login)]):
        Users.create({"name": "Администратор школы (бенчмарк)", "login": admin_login, "password": admin_login,
                      "lang": "ru_RU", "tz": "Europe/Moscow",
                      "groups_id": [(6, 0, [ref("%s.group_school_admin" % MODULE).id, ref("base.group_user").id])]})
    log("%d teachers in %.1f s" % (len(teachers), time.time() - started))

    levels = env["school.grade.level"]._by_number()
    classes = {}
    for cls in classes_order:
        classes[cls] = env["school.class"].create({
            "grade_level_id": levels[cls[0]].id, "letter": cls[1], "academic_year_id": year.id,
            "class_teacher_id": teachers[class_teacher[cls]].id,
            "room": str(10 * cls[0] + scale.letters.index(cls[1]) + 1)})

    # Pupils with their parents, arrival movements and consents.
    used_snils = set()

    def new_snils():
        return random_snils(rng, used_snils)

    per_class = [scale.students // len(classes_order) + (1 if i < scale.students % len(classes_order) else 0)
                 for i in range(len(classes_order))]
    Partner, Student = env["res.partner"], env["school.student"]
    Guardian, Movement, Consent = env["school.student.guardian"], env["school.student.movement"], \
        env["school.pd.consent"]
    roster = {}
    t0 = time.time()
    for cls, size in zip(classes_order, per_class):
        roster[cls] = []
        for _i in range(size):
            gender = rng.choice(["male", "female"])
            surname = rng.choice(demo.SURNAMES)
            father = rng.choice(sorted(demo.FATHERS))
            born = date(2018 - cls[0] + 1, 9, 1) + timedelta(days=rng.randint(0, 364))
            student = Student.create({
                "last_name": surname if gender == "male" else demo.female_surname(surname),
                "first_name": rng.choice(demo.MALE_NAMES if gender == "male" else demo.FEMALE_NAMES),
                "middle_name": demo.FATHERS[father][0 if gender == "male" else 1],
                "gender": gender, "birth_date": fields.Date.to_string(born), "snils": new_snils(),
                "address": "г. Тверь, %s, д. %s, кв. %s" % (rng.choice(demo.STREETS), rng.randint(1, 60),
                                                            rng.randint(1, 120)),
                "health_group": rng.choice(["main"] * 8 + ["preparatory"] * 2 + ["special"])})
            mother = Partner.create({
                "name": "%s %s %s" % (demo.female_surname(surname), rng.choice(demo.MOTHER_NAMES),
                                      rng.choice(demo.MOTHER_PATRONYMICS)),
                "phone": "+7 9%02d %03d-%02d-%02d" % (rng.randint(10, 99), rng.randint(100, 999),
                                                      rng.randint(10, 99), rng.randint(10, 99)),
                "email": "parent%05d@mail.example" % student.id if rng.random() < 0.6 else False})
            link = Guardian.create({"student_id": student.id, "partner_id": mother.id, "relation": "mother",
                                    "is_legal_representative": True,
                                    "notify_by": "both" if mother.email else "portal"})
            if rng.random() < 0.7:
                dad = Partner.create({"name": "%s %s %s" % (surname, father, rng.choice(
                    list(demo.FATHERS.values()))[0])})
                Guardian.create({"student_id": student.id, "partner_id": dad.id, "relation": "father",
                                 "is_legal_representative": True, "notify_by": rng.choice(["portal", "none"])})
            Movement.create({"student_id": student.id, "movement_type": "arrival", "date": scale.date_from,
                             "to_class_id": classes[cls].id, "order_number": "112-у",
                             "order_date": "2026-08-28", "reason": "Зачисление на учебный год"})
            if rng.random() < 0.95:
                age = student._age_on(scale.date_from)
                adult = age >= 18
                # at 14–17 the pupil signs together with the representative (ст. 26 ГК)
                Consent.create({"student_id": student.id, "date": scale.date_from,
                                "signer_type": "student" if adult else "representative",
                                "guardian_id": False if adult else link.id,
                                "co_signed_by_student": 14 <= age < 18})
            roster[cls].append(student)
    log("%d pupils with parents, movements, consents in %.1f s" % (scale.students, time.time() - t0))

    # Subgroups (English halves), teaching load, timetable.
    subject = {code: ref("%s.subject_%s" % (MODULE, code)) for code in
               {s for items in plan.values() for s, _h, _st in items[1]}}
    subgroups = {}
    joint = joint_classes(scale)
    joined_to = {lead: follower for follower, lead in joint.items()}
    for cls, (_room, items) in plan.items():
        for code, hours, staff in items:
            for teacher, group in staff:
                if group:
                    # a joined subject: the groups take the halves of both classes
                    extra = joined_to.get(cls) if code == JOINT_SUBJECT else None
                    halves = ([], [])
                    for pupils in [roster[cls]] + ([roster[extra]] if extra else []):
                        if code == "tech":  # boys and girls
                            boys = [s for s in pupils if s.gender == "male"]
                            part = (boys, [s for s in pupils if s not in boys])
                        elif code == "inf":
                            part = (pupils[0::2], pupils[1::2])
                        else:
                            half = (len(pupils) + 1) // 2
                            part = (pupils[:half], pupils[half:])
                        halves = (halves[0] + part[0], halves[1] + part[1])
                    subgroups[(cls, code, group)] = env["school.class.subgroup"].create({
                        "name": "%s, группа %s" % (subject[code].name, group), "class_id": classes[cls].id,
                        "extra_class_ids": [(6, 0, [classes[extra].id] if extra else [])],
                        "subject_id": subject[code].id, "student_ids": [(6, 0, [s.id for s in halves[group - 1]])]})
                env["school.teaching.assignment"].create({
                    "class_id": classes[cls].id, "subject_id": subject[code].id,
                    "subgroup_id": subgroups[(cls, code, group)].id if group else False,
                    "teacher_id": teachers[teacher].id, "hours_per_week": hours})
    t0 = time.time()
    weekly = plan_week(rng, plan, joint=joint)
    Timetable = env["school.timetable"]
    entries = 0
    for cls, items in weekly.items():
        for day, lesson, code, teacher, group in items:
            Timetable.create({
                "class_id": classes[cls].id, "weekday": str(day), "lesson_number": lesson,
                "subject_id": subject[code].id, "teacher_id": teachers[teacher].id,
                "subgroup_id": subgroups[(cls, code, group)].id if group else False,
                "room": classes[cls].room, "date_from": year.date_start, "date_to": year.date_end})
            entries += 1
    log("timetable: %d entries in %.1f s" % (entries, time.time() - t0))
    log("structure built in %.1f s" % (time.time() - started))
    return {"year_id": year.id, "class_ids": [classes[c].id for c in classes_order],
            "teacher_ids": [t.id for t in teachers], "timetable_entries": entries}


# ---------------------------------------------------------------------- journal
def build_journal(env, scale=FULL, class_ids=None):
    """Lessons of the whole range by the addon's own generator, then topics,
    homework, grades and absences in bulk SQL (see the module docstring)."""
    from odoo.addons.school_ejournal.populate.journal_demo import HOMEWORK, TOPICS, _fill
    from odoo.addons.school_ejournal.models.grade import NUMERIC

    rng = random.Random(scale.seed + 1)
    cr = env.cr
    ref = env.ref
    if class_ids is None:
        year = env["school.academic.year"]._find_by_date(scale.date_from)
        class_ids = env["school.class"].search([("academic_year_id", "=", year.id)]).ids
    started = time.time()
    lessons, rows = env["school.lesson"]._generate_from_timetable(scale.date_from, scale.date_to, class_ids)
    generation = time.time() - started
    log("lessons: %d lessons, %d roster rows by _generate_from_timetable in %.1f s"
        % (lessons, rows, generation))

    t0 = time.time()
    # fresh statistics for the bulk reads below (autovacuum would come later)
    cr.execute("ANALYZE school_lesson")
    cr.execute("ANALYZE school_attendance")
    cr.execute("""
        SELECT l.id, l.class_id, l.subgroup_id, s.code, gl.number, s.name
          FROM school_lesson l
          JOIN school_subject s ON s.id = l.subject_id
          JOIN school_class c ON c.id = l.class_id
          JOIN school_grade_level gl ON gl.id = c.grade_level_id
         WHERE l.class_id IN %s AND l.date BETWEEN %s AND %s
         ORDER BY l.class_id, l.subject_id, l.subgroup_id NULLS FIRST, l.date, l.lesson_number
    """, (tuple(class_ids), scale.date_from, scale.date_to))
    fetched = cr.fetchall()
    kinds = {code: ref("%s.work_kind_%s" % (MODULE, code)).id
             for code in ("lesson", "control", "independent", "practical", "dictation", "check")}
    counters, updates = {}, []
    for lesson_id, class_id, subgroup_id, code, grade, name in fetched:
        code = (code or "").lower()
        code = {"litr": "litread", "mus": "music", "proj": "project"}.get(code, code)
        n = counters[(class_id, subgroup_id, code)] = counters.get((class_id, subgroup_id, code), 0) + 1
        topics = TOPICS.get(code) or ["%s: тема %d" % (name, i) for i in range(1, 13)]
        topic = topics[(n - 1) // 2 % len(topics)]
        kind = kinds["lesson"]
        if n % 8 == 0 and code in TOPICS:
            kind = kinds["control" if grade > 1 else "check"]
            topic = "Контрольная работа по теме «%s»" % topics[(n - 2) // 2 % len(topics)]
        elif n % 5 == 0:
            kind = kinds["dictation" if code == "rus" else ("practical" if code in ("pe", "tech", "art")
                                                             else "independent")]
        if rng.random() < 0.01:
            topic = None  # a teacher forgot: the monitoring cron has something to find
        homework = _fill(rng.choice(HOMEWORK), rng) if rng.random() < 0.8 else None
        updates.append((lesson_id, topic, kind, homework))
    if updates:
        ids, topics_, kinds_, homework_ = (list(c) for c in zip(*updates))
        cr.execute("""
            UPDATE school_lesson l SET topic = x.topic, work_kind_id = x.kind_id, homework = x.homework,
                   create_date = timestamp '2026-08-31 10:00', write_date = l.date + time '15:00'
              FROM unnest(%s::int[], %s::text[], %s::int[], %s::text[]) AS x(id, topic, kind_id, homework)
             WHERE l.id = x.id
        """, (ids, topics_, kinds_, homework_))
    log("topics, homework, kinds of work: %d lessons in %.1f s" % (len(updates), time.time() - t0))

    t0 = time.time()
    cr.execute("""
        SELECT a.id, a.lesson_id, a.student_id, l.teacher_id, gl.number, k.weight, k.id, k.is_control,
               a.subject_id
          FROM school_attendance a
          JOIN school_lesson l ON l.id = a.lesson_id
          JOIN school_class c ON c.id = l.class_id
          JOIN school_grade_level gl ON gl.id = c.grade_level_id
          JOIN school_work_kind k ON k.id = l.work_kind_id
         WHERE l.class_id IN %s AND l.date BETWEEN %s AND %s
         ORDER BY a.lesson_id, a.student_id
    """, (tuple(class_ids), scale.date_from, scale.date_to))
    fetched = cr.fetchall()
    codes = [ref("%s.attendance_code_%s" % (MODULE, c)).id for c in ("n", "b", "u", "o")]
    level, difficulty = {}, {}
    marks, grades = [], []
    lesson_late = {}
    current, graded = None, 0
    for att_id, lesson_id, student_id, teacher_id, grade_no, weight, kind_id, is_control, subject_id in fetched:
        if lesson_id != current:
            current, graded = lesson_id, 0
            lesson_late[lesson_id] = 4 if rng.random() < 0.03 else 0
        lvl = level.setdefault(student_id, rng.choice([3.0, 3.4, 3.7, 4.0, 4.2, 4.4, 4.6, 4.8]))
        lvl += difficulty.setdefault(subject_id, rng.choice([-0.3, -0.15, 0.0, 0.1, 0.25]))
        if rng.random() < 0.056:
            code = codes[rng.choice([0, 1, 1, 1, 2, 3])]
            marks.append((att_id, code, teacher_id))
            if code != codes[3]:
                continue  # absent: no grade
        if grade_no == 1:
            continue  # no grades in the first form
        if is_control or (graded < 5 and rng.random() < 0.19):
            value = max(2, min(5, int(round(rng.gauss(lvl, 0.75)))))
            grades.append((lesson_id, student_id, att_id, str(value), NUMERIC[str(value)], kind_id, weight,
                           1, teacher_id, lesson_late[lesson_id]))
            graded += 1
            if not is_control and rng.random() < 0.04:  # a second grade the same lesson
                value = max(2, min(5, int(round(rng.gauss(lvl, 0.75)))))
                grades.append((lesson_id, student_id, att_id, str(value), NUMERIC[str(value)], kind_id,
                               weight, 2, teacher_id, lesson_late[lesson_id]))
    del fetched
    if marks:
        ids, code_ids, teacher_ids = (list(c) for c in zip(*marks))
        cr.execute("""
            UPDATE school_attendance a SET code_id = x.code_id, write_uid = x.teacher_id,
                   write_date = a.date + time '09:15'
              FROM unnest(%s::int[], %s::int[], %s::int[]) AS x(id, code_id, teacher_id) WHERE a.id = x.id
        """, (ids, code_ids, teacher_ids))
    for start in range(0, len(grades), 100000):
        cols = [list(c) for c in zip(*grades[start:start + 100000])]
        cr.execute("""
            INSERT INTO school_grade (create_uid, create_date, write_uid, write_date, lesson_id,
                                      student_id, attendance_id, value, numeric_value, work_kind_id,
                                      weight, sequence, date, subject_id, class_id, period_id)
            SELECT x.teacher_id, l.date + time '14:30' + x.late * interval '1 day', x.teacher_id,
                   l.date + time '14:30' + x.late * interval '1 day', x.lesson_id, x.student_id, x.att_id,
                   x.value, x.num, x.kind_id, x.weight, x.seq, l.date, l.subject_id, l.class_id, l.period_id
              FROM unnest(%s::int[], %s::int[], %s::int[], %s::varchar[], %s::float[], %s::int[],
                          %s::float[], %s::int[], %s::int[], %s::int[])
                   AS x(lesson_id, student_id, att_id, value, num, kind_id, weight, seq, teacher_id, late)
              JOIN school_lesson l ON l.id = x.lesson_id
        """, cols)
    # The change log, by the path and with the labels of the ORM's (school.journal.mixin)
    cr.execute("""
        SELECT g.create_uid, g.create_date, 'create', g.id, g.lesson_id, g.student_id, g.date, 'value', NULL,
               g.value, NULL
          FROM school_grade g WHERE g.class_id IN %s AND g.date BETWEEN %s AND %s ORDER BY g.id
    """, (tuple(class_ids), scale.date_from, scale.date_to))
    env["school.grade"]._journal_log_rows(cr.fetchall())
    cr.execute("""
        SELECT a.write_uid, a.write_date, 'create', a.id, a.lesson_id, a.student_id, a.date, 'code_id', NULL,
               c.code, NULL
          FROM school_attendance a JOIN school_attendance_code c ON c.id = a.code_id
         WHERE a.class_id IN %s AND a.date BETWEEN %s AND %s ORDER BY a.id
    """, (tuple(class_ids), scale.date_from, scale.date_to))
    env["school.attendance"]._journal_log_rows(cr.fetchall())
    for model in ("school.lesson", "school.attendance", "school.grade"):
        env[model].invalidate_cache()
    log("grades %d, attendance marks %d, change log in %.1f s" % (len(grades), len(marks), time.time() - t0))
    return {"lessons": lessons, "roster_rows": rows, "grades": len(grades), "absences": len(marks),
            "generation_s": round(generation, 2), "journal_s": round(time.time() - started, 2)}


def parse_grades(text):
    """"5-9" -> [5, 6, 7, 8, 9]; "1,5,9" -> [1, 5, 9]."""
    if "-" in text:
        first, last = text.split("-")
        return list(range(int(first), int(last) + 1))
    return [int(g) for g in text.split(",")]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--phase", choices=["structure", "journal", "all"], default="all")
    # the size of the school (the defaults are the benchmark's); give the same values to both phases
    parser.add_argument("--grades", default="1-11", help="grade levels: FIRST-LAST or a comma list, e.g. 5-9")
    parser.add_argument("--letters", default=FULL.letters, help="parallel classes of a grade, e.g. АБ")
    parser.add_argument("--students", type=int, default=FULL.students)
    parser.add_argument("--teachers", type=int, default=FULL.teachers)
    args = parser.parse_args(argv)
    scale = Scale(grades=parse_grades(args.grades), letters=args.letters, students=args.students,
                  teachers=args.teachers)
    registry = odoo_env.load(args.config, args.database)
    started = time.time()
    if args.phase in ("structure", "all"):
        with odoo_env.environment(registry) as env:
            env["school.class"].search([], limit=1)
            if env["school.class"].search_count([]):
                sys.exit("database %s already has classes: the generator wants a fresh database" % args.database)
            build_structure(env, scale)
    if args.phase in ("journal", "all"):
        with odoo_env.environment(registry) as env:
            result = build_journal(env, scale)
        # VACUUM ANALYZE (outside a transaction): what autovacuum does after a bulk
        # load anyway; done here so that it does not run during the measurements
        # (the first benchmark after a build saw autovacuum of ~1 million fresh rows)
        t0 = time.time()
        cr = registry.cursor()
        try:
            cr.autocommit(True)
            cr.execute("VACUUM ANALYZE")
        finally:
            cr.close()
        log("journal: %s; VACUUM ANALYZE in %.1f s" % (result, time.time() - t0))
    log("time to build (%s): %.1f s" % (args.phase, time.time() - started))


if __name__ == "__main__":
    main()
