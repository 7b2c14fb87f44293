"""The access matrix of school_ejournal as data: role × model × operation, the
record scopes, and every HTTP route of the addon. tests/test_security_matrix.py
checks each cell against the real groups, ACLs and record rules, and fails when
a model or a route of the addon has no row here. Change a right = change a row.

Cells: a string of the operations the role may perform on the model as a whole
(``check_access_rights``): r = read, c = create, w = write, u = unlink, '-' = none.
Transient wizards are open to every user in Odoo (each user sees only his own
wizard records, checked in SCOPES); what a wizard does is guarded in its actions.
Report wizards are closed to the roles that may not print their reports (REPORTS).
Models of kind 'view' (_auto = False SQL views, report renderers, abstract
helpers) have no table or no ACL; a '-' row states that nobody reaches them
through the ORM's CRUD (reports are printed through ir.actions.report).
"""

MODULE = "school_ejournal"

# role -> how the test gets a user: an xmlid of the demo, or groups for a user it creates
ROLES = [
    ("public", {"xmlid": "base.public_user"}),
    ("student", {"xmlid": MODULE + ".user_student"}),
    ("parent", {"xmlid": MODULE + ".user_parent"}),
    ("employee", {"groups": ["base.group_user"]}),        # an Odoo employee outside the school roles
    ("teacher", {"xmlid": MODULE + ".user_teacher"}),
    ("class_teacher", {"xmlid": MODULE + ".user_class_teacher"}),
    ("deputy", {"xmlid": MODULE + ".user_deputy"}),
    ("director", {"groups": ["base.group_user", MODULE + ".group_director"]}),
    ("school_admin", {"xmlid": MODULE + ".user_school_admin"}),
]
ROLE_NAMES = [name for name, _spec in ROLES]

OPERATIONS = (("read", "r"), ("create", "c"), ("write", "w"), ("unlink", "u"))

MODEL_MATRIX = [
    # model                                  kind        publi  stude  paren  emplo  teach  class  deput  direc  schoo
    ('base',                                    'view',      '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'),
    ('ir.http',                                 'view',      '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'),
    # extended for field external ids that hold no database id (models/ir_model_data.py); Odoo's
    # rights: staff read and create (an import-compatible export names the records it exports)
    ('ir.model.data',                           'model',     '-'   , '-'   , '-'   , 'rc'  , 'rc'  , 'rc'  , 'rc'  , 'rc'  , 'rc'),
    # extended so that a personal default obeys the rights of what it fills (models/ir_default.py);
    # Odoo's rights: everyone reads them, staff keep their own
    ('ir.default',                              'model',     'r'   , 'r'   , 'r'   , 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu'),
    # extended so that a server action runs only for who may (models/ir_actions_server.py);
    # Odoo's rights: everyone reads them (the web client loads a menu's action)
    ('ir.actions.server',                       'model',     'r'   , 'r'   , 'r'   , 'r'   , 'r'   , 'r'   , 'r'   , 'r'   , 'r'),
    # Odoo's import wizard, extended for Russian files (models/base_import_import.py)
    ('base_import.import',                      'transient', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu'),
    ('ir.actions.report',                       'model',     'r'   , 'r'   , 'r'   , 'r'   , 'r'   , 'r'   , 'r'   , 'r'   , 'r'),
    ('report.school_ejournal.report_access_slip', 'view',      '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'),
    ('report.school_ejournal.report_attendance', 'view',      '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'),
    ('report.school_ejournal.report_class_journal', 'view',      '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'),
    ('report.school_ejournal.report_metrics',   'view',      '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'),
    ('report.school_ejournal.report_programme', 'view',      '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'),
    ('report.school_ejournal.report_school_regulation', 'view',      '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'),
    ('report.school_ejournal.report_student_progress', 'view',      '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'),
    ('report.school_ejournal.xlsx_gradebook',   'view',      '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'),
    ('report.school_ejournal.xlsx_metrics',     'view',      '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'),
    ('report.school_ejournal.xlsx_programme',   'view',      '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'),
    ('report.school_ejournal.xlsx_summary',     'view',      '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'),
    # auth_brute_force's read-for-all ACL; record rules show the rows to the school/system admin only
    ('res.authentication.attempt',              'model',     'r'   , 'r'   , 'r'   , 'r'   , 'r'   , 'r'   , 'r'   , 'r'   , 'r'),
    ('res.company',                             'model',     'r'   , 'r'   , 'r'   , 'r'   , 'r'   , 'r'   , 'r'   , 'r'   , 'rw'),
    ('res.config.settings',                     'transient', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu'),
    ('res.partner',                             'model',     'r'   , 'r'   , 'r'   , 'r'   , 'r'   , 'rcw' , 'r'   , 'r'   , 'rcwu'),
    ('res.users',                               'model',     'r'   , 'r'   , 'r'   , 'r'   , 'r'   , 'r'   , 'r'   , 'r'   , 'rcw'),
    ('school.academic.year',                    'model',     '-'   , 'r'   , 'r'   , '-'   , 'r'   , 'r'   , 'r'   , 'r'   , 'rcwu'),
    ('school.attendance',                       'model',     '-'   , 'r'   , 'r'   , '-'   , 'rcwu', 'rcwu', 'r'   , 'r'   , 'rcwu'),
    ('school.attendance.code',                  'model',     '-'   , 'r'   , 'r'   , '-'   , 'r'   , 'r'   , 'r'   , 'r'   , 'rcwu'),
    ('school.bell.schedule',                    'model',     '-'   , 'r'   , 'r'   , '-'   , 'r'   , 'r'   , 'r'   , 'r'   , 'rcwu'),
    ('school.bell.schedule.line',               'model',     '-'   , 'r'   , 'r'   , '-'   , 'r'   , 'r'   , 'r'   , 'r'   , 'rcwu'),
    ('school.change.log',                       'model',     '-'   , '-'   , '-'   , '-'   , 'r'   , 'r'   , 'r'   , 'r'   , 'r'),
    ('school.class',                            'model',     '-'   , 'r'   , 'r'   , '-'   , 'r'   , 'r'   , 'r'   , 'r'   , 'rcwu'),
    ('school.class.subgroup',                   'model',     '-'   , 'r'   , 'r'   , '-'   , 'r'   , 'rcwu', 'r'   , 'r'   , 'rcwu'),
    ('school.class.subgroup.member',            'model',     '-'   , '-'   , '-'   , '-'   , 'r'   , 'r'   , 'r'   , 'r'   , 'r'   ),
    # decisions of the pedagogical council: the deputy (director) and the admin record them
    ('school.council.decision',                 'model',     '-'   , 'r'   , 'r'   , '-'   , '-'   , 'r'   , 'rcw' , 'rcw' , 'rcwu'),
    # retakes of an academic debt: the deputy (director) and the admin record them
    ('school.academic.debt', 'model', '-', '-', '-', '-', '-', '-', 'rcw', 'rcw', 'rcwu'),
    # the year rollover: the school admin's alone
    ('school.year.rollover', 'transient', '-', '-', '-', '-', '-', '-', '-', '-', 'rcwu'),
    ('school.year.rollover.line', 'transient', '-', '-', '-', '-', '-', '-', '-', '-', 'rcwu'),
    ('school.year.rollover.pupil', 'transient', '-', '-', '-', '-', '-', '-', '-', '-', 'rcwu'),
    ('school.council.decision.fill',            'transient', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu'),
    ('school.demo',                             'view',      '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'),
    ('school.field.guard',                      'view',      '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'),
    ('school.digest.log',                       'model',     '-'   , '-'   , '-'   , '-'   , '-'   , 'r'   , 'r'   , 'r'   , 'r'),
    ('school.grade',                            'model',     '-'   , 'r'   , 'r'   , '-'   , 'rcwu', 'rcwu', 'r'   , 'r'   , 'rcwu'),
    ('school.grade.level',                      'model',     '-'   , 'r'   , 'r'   , '-'   , 'r'   , 'r'   , 'r'   , 'r'   , 'rcwu'),
    ('school.class.day',                        'transient', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu'),
    ('school.class.day.line',                   'transient', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu'),
    ('school.exam.protocol.import',             'transient', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu'),
    ('school.gradebook',                        'transient', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu'),
    ('school.home',                             'view',      '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'),
    ('school.holiday',                          'model',     '-'   , 'r'   , 'r'   , '-'   , 'r'   , 'r'   , 'r'   , 'r'   , 'rcwu'),
    ('school.journal.demo',                     'view',      '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'),
    ('school.previous.year.demo',               'view',      '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'),
    # printed journals of a level or school (background jobs): the deputy's (so the director's) and the
    # admin's; lines by the server
    ('school.journal.print',                    'model',     '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , 'rcwu', 'rcwu', 'rcwu'),
    ('school.journal.print.line',               'model',     '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , 'r'   , 'r'   , 'r'),
    ('school.journal.guard',                    'view',      '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'),
    ('school.journal.mixin',                    'view',      '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'),
    ('school.lesson',                           'model',     '-'   , 'r'   , 'r'   , '-'   , 'rcwu', 'rcwu', 'r'   , 'r'   , 'rcwu'),
    ('school.lesson.cancel',                    'transient', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu'),
    ('school.lesson.generate',                  'transient', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu'),
    ('school.login.wizard',                     'transient', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu'),
    ('school.monitoring',                       'view',      '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'),
    ('school.monitoring.alert',                 'model',     '-'   , '-'   , '-'   , '-'   , '-'   , 'rw'  , 'rw'  , 'rw'  , 'rcwu'),
    ('school.monitoring.alert.line',            'model',     '-'   , '-'   , '-'   , '-'   , '-'   , 'r'   , 'r'   , 'r'   , 'rcwu'),
    ('school.parent.message',                   'transient', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu'),
    ('school.pd.consent',                       'model',     '-'   , '-'   , '-'   , '-'   , '-'   , 'rcwu', 'r'   , 'r'   , 'rcwu'),
    ('school.period',                           'model',     '-'   , 'r'   , 'r'   , '-'   , 'r'   , 'r'   , 'r'   , 'r'   , 'rcwu'),
    ('school.period.close',                     'transient', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu'),
    ('school.period.event',                     'model',     '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , 'r'   , 'r'   , 'r'),
    ('school.period.export',                    'view',      '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'),
    ('school.period.export.wizard',             'transient', '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , 'rcwu', 'rcwu', 'rcwu'),
    ('school.period.grade',                     'model',     '-'   , 'r'   , 'r'   , '-'   , 'rcwu', 'rcwu', 'r'   , 'r'   , 'rcwu'),
    ('school.period.grade.suggest',             'transient', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu'),
    ('school.period.lock',                      'model',     '-'   , '-'   , '-'   , '-'   , 'r'   , 'r'   , 'r'   , 'r'   , 'r'),
    ('school.period.reopen',                    'transient', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu'),
    ('school.period.seal',                      'model',     '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , 'r'   , 'r'   , 'r'),
    ('school.period.seal.check',                'transient', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu'),
    ('school.period.seal.check.line',           'transient', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu'),
    ('school.period.seal.item',                 'model',     '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , 'r'   , 'r'   , 'r'),
    ('school.portal.visit',                     'model',     '-'   , 'c'   , 'c'   , '-'   , '-'   , '-'   , 'r'   , 'r'   , 'ru'),
    ('school.report.attendance.wizard',         'transient', '-'   , '-'   , '-'   , '-'   , 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu'),
    ('school.report.gradebook.wizard',          'transient', '-'   , '-'   , '-'   , '-'   , 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu'),
    ('school.report.journal.wizard',            'transient', '-'   , '-'   , '-'   , '-'   , 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu'),
    ('school.report.metrics',                   'view',      '-'   , '-'   , '-'   , '-'   , 'r'   , 'r'   , 'r'   , 'r'   , 'r'),
    ('school.report.pupil.results',             'view',      '-'   , '-'   , '-'   , '-'   , 'r'   , 'r'   , 'r'   , 'r'   , 'r'),
    ('school.report.programme.wizard',          'transient', '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , 'rcwu', 'rcwu', 'rcwu'),
    ('school.report.metrics.wizard',            'transient', '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , 'rcwu', 'rcwu', 'rcwu'),
    ('school.staff.usage.report',               'view',      '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , 'r'   , 'r'),
    ('school.student',                          'model',     '-'   , 'r'   , 'r'   , '-'   , 'r'   , 'rcw' , 'r'   , 'r'   , 'rcwu'),
    ('school.student.guardian',                 'model',     '-'   , '-'   , '-'   , '-'   , '-'   , 'rcwu', 'r'   , 'r'   , 'rcwu'),
    ('school.student.movement',                 'model',     '-'   , '-'   , '-'   , '-'   , '-'   , 'rcw' , 'r'   , 'r'   , 'rcwu'),
    ('school.subject',                          'model',     '-'   , 'r'   , 'r'   , '-'   , 'r'   , 'r'   , 'r'   , 'r'   , 'rcwu'),
    ('school.teaching.assignment',              'model',     '-'   , '-'   , '-'   , '-'   , 'r'   , 'r'   , 'r'   , 'r'   , 'rcwu'),
    # справки: the class teacher of the pupil's class and the admin classify; the deputy reads
    ('school.absence.note',                     'model',     '-'   , '-'   , '-'   , '-'   , '-'   , 'rcwu', 'r'   , 'r'   , 'rcwu'),
    # remarks and praise: staff write their own, the families read theirs; announcements: the class teacher
    # to his class, the deputy and the admin to anyone; read marks: the family's own, the deputy reads all
    ('school.student.remark',                   'model',     '-'   , 'r'   , 'r'   , '-'   , 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu'),
    ('school.announcement',                     'model',     '-'   , 'r'   , 'r'   , '-'   , 'r'   , 'rcwu', 'rcwu', 'rcwu', 'rcwu'),
    ('school.announcement.read',                'model',     '-'   , 'r'   , 'r'   , '-'   , '-'   , '-'   , 'r'   , 'r'   , 'r'),
    # журнал замен: the deputy (director) and the admin keep it; teachers read their own (SCOPES)
    ('school.teacher.absence',                  'model',     '-'   , '-'   , '-'   , '-'   , 'r'   , 'r'   , 'rcwu', 'rcwu', 'rcwu'),
    ('school.substitution',                     'model',     '-'   , '-'   , '-'   , '-'   , 'r'   , 'r'   , 'rcwu', 'rcwu', 'rcwu'),
    ('school.activity.course',                   'model',    '-'   , 'r'   , 'r'   , '-'   , 'r'   , 'r'   , 'rcwu', 'rcwu', 'rcwu'),
    ('school.activity.course.line',              'model',    '-'   , 'r'   , 'r'   , '-'   , 'r'   , 'r'   , 'rcwu', 'rcwu', 'rcwu'),
    ('school.activity.session',                  'model',    '-'   , '-'   , '-'   , '-'   , 'rcwu', 'rcwu', 'r'   , 'r'   , 'rcwu'),
    ('school.activity.session.line',             'model',    '-'   , '-'   , '-'   , '-'   , 'rcwu', 'rcwu', 'r'   , 'r'   , 'rcwu'),
    ('school.subject.exemption',                 'model',    '-'   , 'r'   , 'r'   , '-'   , 'r'   , 'rcwu', 'rcwu', 'rcwu', 'rcwu'),
    ('report.school_ejournal.report_activity_journal','view',     '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   ),
    ('school.substitution.report.wizard',       'transient', '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , 'rcwu', 'rcwu', 'rcwu'),
    ('report.school_ejournal.xlsx_substitutions', 'view',    '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , '-'),
    ('school.thematic.plan',                    'model',     '-'   , '-'   , '-'   , '-'   , 'rcwu', 'rcwu', 'r'   , 'r'   , 'rcwu'),
    ('school.thematic.plan.line',               'model',     '-'   , '-'   , '-'   , '-'   , 'rcwu', 'rcwu', 'r'   , 'r'   , 'rcwu'),
    ('school.timetable',                        'model',     '-'   , 'r'   , 'r'   , '-'   , 'r'   , 'r'   , 'r'   , 'r'   , 'rcwu'),
    ('school.violation',                        'model',     '-'   , '-'   , '-'   , '-'   , 'r'   , 'r'   , 'rcw' , 'rcw' , 'rcwu'),
    ('school.violation.teacher',                'view',      '-'   , '-'   , '-'   , '-'   , '-'   , '-'   , 'r'   , 'r'   , 'r'),
    ('school.work.kind',                        'model',     '-'   , 'r'   , 'r'   , '-'   , 'r'   , 'r'   , 'r'   , 'r'   , 'rcwu'),
]

# Record scopes: (role, model, operation, scope). The scope names a set of demo
# records computed independently of the record rules (tests/test_security_matrix.py,
# SCOPE_DOMAINS); the records the role may reach with that operation must be
# exactly that set. 'all' = every record; 'own' = the user's own (create_uid).
SCOPES = [
    # the journal: staff read all of it, write their own lessons only
    ("teacher", "school.lesson", "read", "all"),
    ("teacher", "school.lesson", "write", "own_lessons"),
    ("teacher", "school.lesson", "unlink", "own_lessons"),
    ("teacher", "school.grade", "read", "all"),
    ("teacher", "school.grade", "write", "grades_of_own_lessons"),
    ("teacher", "school.attendance", "write", "rows_of_own_lessons"),
    ("class_teacher", "school.attendance", "write", "rows_of_own_lessons_or_own_class"),
    ("class_teacher", "school.grade", "write", "grades_of_own_lessons"),
    ("deputy", "school.grade", "read", "all"),
    ("school_admin", "school.grade", "write", "all"),
    ("teacher", "school.thematic.plan", "write", "own_plans"),
    ("teacher", "school.period.grade", "write", "period_grades_of_own_subjects"),
    ("class_teacher", "school.period.grade", "read", "period_grades_of_own_subjects_or_own_class"),
    ("teacher", "school.violation", "read", "own_violations"),
    # pupils and their personal data: own class
    ("teacher", "school.student", "read", "students_of_taught_classes"),
    ("class_teacher", "school.student", "write", "students_of_own_class"),
    ("class_teacher", "school.student.guardian", "read", "guardians_of_own_class"),
    ("class_teacher", "school.pd.consent", "read", "consents_of_own_class"),
    ("class_teacher", "school.pd.consent", "write", "consents_of_own_class"),
    ("class_teacher", "school.monitoring.alert.line", "read", "alert_lines_of_own_class"),
    ("class_teacher", "school.absence.note", "read", "absence_notes_of_own_class"),
    ("class_teacher", "school.absence.note", "write", "absence_notes_of_own_class"),
    ("deputy", "school.absence.note", "read", "all"),
    ("deputy", "school.student", "read", "all"),
    # the portal: own children / oneself, consent not revoked
    ("parent", "school.student", "read", "own_children"),
    ("student", "school.student", "read", "himself"),
    ("parent", "school.grade", "read", "grades_of_own_children"),
    ("student", "school.grade", "read", "own_grades"),
    ("parent", "school.attendance", "read", "attendance_of_own_children"),
    ("student", "school.attendance", "read", "own_attendance"),
    ("parent", "school.lesson", "read", "lessons_of_own_children"),
    ("student", "school.lesson", "read", "own_lessons_as_pupil"),
    ("parent", "school.period.grade", "read", "confirmed_period_grades_of_own_children"),
    ("class_teacher", "school.council.decision", "read", "decisions_of_own_class"),
    ("parent", "school.council.decision", "read", "decisions_of_own_children"),
    ("student", "school.council.decision", "read", "own_decisions"),
    # remarks and praise, announcements
    ("teacher", "school.student.remark", "read", "remarks_of_taught_classes"),
    ("teacher", "school.student.remark", "write", "own_remarks"),
    ("deputy", "school.student.remark", "read", "all"),
    ("deputy", "school.student.remark", "write", "own_remarks"),
    ("parent", "school.student.remark", "read", "remarks_of_own_children"),
    ("student", "school.student.remark", "read", "own_remarks_as_pupil"),
    ("teacher", "school.announcement", "read", "all"),
    ("class_teacher", "school.announcement", "write", "announcements_of_own_class"),
    ("parent", "school.announcement", "read", "announcements_of_own_children_today"),
    ("student", "school.announcement", "read", "announcements_of_himself_today"),
    ("parent", "school.announcement.read", "read", "own_read_marks"),
    ("teacher", "school.activity.session", "write", "sessions_of_own_courses"),
    ("teacher", "school.activity.session.line", "write", "rows_of_own_courses"),
    ("deputy", "school.activity.session", "read", "all"),
    ("parent", "school.activity.course", "read", "courses_of_own_children"),
    ("student", "school.activity.course", "read", "own_courses"),
    ("class_teacher", "school.subject.exemption", "write", "exemptions_of_own_class"),
    ("teacher", "school.subject.exemption", "read", "all"),
    ("parent", "school.subject.exemption", "read", "exemptions_of_own_children"),
    ("student", "school.subject.exemption", "read", "own_exemptions"),
    ("deputy", "school.announcement.read", "read", "all"),
    # wizards: each user sees only his own wizard records
    ("teacher", "school.gradebook", "read", "own"),
    ("class_teacher", "school.login.wizard", "read", "own"),
    ("parent", "school.parent.message", "read", "own"),
]

# Every HTTP route of the addon: path -> (auth, HTTP methods or None, expected status
# per visitor). Visitors: anonymous, portal parent, portal student, internal user
# (the teacher). 303 = redirect to the login page; 404 = not found (also what a
# foreign id gets); 200 = the page. The test fails on a route missing here.
ROUTES = {
    "/my/diary": ("user", None, {"anonymous": 303, "parent": 200, "student": 200, "internal": 200}),
    "/my/grades": ("user", None, {"anonymous": 303, "parent": 200, "student": 200, "internal": 200}),
    "/my/attendance": ("user", None, {"anonymous": 303, "parent": 200, "student": 200, "internal": 200}),
    "/my/timetable": ("user", None, {"anonymous": 303, "parent": 200, "student": 200, "internal": 200}),
    "/my/report": ("user", None, {"anonymous": 303, "parent": 200, "student": 200, "internal": 200}),
    "/my/report/pdf": ("user", None, {"anonymous": 303, "parent": 200, "student": 200, "internal": 404}),
    "/my/messages": ("user", None, {"anonymous": 303, "parent": 200, "student": 200, "internal": 200}),
    # POST only, CSRF-protected; the test posts without a token
    "/my/messages/post": ("user", ["POST"], {"anonymous": 303, "parent": 400, "student": 400, "internal": 400}),
    # «Ознакомлен» on a remark, «Прочитано» on an announcement: POST only, CSRF-protected
    "/my/diary/remark/acknowledge": ("user", ["POST"], {"anonymous": 303, "parent": 400, "student": 400,
                                                        "internal": 400}),
    "/my/diary/announcement/read": ("user", ["POST"], {"anonymous": 303, "parent": 400, "student": 400,
                                                       "internal": 400}),
    # a lesson's homework file: the test asks for an id pair nobody may read
    "/my/diary/homework/<int:lesson_id>/<int:attachment_id>":
        ("user", None, {"anonymous": 303, "parent": 404, "student": 404, "internal": 404}),
    # Odoo's login page, overridden for the school's language only; shown to anyone
    "/web/login": ("none", None, {"anonymous": 200, "parent": 200, "student": 200, "internal": 200}),
    # Odoo's back office, overridden to send a pupil or a parent to his diary
    "/web": ("none", None, {"anonymous": 303, "parent": 303, "student": 303, "internal": 200}),
    # «Сменить пароль» of the portal (controllers/portal_password.py); the POST needs the CSRF token
    "/my/password": ("user", ["GET", "POST"], {"anonymous": 303, "parent": 200, "student": 200, "internal": 200}),
    # the import screen's sample files; a name outside the list is not found
    "/school_ejournal/import_sample/<string:name>":
        ("user", None, {"anonymous": 404, "parent": 404, "student": 404, "internal": 404}),
    # Odoo's «Сменить пароль» (JSON), overridden to state the staff password policy;
    # a plain GET is not a JSON call
    "/web/session/change_password": ("user", None, {"anonymous": 303, "parent": 400, "student": 400,
                                                    "internal": 400}),
    # the role guides (controllers/help.py): static text, any logged-in user
    "/school_ejournal/help": ("user", None, {"anonymous": 303, "parent": 200, "student": 200, "internal": 200}),
    # hostile samples below: a path escape is not found for everyone (the decoded
    # '/' matches no route at all, so even the anonymous visitor gets 404)
    "/school_ejournal/help/<string:role>":
        ("user", None, {"anonymous": 404, "parent": 404, "student": 404, "internal": 404}),
    "/school_ejournal/help/img/<string:name>":
        ("user", None, {"anonymous": 404, "parent": 404, "student": 404, "internal": 404}),
    # the login wizard's slips: issued and printed once per one-time token, by the
    # wizard's creator only; another's or a missing wizard is not found
    "/school_ejournal/access_slip/<int:wizard_id>":
        ("user", None, {"anonymous": 303, "parent": 404, "student": 404, "internal": 404}),
    # Odoo's bus (JSON), overridden: a client hears its own user's pop-ups only, only the
    # server sends (tests/test_security_bus.py calls them); a plain GET is not a JSON call
    "/longpolling/poll": ("public", None, {"anonymous": 400, "parent": 400, "student": 400, "internal": 400}),
    "/longpolling/send": ("public", None, {"anonymous": 400, "parent": 400, "student": 400, "internal": 400}),
    # Odoo's report routes (a refused print answers 403 with the reason, see
    # REPORTS below): the test asks for the access slip, which none of them may print
    "/report/<converter>/<reportname>":
        ("user", None, {"anonymous": 303, "parent": 403, "student": 403, "internal": 403}),
    "/report/<converter>/<reportname>/<docids>":
        ("user", None, {"anonymous": 303, "parent": 403, "student": 403, "internal": 403}),
    # Odoo's public barcode image, with the school's size limits (controllers/main.py):
    # the test asks for an oversized image, refused for everyone
    "/report/barcode": ("public", None, {"anonymous": 400, "parent": 400, "student": 400, "internal": 400}),
    "/report/barcode/<type>/<path:value>":
        ("public", None, {"anonymous": 400, "parent": 400, "student": 400, "internal": 400}),
}

# The concrete URL the HTTP test requests for a route with arguments.
ROUTE_SAMPLES = {
    "/my/diary/homework/<int:lesson_id>/<int:attachment_id>": "/my/diary/homework/999999999/999999999",
    "/school_ejournal/help/<string:role>": "/school_ejournal/help/..%2F..%2F__manifest__",
    "/school_ejournal/import_sample/<string:name>": "/school_ejournal/import_sample/..%2F..%2F__manifest__.py",
    "/school_ejournal/help/img/<string:name>": "/school_ejournal/help/img/..%2F..%2Fadmin.png",
    "/school_ejournal/access_slip/<int:wizard_id>": "/school_ejournal/access_slip/999999999?token=x",
    "/report/<converter>/<reportname>": "/report/html/school_ejournal.report_access_slip",
    "/report/<converter>/<reportname>/<docids>": "/report/html/school_ejournal.report_access_slip/999999999",
    "/report/barcode": "/report/barcode?type=QR&value=x&width=50000&height=50000",
    "/report/barcode/<type>/<path:value>": "/report/barcode/QR/x?width=50000&height=50000",
}

# Every ir.actions.report of the addon × every role (tests/test_reports_matrix.py
# prints each over HTTP as each role and fails when a report of the addon has no
# row here). Per report: the formats requested (a refusal is checked in every
# format; an allowed print in html/xlsx: in the test server PDF falls back to
# HTML, one real PDF is printed by tests/test_reports_access.py), the roles that
# may print it (= its groups), the document it prints, and per allowed role a
# document outside his record rules (he is refused; no entry: his rules hide
# nothing of that kind). Documents (resolved by the test from the demo school):
#   class_5a / class_9a, pupil_artem / pupil_9a (a 9А pupil of another family),
#   company, period_q1, wizard (a wizard of the report's model made by the role
#   who prints: 5А, mathematics, 1st quarter), wizard_9a (the same for 9А),
#   wizard_of_other (one made by another user).
STAFF = ("teacher", "class_teacher", "deputy", "director", "school_admin")
MANAGEMENT = ("deputy", "director", "school_admin")
OTHERS_WIZARD = {"deputy": "wizard_of_other", "director": "wizard_of_other", "school_admin": "wizard_of_other"}
REPORTS = {
    "action_report_access_slip": {
        "formats": ("html", "pdf"), "roles": ("class_teacher", "school_admin"), "doc": "wizard",
        "outside": {"class_teacher": "wizard_of_other", "school_admin": "wizard_of_other"}},
    "action_report_violation_commission": {
        "formats": ("html", "pdf"), "roles": MANAGEMENT, "doc": "period_q1", "outside": {}},
    "action_report_class_journal": {
        "formats": ("html", "pdf"), "roles": STAFF, "doc": "class_5a",
        "outside": {"teacher": "class_9a", "class_teacher": "class_9a"}},
    "action_report_student_progress": {
        "formats": ("html", "pdf"), "roles": ("student", "parent") + STAFF, "doc": "pupil_artem",
        "outside": {"student": "pupil_9a", "parent": "pupil_9a", "teacher": "pupil_9a",
                    "class_teacher": "pupil_9a"}},
    "action_report_attendance": {
        "formats": ("html", "pdf"), "roles": STAFF, "doc": "wizard",
        "outside": dict(OTHERS_WIZARD, teacher="wizard_9a", class_teacher="wizard_9a")},
    "action_report_metrics": {
        "formats": ("html", "pdf"), "roles": MANAGEMENT, "doc": "wizard", "outside": OTHERS_WIZARD},
    "action_report_gradebook_xlsx": {
        "formats": ("xlsx",), "roles": STAFF, "doc": "wizard",
        "outside": dict(OTHERS_WIZARD, teacher="wizard_9a", class_teacher="wizard_9a")},
    "action_report_summary_xlsx": {
        "formats": ("xlsx",), "roles": STAFF, "doc": "wizard",
        "outside": dict(OTHERS_WIZARD, teacher="wizard_9a", class_teacher="wizard_9a")},
    "action_report_metrics_xlsx": {
        "formats": ("xlsx",), "roles": MANAGEMENT, "doc": "wizard", "outside": OTHERS_WIZARD},
    "action_report_substitutions_xlsx": {
        "formats": ("xlsx",), "roles": MANAGEMENT, "doc": "wizard", "outside": OTHERS_WIZARD},
    "action_report_programme": {
        "formats": ("html", "pdf"), "roles": MANAGEMENT, "doc": "wizard", "outside": OTHERS_WIZARD},
    "action_report_programme_xlsx": {
        "formats": ("xlsx",), "roles": MANAGEMENT, "doc": "wizard", "outside": OTHERS_WIZARD},
    "action_report_activity_journal": {
        "formats": ("html", "pdf"), "roles": STAFF, "doc": "course_club", "outside": {}},
    "action_report_activity_hours": {
        "formats": ("html", "pdf"), "roles": MANAGEMENT, "doc": "course_club", "outside": {}},
    "action_report_school_regulation": {
        "formats": ("html", "pdf"), "roles": STAFF, "doc": "company", "outside": {}},
}

# Odoo's own models the school's roles reach: mail, followers, files. Same cells as
# MODEL_MATRIX (ACL level); res.partner and res.users are rows above (the addon
# extends them). Portal users have no mail.mail rights at all; staff read only their
# own e-mails (record rule); what else narrows these rights is in CORE_SCOPES.
CORE_MODEL_MATRIX = [
    # model                 kind     publi  stude  paren  emplo   teach   class   deput   direc   schoo
    ('ir.attachment',       'model', 'r'  , 'r'  , 'r'  , 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu'),
    ('mail.activity',       'model', '-'  , '-'  , '-'  , 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu'),
    ('mail.followers',      'model', '-'  , 'rcw', 'rcw', 'rcw' , 'rcw' , 'rcw' , 'rcw' , 'rcw' , 'rcw'),
    ('mail.mail',           'model', '-'  , '-'  , '-'  , 'rcw' , 'rcw' , 'rcw' , 'rcw' , 'rcw' , 'rcw'),
    ('mail.message',        'model', 'r'  , 'rcw', 'rcw', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu', 'rcwu'),
    # templates are rendered by crons as the superuser: written by Odoo's system administrator only
    ('mail.template',       'model', '-'  , '-'  , '-'  , 'r'   , 'r'   , 'r'   , 'r'   , 'r'   , 'r'   ),
]

# Record scopes of the core models, one cell per role (every role has one): the
# sample records tests/test_security_matrix.py (TestCoreScopes) creates, and which of
# them the role reaches. Scope names:
#   refused          the ACL refuses the operation (AccessError)
#   own              his own records (mail.mail: written by him; followers: himself)
#   all              every sample record
#   own_pupils       of the pupil himself / the parent's own children (school.student
#                    threads only: a class he reads is still the staff's thread)
#   readable_docs    of the documents the role may read (Odoo's delegation)
#   writable_docs    of the documents the role may write
#   postable_docs    documents the role may post on (_mail_post_access of the model)
#   addressed        only messages he wrote or that are addressed to him
#   own_or_readable_docs  his own (followers: himself; activities: assigned to him),
#                    and those of documents he may read
#   own_or_writable_docs  messages he wrote or that are addressed to him, and those of
#                    documents he may write (Odoo's rule for employees)
STAFF = ("employee", "teacher", "class_teacher", "deputy", "director", "school_admin")


def _by_role(public, student, parent, staff):
    cells = {"public": public, "student": student, "parent": parent}
    cells.update((role, staff) for role in STAFF)
    return cells


CORE_SCOPES = [
    # (model, operation, {role: scope})
    ("mail.mail", "read", _by_role("refused", "refused", "refused", "own")),
    ("mail.mail", "write", _by_role("refused", "refused", "refused", "own")),
    ("mail.message", "read", _by_role("addressed", "own_pupils", "own_pupils", "readable_docs")),
    ("mail.message", "create", _by_role("refused", "own_pupils", "own_pupils", "postable_docs")),
    ("mail.message", "write", _by_role("refused", "refused", "refused", "own_or_writable_docs")),
    ("mail.followers", "read", _by_role("refused", "own", "own", "own_or_readable_docs")),
    ("mail.followers", "create", _by_role("refused", "own_pupils", "own_pupils", "readable_docs")),
    ("mail.followers", "create_for_others", _by_role("refused", "refused", "refused", "writable_docs")),
    ("mail.activity", "read", _by_role("refused", "refused", "refused", "own_or_readable_docs")),
    ("mail.activity", "create", _by_role("refused", "refused", "refused", "writable_docs")),
    ("ir.attachment", "read", _by_role("refused", "own_pupils", "own_pupils", "readable_docs")),
    ("ir.attachment", "create", _by_role("refused", "refused", "refused", "writable_docs")),
    ("ir.attachment", "write", _by_role("refused", "refused", "refused", "writable_docs")),
    ("ir.attachment", "unlink", _by_role("refused", "refused", "refused", "writable_docs")),
    # contacts and logins: a portal user reads his own only (the staff's reading of
    # parents' contacts is the personal-data rules' matter, security/pd_rules.xml)
    ("res.partner", "read", {"public": "own", "student": "own", "parent": "own"}),
    ("res.users", "read", {"public": "own", "student": "own", "parent": "own"}),
]
