"""The demo school's journal: lessons from 1 September of the demo's year to the
day it is built (or to the year's end, see demo.demo_calendar), generated from the timetable, with
topics, homework, grades and absences that look real. Today's lessons are there
but not filled in: the teacher's work of the day. Deterministic for a given day
(random.Random(SEED)) and done in bulk SQL, after the demo school."""
import random
from datetime import date, timedelta

from odoo import api, fields, models

from .demo import demo_today
from ..tools.grading import round_half_up

SEED = 4092026
TOPICS = {
    "rus": ["Звуки и буквы. Фонетический разбор", "Орфограммы в корнях слов", "Правописание приставок",
            "Части речи", "Имя существительное", "Словосочетание", "Простое предложение",
            "Главные члены предложения", "Второстепенные члены предложения", "Однородные члены",
            "Обращение", "Прямая речь", "Диалог", "Текст и его признаки", "Стили речи"],
    "lit": ["Устное народное творчество", "Русские народные сказки", "Былины", "Басни И. А. Крылова",
            "А. С. Пушкин. Сказки", "М. Ю. Лермонтов «Бородино»", "Н. В. Гоголь «Вечера на хуторе»",
            "И. С. Тургенев «Муму»", "Н. А. Некрасов. Стихотворения", "Л. Н. Толстой «Кавказский пленник»"],
    "math": ["Натуральные числа", "Сложение и вычитание", "Умножение и деление", "Степень числа",
             "Уравнения", "Обыкновенные дроби", "Сравнение дробей", "Сложение дробей",
             "Смешанные числа", "Десятичные дроби", "Округление чисел", "Решение задач"],
    "alg": ["Выражения и их преобразования", "Квадратичная функция", "Квадратные уравнения",
            "Неравенства", "Системы уравнений", "Арифметическая прогрессия", "Геометрическая прогрессия"],
    "geom": ["Подобие треугольников", "Векторы", "Метод координат", "Соотношения в треугольнике",
             "Длина окружности", "Площадь круга"],
    "eng": ["Family and friends", "My school", "Daily routine", "Present Simple", "Past Simple",
            "Travelling", "Hobbies", "Food and drinks", "Future Simple"],
    "hist": ["Первобытные люди", "Древний Египет", "Древняя Индия", "Древний Китай", "Древняя Греция",
             "Афины и Спарта", "Древний Рим"],
    "phys": ["Механическое движение", "Законы Ньютона", "Импульс", "Работа и энергия",
             "Колебания и волны", "Электрический ток"],
    "bio": ["Клетка", "Ткани", "Органы и системы органов", "Растения", "Животные"],
    "chem": ["Строение атома", "Периодический закон", "Химическая связь", "Реакции ионного обмена"],
    "geo": ["Географическая карта", "Литосфера", "Гидросфера", "Атмосфера", "Биосфера"],
    "inf": ["Информация и информационные процессы", "Системы счисления", "Алгоритмы", "Программирование"],
    "litread": ["Знакомство с учебником", "Азбука", "Сказки", "Стихи о природе", "Загадки и пословицы"],
    "world": ["Что нас окружает", "Природа и человек", "Времена года", "Наш дом и семья"],
}
HOMEWORK = ["§ %d, вопросы 1–3", "Упр. %d", "№ %d, %d", "Выучить правило на с. %d",
            "Прочитать с. %d–%d", "Подготовить сообщение", "Повторить §%d"]

ACTIVITY_TOPICS = {
    "club": ["Логические задачи", "Числовые ребусы", "Магические квадраты", "Задачи на переливания",
             "Геометрия на клетчатой бумаге", "Задачи на движение", "Принцип Дирихле", "Математические игры"],
    "talks": ["День знаний", "Там, где Россия", "Избирательная система России", "День учителя",
              "О взаимоотношениях в коллективе", "По ту сторону экрана", "День народного единства",
              "Россия: взгляд в будущее", "День матери", "Что такое Родина?", "Мы вместе"],
}
# ОГЭ grade → (lowest, highest) primary score (ФИПИ's usual scales)
SCALES = {"alg": {"2": (0, 7), "3": (8, 14), "4": (15, 21), "5": (22, 31)},
          "rus": {"2": (0, 10), "3": (11, 21), "4": (22, 31), "5": (32, 37)}}


def _fill(template, rng):
    return template % tuple(rng.randint(2, 120) for _ in range(template.count("%d")))


class SchoolJournalDemo(models.AbstractModel):
    _name = "school.journal.demo"
    _description = "Demo Journal"

    @api.model
    def _create_demo_journal(self, today=None):
        """The journal of the demo's year up to ``today`` (an ISO date string;
        default: today), not beyond its end."""
        self = self.with_context(lang="ru_RU")  # the demo school is Russian (call_kw drops the XML context)
        cr = self.env.cr
        year = self.env.ref("school_ejournal.demo_year_2026", raise_if_not_found=False)
        if not year or self.env["school.lesson"].search_count([("academic_year_id", "=", year.id)]):
            return False
        today = fields.Date.from_string(today) if today else demo_today(self.env)
        year_end = fields.Date.from_string(year.date_end)
        if today < fields.Date.from_string(year.date_start):
            return False
        rng = random.Random(SEED)
        Lesson = self.env["school.lesson"]
        Lesson._generate_from_timetable(year.date_start, fields.Date.to_string(min(today, year_end)))
        # topics, marks and absences before today only
        filled_to = fields.Date.to_string(min(today - timedelta(days=1), year_end))
        ref = self.env.ref
        kinds = {code: ref("school_ejournal.work_kind_%s" % code)
                 for code in ("lesson", "control", "independent", "practical", "dictation", "check")}
        cr.execute("""
            SELECT l.id, l.class_id, substr(d.name, 9), gl.number, s.name
              FROM school_lesson l
              JOIN school_subject s ON s.id = l.subject_id
              LEFT JOIN ir_model_data d ON d.model = 'school.subject' AND d.res_id = s.id
                                       AND d.module = 'school_ejournal' AND d.name LIKE 'subject\\_%%'
              JOIN school_class c ON c.id = l.class_id
              JOIN school_grade_level gl ON gl.id = c.grade_level_id
             WHERE l.academic_year_id = %s AND l.date <= %s
             ORDER BY l.class_id, l.subject_id, l.subgroup_id NULLS FIRST, l.date, l.lesson_number
        """, (year.id, filled_to))
        lessons = cr.fetchall()
        # topics, homework and kinds of work, in one UPDATE
        counters, updates = {}, []
        for lesson_id, class_id, code, grade, name in lessons:
            n = counters[(class_id, code)] = counters.get((class_id, code), 0) + 1
            topics = TOPICS.get(code)
            topic = topics[(n - 1) // 2 % len(topics)] if topics else None
            kind = kinds["lesson"]
            if topics and n % 8 == 0:
                kind = kinds["control" if grade > 1 else "check"]
                topic = "Контрольная работа по теме «%s»" % topics[(n - 2) // 2 % len(topics)]
            elif topics and n % 5 == 0:
                kind = kinds["dictation" if code == "rus" else "independent"]
            homework = None
            if topics and rng.random() < 0.85:
                homework = _fill(rng.choice(HOMEWORK), rng)
            updates.append((lesson_id, topic or "%s: занятие %s" % (name, n), kind.id, homework))
        if updates:
            ids, topics_, kinds_, homework_ = zip(*updates)
            cr.execute("""
                UPDATE school_lesson l SET topic = x.topic, work_kind_id = x.kind_id, homework = x.homework
                  FROM unnest(%s::int[], %s::text[], %s::int[], %s::text[]) AS x(id, topic, kind_id, homework)
                 WHERE l.id = x.id
            """, (list(ids), list(topics_), list(kinds_), list(homework_)))
        # absences and grades: each pupil has a steady level, each lesson a few grades
        cr.execute("""
            SELECT a.id, a.lesson_id, a.student_id, l.teacher_id, gl.number, k.weight, k.id,
                   k.requires_topic_mark
              FROM school_attendance a
              JOIN school_lesson l ON l.id = a.lesson_id
              JOIN school_class c ON c.id = l.class_id
              JOIN school_grade_level gl ON gl.id = c.grade_level_id
              JOIN school_work_kind k ON k.id = l.work_kind_id
             WHERE l.academic_year_id = %s AND l.date <= %s
             ORDER BY a.lesson_id, a.student_id
        """, (year.id, filled_to))
        rows = cr.fetchall()
        codes = [ref("school_ejournal.attendance_code_%s" % c).id for c in ("n", "b", "u", "o")]
        level = {}
        marks, grades = [], []
        by_lesson = {}
        for row in rows:
            by_lesson.setdefault(row[1], []).append(row)
        for lesson_id in sorted(by_lesson):
            lesson_rows = by_lesson[lesson_id]
            graded = 0
            for att_id, _lid, student_id, teacher_id, grade_no, weight, kind_id, all_marked in lesson_rows:
                lvl = level.setdefault(student_id, rng.choice([3.2, 3.6, 4.0, 4.3, 4.6, 4.8]))
                roll = rng.random()
                if roll < 0.05:
                    marks.append((att_id, codes[rng.choice([0, 1, 1, 2, 3])]))
                    if codes.index(marks[-1][1]) != 3:
                        continue
                if grade_no == 1:
                    continue  # no grades in the first form
                if all_marked or (graded < 4 and rng.random() < 0.18):
                    value = max(2, min(5, int(round(rng.gauss(lvl, 0.7)))))
                    grades.append((lesson_id, student_id, att_id, str(value), float(value), kind_id,
                                   weight, teacher_id))
                    graded += 1
        if marks:
            ids, code_ids = zip(*marks)
            cr.execute("""
                UPDATE school_attendance a SET code_id = x.code_id
                  FROM unnest(%s::int[], %s::int[]) AS x(id, code_id) WHERE a.id = x.id
            """, (list(ids), list(code_ids)))
        if grades:
            cols = list(zip(*grades))
            cr.execute("""
                INSERT INTO school_grade (create_uid, create_date, write_uid, write_date, lesson_id,
                                          student_id, attendance_id, value, numeric_value, work_kind_id,
                                          weight, sequence, date, subject_id, class_id, period_id)
                SELECT x.teacher_id, now() AT TIME ZONE 'UTC', x.teacher_id, now() AT TIME ZONE 'UTC',
                       x.lesson_id, x.student_id, x.att_id, x.value, x.num, x.kind_id, x.weight, 1,
                       l.date, l.subject_id, l.class_id, l.period_id
                  FROM unnest(%s::int[], %s::int[], %s::int[], %s::varchar[], %s::float[], %s::int[],
                              %s::float[], %s::int[])
                       AS x(lesson_id, student_id, att_id, value, num, kind_id, weight, teacher_id)
                  JOIN school_lesson l ON l.id = x.lesson_id
            """, [list(c) for c in cols])
        self._log_demo_journal(year)
        self.env["school.lesson"].invalidate_cache()
        self.env["school.attendance"].invalidate_cache()
        self.env["school.grade"].invalidate_cache()
        # One correction through the ORM, as a teacher would do it: 3 → 4 in the log.
        teacher = self.env.ref("school_ejournal.user_teacher", raise_if_not_found=False)
        if teacher:
            grade = self.env["school.grade"].search([("lesson_id.teacher_id", "=", teacher.id),
                                                      ("value", "=", "3")], limit=1)
            if grade:
                grade.sudo(teacher).write({"value": "4", "comment": "Исправлено после пересдачи"})
        return True

    @api.model
    def _create_demo_cancelled_lessons(self):
        """A карантин in 5А: the deputy director cancels the three latest past lessons of
        geography of an open period, through «Отменить урок» (their marks go, logged),
        so that «Выполнение программы» shows a gap and the control its line."""
        self = self.with_context(lang="ru_RU")  # the demo school is Russian (call_kw drops the XML context)
        deputy = self.env.ref("school_ejournal.user_deputy", raise_if_not_found=False)
        school_class = self.env.ref("school_ejournal.demo_class_5a", raise_if_not_found=False)
        subject = self.env["school.subject"].search([("name", "=", "География")], limit=1)
        if not (deputy and school_class and subject) or self.env["school.lesson"].search_count([
                ("class_id", "=", school_class.id), ("cancelled", "=", True)]):
            return False  # once: an update of the module loads the demo again
        lessons = self.env["school.lesson"].search([
            ("class_id", "=", school_class.id), ("subject_id", "=", subject.id), ("cancelled", "=", False),
            ("date", "<", fields.Date.to_string(demo_today(self.env))), ("period_id.state", "=", "open")],
            order="date desc", limit=3)
        Cancel = self.env["school.lesson.cancel"].sudo(deputy)
        for lesson in lessons:
            Cancel.create({"lesson_id": lesson.id, "reason": "quarantine", "confirm_remove": True,
                           "comment": "Карантин по гриппу в 5А (приказ директора)"}).action_cancel()
        return bool(lessons)
    def _log_demo_journal(self, year):
        """The change log tells the same story: who put each mark and grade of
        ``year``, by the journal's own function (journal_mixin.py)."""
        cr = self.env.cr
        cr.execute("""
            SELECT g.create_uid, g.date + time '14:30', 'create', g.id, g.lesson_id, g.student_id, g.date,
                   'value', NULL, g.value, NULL
              FROM school_grade g JOIN school_lesson l ON l.id = g.lesson_id
             WHERE l.academic_year_id = %s ORDER BY g.id
        """, (year.id,))
        self.env["school.grade"]._journal_log_rows(cr.fetchall())
        cr.execute("""
            SELECT l.teacher_id, l.date + time '09:00', 'create', a.id, a.lesson_id, a.student_id, l.date,
                   'code_id', NULL, c.code, NULL
              FROM school_attendance a JOIN school_lesson l ON l.id = a.lesson_id
              JOIN school_attendance_code c ON c.id = a.code_id
             WHERE l.academic_year_id = %s ORDER BY a.id
        """, (year.id,))
        self.env["school.attendance"]._journal_log_rows(cr.fetchall())

    @api.model
    def _create_demo_absence_notes(self):
        """Справки of 5А entered by its class teacher: the latest «н» of two pupils
        of an open period become «б» (поликлиника) and «у» (заявление); a third
        справка is a draft."""
        self = self.with_context(lang="ru_RU")  # the demo school is Russian (call_kw drops the XML context)
        Note = self.env["school.absence.note"]
        teacher = self.env.ref("school_ejournal.user_class_teacher", raise_if_not_found=False)
        school_class = self.env.ref("school_ejournal.demo_class_5a", raise_if_not_found=False)
        if not teacher or not school_class or Note.search_count([]):
            return False
        self.env.cr.execute("""
            SELECT DISTINCT ON (a.student_id) a.student_id, a.date
              FROM school_attendance a
              JOIN school_attendance_code c ON c.id = a.code_id AND c.code = 'н'
              JOIN school_period p ON p.id = a.period_id AND p.state = 'open'
             WHERE a.class_id = %s
             ORDER BY a.student_id, a.date DESC
        """, (school_class.id,))
        found = sorted(self.env.cr.fetchall(), key=lambda r: r[0])[:3]
        documents = [("b", "1147", "ГБУЗ «Детская городская поликлиника № 3»", True),
                     ("u", "б/н", "Заявление родителя (соревнования по плаванию)", True),
                     ("b", "1210", "ГБУЗ «Детская городская поликлиника № 3»", False)]
        for (student_id, day), (code, number, issued_by, confirm) in zip(found, documents):
            note = Note.sudo(teacher).create({
                "student_id": student_id, "date_from": day, "date_to": day, "document_date": day,
                "code_id": self.env.ref("school_ejournal.attendance_code_%s" % code).id,
                "document_number": number, "issued_by": issued_by})
            if confirm:  # the third waits for its scan
                note.action_confirm()
        return True

    @api.model
    def _create_demo_substitutions(self):
        """Журнал замен: Петров (mathematics, 5А and 5Б) was ill for the last whole
        school week of an open period before this one; the deputy took the proposed
        free teachers, joined one lesson to another class and cancelled the last one."""
        self = self.with_context(lang="ru_RU")  # the demo school is Russian (call_kw drops the XML context)
        Absence = self.env["school.teacher.absence"]
        deputy = self.env.ref("school_ejournal.user_deputy", raise_if_not_found=False)
        teacher = self.env.ref("school_ejournal.user_teacher", raise_if_not_found=False)
        if not deputy or not teacher or Absence.search_count([]):
            return False
        today = demo_today(self.env)
        monday = today - timedelta(days=today.weekday())
        self.env.cr.execute("""
            SELECT max(l.date) FROM school_lesson l JOIN school_period p ON p.id = l.period_id AND p.state = 'open'
             WHERE l.teacher_id = %s AND l.date < %s
        """, (teacher.id, fields.Date.to_string(monday)))
        last = self.env.cr.fetchone()[0]
        if not last:
            return False
        last = fields.Date.from_string(last)
        start = last - timedelta(days=last.weekday())
        absence = Absence.sudo(deputy).create({
            "teacher_id": teacher.id, "date_from": fields.Date.to_string(start),
            "date_to": fields.Date.to_string(start + timedelta(days=4)), "reason": "Больничный лист"})
        absence.action_propose()
        lines = absence.substitution_ids
        # the class's own class teacher stays out of the demo's replacements of her class
        for line in lines.filtered(lambda l: l.substitute_teacher_id == l.lesson_id.class_id.class_teacher_id):
            line.substitute_teacher_id = False
        for line in lines.filtered(lambda l: not l.substitute_teacher_id):
            line.write({"kind": "cancel", "paid": False})
        if len(lines) > 2:
            lines[-1].write({"kind": "cancel", "paid": False})
            lines.filtered("substitute_teacher_id")[1:2].write({"kind": "merge", "paid": False})
        absence.action_confirm()
        return True

    # The demo's ОГЭ in 9А: year and exam grades in algebra and Russian with the
    # protocol's primary scores, and the final grades suggested from them; one pupil
    # failed the algebra exam («2»): his final grade waits for the retake.
    @api.model
    def _create_demo_exams(self):
        self = self.with_context(lang="ru_RU")  # the demo school is Russian (call_kw drops the XML context)
        ref = lambda xmlid: self.env.ref("school_ejournal." + xmlid, raise_if_not_found=False)  # noqa: E731
        year, school_class = ref("demo_year_2026"), ref("demo_class_9a")
        if not (year and school_class):
            return False
        subjects = {code: ref("subject_" + code) for code in SCALES}
        period = self.env["school.period"].search([
            ("academic_year_id", "=", year.id), ("kind", "=", "year"),
            ("grade_level_ids", "in", school_class.grade_level_id.ids)], limit=1)
        PeriodGrade = self.env["school.period.grade"]
        if not period or PeriodGrade.search_count([("class_id", "=", school_class.id), ("kind", "=", "exam")]):
            return False
        cr = self.env.cr
        # each pupil's journal average per subject: his year grade, and the exam close to it
        cr.execute("""
            SELECT g.student_id, g.subject_id, avg(g.numeric_value)
              FROM school_grade g
             WHERE g.class_id = %s AND g.subject_id IN %s AND g.numeric_value > 0
             GROUP BY g.student_id, g.subject_id
             ORDER BY g.subject_id, g.student_id
        """, (school_class.id, tuple(s.id for s in subjects.values())))
        averages = cr.fetchall()
        if not averages:
            return False
        code_of = {s.id: code for code, s in subjects.items()}
        # the retake: the weakest pupil in algebra of those still in the class at the exam
        # (one leaving before has no final grade to wait)
        staying = set(school_class._get_roster(period.date_end).ids)
        weakest = min((r for r in averages if code_of[r[1]] == "alg" and r[0] in staying),
                      key=lambda r: (r[2], r[0]))[0]
        rows = []
        for student_id, subject_id, average in averages:
            code = code_of[subject_id]
            year_value = str(max(3, min(5, round_half_up(average))))
            shift = (student_id % 3) - 1  # −1, 0 or +1: the exam is not the year grade
            exam_value = str(max(3, min(5, int(year_value) + shift)))
            if code == "alg" and student_id == weakest:
                exam_value = "2"
            low, high = SCALES[code][exam_value]
            score = low + (student_id * 7) % (high - low + 1)
            rows.append((student_id, subject_id, "year", year_value, None))
            rows.append((student_id, subject_id, "exam", exam_value, score))
        ids, subject_ids, kinds, values, scores = (list(c) for c in zip(*rows))
        cr.execute("""
            INSERT INTO school_period_grade
                   (create_uid, create_date, write_uid, write_date, student_id, student_name, subject_id,
                    period_id, academic_year_id, class_id, grade_level_id, date, kind, value, suggested_value,
                    exam_primary_score, teacher_id, state)
            SELECT 1, now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC', x.student_id, s.name,
                   x.subject_id, p.id, p.academic_year_id, c.id, c.grade_level_id, p.date_end, x.kind, x.value,
                   CASE WHEN x.kind = 'year' THEN x.value END, x.score,
                   (SELECT min(t.teacher_id) FROM school_teaching_assignment t
                     WHERE t.class_id = c.id AND t.subject_id = x.subject_id), 'draft'
              FROM unnest(%s::int[], %s::int[], %s::varchar[], %s::varchar[], %s::int[])
                   AS x(student_id, subject_id, kind, value, score)
              JOIN school_student s ON s.id = x.student_id
              JOIN school_period p ON p.id = %s
              JOIN school_class c ON c.id = %s
            ON CONFLICT (student_id, subject_id, period_id, kind) DO NOTHING
        """, (ids, subject_ids, kinds, values, scores, period.id, school_class.id))
        self._log_demo_exams(school_class, period)
        PeriodGrade.invalidate_cache()
        PeriodGrade.suggest(period, [school_class.id], [s.id for s in subjects.values()], kind="final")
        return True

    # The demo's «условно переведён»: a 5Б pupil with an academic debt in
    # mathematics at the year's council, a retake deadline in October and a
    # first retake failed; the deputy records the second in «Ликвидация
    # академической задолженности», which lifts «условно» when passed.
    @api.model
    def _create_demo_rollover(self):
        self = self.with_context(lang="ru_RU")  # the demo school is Russian (call_kw drops the XML context)
        ref = lambda xmlid: self.env.ref("school_ejournal." + xmlid, raise_if_not_found=False)  # noqa: E731
        year, school_class, math = ref("demo_year_2026"), ref("demo_class_5b"), ref("subject_math")
        Decision = self.env["school.council.decision"]
        if not (year and school_class and math) or Decision.search_count([("decision", "=", "conditional"),
                                                                   ("academic_year_id", "=", year.id)]):
            return False
        pupil = school_class._get_roster(year.date_end)[1:2]
        if not pupil:
            return False
        end = fields.Date.from_string(year.date_end)
        decision = Decision.create({
            "student_id": pupil.id, "academic_year_id": year.id, "class_id": school_class.id,
            "decision": "conditional", "debt_subject_ids": [(6, 0, math.ids)],
            "retake_deadline": fields.Date.to_string(date(end.year, 10, 15)),
            "protocol_number": "12", "protocol_date": fields.Date.to_string(end - timedelta(days=3))})
        self.env["ir.model.data"].create({"module": "school_ejournal", "name": "demo_decision_conditional",
                                          "model": decision._name, "res_id": decision.id, "noupdate": True})
        self.env["school.academic.debt"].create({
            "decision_id": decision.id, "subject_id": math.id, "date": fields.Date.to_string(date(end.year, 9, 10)),
            "value": "2", "protocol_number": "1-з", "note": "Первая пересдача"})
        return True

    @api.model
    def _create_demo_activities(self):
        """The club takes four pupils of 5А and four of 5Б, «Разговоры о важном» all of
        5А; each teacher creates the sessions, writes the topics of those held and
        marks a few absences."""
        self = self.with_context(lang="ru_RU")  # the demo school is Russian (call_kw drops the XML context)
        today, rng = fields.Date.to_string(demo_today(self.env)), random.Random(SEED)
        Movement = self.env["school.student.movement"]
        for xmlid, per_class, topics in (("demo_activity_club", 4, ACTIVITY_TOPICS["club"]),
                                         ("demo_activity_talks", None, ACTIVITY_TOPICS["talks"])):
            course = self.env.ref("school_ejournal." + xmlid, raise_if_not_found=False)
            if not course or course.session_ids:
                continue
            pupils = []
            for school_class in course.class_ids:
                pupils += [s for s, _c in Movement._get_membership_on(today, class_ids=school_class.ids)][:per_class]
            course.write({"student_ids": [(6, 0, pupils)]})
            course.sudo(course.teacher_id).action_generate_sessions()
            for index, session in enumerate(course.session_ids.filtered(lambda s: s.date < today).sorted("date")):
                session = session.sudo(course.teacher_id)
                session.write({"topic": topics[index % len(topics)]})
                absent = session.line_ids.filtered(lambda l: rng.random() < 0.08)
                absent.write({"presence": "absent"})
        return True

    @api.model
    def _log_demo_exams(self, school_class, period):
        """The log of the year and exam grades: who entered them, the subject
        teacher, in June, by the journal's own function (journal_mixin.py)."""
        self.env.cr.execute("""
            SELECT pg.teacher_id, pg.date + time '15:00', 'create', pg.id, NULL, pg.student_id, pg.date,
                   'value', NULL, pg.value, ARRAY[pg.kind, sj.name, p.name]
              FROM school_period_grade pg
              JOIN school_subject sj ON sj.id = pg.subject_id
              JOIN school_period p ON p.id = pg.period_id
             WHERE pg.class_id = %s AND pg.period_id = %s AND pg.kind IN ('year', 'exam')
             ORDER BY pg.id
        """, (school_class.id, period.id))
        self.env["school.period.grade"]._journal_log_rows(self.env.cr.fetchall())
