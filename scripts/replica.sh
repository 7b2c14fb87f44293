#!/usr/bin/env bash
# A streaming replica of this machine's PostgreSQL cluster, the way a district runs
# one for reports and backups (docs/scale-out.md): a second Debian cluster on
# REPLICA_PORT, copied by pg_basebackup -R (it follows the primary by streaming
# WAL and answers read-only queries).
#
#   scripts/replica.sh start     create (once) and start it; prints its port
#   scripts/replica.sh status    its state and how far it is behind the primary
#   scripts/replica.sh stop      stop it and remove it (it is only a copy)
#
# Read from it with the usual libpq variables: PGPORT=$REPLICA_PORT psql -d DB,
# or PGPORT=$REPLICA_PORT scripts/backup.sh DB for the nightly backup.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
REPLICA_PORT="${REPLICA_PORT:-5433}"
NAME="${REPLICA_NAME:-replica}"

primary() {
    # the cluster scripts/setup.sh started: version and port
    pg_lsclusters -h | awk -v name="$NAME" '$2 != name {print $1, $3; exit}'
}

start() {
    bash "$ROOT/scripts/setup.sh"
    read -r ver port <<<"$(primary)"
    if ! pg_lsclusters -h | awk '{print $2}' | grep -qx "$NAME"; then
        log "copying the primary (PostgreSQL $ver, port $port) into the replica on port $REPLICA_PORT"
        pg_createcluster "$ver" "$NAME" -p "$REPLICA_PORT" >/dev/null
        local data="/var/lib/postgresql/$ver/$NAME"
        rm -rf "${data:?}"/*
        # -R writes standby.signal and the primary's address; -X stream copies the WAL
        # of the copy's own time; peer replication over the local socket as postgres
        su postgres -c "pg_basebackup -p $port -D '$data' -R -X stream -c fast" 9>&-
    fi
    if ! pg_lsclusters -h | awk -v name="$NAME" '$2 == name {print $4}' | grep -q online; then
        pg_ctlcluster "$ver" "$NAME" start 9>&-
    fi
    for _i in $(seq 1 60); do
        if [[ "$(psql -p "$REPLICA_PORT" -d postgres -tAc 'SELECT pg_is_in_recovery()' 2>/dev/null)" == t ]]; then
            log "replica online on port $REPLICA_PORT (read-only, streaming from port $port)"
            echo "$REPLICA_PORT"
            return
        fi
        sleep 1
    done
    log "the replica did not come up: pg_lsclusters; /var/log/postgresql/postgresql-$ver-$NAME.log"
    exit 1
}

status() {
    pg_lsclusters -h | awk -v name="$NAME" '$2 == name'
    psql -p "$REPLICA_PORT" -d postgres -tAc "SELECT 'in recovery: ' || pg_is_in_recovery()
        || ', replayed: ' || coalesce(pg_last_wal_replay_lsn()::text, '-')
        || ', last transaction replayed at: ' || coalesce(pg_last_xact_replay_timestamp()::text, '-')"
    read -r _ver port <<<"$(primary)"
    psql -p "$port" -d postgres -tAc "SELECT 'primary sees: ' || application_name || ' ' || state
        || ', lag ' || coalesce(replay_lag::text, '0') FROM pg_stat_replication"
}

stop() {
    local ver
    ver="$(pg_lsclusters -h | awk -v name="$NAME" '$2 == name {print $1}')"
    if [[ -n "$ver" ]]; then
        pg_dropcluster --stop "$ver" "$NAME"
        log "replica stopped and removed"
    fi
}

case "${1:-}" in
    start) start ;;
    status) status ;;
    stop) stop ;;
    *) echo "usage: scripts/replica.sh start|status|stop" >&2; exit 2 ;;
esac
