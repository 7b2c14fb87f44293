#!/usr/bin/env bash
# `make docs`: the role guides' screenshots (docs/guides/img/*.png) and the
# presentation (docs/presentation.pdf), taken from a throw-away database with
# the demo school served on a free port, by headless Chromium (docs/screenshots.py).
# Extra arguments pass to the script: `make docs ARGS="--only teacher_"`.
# DOCS_DB=<name> names the database (reused if it exists, then kept); KEEP_DB=1 keeps
# the one this run creates.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ROOT/scripts/setup.sh"

DB="${DOCS_DB:-ejournal_docs_$$}"
HTTP_PORT="$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export HTTP_PORT
server=""
created=""
cleanup() {
    if [[ -n "$server" ]]; then
        kill "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
    fi
    if [[ -n "$created" && -z "${KEEP_DB:-}" ]]; then
        dropdb --if-exists "$DB" >/dev/null 2>&1 || true
        rm -rf "$DATA_DIR/filestore/$DB" "$RUN_DIR/$DB.conf"
    fi
}
trap cleanup EXIT

if ! db_exists "$DB"; then
    created=1
    create_db "$DB"
fi
conf="$(write_config "$DB")"
log "serving $DB at http://127.0.0.1:$HTTP_PORT"
"$VENV/bin/python" "$ROOT/runtime/launcher.py" -c "$conf" -d "$DB" --http-interface=127.0.0.1 \
    --max-cron-threads=0 --log-level=warn >"$RUN_DIR/$DB.docs.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
    "$VENV/bin/python" -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$HTTP_PORT/web/login', timeout=5)" \
        2>/dev/null && break
    kill -0 "$server" 2>/dev/null || { log "Odoo did not start: see $RUN_DIR/$DB.docs.log"; exit 1; }
    sleep 1
done
"$VENV/bin/python" "$ROOT/docs/screenshots.py" --url "http://127.0.0.1:$HTTP_PORT" --db "$DB" "$@"
log "guides' screenshots in docs/guides/img, presentation in docs/presentation.pdf"
