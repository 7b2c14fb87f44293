"""Many rows in one statement, as a plain text query.

psycopg2.extras.execute_values sends the query as bytes; Odoo's cursor with SQL
logging on (--log-level=debug_sql) matches its statistics regexps on the query
text and fails on bytes, after the statement ran. A VALUES list of placeholders
in a str query works in both modes."""


def execute_values(cr, query, rows, template, page_size=1000):
    """Like psycopg2's execute_values: ``query`` holds «VALUES %s» where the rows
    go, ``template`` is one row's placeholders, e.g. ``(%s, %s::int)``."""
    head, marker, tail = query.partition("VALUES %s")
    if not marker:
        raise ValueError("execute_values: the query has no «VALUES %s»")
    rows = list(rows)
    for start in range(0, len(rows), page_size):
        page = rows[start:start + page_size]
        cr.execute(head + "VALUES " + ", ".join([template] * len(page)) + tail,
                   [value for row in page for value in row])
