#!/usr/bin/env bash
# `make run`: set everything up, create (or reuse) database `ejournal` with the
# demo school, and serve Odoo at http://localhost:$HTTP_PORT in the foreground.
# Extra Odoo options pass through, e.g. `make run ARGS="--workers 2"`.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ROOT/scripts/setup.sh"
DB="${DB:-ejournal}"
if ! db_exists "$DB"; then
    create_db "$DB"
fi
conf="$(write_config "$DB")"
cat <<MSG

  Электронный журнал: http://localhost:$HTTP_PORT  (database $DB)
  Demo logins (password = login):
    school_admin   Администратор школы
    deputy         Заместитель директора
    class_teacher  Классный руководитель (5А)
    teacher        Учитель
    student        Ученик (портал)
    parent         Родитель (портал)

MSG
exec "$VENV/bin/python" "$ROOT/runtime/launcher.py" -c "$conf" -d "$DB" "$@"
