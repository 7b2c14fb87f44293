"""The constants and SQL texts of models/student.py (school.student): who sees
a pupil's personal data and journal, the login links' cursor flag, the card's
marks and the diary's logins."""
import contextlib

# Who sees a pupil's personal data (СНИЛС, address, logins, parents and their
# contacts, movements on import): the class teacher — of his own class only, see
# _guard_scope_domain — and the school admin (who is also a class teacher).
PD_GROUPS = "school_ejournal.group_class_teacher"
# Also the deputy (and the director), school-wide: the health group for the reports
# on physical-education groups; movements and consents, which he controls.
# Subject teachers see none of it.
DEPUTY_PD_GROUPS = "school_ejournal.group_class_teacher,school_ejournal.group_deputy"
# School-wide readers of the fields whose groups include them.
UNSCOPED_GROUPS = ("school_ejournal.group_school_admin", "school_ejournal.group_deputy")
# The fields that tie a pupil to an account: the login wizard resets the password
# of whatever account they point at, so only its server path writes them. The
# flag lives on the cursor, not in the context: an RPC caller sets the context.
LOGIN_FIELDS = ("user_id", "partner_id")
LOGIN_LINK_KEY = "school_student_login_link"
# Who sees a pupil's marks and absences on his card: the staff who read grades
# (the portal has the diary); the figures are read with the user's own rules.
JOURNAL_GROUPS = "school_ejournal.group_teacher,school_ejournal.group_deputy"


@contextlib.contextmanager
def login_links_writable(cr):
    """Within this block the superuser may set a pupil's contact and login
    (the login wizard, the demo school); nobody else, never."""
    cache = cr.cache
    if cache.get(LOGIN_LINK_KEY):
        yield
        return
    cache[LOGIN_LINK_KEY] = True
    try:
        yield
    finally:
        cache.pop(LOGIN_LINK_KEY, None)


def user_ids_from(operator, value):
    """The user ids a search on the diary's logins asks for (None: none to find)."""
    if operator not in ("in", "=") or not value:
        return None
    return [v for v in (value if isinstance(value, (list, tuple)) else [value]) if v]


def consent_state(consents):
    """«none», «given» or «revoked» of a pupil's consents to personal data processing."""
    if not consents:
        return "none"
    elif consents.filtered(lambda c: not c.revocation_date):
        return "given"
    else:
        return "revoked"


def marks_sql(from_clause, where_clause):
    """(student, subject, period, marks text) of the grades the user reads
    (``from_clause``/``where_clause``: the ORM's query with his record rules)."""
    return """
                SELECT "school_grade".student_id, "school_grade".subject_id, "school_grade".period_id,
                       string_agg("school_grade".value, ' ' ORDER BY "school_grade".date, "school_grade".id)
                  FROM """ + from_clause + """ WHERE """ + where_clause + """
                 GROUP BY 1, 2, 3
            """


# One query for both: {student_id: (own login or None, [guardian logins])}.
PORTAL_USERS_SQL = """
        SELECT s.id, s.user_id,
               ARRAY(SELECT u.id FROM school_student_guardian g
                       JOIN res_users u ON u.partner_id = g.partner_id
                      WHERE g.student_id = s.id AND g.is_legal_representative)
          FROM school_student s WHERE s.id IN %s
    """

# The pupils whose legal representative logs in as one of the users %s.
GUARDIAN_USERS_SQL = """
            SELECT g.student_id FROM school_student_guardian g
              JOIN res_users u ON u.partner_id = g.partner_id
             WHERE u.id IN %s AND g.is_legal_representative
        """

# The pupils who log in as one of the users %s, or whose legal representative does (%s).
PORTAL_USER_STUDENTS_SQL = """
            SELECT id FROM school_student WHERE user_id IN %s
             UNION
            SELECT g.student_id FROM school_student_guardian g
              JOIN res_users u ON u.partner_id = g.partner_id
             WHERE u.id IN %s AND g.is_legal_representative
        """
