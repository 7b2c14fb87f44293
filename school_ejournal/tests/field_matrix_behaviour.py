"""Rows of tests/field_matrix.py for remarks and praise, announcements and their
read marks (the same row form: model, field, roles that may write, roles that
may set it at creation)."""

BEHAVIOUR_FIELDS = [
    # remarks and praise: the author writes his own; the pupil is given once; author, class, acknowledgement the server's
    ('school.student.remark', 'acknowledged_at', '-', '-'),
    ('school.student.remark', 'acknowledged_by', '-', '-'),
    ('school.student.remark', 'class_id', '-', '-'),
    ('school.student.remark', 'date', 'teacher class_teacher deputy director school_admin', 'teacher class_teacher deputy director school_admin'),
    ('school.student.remark', 'kind', 'teacher class_teacher deputy director school_admin', 'teacher class_teacher deputy director school_admin'),
    ('school.student.remark', 'lesson_id', 'teacher class_teacher deputy director school_admin', 'teacher class_teacher deputy director school_admin'),
    ('school.student.remark', 'student_id', '-', 'teacher class_teacher deputy director school_admin'),
    ('school.student.remark', 'teacher_id', '-', '-'),
    ('school.student.remark', 'text', 'teacher class_teacher deputy director school_admin', 'teacher class_teacher deputy director school_admin'),
    # announcements: the class teacher (his class), the deputy, the admin; the author is the server's
    ('school.announcement', 'audience', 'class_teacher deputy director school_admin', 'class_teacher deputy director school_admin'),
    ('school.announcement', 'class_id', 'class_teacher deputy director school_admin', 'class_teacher deputy director school_admin'),
    ('school.announcement', 'date_from', 'class_teacher deputy director school_admin', 'class_teacher deputy director school_admin'),
    ('school.announcement', 'date_to', 'class_teacher deputy director school_admin', 'class_teacher deputy director school_admin'),
    ('school.announcement', 'grade_level_id', 'class_teacher deputy director school_admin', 'class_teacher deputy director school_admin'),
    ('school.announcement', 'name', 'class_teacher deputy director school_admin', 'class_teacher deputy director school_admin'),
    ('school.announcement', 'text', 'class_teacher deputy director school_admin', 'class_teacher deputy director school_admin'),
    ('school.announcement', 'author_id', '-', '-'),
    # read marks: written by the server for the portal user himself
    ('school.announcement.read', 'announcement_id', '-', '-'),
    ('school.announcement.read', 'read_at', '-', '-'),
    ('school.announcement.read', 'user_id', '-', '-'),
]
