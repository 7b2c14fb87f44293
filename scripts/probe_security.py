"""Re-run, by hand, the outside probes of the security review against a running journal.

    python scripts/probe_security.py [--url http://localhost:8069] [--db ejournal]

Needs the demo school (demo logins, password = login) in a database served by `make run`.
Each probe does over HTTP what an attacker would (JSON-RPC `/web/dataset/call_kw`,
`/report/*`, `/web/login`) and prints «closed» when the journal refuses, «HOLE» when the
attack works. Nothing here is part of `make test`: the same findings are asserted by the
suite; this script is the outside view of a live server. Probes that would change data
(password resets, failed-login floods) run only with --destructive, on a throw-away
database.
"""
import argparse
import json
import re
import sys

import requests

RESULTS = []


class Client:
    def __init__(self, url, db):
        self.url, self.db = url.rstrip("/"), db
        self.http = requests.Session()
        self.uid = None

    def login(self, login, password=None):
        res = self.rpc("/web/session/authenticate",
                       {"db": self.db, "login": login, "password": password or login})
        self.uid = (res.get("result") or {}).get("uid")
        return self.uid

    def rpc(self, path, params):
        resp = self.http.post(self.url + path, json={"jsonrpc": "2.0", "method": "call", "params": params},
                              timeout=120)
        return resp.json()

    def call(self, model, method, *args, **kwargs):
        context = kwargs.pop("context", {})
        kwargs["context"] = dict({"lang": "ru_RU"}, **context)
        return self.rpc("/web/dataset/call_kw/%s/%s" % (model, method),
                        {"model": model, "method": method, "args": list(args), "kwargs": kwargs})

    def get(self, path, **kwargs):
        return self.http.get(self.url + path, allow_redirects=False, timeout=120, **kwargs)


def error_text(res):
    err = res.get("error")
    if not err:
        return ""
    data = err.get("data") or {}
    return "%s: %s" % (data.get("name", ""), (data.get("message") or err.get("message") or "")[:160])


def probe(finding, what, refused, detail=""):
    RESULTS.append((finding, what, refused))
    print("%-3s %-6s %s%s" % (finding, "closed" if refused else "HOLE", what,
                            (" — " + detail.replace("\n", " ")[:200]) if detail else ""))


def raw_db_message(text):
    return bool(re.search(r"psycopg2|invalid input syntax|violates|Traceback|DataError|"
                          r"InternalError|ValueError|KeyError|TypeError", text))


def first_id(client, model, domain=None):
    res = client.call(model, "search", domain or [], limit=1)
    ids = res.get("result") or []
    return ids[0] if ids else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://localhost:8069")
    parser.add_argument("--db", default="ejournal")
    parser.add_argument("--admin-password", default="admin", help="the superuser's password (demo: admin)")
    parser.add_argument("--destructive", action="store_true",
                        help="also run probes that reset passwords and flood the login (throw-away db only)")
    opts = parser.parse_args()
    new = lambda: Client(opts.url, opts.db)  # noqa: E731

    admin = new()
    if not admin.login("school_admin"):
        sys.exit("cannot log in as school_admin on %s / %s" % (opts.url, opts.db))
    superuser = new()
    superuser.login("admin", opts.admin_password)
    # a queued e-mail about another family, as the journal's crons leave them
    superuser.call("mail.mail", "create", {"subject": "Заметка классного руководителя",
                                           "email_to": "other.family@example.com",
                                           "body_html": "<p>о чужом ребёнке</p>", "state": "exception"})
    class_teacher, teacher, deputy, parent, student = new(), new(), new(), new(), new()
    for client, login in ((class_teacher, "class_teacher"), (teacher, "teacher"), (deputy, "deputy"),
                          (parent, "parent"), (student, "student")):
        if not client.login(login):
            sys.exit("cannot log in as %s" % login)

    # 1. account takeover through the login wizard
    own_pupil = first_id(class_teacher, "school.student", [("current_class_id.class_teacher_id", "=",
                                                            class_teacher.uid)])
    res = class_teacher.call("school.student", "write", [own_pupil], {"user_id": 1})
    probe("1", "class teacher links the superuser to his pupil (student.user_id = 1)",
          "error" in res or not res.get("result"), error_text(res))
    admin_partner_id = superuser.call("res.users", "read", [superuser.uid], ["partner_id"])["result"][0]["partner_id"][0]
    res = class_teacher.call("school.student.guardian", "create",
                             {"student_id": own_pupil, "partner_id": admin_partner_id, "relation": "father"})
    probe("1", "class teacher links the superuser's contact as a parent", "error" in res, error_text(res))
    res = class_teacher.call("school.login.wizard.line", "search_read", [], ["login", "password"])
    leaked = [row for row in res.get("result") or [] if row.get("password")]
    probe("1", "plain passwords readable in wizard lines", "error" in res or not leaked,
          error_text(res) or "%d readable" % len(leaked))
    if opts.destructive:
        wizard = class_teacher.call("school.login.wizard", "create",
                                    {"student_ids": [(6, 0, [own_pupil])], "include_parents": False})
        if wizard.get("result"):
            res = class_teacher.call("school.login.wizard", "action_issue", [wizard["result"]])
            text = json.dumps(res, ensure_ascii=False)
            probe("1", "login wizard resets the superuser's password", '"admin"' not in text, text[:200])

    # 2. portal users and the school's e-mail
    for who, client in (("parent", parent), ("student", student)):
        res = client.call("mail.mail", "search_read", [], ["email_to", "subject"], limit=5)
        probe("2", "%s reads queued mail.mail" % who, "error" in res or not res.get("result"), error_text(res))
        res = client.call("mail.mail", "create", {"subject": "от директора", "email_to": "x@example.com",
                                                  "body_html": "<p>x</p>"})
        probe("2", "%s creates mail.mail" % who, "error" in res, error_text(res))
    parent_partner = parent.call("res.users", "read", [parent.uid], ["partner_id"])["result"][0]["partner_id"][0]
    other_pupil = first_id(admin, "school.student", [("guardian_ids.partner_id", "!=", parent_partner)])
    res = parent.call("mail.followers", "create", {"res_model": "school.student", "res_id": other_pupil,
                                                   "partner_id": parent_partner})
    probe("2", "parent follows another family's pupil", "error" in res, error_text(res))
    res = parent.call("school.student", "message_subscribe", [other_pupil], partner_ids=[parent_partner])
    followers = superuser.call("mail.followers", "search_count", [
        ("res_model", "=", "school.student"), ("res_id", "=", other_pupil), ("partner_id", "=", parent_partner)])
    probe("2", "parent subscribes to another family's pupil", not followers.get("result"),
          error_text(res) or "answered %s, followers %s" % (res.get("result"), followers.get("result")))

    own_child = first_id(parent, "school.student")
    outsider = superuser.call("res.partner", "create", {"name": "Посторонний адресат",
                                                        "email": "outsider@example.com"}).get("result")
    res = parent.call("school.student", "message_post", [own_child], body="спам",
                      message_type="comment", partner_ids=[outsider])
    probe("2", "parent mails an outside address through his child's thread", "error" in res, error_text(res))
    res = student.call("school.portal.visit", "create", {"user_id": student.uid})
    probe("2", "pupil forges a portal visit", "error" in res, error_text(res))

    # 3. class-wide reports for pupils, foreign classes for teachers
    class_id = first_id(student, "school.class")  # the pupil's own class: he may read it
    period_id = first_id(admin, "school.period", [("grade_level_ids", "in", admin.call(
        "school.class", "read", [class_id], ["grade_level_id"])["result"][0]["grade_level_id"][0])])
    res = student.call("school.report.gradebook.wizard", "create", {"class_id": class_id, "period_id": period_id})
    wizard_id = res.get("result")
    probe("3", "pupil creates the gradebook report wizard", "error" in res, error_text(res))
    for report in ("xlsx_gradebook", "xlsx_summary"):
        resp = student.get("/report/xlsx/school_ejournal.%s/%s" % (report, wizard_id or 1))
        probe("3", "pupil downloads %s" % report, resp.status_code != 200 or resp.content[:2] != b"PK",
              "HTTP %s, %d bytes" % (resp.status_code, len(resp.content)))
    taught = teacher.call("school.class", "search", [])["result"]
    foreign = [cid for cid in admin.call("school.class", "search", [])["result"] if cid not in taught]
    if foreign:
        resp = teacher.get("/report/html/school_ejournal.report_class_journal/%s" % foreign[0])
        probe("3", "teacher prints the journal of a class he does not teach", resp.status_code != 200,
              "HTTP %s" % resp.status_code)

    # 4. personal data through read_group, search and tracking
    res = teacher.call("school.student", "read_group", [], ["snils"], ["snils"])
    probe("4", "teacher groups pupils by СНИЛС", "error" in res, error_text(res))
    res = teacher.call("school.student", "search_count", [("snils", "!=", False)])
    probe("4", "teacher searches pupils by СНИЛС", "error" in res, error_text(res))
    res = teacher.call("school.student", "read_group", [], ["health_group"], ["health_group"])
    probe("4", "teacher reads the pupils' health group", "error" in res, error_text(res))
    res = admin.call("mail.tracking.value", "search_read", [("field", "=", "snils")], ["old_value_char"])
    res_t = teacher.call("mail.tracking.value", "search_read", [("field", "=", "snils")], ["old_value_char"])
    probe("4", "teacher reads СНИЛС changes in the chatter", "error" in res_t or not res_t.get("result"),
          error_text(res_t))
    employee_partners = deputy.call("res.partner", "search_read", [("school_guardian_link_ids", "!=", False)],
                                    ["phone", "mobile"], limit=5)
    probe("4", "deputy reads parents' phones", "error" in employee_partners or not any(
        row.get("phone") or row.get("mobile") for row in employee_partners.get("result") or []),
        error_text(employee_partners))

    # 5. closed periods
    period = first_id(admin, "school.period", [("state", "!=", "open")]) or first_id(admin, "school.period")
    res = admin.call("school.period", "write", [period], {"state": "open"},
                     context={"school_period_closing": True})
    probe("5", "period state written with the closing context flag", "error" in res, error_text(res))

    # 6. context flags and derived values
    pgrade = first_id(teacher, "school.period.grade")
    if pgrade:
        res = teacher.call("school.period.grade", "write", [pgrade],
                           {"state": "confirmed", "confirm_uid": 1, "explanation": "подделка", "average": 5},
                           context={"school_period_grade_internal": True})
        probe("6", "teacher forges a confirmed period grade with a context flag", "error" in res, error_text(res))
    grade = first_id(teacher, "school.grade", [("lesson_id.teacher_id", "=", teacher.uid)])
    if grade:
        res = teacher.call("school.grade", "write", [grade], {"weight": 1000, "numeric_value": 5})
        after = admin.call("school.grade", "read", [grade], ["weight", "numeric_value"])["result"][0]
        probe("6", "teacher writes a grade's weight/numeric value", after["weight"] != 1000, error_text(res))

    # 7. login
    resp = new().get("/web/login?redirect=https://evil.example/")
    body = resp.text
    probe("7", "open redirect /web/login?redirect=https://…", "https://evil.example" not in
          (resp.headers.get("Location", "") + body.split("redirect")[1][:200] if "redirect" in body else ""))
    resp = new().get("/web/session/logout?redirect=//evil.example/")
    probe("7", "open redirect /web/session/logout?redirect=//…",
          "evil.example" not in resp.headers.get("Location", ""), resp.headers.get("Location", ""))
    resp = new().get("/web/login")
    cookie = resp.headers.get("Set-Cookie", "")
    probe("7", "session cookie SameSite", "samesite" in cookie.lower(), cookie[:120])
    planted = new()
    planted.get("/web/login")
    sid = planted.http.cookies.get("session_id")
    resp = planted.http.post(planted.url + "/web/session/authenticate", json={
        "jsonrpc": "2.0", "method": "call", "params": {"db": opts.db, "login": "teacher", "password": "teacher"}})
    after = resp.cookies.get("session_id") or sid
    probe("7", "session id kept across login", after != sid, "before %s…, after %s…" % (sid[:8], after[:8]))
    res = admin.call("res.users", "search_read", [("login", "in", ["demo", "portal"])], ["login"])
    probe("7", "Odoo's demo/portal users active", not res.get("result"), str(res.get("result")))

    # 8. robustness
    lesson = first_id(teacher, "school.lesson", [("teacher_id", "=", teacher.uid)])
    res = teacher.call("school.lesson", "write", [lesson], {"topic": "я" * (10 * 1024 * 1024)})
    probe("8", "10 MB lesson topic", "error" in res, error_text(res))
    attendance = first_id(teacher, "school.attendance", [("lesson_id", "=", lesson)])
    res = teacher.call("school.attendance", "write", [attendance], {"code_id": "н"})
    probe("8", "code_id='н' refused in Russian", "error" in res and not raw_db_message(error_text(res)),
          error_text(res))
    res = teacher.call("school.lesson", "write", [lesson], {"date": "2026-02-30"})
    probe("8", "date 2026-02-30 refused in Russian", "error" in res and not raw_db_message(error_text(res)),
          error_text(res))
    res = teacher.call("school.lesson", "write", [lesson], {"date": "yesterday"})
    probe("8", "date 'yesterday' refused in Russian", "error" in res and not raw_db_message(error_text(res)),
          error_text(res))
    res = teacher.call("school.lesson", "search_read", [], ["id"], limit=-1)
    probe("8", "search_read limit=-1 answered without a raw error",
          not raw_db_message(error_text(res)), error_text(res))
    res = teacher.call("school.lesson", "read", list(range(1, 50001)), ["topic"])
    probe("8", "read of 50,000 ids refused", "error" in res, error_text(res))
    res = class_teacher.call("school.student", "write", [own_pupil], {"snils": "000-000-000 00"})
    probe("8", "СНИЛС 000-000-000 00 refused", "error" in res, error_text(res))

    holes = [r for r in RESULTS if not r[2]]
    print("\n%d probes, %d closed, %d holes" % (len(RESULTS), len(RESULTS) - len(holes), len(holes)))
    return 1 if holes else 0


if __name__ == "__main__":
    sys.exit(main())
