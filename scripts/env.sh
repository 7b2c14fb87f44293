# Shared settings for the project's scripts (sourced, not run).
# Everything the scripts install lives under $EJOURNAL_HOME, keyed by content,
# so a fresh clone on the same machine reuses it and a changed pin rebuilds it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EJOURNAL_HOME="${EJOURNAL_HOME:-$HOME/.cache/school_ejournal}"
PYTHON="${PYTHON:-python3.11}"
REQ_HASH="$(cd "$ROOT" && cat runtime/requirements.txt runtime/build-requirements.txt \
    runtime/test-requirements.txt runtime/oca-requirements.txt scripts/setup.sh scripts/setup_print.sh | sha256sum | cut -c1-12)"
VENV="${VENV:-$EJOURNAL_HOME/venv-$REQ_HASH}"
RUN_DIR="$ROOT/.run"
DATA_DIR="${DATA_DIR:-$EJOURNAL_HOME/data}"
HTTP_PORT="${HTTP_PORT:-8069}"
export PATH="$VENV/bin:$PATH"
log() { printf '\033[1m[ejournal]\033[0m %s\n' "$*" >&2; }

# write_config DB -> path of an Odoo config for database DB
write_config() {
    local db="$1" conf="$RUN_DIR/$1.conf" secret="$RUN_DIR/admin_passwd"
    # the master password and the configs that carry it: the owner's only
    (
        umask 077
        mkdir -p "$RUN_DIR"
        chmod 700 "$RUN_DIR"
        [[ -f "$secret" ]] || head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$secret"
        sed -e "s|@ROOT@|$ROOT|" -e "s|@DATA_DIR@|$DATA_DIR|" -e "s|@HTTP_PORT@|$HTTP_PORT|" \
            -e "s|@DB_NAME@|$db|g" -e "s|@ADMIN_PASSWD@|$(cat "$secret")|" \
            "$ROOT/runtime/odoo.conf.template" > "$conf"
        chmod 600 "$secret" "$conf"
    )
    echo "$conf"
}

# odoo CONF ARGS... : every Odoo start goes through the runtime launcher
odoo() {
    local conf="$1"; shift
    "$VENV/bin/python" "$ROOT/runtime/launcher.py" -c "$conf" "$@"
}

db_exists() { psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$1'" | grep -q 1; }

# assert_installed DB: Odoo exits 0 when a module fails to load (its traceback in the
# log): ask the database whether the addon got installed
assert_installed() {
    if [[ "$(psql -d "$1" -Atc "SELECT state FROM ir_module_module WHERE name = 'school_ejournal'")" != installed ]]; then
        log "school_ejournal did not install into $1: see the traceback above"
        return 1
    fi
}

# install_addon DB CONF [ODOO ARGS...]: install the addon into DB and finish it as the
# scripts do (scripts/post_install.py); the arguments choose demo data and language
install_addon() {
    local db="$1" conf="$2"
    shift 2
    odoo "$conf" -d "$db" -i school_ejournal --stop-after-init --log-level=warn "$@"
    assert_installed "$db"
    "$VENV/bin/python" "$ROOT/runtime/launcher.py" shell -c "$conf" -d "$db" --log-level=warn \
        < "$ROOT/scripts/post_install.py" >/dev/null
}

# create_db DB [LOG]: a fresh database with the addon, its demo school and Russian
create_db() {
    local db="$1"
    log "creating database $db (addon, demo school, Russian)"
    install_addon "$db" "$(write_config "$db")"
}

# throwaway_db DB: a fresh database DB (create_db) for a test run, served on a free
# port so that tests never collide with a running `make run`, and dropped on exit
# unless KEEP_DB is set. Sets DB, HTTP_PORT and start (the run's first second).
throwaway_db() {
    DB="$1"
    HTTP_PORT="$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    export HTTP_PORT
    trap _drop_throwaway_db EXIT
    start=$(date +%s)
    dropdb --if-exists "$DB" >/dev/null 2>&1 || true
    create_db "$DB"
    log "database ready in $(( $(date +%s) - start )) s"
}
_drop_throwaway_db() {
    if [[ -z "${KEEP_DB:-}" ]]; then
        dropdb --if-exists "$DB" >/dev/null 2>&1 || true
        rm -rf "$DATA_DIR/filestore/$DB" "$RUN_DIR/$DB.conf"
    fi
}
