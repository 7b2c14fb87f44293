#!/usr/bin/env bash
# `make test`: a fresh throw-away database with the addon and its demo school,
# then one pytest-odoo run: the addon's tests (school_ejournal/tests/), the
# repository's checks (tests/) and the runtime's own tests (runtime/tests/).
# Extra pytest arguments pass through: `make test ARGS="-k period -x"`.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ROOT/scripts/setup.sh"

throwaway_db "${TEST_DB:-ejournal_test_$$}"
conf="$(write_config "$DB")"

set +e
PYTHONPATH="$ROOT/runtime${PYTHONPATH:+:$PYTHONPATH}" \
"$VENV/bin/python" -m pytest -p pytest_odoo311 \
    --odoo-config="$conf" --odoo-database="$DB" --odoo-http \
    -o cache_dir="$RUN_DIR/pytest_cache" \
    "$ROOT/runtime/tests" "$ROOT/school_ejournal/tests" "$ROOT/tests" "$@"
rc=$?
set -e
if [[ $rc -eq 5 ]]; then
    log "pytest collected no tests: that is a failure"
    rc=1
fi
log "tests finished in $(( $(date +%s) - start )) s with exit code $rc"
exit $rc
