"""The demo school: a small Russian school generated deterministically.

Called once from demo/school_demo.xml. Everything comes from one seeded
random.Random, so every database gets the same pupils, parents and timetable.
The school lives on the day it is built: its year is the school year of that
day (demo_calendar), and every date of its story is placed in that year."""
import random
from datetime import date, timedelta

from odoo import api, fields, models

from ..models.academic_year import standard_calendar
from ..tools.demo_names import (FATHERS, FEMALE_NAMES, MALE_NAMES, MOTHER_NAMES, MOTHER_PATRONYMICS, STREETS,
                                SURNAMES, female_surname)
from ..tools.dates import format_date
from ..tools.demo_timetable import plan_timetable
from ..tools.snils import random_snils

SEED = 20262027
MODULE = "school_ejournal"
DEMO_TZ = "Europe/Moscow"  # the demo users' time zone: their «today»

# login, name, position, room, class teacher of
TEACHERS = [
    ("vasilyeva", "Васильева Анна Петровна", "Учитель начальных классов", "11", "1А"),
    ("morozova", "Морозова Татьяна Викторовна", "Учитель русского языка и литературы", "24", "11А"),
    ("novikov", "Новиков Сергей Александрович", "Учитель математики", "31", "9А"),
    ("fedorova", "Фёдорова Ирина Николаевна", "Учитель английского языка", "35", None),
    ("kozlova", "Козлова Екатерина Андреевна", "Учитель английского языка", "36", None),
    ("lebedev", "Лебедев Дмитрий Олегович", "Учитель физической культуры и ОБЗР", "Спортзал", None),
    ("popova", "Попова Наталья Владимировна", "Учитель истории и обществознания", "27", "5Б"),
    ("solovyov", "Соловьёв Игорь Павлович", "Учитель физики и информатики", "33", None),
    ("volkova", "Волкова Светлана Юрьевна", "Учитель биологии, химии и географии", "29", None),
    ("zaitseva", "Зайцева Ольга Михайловна", "Учитель музыки, ИЗО и технологии", "18", None),
]
# class → (room, [(subject, hours, [(teacher, subgroup or None), ...]), ...]);
# «ivanova» and «petrov» are the demo users user_class_teacher and user_teacher.
SPLIT_ENG = [("fedorova", 1), ("kozlova", 2)]
CURRICULUM = {
    "1А": ("11", [("rus", 5, [("vasilyeva", None)]), ("litread", 4, [("vasilyeva", None)]),
                  ("math", 4, [("vasilyeva", None)]), ("world", 2, [("vasilyeva", None)]),
                  ("music", 1, [("zaitseva", None)]), ("art", 1, [("vasilyeva", None)]),
                  ("tech", 1, [("vasilyeva", None)]), ("pe", 2, [("lebedev", None)])]),
    "5А": ("21", [("rus", 5, [("ivanova", None)]), ("lit", 3, [("ivanova", None)]),
                  ("math", 5, [("petrov", None)]), ("hist", 2, [("popova", None)]),
                  ("geo", 1, [("volkova", None)]), ("bio", 1, [("volkova", None)]),
                  ("eng", 3, SPLIT_ENG), ("music", 1, [("zaitseva", None)]),
                  ("art", 1, [("zaitseva", None)]), ("tech", 2, [("zaitseva", None)]),
                  ("pe", 2, [("lebedev", None)]), ("odnknr", 1, [("popova", None)])]),
    "5Б": ("22", [("rus", 5, [("ivanova", None)]), ("lit", 3, [("ivanova", None)]),
                  ("math", 5, [("petrov", None)]), ("hist", 2, [("popova", None)]),
                  ("geo", 1, [("volkova", None)]), ("bio", 1, [("volkova", None)]),
                  ("eng", 3, SPLIT_ENG), ("music", 1, [("zaitseva", None)]),
                  ("art", 1, [("zaitseva", None)]), ("tech", 2, [("zaitseva", None)]),
                  ("pe", 2, [("lebedev", None)]), ("odnknr", 1, [("popova", None)])]),
    "9А": ("31", [("rus", 3, [("morozova", None)]), ("lit", 3, [("morozova", None)]),
                  ("alg", 3, [("novikov", None)]), ("geom", 2, [("novikov", None)]),
                  ("prob", 1, [("novikov", None)]), ("inf", 1, [("solovyov", None)]),
                  ("hist", 2, [("popova", None)]), ("soc", 1, [("popova", None)]),
                  ("geo", 2, [("volkova", None)]), ("phys", 3, [("solovyov", None)]),
                  ("chem", 2, [("volkova", None)]), ("bio", 2, [("volkova", None)]),
                  ("eng", 3, [("fedorova", None)]), ("pe", 2, [("lebedev", None)]),
                  ("obzr", 1, [("lebedev", None)]), ("tech", 1, [("zaitseva", None)])]),
    "11А": ("24", [("rus", 2, [("morozova", None)]), ("lit", 3, [("morozova", None)]),
                   ("alg", 3, [("novikov", None)]), ("geom", 2, [("novikov", None)]),
                   ("prob", 1, [("novikov", None)]), ("inf", 1, [("solovyov", None)]),
                   ("hist", 2, [("popova", None)]), ("soc", 2, [("popova", None)]),
                   ("geo", 1, [("volkova", None)]), ("phys", 2, [("solovyov", None)]),
                   ("chem", 1, [("volkova", None)]), ("bio", 1, [("volkova", None)]),
                   ("eng", 3, SPLIT_ENG), ("pe", 2, [("lebedev", None)]),
                   ("obzr", 1, [("lebedev", None)]), ("project", 1, [("solovyov", None)])]),
}
# English of 5Б is taught with 5А's: two teaching groups of 5А+5Б (led by 5А).
JOINT = {"5Б": ("5А", "eng")}
# 11А (a universal profile, ФГОС СОО) learns algebra at two levels, in the same
# slots: the profile group at the advanced level and the rest at the basic level.
# Split after the timetable is planned, so the plan's draws stay those of the curriculum.
PROFILE = {("11А", "alg"): [("novikov", "углублённый уровень"), ("solovyov", "базовый уровень")]}
CLASS_SIZES = {"1А": 20, "5А": 22, "5Б": 21, "9А": 20, "11А": 16}
CLASS_TEACHERS = {"1А": "vasilyeva", "5А": "ivanova", "5Б": "popova", "9А": "novikov", "11А": "morozova"}
# Families with two children in different classes (the first is the Sokolovs).
SIBLING_CLASSES = [("5А", "9А"), ("1А", "5Б"), ("5А", "11А"), ("5Б", "9А"), ("1А", "9А"), ("5Б", "11А")]
BELLS = [(8.5, 9.25), (9.4167, 10.1667), (10.5, 11.25), (11.5, 12.25), (12.4167, 13.1667),
         (13.3333, 14.0833), (14.25, 15.0)]


def demo_today(env):
    """Today in the demo users' time zone (a date)."""
    return fields.Date.from_string(fields.Date.context_today(env["school.demo"].with_context(tz=DEMO_TZ)))


def _working_day(day):
    """``day``, or the Monday after it when it falls on a weekend."""
    return day + timedelta(days=7 - day.weekday()) if day.weekday() >= 5 else day


def demo_calendar(today):
    """The dates of a demo school built on ``today`` (a date).

    Its year is the school year containing today: 1 September – 31 May. From
    June to August it is the year just ended (a full year to look at, rather
    than an empty one that has not begun). The journal runs from 1 September to
    today, or to the year's end in summer. The pupils' movements, consents and
    birth dates keep their place in the year (the 2026/2027 story: the same
    days of the year, moved to a working day where needed)."""
    y1 = today.year if today.month >= 9 else today.year - 1
    start, end = date(y1, 9, 1), date(y1 + 1, 5, 31)
    holidays, _periods = standard_calendar(start, end)
    winter_end = [h for h in holidays if h[0] == "Зимние каникулы"][0][3]
    transfer = _working_day(date(y1, 11, 9))
    departure = _working_day(date(y1, 12, 15))
    arrival = winter_end + timedelta(days=1)  # the first day of the III quarter
    return {
        "today": today, "name": "%s/%s" % (y1, y1 + 1), "start": start, "end": end,
        "journal_to": min(today, end),
        "enrolment_order": date(y1, 8, 28), "consent": date(y1, 9, 3), "revocation": date(y1, 10, 20),
        "transfer": transfer, "transfer_order": transfer - timedelta(days=4),
        "departure": departure, "departure_order": departure - timedelta(days=1),
        "arrival": arrival, "arrival_order": arrival - timedelta(days=1),
        "first_born": y1 - 8,  # the first form's pupils are born from 1 September of this year
    }


class SchoolDemo(models.AbstractModel):
    _name = "school.demo"
    _description = "Demo School"

    def _xmlid(self, name, record):
        self.env["ir.model.data"].create({"module": MODULE, "name": name, "model": record._name,
                                          "res_id": record.id, "noupdate": True})

    @api.model
    def _create_demo_school(self, today=None):
        """The demo school as on ``today`` (an ISO date string; default: today)."""
        self = self.with_context(lang="ru_RU")  # the demo school is Russian (call_kw drops the XML context)
        # «demo_year_2026» is the historic name of the demo's year, whatever its dates
        if self.env.ref("%s.demo_year_2026" % MODULE, raise_if_not_found=False):
            return False  # demo files are reloaded on module update
        # Odoo loads the addon's translations after its data: the demo's history (change
        # log labels, tracking) is written in the demo's language only if they come first
        if self.env.lang and self.env["res.lang"].search([("code", "=", self.env.lang)]):
            self.env["ir.translation"].load_module_terms([MODULE], [self.env.lang])
            self.env["ir.translation"].clear_caches()  # the field labels are cached per model
        cal = demo_calendar(fields.Date.from_string(today) if today else demo_today(self.env))
        day = fields.Date.to_string
        rng = random.Random(SEED)
        env = self.env
        ref = env.ref

        company = ref("base.main_company")
        company.write({"name": "МБОУ «Средняя общеобразовательная школа № 1»",
                       "school_week_days": "5", "school_shift_count": "1",
                       "school_director_id": ref("%s.user_school_admin" % MODULE).id})

        year = env["school.academic.year"].create({"name": cal["name"], "date_start": day(cal["start"]),
                                                   "date_end": day(cal["end"]), "company_id": company.id})
        self._xmlid("demo_year_2026", year)
        self._xmlid("demo_year", year)
        year.action_generate_calendar()

        bells = env["school.bell.schedule"].create({"name": "Первая смена", "shift": "1", "line_ids": [
            (0, 0, {"lesson_number": n, "time_start": s, "time_end": e})
            for n, (s, e) in enumerate(BELLS, start=1)]})
        self._xmlid("demo_bell_schedule_1", bells)

        # Staff
        teacher_group = ref("%s.group_teacher" % MODULE)
        class_teacher_group = ref("%s.group_class_teacher" % MODULE)
        teachers = {"ivanova": ref("%s.user_class_teacher" % MODULE),
                    "petrov": ref("%s.user_teacher" % MODULE)}
        teachers["ivanova"].function = "Учитель русского языка и литературы"
        teachers["petrov"].function = "Учитель математики"
        rooms = {"ivanova": "21", "petrov": "32"}
        Users = env["res.users"].with_context(no_reset_password=True)
        for login, name, position, room, class_name in TEACHERS:
            group = class_teacher_group if class_name else teacher_group
            user = Users.create({
                "name": name, "login": login, "password": login, "lang": "ru_RU"
                if env["res.lang"].search_count([("code", "=", "ru_RU")]) else "en_US",
                "tz": "Europe/Moscow", "email": "%s@school.example" % login,
                "function": position,
                "groups_id": [(6, 0, [group.id, ref("base.group_user").id])]})
            self._xmlid("demo_user_%s" % login, user)
            teachers[login] = user
            rooms[login] = room

        # Classes
        levels = env["school.grade.level"]._by_number()
        classes = {}
        for class_name, (room, _plan) in CURRICULUM.items():
            school_class = env["school.class"].create({
                "grade_level_id": levels[int(class_name[:-1])].id, "letter": class_name[-1],
                "academic_year_id": year.id, "class_teacher_id": teachers[CLASS_TEACHERS[class_name]].id,
                "room": room})
            classes[class_name] = school_class
            self._xmlid("demo_class_%s" % {"1А": "1a", "5А": "5a", "5Б": "5b", "9А": "9a",
                                           "11А": "11a"}[class_name], school_class)

        # Pupils and parents
        used_snils = set()

        def new_snils():
            return random_snils(rng, used_snils)

        def birth_date(class_name):
            grade = int(class_name[:-1])
            start = date(cal["first_born"] - grade + 1, 9, 1)
            return start + timedelta(days=rng.randint(0, 364))

        surnames = list(SURNAMES)
        rng.shuffle(surnames)
        families = []  # (surname, father, mother_name, [(class_name, fixed child or None)])
        for pair in SIBLING_CLASSES:
            families.append({"children": list(pair)})
        slots = {name: size for name, size in CLASS_SIZES.items()}
        for family in families:
            for class_name in family["children"]:
                slots[class_name] -= 1
        for class_name, free in sorted(slots.items()):
            for _i in range(free):
                families.append({"children": [class_name]})
        rng.shuffle(families[1:])  # the Sokolovs stay first
        Partner = env["res.partner"]
        Student = env["school.student"]
        students_by_class = {name: [] for name in classes}
        student_vals, guardian_plan = [], []
        for index, family in enumerate(families):
            if index == 0:
                surname, father = "Соколов", "Дмитрий"
                mother = ref("%s.user_parent" % MODULE).partner_id
                mother.write({"phone": "+7 910 555-12-34"})
            else:
                surname, father = surnames[index % len(surnames)], rng.choice(sorted(FATHERS))
                mother = None
            street = "г. Тверь, %s, д. %s, кв. %s" % (rng.choice(STREETS), rng.randint(1, 60),
                                                       rng.randint(1, 120))
            if mother is None:
                mother = Partner.create({
                    "name": "%s %s %s" % (female_surname(surname), rng.choice(MOTHER_NAMES),
                                          rng.choice(MOTHER_PATRONYMICS)),
                    "phone": "+7 9%02d %03d-%02d-%02d" % (rng.randint(10, 99), rng.randint(100, 999),
                                                          rng.randint(10, 99), rng.randint(10, 99)),
                    "email": "parent%03d.m@mail.example" % index if rng.random() < 0.6 else False})
            father_partner = None
            if rng.random() < 0.7 or index == 0:
                father_partner = Partner.create({
                    "name": "%s %s %s" % (surname, father, rng.choice(list(FATHERS.values()))[0]),
                    "phone": "+7 9%02d %03d-%02d-%02d" % (rng.randint(10, 99), rng.randint(100, 999),
                                                          rng.randint(10, 99), rng.randint(10, 99))})
            for child_index, class_name in enumerate(family["children"]):
                if index == 0 and child_index == 0:
                    gender, first, born = "male", "Артём", date(cal["first_born"] - 3, 5, 14)
                elif index == 0:
                    gender, first, born = "female", "Дарья", date(cal["first_born"] - 7, 3, 2)
                else:
                    gender = rng.choice(["male", "female"])
                    first = rng.choice(MALE_NAMES if gender == "male" else FEMALE_NAMES)
                    born = birth_date(class_name)
                vals = {
                    "last_name": surname if gender == "male" else female_surname(surname),
                    "first_name": first,
                    "middle_name": FATHERS[father][0 if gender == "male" else 1],
                    "gender": gender, "birth_date": fields.Date.to_string(born),
                    "snils": new_snils(), "address": street,
                    "health_group": rng.choice(["main"] * 8 + ["preparatory"] * 2 + ["special"]),
                }
                if index == 0 and child_index == 0:
                    vals.update(partner_id=ref("%s.user_student" % MODULE).partner_id.id,
                                user_id=ref("%s.user_student" % MODULE).id)
                student_vals.append((class_name, vals, index, child_index))
                guardian_plan.append((mother, father_partner))
        students = []
        for (class_name, vals, index, child_index), parents in zip(student_vals, guardian_plan):
            # the demo pupil Артём comes with his portal login (superuser only)
            with Student._login_links_writable():
                student = Student.create(vals)
            students.append((class_name, student, parents))
            students_by_class[class_name].append(student)
            if index == 0:
                self._xmlid("demo_student_sokolov_artem" if child_index == 0
                            else "demo_student_sokolova_darya", student)
        Guardian = env["school.student.guardian"]
        for class_name, student, (mother, father_partner) in students:
            Guardian.create({"student_id": student.id, "partner_id": mother.id, "relation": "mother",
                             "is_legal_representative": True,
                             "notify_by": "both" if mother.email else "portal"})
            if father_partner:
                Guardian.create({"student_id": student.id, "partner_id": father_partner.id,
                                 "relation": "father", "is_legal_representative": True,
                                 "notify_by": rng.choice(["portal", "none"])})

        # Movements: last year's pupils come by its rollover, the first form arrives on 1 September;
        # then a few real-life orders (in the year's story, so some may be planned after today).
        Movement = env["school.student.movement"]
        moved = env["school.previous.year.demo"]._create_previous_year(cal, classes, students_by_class, teachers)
        for class_name, student, _parents in filter(lambda row: row[1].id not in moved, students):
            Movement.create({"student_id": student.id, "movement_type": "arrival",
                             "date": day(cal["start"]), "to_class_id": classes[class_name].id,
                             "order_number": "112-у", "order_date": day(cal["enrolment_order"]),
                             "reason": "Зачисление на %s учебный год" % cal["name"]})
        transferred = [s for s in students_by_class["5Б"] if not s.user_id][-1]
        Movement.create({"student_id": transferred.id, "movement_type": "transfer",
                         "date": day(cal["transfer"]),
                         "to_class_id": classes["5А"].id, "order_number": "140-у",
                         "order_date": day(cal["transfer_order"]), "reason": "Заявление родителей"})
        self._xmlid("demo_student_transferred", transferred)
        departed = students_by_class["9А"][-1]
        Movement.create({"student_id": departed.id, "movement_type": "departure",
                         "date": day(cal["departure"]), "order_number": "171-у",
                         "order_date": day(cal["departure_order"]),
                         "to_school": "МБОУ СОШ № 5 г. Твери", "reason": "Смена места жительства"})
        self._xmlid("demo_student_departed", departed)
        newcomer_mother = Partner.create({"name": "Лаврова Марина Игоревна", "phone": "+7 915 204-33-18"})
        newcomer = Student.create({"last_name": "Лавров", "first_name": "Пётр", "middle_name": "Андреевич",
                                   "gender": "male", "birth_date": day(date(cal["first_born"] - 9, 2, 11)),
                                   "snils": new_snils(),
                                   "address": "г. Тверь, ул. Лесная, д. 4, кв. 17"})
        Guardian.create({"student_id": newcomer.id, "partner_id": newcomer_mother.id, "relation": "mother"})
        Movement.create({"student_id": newcomer.id, "movement_type": "arrival", "date": day(cal["arrival"]),
                         "to_class_id": classes["11А"].id, "order_number": "3-у",
                         "order_date": day(cal["arrival_order"]),
                         "from_school": "МБОУ «Гимназия № 8» г. Ржева", "reason": "Заявление родителей"})
        self._xmlid("demo_student_arrived", newcomer)
        # one pupil of 5Б exempt from physical education for the year (a medical commission)
        exempt = [s for s in students_by_class["5Б"] if not s.user_id and s != transferred][0]
        self._xmlid("demo_exemption_pe", env["school.subject.exemption"].create({
            "student_id": exempt.id, "subject_id": env.ref(MODULE + ".subject_pe").id, "date_from": day(cal["start"]),
            "date_to": day(cal["end"]), "reason": "health",
            "document": "Заключение врачебной комиссии № 214 от %s" % format_date(day(cal["start"]))}))

        # Consents: most families signed in September; a few are missing, one revoked.
        Consent = env["school.pd.consent"]
        for class_name, student, (mother, _father) in students:
            roll = rng.random()
            if roll < 0.08 or student.id == transferred.id:
                continue
            link = student.guardian_ids.filtered(lambda g: g.partner_id == mother)
            age = student._age_on(day(cal["consent"]))
            if age >= 14:
                rng.random()  # the draw kept: the rest of the demo stays the same
            # 14–17: the pupil signs together with the representative (ст. 26 ГК); 18+: alone
            by_student = age >= 18
            consent = Consent.create({"student_id": student.id, "date": day(cal["consent"]),
                                      "signer_type": "student" if by_student else "representative",
                                      "guardian_id": False if by_student else link.id,
                                      "co_signed_by_student": 14 <= age < 18})
            if 0.08 <= roll < 0.1:
                consent.write({"revocation_date": day(cal["revocation"]),
                               "revocation_reason": "Заявление законного представителя об отзыве согласия"})

        # Teaching groups for English (5А+5Б together) and the teaching load
        Subject = lambda code: ref("%s.subject_%s" % (MODULE, code))  # noqa: E731
        subgroups = {}
        joined = {lead_subject: member for member, lead_subject in JOINT.items()}
        for class_name, (room, plan) in CURRICULUM.items():
            roster = students_by_class[class_name]
            for subject, hours, staff in plan:
                if JOINT.get(class_name, (None, None))[1] == subject:
                    continue  # taught in the lead class's groups
                levels = PROFILE.get((class_name, subject))
                if len(staff) == 1 and not levels:
                    env["school.teaching.assignment"].create({
                        "class_id": classes[class_name].id, "subject_id": Subject(subject).id,
                        "teacher_id": teachers[staff[0][0]].id, "hours_per_week": hours})
                    continue
                other = joined.get((class_name, subject))
                rosters = [roster] + ([students_by_class[other]] if other else [])
                halves = [(pupils[:(len(pupils) + 1) // 2], pupils[(len(pupils) + 1) // 2:]) for pupils in rosters]
                # a language split is numbered, a profile split named by its level
                labels = levels or [(teacher, "группа %s" % group) for teacher, group in staff]
                for group, (teacher, label) in enumerate(labels, 1):
                    subgroup = env["school.class.subgroup"].create({
                        "name": "%s, %s" % (Subject(subject).name, label),
                        "class_id": classes[class_name].id, "subject_id": Subject(subject).id,
                        "extra_class_ids": [(6, 0, [classes[other].id] if other else [])],
                        "student_ids": [(6, 0, [s.id for half in halves for s in half[group - 1]])]})
                    subgroups[(class_name, subject, group)] = subgroup
                    env["school.teaching.assignment"].create({
                        "class_id": classes[class_name].id, "subgroup_id": subgroup.id,
                        "subject_id": Subject(subject).id, "teacher_id": teachers[teacher].id,
                        "hours_per_week": hours})

        # the newcomer of the III quarter joins 11А's groups from his first day
        for key in (("11А", "eng", 2), ("11А", "alg", 2)):
            subgroups[key].write({"student_ids": [(4, newcomer.id)], "members_from": day(cal["arrival"])})

        # Timetable
        plan = plan_timetable(rng, CURRICULUM, ["9А", "11А", "5А", "5Б", "1А"], joint=JOINT)
        for (class_name, subject), levels in PROFILE.items():
            plan[class_name] = [split for entry in plan[class_name] for split in (
                [entry[:3] + (teacher, group) for group, (teacher, _level) in enumerate(levels, 1)]
                if entry[2] == subject else [entry])]
        Timetable = env["school.timetable"]
        for class_name, entries in plan.items():
            for day, lesson, subject, teacher, group in entries:
                Timetable.create({
                    "class_id": classes[class_name].id, "weekday": str(day), "lesson_number": lesson,
                    "subject_id": Subject(subject).id, "teacher_id": teachers[teacher].id,
                    "subgroup_id": subgroups[(class_name, subject, group)].id if group else False,
                    "room": rooms.get(teacher) if class_name != "1А" or teacher != "vasilyeva"
                    else CURRICULUM["1А"][0],
                    "date_from": year.date_start, "date_to": year.date_end})
        return True
