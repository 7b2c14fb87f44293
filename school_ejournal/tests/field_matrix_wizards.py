"""The rows of field_matrix.FIELDS (see there) for the wizards, the transient
models: a wizard is its user's own record; and the values a wizard record of
the test is created with (TRANSIENT_SAMPLES)."""

# every role: a wizard is each user's own record; what its button does is checked there
ALL = "public student parent employee teacher class_teacher deputy director school_admin"

# a wizard record per user: required values, as xmlids or (model, domain) of the first match
_Q1 = ("school.period", [("kind", "=", "quarter"), ("number", "=", 1)])
TRANSIENT_SAMPLES = {
    "school.gradebook": {"class_id": "school_ejournal.demo_class_5a", "subject_id": "school_ejournal.subject_math",
                         "period_id": _Q1},
    "school.parent.message": {"subject": "Тема", "body": "<p>Текст</p>"},
    "school.class.day": {"class_id": "school_ejournal.demo_class_5a"},
    "school.class.day.line": {"day_id": ("school.class.day", []), "student_id": ("school.student", [])},
    "school.period.close": {"period_id": _Q1},
    "school.period.export.wizard": {"period_id": _Q1},
    "school.period.grade.suggest": {"period_id": _Q1},
    "school.exam.protocol.import": {"subject_id": "school_ejournal.subject_alg"},
    "school.period.reopen": {"period_id": _Q1, "reason": "Проверка"},
    "school.period.seal.check.line": {"check_id": ("school.period.seal.check", [])},
    "school.report.attendance.wizard": {"date_from": "2026-09-01", "date_to": "2026-09-30"},
    "school.report.gradebook.wizard": {"class_id": "school_ejournal.demo_class_5a"},
    "school.report.journal.wizard": {"class_id": "school_ejournal.demo_class_5a"},
    "school.council.decision.fill": {"class_id": "school_ejournal.demo_class_5a"},
    "school.report.metrics.wizard": {"period_id": _Q1},
    "school.substitution.report.wizard": {},
    "school.year.rollover": {"old_year_id": "school_ejournal.demo_year_2026"},
    "school.year.rollover.line": {"rollover_id": ("school.year.rollover", [])},
    "school.year.rollover.pupil": {"rollover_id": ("school.year.rollover", []), "decision": "promoted"},
    "school.report.programme.wizard": {},
    "school.lesson.cancel": {"lesson_id": ("school.lesson", [("class_id.name", "=", "5А")])},
}

WIZARD_FIELDS = [
    # school.year.rollover: the school admin's; the lines are filled by the preview
    ('school.year.rollover', 'line_ids', 'school_admin', 'school_admin'),
    ('school.year.rollover', 'new_year_id', 'school_admin', 'school_admin'),
    ('school.year.rollover', 'old_year_id', 'school_admin', 'school_admin'),
    ('school.year.rollover', 'protocol_date', 'school_admin', 'school_admin'),
    ('school.year.rollover', 'protocol_number', 'school_admin', 'school_admin'),
    ('school.year.rollover', 'pupil_ids', 'school_admin', 'school_admin'),
    ('school.year.rollover', 'state', '-', '-'),
    ('school.year.rollover', 'summary', '-', '-'),
    ('school.year.rollover', 'failure', '-', '-'),
    ('school.year.rollover.line', 'class_teacher_id', 'school_admin', 'school_admin'),
    ('school.year.rollover.line', 'copy_load', 'school_admin', 'school_admin'),
    ('school.year.rollover.line', 'copy_plans', 'school_admin', 'school_admin'),
    ('school.year.rollover.line', 'copy_subgroups', 'school_admin', 'school_admin'),
    ('school.year.rollover.line', 'grade_level_id', '-', '-'),
    ('school.year.rollover.line', 'kind', '-', '-'),
    ('school.year.rollover.line', 'letter', '-', '-'),
    ('school.year.rollover.line', 'pupil_count', '-', '-'),
    ('school.year.rollover.line', 'rollover_id', '-', 'school_admin'),
    ('school.year.rollover.line', 'source_class_id', '-', '-'),
    ('school.year.rollover.line', 'target_class_id', '-', '-'),
    ('school.year.rollover.pupil', 'class_id', '-', '-'),
    ('school.year.rollover.pupil', 'continues', 'school_admin', 'school_admin'),
    ('school.year.rollover.pupil', 'debt_subject_ids', 'school_admin', 'school_admin'),
    ('school.year.rollover.pupil', 'decision', 'school_admin', 'school_admin'),
    ('school.year.rollover.pupil', 'decision_id', '-', '-'),
    ('school.year.rollover.pupil', 'retake_deadline', 'school_admin', 'school_admin'),
    ('school.year.rollover.pupil', 'rollover_id', '-', 'school_admin'),
    ('school.year.rollover.pupil', 'student_id', '-', '-'),
    # school.gradebook
    ('school.gradebook', 'attendance_ids', 'student parent teacher class_teacher deputy director school_admin', ALL),
    ('school.gradebook', 'class_id', ALL, ALL),
    ('school.gradebook', 'period_id', ALL, ALL),
    ('school.gradebook', 'subgroup_id', ALL, ALL),
    ('school.gradebook', 'subject_id', ALL, ALL),
    # school.exam.protocol.import
    ('school.exam.protocol.import', 'class_ids', ALL, ALL),
    ('school.exam.protocol.import', 'data_file', ALL, ALL),
    ('school.exam.protocol.import', 'error_count', '-', '-'),
    ('school.exam.protocol.import', 'file_name', ALL, ALL),
    ('school.exam.protocol.import', 'ok_count', '-', '-'),
    ('school.exam.protocol.import', 'preview', '-', '-'),
    ('school.exam.protocol.import', 'state', '-', '-'),
    ('school.exam.protocol.import', 'subject_id', ALL, ALL),
    ('school.exam.protocol.import', 'text', ALL, ALL),
    # school.lesson.generate
    ('school.lesson.generate', 'class_ids', ALL, ALL),
    ('school.lesson.generate', 'date_from', ALL, ALL),
    ('school.lesson.generate', 'date_to', ALL, ALL),
    ('school.lesson.generate', 'lesson_count', '-', '-'),
    ('school.lesson.generate', 'period_id', ALL, ALL),
    ('school.lesson.generate', 'row_count', '-', '-'),
    ('school.lesson.generate', 'state', '-', '-'),
    # school.login.wizard
    ('school.login.wizard', 'class_id', ALL, ALL),
    ('school.login.wizard', 'include_parents', ALL, ALL),
    ('school.login.wizard', 'include_students', ALL, ALL),
    ('school.login.wizard', 'parent_partner_ids', ALL, ALL),
    ('school.login.wizard', 'staff_user_ids', ALL, ALL),
    ('school.login.wizard', 'state', '-', '-'),
    ('school.login.wizard', 'student_ids', ALL, ALL),
    ('school.login.wizard', 'token_hash', '-', '-'),
    # school.class.day, school.class.day.line: the user's own day view; its marks are
    # school.council.decision.fill
    ('school.council.decision.fill', 'class_id', ALL, ALL),
    ('school.council.decision.fill', 'protocol_date', ALL, ALL),
    ('school.council.decision.fill', 'protocol_number', ALL, ALL),
    ('school.council.decision.fill', 'retake_deadline', ALL, ALL),
    # written through the roster rows (the guard and the record rules decide)
    ('school.class.day', 'class_id', ALL, ALL),
    ('school.class.day', 'date', ALL, ALL),
    ('school.class.day', 'line_ids', ALL, ALL),
    ('school.class.day.line', 'day_id', ALL, ALL),
    ('school.class.day.line', 'note_code', ALL, ALL),
    ('school.class.day.line', 'note_date_from', ALL, ALL),
    ('school.class.day.line', 'note_date_to', ALL, ALL),
    ('school.class.day.line', 'student_id', ALL, ALL),
    # school.parent.message
    ('school.parent.message', 'body', ALL, ALL),
    ('school.parent.message', 'class_id', ALL, ALL),
    ('school.parent.message', 'send_email', ALL, ALL),
    ('school.parent.message', 'student_ids', ALL, ALL),
    ('school.parent.message', 'subject', ALL, ALL),
    # school.period.close
    ('school.period.close', 'confirm_incomplete', ALL, ALL),
    ('school.period.close', 'grade_level_ids', ALL, ALL),
    ('school.period.close', 'period_id', ALL, ALL),
    ('school.period.close', 'scope', ALL, ALL),
    # school.period.export.wizard
    ('school.period.export.wizard', 'period_id', 'deputy director school_admin', 'deputy director school_admin'),
    # school.period.grade.suggest
    ('school.period.grade.suggest', 'class_id', ALL, ALL),
    ('school.period.grade.suggest', 'kind', ALL, ALL),
    ('school.period.grade.suggest', 'period_id', ALL, ALL),
    ('school.period.grade.suggest', 'result', '-', '-'),
    ('school.period.grade.suggest', 'subject_id', ALL, ALL),
    ('school.period.grade.suggest', 'whole_school', ALL, ALL),
    # school.period.reopen
    ('school.period.reopen', 'grade_level_ids', ALL, ALL),
    ('school.period.reopen', 'period_id', ALL, ALL),
    ('school.period.reopen', 'reason', ALL, ALL),
    # school.period.seal.check
    ('school.period.seal.check', 'line_ids', '-', '-'),
    ('school.period.seal.check', 'ok', '-', '-'),
    ('school.period.seal.check', 'report', '-', '-'),
    ('school.period.seal.check', 'seal_ids', '-', '-'),
    # school.period.seal.check.line
    ('school.period.seal.check.line', 'check_id', '-', '-'),
    ('school.period.seal.check.line', 'description', '-', '-'),
    ('school.period.seal.check.line', 'model', '-', '-'),
    ('school.period.seal.check.line', 'problem', '-', '-'),
    ('school.period.seal.check.line', 'res_id', '-', '-'),
    ('school.period.seal.check.line', 'seal_id', '-', '-'),
    # school.report.attendance.wizard
    ('school.report.attendance.wizard', 'class_ids', 'teacher class_teacher deputy director school_admin', 'teacher class_teacher deputy director school_admin'),
    ('school.report.attendance.wizard', 'date_from', 'teacher class_teacher deputy director school_admin', 'teacher class_teacher deputy director school_admin'),
    ('school.report.attendance.wizard', 'date_to', 'teacher class_teacher deputy director school_admin', 'teacher class_teacher deputy director school_admin'),
    ('school.report.attendance.wizard', 'period_id', 'teacher class_teacher deputy director school_admin', 'teacher class_teacher deputy director school_admin'),
    # school.report.gradebook.wizard
    ('school.report.gradebook.wizard', 'class_id', 'teacher class_teacher deputy director school_admin', 'teacher class_teacher deputy director school_admin'),
    ('school.report.gradebook.wizard', 'period_id', 'teacher class_teacher deputy director school_admin', 'teacher class_teacher deputy director school_admin'),
    ('school.report.gradebook.wizard', 'subject_id', 'teacher class_teacher deputy director school_admin', 'teacher class_teacher deputy director school_admin'),
    # school.report.journal.wizard
    ('school.report.journal.wizard', 'print_sides', 'teacher class_teacher deputy director school_admin', 'teacher class_teacher deputy director school_admin'),
    ('school.report.journal.wizard', 'certify_date', 'teacher class_teacher deputy director school_admin', 'teacher class_teacher deputy director school_admin'),
    ('school.report.journal.wizard', 'class_id', 'teacher class_teacher deputy director school_admin', 'teacher class_teacher deputy director school_admin'),
    ('school.report.journal.wizard', 'period_id', 'teacher class_teacher deputy director school_admin', 'teacher class_teacher deputy director school_admin'),
    ('school.report.journal.wizard', 'scope', 'teacher class_teacher deputy director school_admin', 'teacher class_teacher deputy director school_admin'),
    # school.substitution.report.wizard
    ('school.substitution.report.wizard', 'date_from', 'deputy director school_admin', 'deputy director school_admin'),
    ('school.substitution.report.wizard', 'date_to', 'deputy director school_admin', 'deputy director school_admin'),
    # school.report.programme.wizard
    ('school.report.programme.wizard', 'academic_year_id', 'deputy director school_admin', 'deputy director school_admin'),
    ('school.report.programme.wizard', 'class_ids', 'deputy director school_admin', 'deputy director school_admin'),
    ('school.report.programme.wizard', 'period_id', 'deputy director school_admin', 'deputy director school_admin'),
    # school.lesson.cancel
    ('school.lesson.cancel', 'comment', ALL, ALL),
    ('school.lesson.cancel', 'confirm_remove', ALL, ALL),
    ('school.lesson.cancel', 'lesson_id', ALL, ALL),
    ('school.lesson.cancel', 'reason', ALL, ALL),
    # school.report.metrics.wizard
    ('school.report.metrics.wizard', 'grade_level_ids', 'deputy director school_admin', 'deputy director school_admin'),
    ('school.report.metrics.wizard', 'period_id', 'deputy director school_admin', 'deputy director school_admin'),
    ('school.report.metrics.wizard', 'previous_period_id', 'deputy director school_admin', 'deputy director school_admin'),
]
