#!/usr/bin/env bash
# A district of schools on this one machine (docs/scale-out.md): nginx in front of two
# prefork Odoo web nodes and one cron node, one database per school, a streaming replica.
#
#   scripts/district.sh start          `make district`: set up, build what is missing, start
#                                      what is not running (idempotent), wait, print the URLs
#   scripts/district.sh stop           `make district-stop`: stop what start started
#   scripts/district.sh status         what runs, and whether each school answers
#   scripts/district.sh start-node N   start node N (web1, web2, cron) if it is not running
#   scripts/district.sh stop-node N    stop node N
#   scripts/district.sh config         only write the nodes' and nginx's configs (and check nginx's)
#   scripts/district.sh drop           `make district-clean`: stop, then drop the schools' databases
#
# Everything it runs keeps its pid file and log in .run/district/. The schools:
#   school1  the demo school (scripts/env.sh create_db): its demo logins
#   school2  a generated school of 10 classes (grades 5-9, А and Б), 300 pupils, 28 teachers
#   school3  a generated school of 22 classes (grades 1-11, А and Б), 600 pupils, 50 teachers
# The generated schools have no demo users; their staff log in with password = login
# (t001…, tadmin the school administrator), as in bench/generate.py.
#
# DISTRICT_PORT (8080) is nginx's port on DISTRICT_LISTEN (127.0.0.1); schoolN.localhost:PORT
# reaches database schoolN (any *.localhost name resolves to this machine in a browser).
# The web nodes listen on 127.0.0.1 only: DISTRICT_HTTP_BASE (18069) + 100 × (N − 1) for
# HTTP and + 3 for long polling. The replica is its own cluster, REPLICA_NAME
# (replica_district) on REPLICA_PORT (5434), apart from the one `make test-district` makes.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
DISTRICT_PORT="${DISTRICT_PORT:-8080}"
DISTRICT_LISTEN="${DISTRICT_LISTEN:-127.0.0.1}"
DISTRICT_DOMAIN="${DISTRICT_DOMAIN:-localhost}"
DISTRICT_WORKERS="${DISTRICT_WORKERS:-2}"
DISTRICT_HTTP_BASE="${DISTRICT_HTTP_BASE:-18069}"
# the name sorts after the primary's (main) in pg_lsclusters: replica.sh and setup.sh
# take the first other cluster as the primary
export REPLICA_NAME="${REPLICA_NAME:-replica_district}" REPLICA_PORT="${REPLICA_PORT:-5434}"
SCHOOLS=(school1 school2 school3)
WEB_NODES=(web1 web2)
# the generated schools' names (their company): the login page shows it, so the check
# that a host reached its own database compares it with the database's
declare -A NAME=([school2]="Школа № 2 (сгенерированная, 300 учеников)"
                 [school3]="Школа № 3 (сгенерированная, 600 учеников)")
declare -A SIZE=(
    [school2]="--grades 5-9 --letters АБ --students 300 --teachers 28"
    [school3]="--grades 1-11 --letters АБ --students 600 --teachers 50"
)
DIR="$RUN_DIR/district"

web_port() { echo $((DISTRICT_HTTP_BASE + 100 * (${1#web} - 1))); }
poll_port() { echo $(($(web_port "$1") + 3)); }
py() { PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}" "$VENV/bin/python" "$@"; }

# alive NAME: the process of .run/district/NAME.pid runs, and it is ours (its command line
# names our config): a pid reused by another process after a crash is not taken for it
alive() {
    local pid cmd
    pid="$(cat "$DIR/$1.pid" 2>/dev/null)" || return 1
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
    cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
    [[ "$cmd" == *"$DIR/"* ]]
}

install_nginx() {
    if ! command -v nginx >/dev/null 2>&1; then
        log "installing system packages: nginx"
        apt-get update -qq
        # Debian's policy-rc.d may or may not start the system service: we never use it
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null
    fi
}

# built DB: the school is complete (the addon installed and a journal of lessons)
built() {
    db_exists "$1" && [[ "$(psql -d "$1" -tAc "SELECT state FROM ir_module_module WHERE name = 'school_ejournal'" \
        2>/dev/null)" == installed ]] && (( $(psql -d "$1" -tAc "SELECT count(*) FROM school_lesson") > 0 ))
}

build_school() {
    local db="$1" conf t0
    t0=$(date +%s)
    if db_exists "$db"; then
        log "$db is incomplete (an interrupted build): building it again"
        dropdb "$db"
    fi
    rm -rf "${DATA_DIR:?}/filestore/$db"
    if [[ -z "${SIZE[$db]:-}" ]]; then
        create_db "$db"
    else
        conf="$(write_config "$db")"
        log "creating $db: the addon without demo data, Russian, a generated school (${SIZE[$db]})"
        install_addon "$db" "$conf" --without-demo=all --load-language=ru_RU
        # shellcheck disable=SC2086
        py "$ROOT/bench/generate.py" -c "$conf" -d "$db" --phase structure ${SIZE[$db]}
        # shellcheck disable=SC2086
        py "$ROOT/bench/generate.py" -c "$conf" -d "$db" --phase journal ${SIZE[$db]}
        name_school "$db"
    fi
    log "$db built in $(( $(date +%s) - t0 )) s"
}

# name_school DB: the generated school's name on its company and the company's partner
name_school() {
    psql -q -d "$1" -v name="${NAME[$1]}" <<'SQL'
UPDATE res_company SET name = :'name' WHERE id = 1;
UPDATE res_partner SET name = :'name' WHERE id = (SELECT partner_id FROM res_company WHERE id = 1);
SQL
}

company() { psql -d "$1" -tAc "SELECT name FROM res_company WHERE id = 1"; }

queue_job_importable() {
    py -c "import sys; sys.path.insert(0, '$ROOT/runtime'); import odoo311_compat; odoo311_compat.apply(); \
import odoo.addons.queue_job" >/dev/null 2>&1
}

# node_config NODE HTTP_PORT POLL_PORT WORKERS CRON_THREADS SERVER_WIDE QUEUE_JOB_SECTION
node_config() {
    local conf="$DIR/$1.conf" secret="$RUN_DIR/admin_passwd" filter
    filter="^($(IFS='|'; echo "${SCHOOLS[*]}"))\$"
    (
        umask 077
        [[ -f "$secret" ]] || head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$secret"
        SECTION="$7" "$VENV/bin/python" - "$ROOT/runtime/odoo-district.conf.template" "$conf" <<PY
import os, sys
text = open(sys.argv[1]).read()
for key, value in {"ROOT": "$ROOT", "DATA_DIR": "$DATA_DIR", "HTTP_PORT": "$2", "LONGPOLLING_PORT": "$3",
                   "DBFILTER": r"$filter", "ADMIN_PASSWD": open("$secret").read().strip(),
                   "SERVER_WIDE_MODULES": "$6", "WORKERS": "$4", "MAX_CRON_THREADS": "$5",
                   "QUEUE_JOB_SECTION": os.environ["SECTION"]}.items():
    text = text.replace("@%s@" % key, value)
open(sys.argv[2], "w").write(text)
PY
    )
    echo "$conf"
}

write_configs() {
    local wide="base,web,dbfilter_from_header" web_section="" section="" node
    # queue_job's runner runs where queue_job is server-wide and its root channel is not 0:
    # on the cron node only. It calls /queue_job/session and /queue_job/runjob?db=… on web
    # node 1 directly (dbfilter lets ?db= through); those routes answer without a database
    # only where queue_job is server-wide, so the web nodes load it too, with root:0 (no runner)
    if queue_job_importable; then
        wide="$wide,queue_job"
        web_section="$(printf '[queue_job]\nchannels = root:0\n')"
        section="$(printf '[queue_job]\nchannels = root:2\nscheme = http\nhost = 127.0.0.1\nport = %s\n' \
            "$(web_port web1)")"
    fi
    for node in "${WEB_NODES[@]}"; do
        node_config "$node" "$(web_port "$node")" "$(poll_port "$node")" "$DISTRICT_WORKERS" 0 "$wide" \
            "$web_section" >/dev/null
    done
    node_config cron $((DISTRICT_HTTP_BASE + 200)) $((DISTRICT_HTTP_BASE + 203)) 0 1 "$wide" "$section" >/dev/null
}

# start_node NAME: a node of the district in its own process group, unless it runs
start_node() {
    local name="$1" args
    if alive "$name"; then
        return
    fi
    # the schools' registries loaded before the node listens (in prefork, by the master
    # before it forks the workers): a node restarted under load takes no request before it
    # can serve it (nginx sends them to the other node meanwhile), and the cron thread
    # runs the crons of the registries loaded
    args=(-d "$(IFS=,; echo "${SCHOOLS[*]}")")
    if [[ "$name" == cron ]]; then
        args+=(--no-http)
    fi
    # Odoo listens before it has loaded the registries and forked its workers: with nginx
    # running (a node restarted in a running district), nginx leaves the node out until
    # a worker answers, so that no request waits in its accept queue meanwhile
    local drain=""
    if [[ "$name" == web* ]] && alive nginx; then
        drain=1
        DRAINED="$name" write_nginx_conf
        nginx -c "$DIR/nginx.conf" -p "$DIR" -e "$DIR/nginx-error.log" -s reload
    fi
    log "starting $name"
    setsid "$VENV/bin/python" "$ROOT/runtime/launcher.py" -c "$DIR/$name.conf" "${args[@]}" \
        >>"$DIR/$name.log" 2>&1 </dev/null &
    echo $! > "$DIR/$name.pid"
    if [[ -n "$drain" ]]; then
        for _i in $(seq 1 300); do
            [[ "$(curl -s -o /dev/null -w '%{http_code}' -m 5 -H 'Content-Type: application/json' -d '{}' \
                "http://127.0.0.1:$(web_port "$name")/web/webclient/version_info")" == 200 ]] && break
            alive "$name" || { log "$name died: see $DIR/$name.log"; break; }
            sleep 0.5
        done
        write_nginx_conf
        nginx -c "$DIR/nginx.conf" -p "$DIR" -e "$DIR/nginx-error.log" -s reload
    fi
}

write_nginx_conf() {
    local conf="$DIR/nginx.conf" web="" poll="" map="" names="" node school
    for node in "${WEB_NODES[@]}"; do
        # a node being started is "down" for nginx until it serves (DRAINED, see start_node)
        local down=""
        [[ " ${DRAINED:-} " == *" $node "* ]] && down=" down"
        web+="        server 127.0.0.1:$(web_port "$node") max_fails=0$down;"$'\n'
        poll+="        server 127.0.0.1:$(poll_port "$node") max_fails=0$down;"$'\n'
    done
    for school in "${SCHOOLS[@]}"; do
        map+="        $school.$DISTRICT_DOMAIN \"^$school\$dollar\";"$'\n'
        names+=" $school.$DISTRICT_DOMAIN"
    done
    mkdir -p "$DIR/nginx-tmp"
    WEB="$web" POLL="$poll" MAP="$map" "$VENV/bin/python" - "$ROOT/scripts/district-nginx.conf.template" "$conf" <<PY
import os, sys
text = open(sys.argv[1]).read()
for key, value in {"RUN": "$DIR", "LISTEN": "$DISTRICT_LISTEN", "PORT": "$DISTRICT_PORT",
                   "WEB_SERVERS": os.environ["WEB"].rstrip("\n"), "POLL_SERVERS": os.environ["POLL"].rstrip("\n"),
                   "SCHOOL_MAP": os.environ["MAP"].rstrip("\n"), "SERVER_NAMES": "${names# }"}.items():
    text = text.replace("@%s@" % key, value)
open(sys.argv[2], "w").write(text)
PY
    nginx -q -t -c "$conf" -p "$DIR" -e "$DIR/nginx-error.log"
}

start_nginx() {
    local conf="$DIR/nginx.conf"
    write_nginx_conf
    if alive nginx; then
        nginx -c "$conf" -p "$DIR" -e "$DIR/nginx-error.log" -s reload
    else
        log "starting nginx on $DISTRICT_LISTEN:$DISTRICT_PORT"
        nginx -c "$conf" -p "$DIR" -e "$DIR/nginx-error.log"
    fi
}

# answers SCHOOL: the school's login page through the proxy, from its own database
# (it shows the name of the database's company)
answers() {
    local body
    body="$(curl -s -m 60 -H "Host: $1.$DISTRICT_DOMAIN" "http://127.0.0.1:$DISTRICT_PORT/web/login" \
        -w '\n%{http_code}')" || return 1
    [[ "${body##*$'\n'}" == 200 && "$body" == *"<h3>$(company "$1")</h3>"* ]]
}

wait_for_schools() {
    local school
    for school in "${SCHOOLS[@]}"; do
        for _i in $(seq 1 120); do
            answers "$school" && continue 2
            for node in "${WEB_NODES[@]}" cron; do
                alive "$node" || { log "$node died: tail $DIR/$node.log"; tail -20 "$DIR/$node.log" >&2; exit 1; }
            done
            sleep 2
        done
        log "$school does not answer through the proxy: see $DIR/*.log"
        exit 1
    done
}

start() {
    bash "$ROOT/scripts/setup.sh"
    install_nginx
    mkdir -p "$DIR"
    chmod 700 "$RUN_DIR"
    bash "$ROOT/scripts/replica.sh" start >/dev/null
    local school node
    for school in "${SCHOOLS[@]}"; do
        built "$school" || build_school "$school"
        if [[ -n "${NAME[$school]:-}" && "$(company "$school")" != "${NAME[$school]}" ]]; then
            name_school "$school"
        fi
    done
    write_configs
    for node in "${WEB_NODES[@]}" cron; do
        start_node "$node"
    done
    start_nginx
    wait_for_schools
    cat <<MSG

  The district: nginx on $DISTRICT_LISTEN:$DISTRICT_PORT in front of ${#WEB_NODES[@]} web nodes \
(${DISTRICT_WORKERS} workers each) and a cron node
    http://school1.$DISTRICT_DOMAIN:$DISTRICT_PORT  the demo school: school_admin, deputy, class_teacher,
                                   teacher, student, parent (password = login)
    http://school2.$DISTRICT_DOMAIN:$DISTRICT_PORT  generated, 300 pupils: tadmin, t001…t028 (password = login)
    http://school3.$DISTRICT_DOMAIN:$DISTRICT_PORT  generated, 600 pupils: tadmin, t001…t050 (password = login)
  Streaming replica: PGPORT=$REPLICA_PORT (cluster $REPLICA_NAME). Logs: $DIR/
  make district-stop stops it all.

MSG
}

# stop_pid NAME: TERM to its process group, KILL after 30 s
stop_pid() {
    local name="$1" pid
    pid="$(cat "$DIR/$name.pid" 2>/dev/null)" || return 0
    if alive "$name"; then
        log "stopping $name ($pid)"
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
        for _i in $(seq 1 30); do
            kill -0 -- "-$pid" 2>/dev/null || break
            sleep 1
        done
        kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$DIR/$name.pid"
}

stop() {
    if alive nginx; then
        log "stopping nginx"
        nginx -c "$DIR/nginx.conf" -p "$DIR" -e "$DIR/nginx-error.log" -s quit
        for _i in $(seq 1 20); do
            alive nginx || break
            sleep 0.5
        done
    fi
    local node
    for node in "${WEB_NODES[@]}" cron; do
        stop_pid "$node"
    done
    bash "$ROOT/scripts/replica.sh" stop
}

status() {
    local node school
    for node in nginx "${WEB_NODES[@]}" cron; do
        if alive "$node"; then echo "$node: running ($(cat "$DIR/$node.pid"))"; else echo "$node: stopped"; fi
    done
    for school in "${SCHOOLS[@]}"; do
        if answers "$school"; then echo "$school: answers"; else echo "$school: no answer"; fi
    done
    bash "$ROOT/scripts/replica.sh" status || true
}

drop() {
    stop
    local school
    for school in "${SCHOOLS[@]}"; do
        dropdb --if-exists "$school"
        rm -rf "${DATA_DIR:?}/filestore/$school" "$RUN_DIR/$school.conf"
    done
    log "dropped ${SCHOOLS[*]}"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    start-node) mkdir -p "$DIR"; start_node "${2:?web1, web2 or cron}" ;;
    stop-node) stop_pid "${2:?web1, web2 or cron}" ;;
    config) mkdir -p "$DIR"; write_configs; write_nginx_conf; echo "$DIR" ;;
    drop) drop ;;
    *) echo "usage: scripts/district.sh start|stop|status|start-node NODE|stop-node NODE|config|drop" >&2; exit 2 ;;
esac
