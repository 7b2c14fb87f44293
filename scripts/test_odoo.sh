#!/usr/bin/env bash
# `make test-odoo`: the addon's tests through Odoo's own runner, as an Odoo
# installation would run them: a fresh database with the addon, its demo school
# and Russian (what the tests start from), then `-u school_ejournal --test-enable`.
# Every test is post-install (school_ejournal/tests/__init__.py); the browser
# scenarios skip themselves there (`make test` runs them). Exit code: Odoo's.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ROOT/scripts/setup.sh"

LOG="$RUN_DIR/test-odoo.log"
rm -f "$LOG"  # Odoo appends to its log file
throwaway_db "${TEST_DB:-ejournal_odootest_$$}"
log "tests (log: $LOG)"
conf="$(write_config "$DB")"

set +e
odoo "$conf" -d "$DB" -u school_ejournal --test-enable --stop-after-init \
    --log-level=info --logfile="$LOG" "$@"
rc=$?
set -e
# unittest's summary per test module: "Ran N tests", "OK (skipped=K)"
ran=$(grep -oE 'Ran [0-9]+ test' "$LOG" | awk '{s += $2} END {print s + 0}')
skipped=$(grep -oE 'skipped=[0-9]+' "$LOG" | awk -F= '{s += $2} END {print s + 0}')
failed=$(grep -cE 'odoo.addons.school_ejournal.tests[^ ]*: (FAIL|ERROR): ' "$LOG" || true)
grep -oE 'odoo.addons.school_ejournal.tests[^ ]*: (FAIL|ERROR): .*' "$LOG" | cut -d' ' -f2- || true
log "Odoo's runner: $ran tests ran, $skipped of them skipped, $failed failed or erred; $(( $(date +%s) - start )) s, exit code $rc"
if [[ $ran -eq 0 ]]; then
    log "Odoo's runner ran no tests: that is a failure"
    rc=1
fi
exit $rc
