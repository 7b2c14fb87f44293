#!/usr/bin/env bash
# `make test-district`: the district's parts that a single-node `make test` cannot
# show, on a throw-away demo database: the streaming replica (scripts/replica.sh),
# started here and removed afterwards. Extra pytest arguments pass through.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ROOT/scripts/setup.sh"

throwaway_db "${TEST_DB:-ejournal_district_$$}"
conf="$(write_config "$DB")"
# the copy is taken after the database exists; later changes stream
port="$(bash "$ROOT/scripts/replica.sh" start | tail -1)"
trap 'bash "$ROOT/scripts/replica.sh" stop; _drop_throwaway_db' EXIT

set +e
EJOURNAL_REPLICA_PORT="$port" EJOURNAL_CONF="$conf" EJOURNAL_DB="$DB" \
PYTHONPATH="$ROOT/runtime${PYTHONPATH:+:$PYTHONPATH}" \
"$VENV/bin/python" -m pytest -p pytest_odoo311 \
    --odoo-config="$conf" --odoo-database="$DB" \
    -o cache_dir="$RUN_DIR/pytest_cache" \
    "$ROOT/tests/test_district_replica.py" "$@"
rc=$?
set -e
log "district tests finished in $(( $(date +%s) - start )) s with exit code $rc"
exit $rc
