"""The demo school's weekly timetable, planned from its curriculum (no environment)."""


def plan_timetable(rng, curriculum, classes_order, days=5, attempts=200, joint=None):
    """Greedy weekly timetable without clashes: per class, lessons per day as
    even as possible, no gaps, a subject at most twice a day, every teacher in
    one place per slot. ``joint`` {class: (lead class, subject)}: the class
    studies that subject in the lead class's teaching groups, at their times (the
    lead is planned first; the class keeps the lead's lessons per day). Retries
    with the same rng on a dead end; deterministic."""
    joint = joint or {}
    for _attempt in range(attempts):
        busy = set()
        plan = {}
        ok = True
        for class_name in classes_order:
            lead, joint_subject = joint.get(class_name, (None, None))
            tokens = []
            for subject, hours, staff in curriculum[class_name][1]:
                if subject != joint_subject:
                    tokens += [(subject, tuple(staff))] * hours
            total = len(tokens)
            per_day = [total // days + (1 if d < total % days else 0) for d in range(days)]
            rng.shuffle(per_day)
            pinned = {}
            if lead:
                for entry in plan[lead]:
                    if entry[2] == joint_subject:
                        pinned.setdefault((entry[0], entry[1]), entry[2])
                per_day = [max([n for d, n, *_rest in plan[lead] if d == day] or [0]) for day in range(days)]
            pool = list(tokens)
            rng.shuffle(pool)
            entries = []
            for day in range(days):
                used_today = {}
                for lesson in range(1, per_day[day] + 1):
                    if (day, lesson) in pinned:
                        used_today[joint_subject] = used_today.get(joint_subject, 0) + 1
                        continue
                    candidates = [t for t in pool
                                  if used_today.get(t[0], 0) < (2 if len(pool) > 2 * (days - day) else 3)
                                  and all((teacher, day, lesson) not in busy for teacher, _g in t[1])]
                    if not candidates:
                        ok = False
                        break
                    # Prefer subjects not yet given today, then the most remaining hours.
                    candidates.sort(key=lambda t: (used_today.get(t[0], 0), -pool.count(t)))
                    token = candidates[0]
                    pool.remove(token)
                    used_today[token[0]] = used_today.get(token[0], 0) + 1
                    for teacher, group in token[1]:
                        busy.add((teacher, day, lesson))
                        entries.append((day, lesson, token[0], teacher, group))
                if not ok:
                    break
            if not ok:
                break
            plan[class_name] = entries
        if ok:
            return plan
    raise RuntimeError("demo timetable: no plan found")
