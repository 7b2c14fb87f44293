"""Every public method of the addon's models as data: who may call it over RPC.

Odoo lets any logged-in user call any method whose name does not start with an
underscore (``/web/dataset/call_kw``, ``execute_kw``) on any model, with the ids
and arguments he chooses. tests/test_security_methods.py lists the public methods
defined in the addon's model classes from the registry and fails when one has no
row here; then it calls each one over ``odoo.api.call_kw`` (what the RPC does) as
every role outside ``allowed`` on the row's sample and expects a refusal: an
AccessError/UserError/ValidationError with a Russian message, nothing written.
A row with ``allowed = ALL`` is a method that only returns an action for a record
(it reads or writes nothing the caller's own rights do not show): the test still
calls it as every role and checks that it writes nothing.

Row: (model, method) -> (sample, allowed roles, why). Samples (tests/test_security_methods.py,
SAMPLES) are records of the demo school made by the superuser, or a wizard the
calling role creates himself (a refused create is a refusal):
  lesson_5a_math  a mathematics lesson of 5А (the teacher's), open period
  plan_5a_math    the teacher's thematic plan of 5А mathematics
  pg_draft / pg_confirmed  a 5А mathematics quarter grade «5», draft / confirmed
  alert_9a        a monitoring alert of 9А (not the class teacher's class)
  violation       a journal violation of the teacher
  violation_row   the teacher's row in «Нарушения по учителям» (1st quarter)
  check_violations  «Проверить сейчас» of the journal-keeping check (a model call)
  mention         the «@» suggestions for «Петров» (a model call)
  period_q1       the 1st quarter;  year_empty  a new academic year without periods
  timetable_5a    a timetable entry of 5А;  week_5a  5А's week;  home  the caller's home screen;  artem  a 5А pupil;  class_5a;  company
  other_user      another user (the school administrator)
  banned_attempt  a failed login that banned its address
  no_seal         an empty recordset (the integrity check of every seal)
  cron_action     the server action of the weekly report's scheduled action
  print_draft / print_failed  a print of grade 5's journals, draft / failed on 5А
  cell_5a_math    a pupil's row of that lesson and the mark «5» (the grid's cell)
  absence_note_5a a draft справка of a 5А pupil (12.10–14.10, «б»)
  remark_5a       a remark on Артём (5А) by the mathematics teacher, not acknowledged
  announcement_5a an announcement to 5А shown today
  course_club     the mathematics club of 5А and 5Б (the mathematics teacher's extracurricular course)
  absence_draft / absence_confirmed  an absence of the class teacher (one day, its lessons «отмена»)
  wiz:<…>         a wizard created by the caller (5А, mathematics, 1st quarter)
  report:<class_5a|artem|company|period_q1>  a report renderer called directly
"""

PORTAL = ("student", "parent")
STAFF = ("teacher", "class_teacher", "deputy", "director", "school_admin")
MANAGEMENT = ("deputy", "director", "school_admin")
ALL = PORTAL + ("employee",) + STAFF
ROLES = ALL

# Overrides of the ORM's own entry points: every call passes the ACLs and the
# record rules that tests/security_matrix.py checks model by model.
ORM_METHODS = {
    "create", "write", "unlink", "read", "search", "search_read", "search_count", "read_group",
    "copy", "name_get", "name_search", "name_create", "default_get", "fields_get", "fields_view_get",
    "onchange", "check_access_rights", "check_access_rule", "get_values", "set_values",
    "toggle_active", "export_data", "load",
}

METHODS = {
    # ------------------------------------------------------------- calendar, classes
    ("school.academic.year", "action_generate_calendar"):
        ("year_empty", ("school_admin",), "creates periods and holidays (ACL of school.period)"),
    # printed journals of a level or school (background jobs)
    ("school.journal.print", "action_start"):
        ("print_draft", MANAGEMENT, "queues a job per class as the caller (ACL: deputy, director, admin)"),
    ("school.journal.print", "action_retry"):
        ("print_failed", MANAGEMENT, "queues the failed classes again (ACL: deputy, director, admin)"),
    ("school.class", "action_open_students"):
        ("class_5a", ALL, "returns the pupils' list action with a domain; the list reads through the rules"),
    ("school.timetable", "action_change_from"):
        ("timetable_5a", ("school_admin",), "writes and copies entries (ACL: administrator)"),
    ("school.timetable", "get_week_grid"):
        ("week_5a", STAFF, "reads the week's entries with the caller's rights (ACL: staff), writes nothing"),
    ("school.home", "get_home"):
        ("home", STAFF, "the caller's home screen read with his rights; employees and portal refused"),
    ("res.company", "action_print_school_regulation"):
        ("company", STAFF, "the print action of the regulation (report groups: staff)"),
    ("res.authentication.attempt", "action_school_lift_ban"):
        ("banned_attempt", ("school_admin",), "lifts a login ban: the school administrator only"),
    ("res.users", "action_school_logout_everywhere"):
        ("other_user", ("school_admin",), "another user's sessions: the school administrator only"),
    # ------------------------------------------------------------- journal
    ("school.lesson", "action_open_change_log"):
        ("lesson_5a_math", ALL, "returns the change-log action with a domain; the log reads through ACLs"),
    ("school.lesson", "action_refresh_roster"):
        ("lesson_5a_math", ("teacher", "school_admin"), "the write guard: the lesson's teacher, the administrator"),
    ("school.lesson", "action_take_plan_line"):
        ("lesson_5a_math", ("teacher", "school_admin"), "writes the topic from the КТП: the write guard (teacher, admin)"),
    ("school.absence.note", "action_confirm"):
        ("absence_note_5a", ("class_teacher", "school_admin"), "turns the pupil's «н» into the справка's code: "
         "the class teacher of the pupil's class, the admin (the deputy reads only)"),
    ("school.student.remark", "action_acknowledge"):
        ("remark_5a", ("parent",), "«Ознакомлен»: a legal representative of the pupil only (the pupil himself, "
         "the staff refused); writes only the acknowledgement"),
    ("school.announcement", "action_mark_read"):
        ("announcement_5a", PORTAL, "«Прочитано»: the portal user's own mark on an announcement shown to him; "
         "staff refused"),
    ("school.activity.course", "action_generate_sessions"):
        ("course_club", ("teacher", "school_admin"), "creates the sessions of the course's timetable: its "
                                                      "teacher (the mathematics club's), the administrator"),
    ("school.thematic.plan", "action_import_lines"):
        ("plan_5a_math", ALL, "returns the import client action; the import writes through ACLs"),
    ("school.thematic.plan", "action_fill_topics"):
        ("plan_5a_math", ("teacher", "school_admin"), "writes the lessons' topics: the plan's teacher, the admin"),
    ("school.gradebook", "grid_set_cell"):
        ("cell_5a_math", ("teacher", "school_admin"), "one cell of the grid through the roster's write and "
                                                      "the write guard: the lesson's teacher, the administrator"),
    ("school.student", "action_send_progress_report"):
        ("artem", ("class_teacher", "school_admin"), "mails parents: write right on the pupil (own class)"),
    ("school.class.day", "action_open"):
        ("class_day_open", ("class_teacher", "school_admin"), "opens the day of the caller's own class"),
    ("school.class.day.line", "action_ill_all_day"):
        ("wizline:class_day", ("class_teacher", "school_admin"),
         "marks through the roster rows: the write guard (class teacher of the class, admin)"),
    ("school.class.day.line", "action_open_note"):
        ("wizline:class_day", ALL, "the note dialog of the caller's own row"),
    ("school.class.day.line", "action_apply_note"):
        ("wizline:class_day", ("class_teacher", "school_admin"),
         "marks through the roster rows: the write guard (class teacher of the class, admin)"),
    ("school.parent.message", "action_send"):
        ("wiz:parent_message", ("teacher", "class_teacher", "school_admin"),
         "teachers of the class, its class teacher, the administrator"),
    # ------------------------------------------------------------- period grades
    ("school.period.grade", "action_confirm"):
        ("pg_draft", ("teacher", "class_teacher", "school_admin"), "write rule of period grades"),
    ("school.period.grade", "action_reset_draft"):
        ("pg_confirmed", ("teacher", "class_teacher", "school_admin"), "write rule of period grades"),
    ("school.period.grade", "action_open_explanation"):
        ("pg_draft", ALL, "returns the form action of the record; the form reads through the rules"),
    ("school.period.grade", "suggest"):
        ("suggest_5a_math", ("teacher", "school_admin"), "writes suggestions: the write guard"),
    ("school.period.grade", "suggest_for_school"):
        ("suggest_school", ("school_admin",), "the whole school: the administrator"),
    ("school.period.grade.suggest", "action_suggest"):
        ("wiz:suggest", ("teacher", "school_admin"), "the write guard of period grades"),
    ("school.exam.protocol.import", "action_preview"):
        ("wiz:exam_protocol", ("school_admin",), "the administrator or the subject's teacher in the 9th class "
                                                 "(the sample's teacher teaches 5А)"),
    ("school.exam.protocol.import", "action_confirm"):
        ("wiz:exam_protocol", ("school_admin",), "writes exam grades: the write guard of period grades"),
    ("school.exam.protocol.import", "action_back"):
        ("wiz:exam_protocol", ALL, "back to the caller's own wizard's first step"),
    ("school.lesson.cancel", "action_cancel"):
        ("wiz:lesson_cancel", ("teacher", "deputy", "director", "school_admin"),
         "the lesson's teacher, the deputy (director), the administrator"),
    ("school.lesson.cancel", "action_uncancel"):
        ("wiz:lesson_cancel", ("deputy", "director", "school_admin"), "the deputy (director), the administrator"),
    ("school.lesson.generate", "action_generate"):
        ("wiz:lesson_generate", ("school_admin",), "lessons from the timetable: the administrator"),
    # ------------------------------------------------------------- periods
    ("school.period", "action_open_close_wizard"):
        ("period_q1", ("school_admin",), "closing rights"),
    ("school.period", "action_open_reopen_wizard"):
        ("period_q1", ("school_admin",), "closing rights"),
    ("school.period.close", "action_close"):
        ("wiz:period_close", ("school_admin",), "closing rights"),
    ("school.period.reopen", "action_reopen"):
        ("wiz:period_reopen", ("school_admin",), "closing rights"),
    ("school.period.seal", "action_verify"):
        ("no_seal", MANAGEMENT, "the integrity check: deputy, director, administrator"),
    ("school.period.seal", "action_verify_in_background"):
        ("no_seal", MANAGEMENT, "the integrity check in background jobs: deputy, director, administrator"),
    ("school.period.export.wizard", "action_export"):
        ("wiz:period_export", MANAGEMENT, "the period's whole data: deputy, director, administrator"),
    # ------------------------------------------------------------- monitoring
    ("school.monitoring.alert", "action_close"):
        ("alert_9a", MANAGEMENT, "write rule: alerts of the own class or sent to the user"),
    ("school.violation", "action_excuse"):
        ("violation", MANAGEMENT, "write ACL: deputy, administrator"),
    ("school.violation", "action_resolve"):
        ("violation", MANAGEMENT, "write ACL: deputy, administrator"),
    ("school.violation", "action_reopen"):
        ("violation", MANAGEMENT, "write ACL: deputy, administrator"),
    ("school.violation", "action_escalate"):
        ("violation", MANAGEMENT, "the deputy's decision (group checked), then a signal as superuser"),
    ("school.violation.teacher", "action_escalate"):
        ("violation_row", MANAGEMENT, "read ACL: deputy; then school.violation.action_escalate"),
    ("school.violation.teacher", "action_open_violations"):
        ("violation_row", MANAGEMENT, "read ACL: deputy; returns the list action of the row's violations"),
    ("school.monitoring", "action_check_now"):
        ("check_violations", MANAGEMENT, "rights from groups: the deputy the school, the class teacher his "
                                         "classes (accumulation, parents' use only)"),
    ("res.partner", "get_mention_suggestions"):
        ("mention", ALL, "staff names only, read through the caller's rights; writes nothing"),
    # ------------------------------------------------------------- logins
    ("school.login.wizard", "action_issue"):
        ("wiz:login", ("class_teacher", "school_admin"), "the class teacher of the pupils, the administrator"),
    # ------------------------------------------------------------- decisions of the pedagogical council
    ("school.council.decision.fill", "action_fill"):
        ("wiz:council_fill", MANAGEMENT, "the deputy (director) and the administrator record the council's "
                                         "decisions; the class teacher reads them"),
    # ------------------------------------------------------------- журнал замен
    ("school.teacher.absence", "action_propose"):
        ("absence_draft", MANAGEMENT, "lists the lessons and proposes substitutes: the deputy (director), the admin"),
    ("school.teacher.absence", "action_confirm"):
        ("absence_draft", MANAGEMENT, "writes the lessons' substitutes: the deputy (director), the admin"),
    ("school.teacher.absence", "action_draft"):
        ("absence_confirmed", MANAGEMENT, "takes the substitutes back: the deputy (director), the admin"),
    # ------------------------------------------------------------- the year rollover
    ("school.year.rollover", "action_preview"):
        ("wiz:rollover", ("school_admin",), "the school admin alone rolls the school over to the next year"),
    ("school.year.rollover", "action_back"):
        ("wiz:rollover", ("school_admin",), "the school admin's wizard"),
    ("school.year.rollover", "action_confirm"):
        ("wiz:rollover", ("school_admin",), "creates classes, decisions and movements (the school admin)"),
    ("school.year.rollover", "action_confirm_in_background"):
        ("wiz:rollover", ("school_admin",), "the same in a background job (the school admin)"),
    # ------------------------------------------------------------- report wizards
    ("school.substitution.report.wizard", "action_xlsx"):
        ("wiz:substitution_report", MANAGEMENT, "the report's groups"),
    ("school.report.journal.wizard", "action_print"):
        ("wiz:report_journal", STAFF, "the report's groups"),
    ("school.report.attendance.wizard", "action_print"):
        ("wiz:report_attendance", STAFF, "the report's groups"),
    ("school.report.metrics.wizard", "action_print"):
        ("wiz:report_metrics", MANAGEMENT, "the report's groups"),
    ("school.report.metrics.wizard", "action_xlsx"):
        ("wiz:report_metrics", MANAGEMENT, "the report's groups"),
    ("school.report.programme.wizard", "action_print"):
        ("wiz:report_programme", MANAGEMENT, "the report's groups"),
    ("school.report.programme.wizard", "action_xlsx"):
        ("wiz:report_programme", MANAGEMENT, "the report's groups"),
    ("school.report.gradebook.wizard", "action_gradebook"):
        ("wiz:report_gradebook", STAFF, "the report's groups"),
    ("school.report.gradebook.wizard", "action_summary"):
        ("wiz:report_gradebook", STAFF, "the report's groups"),
    # ------------------------------------------------------------- report renderers called directly
    ("report.school_ejournal.report_class_journal", "get_report_values"):
        ("report:class_5a", ("teacher", "class_teacher", "deputy", "director", "school_admin"),
         "the report's groups and the class's pupils readable"),
    ("report.school_ejournal.report_student_progress", "get_report_values"):
        ("report:artem", ALL[:2] + STAFF, "the pupil readable (the rules)"),
    ("report.school_ejournal.report_attendance", "get_report_values"):
        ("report:wiz_attendance", STAFF, "the report's groups"),
    ("report.school_ejournal.report_metrics", "get_report_values"):
        ("report:wiz_metrics", MANAGEMENT, "the report's groups"),
    ("report.school_ejournal.report_programme", "get_report_values"):
        ("report:wiz_programme", MANAGEMENT, "the report's groups"),
    ("report.school_ejournal.report_activity_journal", "get_report_values"):
        ("report:course_club", ("teacher", "class_teacher", "deputy", "director", "school_admin"),
         "the report's groups (staff)"),
    ("report.school_ejournal.report_access_slip", "get_report_values"):
        ("report:wiz_login", ("class_teacher", "school_admin"), "the wizard's creator"),
    ("report.school_ejournal.report_school_regulation", "get_report_values"):
        ("report:company", STAFF, "the report's groups"),
    ("report.school_ejournal.xlsx_gradebook", "generate_xlsx_report"):
        ("report:xlsx", (), "needs a workbook object: no RPC caller can pass one"),
    ("report.school_ejournal.xlsx_programme", "generate_xlsx_report"):
        ("report:xlsx", (), "needs a workbook object: no RPC caller can pass one"),
    ("report.school_ejournal.xlsx_summary", "generate_xlsx_report"):
        ("report:xlsx", (), "needs a workbook object: no RPC caller can pass one"),
    ("report.school_ejournal.xlsx_metrics", "generate_xlsx_report"):
        ("report:xlsx", (), "needs a workbook object: no RPC caller can pass one"),
    ("report.school_ejournal.xlsx_substitutions", "generate_xlsx_report"):
        ("report:xlsx", (), "needs a workbook object: no RPC caller can pass one"),
    # OCA report_xlsx's entry point on the addon's renderers: the caller's own wizard
    ("report.school_ejournal.xlsx_gradebook", "create_xlsx_report"):
        ("xlsx:report_gradebook", STAFF, "the caller's wizard (refused to others), its class's pupils readable"),
    ("report.school_ejournal.xlsx_summary", "create_xlsx_report"):
        ("xlsx:report_gradebook", STAFF, "the caller's wizard (refused to others), its class's pupils readable"),
    ("report.school_ejournal.xlsx_metrics", "create_xlsx_report"):
        ("xlsx:report_metrics", MANAGEMENT, "the caller's wizard (refused to others)"),
    ("report.school_ejournal.xlsx_substitutions", "create_xlsx_report"):
        ("xlsx:substitution_report", MANAGEMENT, "the caller's wizard (refused to others)"),
    ("report.school_ejournal.xlsx_programme", "create_xlsx_report"):
        ("xlsx:report_programme", MANAGEMENT, "the caller's wizard (refused to others)"),
    # ir.actions.report: every print is checked (reports/ir_actions_report.py)
    ("ir.actions.report", "render_qweb_html"):
        ("print:action_report_class_journal", (), "a model method: over RPC it has no report, refused"),
    ("ir.actions.report", "render_qweb_pdf"):
        ("print:action_report_class_journal", STAFF, "the report's groups, the documents readable"),
    ("ir.actions.report", "report_action"):
        ("print:action_report_class_journal", STAFF, "the report's groups, the documents readable"),
    # every server action is checked by tests/test_security_server_actions.py; the sample is a
    # scheduled action's (the weekly report to every parent): on schedule only
    ("ir.actions.server", "run"):
        ("cron_action", (), "a scheduled action runs as its cron's user only"),
    ("ir.actions.report", "render_xlsx"):
        ("print:action_report_metrics_xlsx", (), "a model method: over RPC it has no report, refused"),
}

# Public methods that the addon's own models inherit from other addons, by the
# addon that defines them: (model, method) pairs of these need no row.
INHERITED = {
    "odoo.addons.mail.": "chatter of mail.thread: the record's own read/write rights (mail ACL lane)",
    "odoo.addons.sms.": "SMS of mail.thread: the record's own rights, like message_post",
    "odoo.addons.portal.": "portal mixin: share URLs of records the caller may read",
    "odoo.addons.report_xlsx.": "OCA report_xlsx helpers; create_xlsx_report has rows above",
    "odoo.addons.base.": "Odoo's base models (res.users, res.company, ir.actions.report): Odoo's own checks",
    "odoo.addons.web.": "web client helpers",
    "odoo.addons.bus.": "bus helpers",
    # with_delay only wraps the records: a job is queued by a method marked @job, which runs as its caller
    "odoo.addons.queue_job.": "OCA queue_job's with_delay (the print's own methods have rows above)",
    "odoo.addons.web_notify.": "OCA web_notify: a pop-up to the caller himself only",
}

# Rows whose sample cannot succeed even for an allowed role (the positive control skips them).
NO_CONTROL = {
    ("school.period.seal", "action_verify"): "the demo has no seal: «печатей пока нет» for everyone",
    ("school.period.seal", "action_verify_in_background"): "the demo has no seal: «печатей пока нет» for everyone",
    ("school.period.export.wizard", "action_export"): "needs a closed period (tests/test_reports_export.py)",
    ("school.period.reopen", "action_reopen"): "needs a closed period (tests/test_period_closing.py)",
    ("ir.actions.report", "render_qweb_pdf"): "no wkhtmltopdf in the test server (tests/test_reports_access.py)",
    ("school.year.rollover", "action_confirm"): "needs the preview first (tests/test_rollover.py)",
    ("school.year.rollover", "action_confirm_in_background"): "needs the preview first (tests/test_rollover.py)",
}
