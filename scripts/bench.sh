#!/usr/bin/env bash
# `make bench`: a large school (1,200 pupils, 44 classes, a year of lessons and
# grades) in a fresh database, then the benchmark (ratios to floors, JSON in
# bench/results/). `bench.sh --load` runs the quarter-end load test instead, on
# the database of the last bench run (made first if missing); `bench.sh --district`
# the district load test (scripts/district_bench.sh); `bench.sh --scaling` the
# scaling table: schools of SCALING_SIZES pupils (default 300 1200 3000) built by the
# same generator, the per-lesson and whole-school operations on each (bench/scaling.py).
# BENCH_DB (default h9_bench), BENCH_REPS, LOAD_USERS, LOAD_SECONDS may be set.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
if [[ "${1:-}" == "--district" ]]; then
    shift
    exec bash "$ROOT/scripts/district_bench.sh" "$@"
fi
bash "$ROOT/scripts/setup.sh"

DB="${BENCH_DB:-h9_bench}"
STRUCT_DB="${DB}_struct"
conf="$(write_config "$DB")"
write_config "$STRUCT_DB" >/dev/null
py() { PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}" "$VENV/bin/python" "$@"; }

# build [GENERATOR ARGS]: the school in $DB (and its structure in $STRUCT_DB)
build() {
    local start=$(date +%s)
    dropdb --if-exists "$DB" >/dev/null 2>&1 || true
    dropdb --if-exists "$STRUCT_DB" >/dev/null 2>&1 || true
    rm -rf "$DATA_DIR/filestore/$DB" "$DATA_DIR/filestore/$STRUCT_DB"
    log "creating $DB: the addon without demo data, Russian"
    install_addon "$DB" "$conf" --without-demo=all --load-language=ru_RU
    py "$ROOT/bench/generate.py" -c "$conf" -d "$DB" --phase structure "$@"
    # the structure alone, for measuring lesson generation again and again
    createdb -T "$DB" "$STRUCT_DB"
    py "$ROOT/bench/generate.py" -c "$conf" -d "$DB" --phase journal "$@"
    log "large school built in $(( $(date +%s) - start )) s"
}

if [[ "${1:-}" == "--load" ]]; then
    shift
    db_exists "$DB" || build
    py "$ROOT/bench/loadtest.py" -c "$conf" -d "$DB" -n "${LOAD_USERS:-50}" --seconds "${LOAD_SECONDS:-60}" "$@"
    exit $?
fi

if [[ "${1:-}" == "--scaling" ]]; then
    shift
    start=$(date +%s)
    letters=(А Б В Г Д Е Ж З И К Л М Н О П)
    reports=()
    for pupils in ${SCALING_SIZES:-300 1200 3000}; do
        # 11 grades of ~27 pupils a class, teachers in proportion (90 for 1,200 pupils)
        n=$(( (pupils + 299) / 300 ))
        DB="h9_scale_$pupils"; STRUCT_DB="${DB}_struct"
        conf="$(write_config "$DB")"; write_config "$STRUCT_DB" >/dev/null
        build --students "$pupils" --letters "$(printf '%s' "${letters[@]:0:$n}")" --teachers $(( pupils * 90 / 1200 > 25 ? pupils * 90 / 1200 : 25 ))
        out="$(py "$ROOT/bench/benchmark.py" -c "$conf" -d "$DB" --reps "${BENCH_REPS:-3}" \
               --only rpc,suggest,crons,journal,metrics "$@" | tee /dev/stderr | sed -n 's/^JSON: \(.*\) (benchmark.*/\1/p')"
        reports+=("$out")
        dropdb --if-exists "$STRUCT_DB" >/dev/null 2>&1 || true
    done
    py "$ROOT/bench/scaling.py" "${reports[@]}"
    log "scaling table finished in $(( $(date +%s) - start )) s"
    exit 0
fi

start=$(date +%s)
build
py "$ROOT/bench/benchmark.py" -c "$conf" -d "$DB" --struct-db "$STRUCT_DB" --reps "${BENCH_REPS:-5}" "$@"
log "make bench finished in $(( $(date +%s) - start )) s"
