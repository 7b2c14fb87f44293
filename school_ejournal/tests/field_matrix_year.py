"""Rows of tests/field_matrix.py for the school year: retakes of an academic debt and the
journal of substitutions, the teaching groups (the same row form: model, field, roles that may write, roles that may set it at creation)."""

# журнал замен: the deputy (director) and the admin write what they choose (1); the rest is the server's (0)
_DEPUTY = "deputy director school_admin"
YEAR_FIELDS = [(model, name, _DEPUTY if mine else "-", _DEPUTY if mine else "-") for model, names in (
    ("school.teacher.absence", dict(confirmed_date=0, confirmed_uid=0, date_from=1, date_to=1, reason=1, state=0,
                                    substitution_ids=1, teacher_id=1)),
    ("school.substitution", dict(absence_id=1, class_id=0, date=0, hours=0, kind=1, lesson_id=1, lesson_number=0,
                                 paid=1, state=0, subject_id=0, substitute_teacher_id=1, teacher_id=0)),
) for name, mine in names.items()]
# retakes of an academic debt: the deputy (director) and the admin record them; the rest is derived
YEAR_FIELDS += [
    ('school.academic.debt', 'academic_year_id', '-', '-'),
    ('school.academic.debt', 'class_id', '-', '-'),
    ('school.academic.debt', 'date', 'deputy director school_admin', 'deputy director school_admin'),
    ('school.academic.debt', 'decision_id', '-', 'deputy director school_admin'),
    ('school.academic.debt', 'note', 'deputy director school_admin', 'deputy director school_admin'),
    ('school.academic.debt', 'passed', '-', '-'),
    ('school.academic.debt', 'protocol_number', 'deputy director school_admin', 'deputy director school_admin'),
    ('school.academic.debt', 'student_id', '-', '-'),
    ('school.academic.debt', 'subject_id', '-', 'deputy director school_admin'),
    ('school.academic.debt', 'value', 'deputy director school_admin', 'deputy director school_admin'),
]
# внеурочная деятельность: the deputy (director) and the admin keep the courses and their timetables;
# the course's teacher (and the admin) its sessions and their attendance; links given once, copies the server's
_KEEPER = "teacher class_teacher school_admin"
YEAR_FIELDS += [(model, name, write, create) for model, names in (
    ("school.activity.course", dict(
        name=(_DEPUTY, _DEPUTY), kind=(_DEPUTY, _DEPUTY), academic_year_id=(_DEPUTY, _DEPUTY),
        teacher_id=(_DEPUTY, _DEPUTY), class_ids=(_DEPUTY, _DEPUTY), student_ids=(_DEPUTY, _DEPUTY),
        hours_planned=(_DEPUTY, _DEPUTY), line_ids=(_DEPUTY, _DEPUTY), active=(_DEPUTY, _DEPUTY),
        session_ids=("-", "-"))),
    ("school.activity.course.line", dict(
        course_id=("-", _DEPUTY), weekday=(_DEPUTY, _DEPUTY), time_from=(_DEPUTY, _DEPUTY),
        time_to=(_DEPUTY, _DEPUTY), room=(_DEPUTY, _DEPUTY))),
    ("school.activity.session", dict(
        course_id=("-", _KEEPER), teacher_id=("-", "-"), academic_year_id=("-", "-"), date=(_KEEPER, _KEEPER),
        time_from=(_KEEPER, _KEEPER), time_to=(_KEEPER, _KEEPER), room=(_KEEPER, _KEEPER),
        topic=(_KEEPER, _KEEPER), cancelled=(_KEEPER, _KEEPER), line_ids=(_KEEPER, _KEEPER))),
    ("school.activity.session.line", dict(
        session_id=("-", _KEEPER), student_id=("-", _KEEPER), student_name=("-", "-"), date=("-", "-"),
        course_id=("-", "-"), presence=(_KEEPER, _KEEPER))),
) for name, (write, create) in names.items()]
# exemptions from a subject: the class teacher (his class), the deputy (director), the admin; the pupil given once
_EXEMPT = "class_teacher deputy director school_admin"
YEAR_FIELDS += [("school.subject.exemption", name, write, create) for name, (write, create) in dict(
    student_id=("-", _EXEMPT), class_id=("-", "-"), subject_id=(_EXEMPT, _EXEMPT), date_from=(_EXEMPT, _EXEMPT),
    date_to=(_EXEMPT, _EXEMPT), reason=(_EXEMPT, _EXEMPT), document=(_EXEMPT, _EXEMPT), note=(_EXEMPT, _EXEMPT),
    subgroup_id=(_EXEMPT, _EXEMPT),
).items()]
# teaching groups (one class or parallel classes) and their dated membership, kept by the server
YEAR_FIELDS += [
    # school.class.subgroup
    ('school.class.subgroup', 'academic_year_id', '-', '-'),
    ('school.class.subgroup', 'class_id', '-', 'class_teacher school_admin'),
    ('school.class.subgroup', 'class_ids', '-', '-'),
    ('school.class.subgroup', 'extra_class_ids', 'class_teacher school_admin', 'class_teacher school_admin'),
    ('school.class.subgroup', 'member_ids', '-', '-'),
    # school.class.subgroup.member (kept by the server from the group's list)
    ('school.class.subgroup.member', 'date_from', '-', '-'),
    ('school.class.subgroup.member', 'date_to', '-', '-'),
    ('school.class.subgroup.member', 'student_id', '-', '-'),
    ('school.class.subgroup.member', 'subgroup_id', '-', '-'),
    ('school.class.subgroup', 'name', 'class_teacher school_admin', 'class_teacher school_admin'),
    ('school.class.subgroup', 'student_ids', 'class_teacher school_admin', 'class_teacher school_admin'),
    ('school.class.subgroup', 'subject_id', 'class_teacher school_admin', 'class_teacher school_admin'),
    # printed journals of a level or school: the settings of a draft; the rest is the jobs'
    ('school.journal.print', 'academic_year_id', 'deputy director school_admin', 'deputy director school_admin'),
    ('school.journal.print', 'certify_date', 'deputy director school_admin', 'deputy director school_admin'),
    ('school.journal.print', 'grade_level_id', 'deputy director school_admin', 'deputy director school_admin'),
    ('school.journal.print', 'period_id', 'deputy director school_admin', 'deputy director school_admin'),
    ('school.journal.print', 'print_sides', 'deputy director school_admin', 'deputy director school_admin'),
    ('school.journal.print', 'company_id', '-', '-'),
    ('school.journal.print', 'message_follower_ids', '-', '-'),
    ('school.journal.print', 'message_ids', '-', '-'),
    ('school.journal.print', 'message_last_post', '-', '-'),
    ('school.journal.print', 'website_message_ids', '-', '-'),
    ('school.journal.print', 'line_ids', '-', '-'),
    ('school.journal.print', 'name', '-', '-'),
    ('school.journal.print', 'state', '-', '-'),
    ('school.journal.print', 'user_id', '-', '-'),
    ('school.journal.print', 'zip_file', '-', '-'),
    ('school.journal.print', 'zip_name', '-', '-'),
    ('school.journal.print.line', 'class_id', '-', '-'),
    ('school.journal.print.line', 'error', '-', '-'),
    ('school.journal.print.line', 'job_uuid', '-', '-'),
    ('school.journal.print.line', 'page_count', '-', '-'),
    ('school.journal.print.line', 'pdf_file', '-', '-'),
    ('school.journal.print.line', 'pdf_name', '-', '-'),
    ('school.journal.print.line', 'print_id', '-', '-'),
    ('school.journal.print.line', 'sequence', '-', '-'),
    ('school.journal.print.line', 'sheet_count', '-', '-'),
    ('school.journal.print.line', 'state', '-', '-'),
]
