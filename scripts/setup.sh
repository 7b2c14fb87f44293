#!/usr/bin/env bash
# Idempotent set-up on Debian 12 as root: system packages, the virtualenv with
# Odoo 11 and its pins, the printing tools, and a running PostgreSQL with a role
# for the current user. Safe to run before every command; fast when all is there.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

# What is needed, as "command-or-package:debian-package" pairs: a command found on
# the PATH (or an installed package) is enough, so Node.js from another source counts.
REQUIREMENTS=(pg_ctlcluster:postgresql psql:postgresql-client libpq-dev:libpq-dev
              libldap2-dev:libldap2-dev libsasl2-dev:libsasl2-dev gcc:build-essential
              npm:npm pdftotext:poppler-utils fc-list:fontconfig
              chromium:chromium chromedriver:chromium-driver)

install_system_packages() {
    local missing=() want pkg
    for pair in "${REQUIREMENTS[@]}"; do
        want="${pair%%:*}" pkg="${pair##*:}"
        command -v "$want" >/dev/null 2>&1 || dpkg -s "$want" >/dev/null 2>&1 || missing+=("$pkg")
    done
    if ((${#missing[@]})); then
        log "installing system packages: ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

build_legacy_wheels() {
    local wheels="$EJOURNAL_HOME/wheels"
    if ls "$wheels"/vatnumber-*.whl "$wheels"/suds_jurko-*.whl >/dev/null 2>&1; then
        return
    fi
    log "building legacy wheels (setuptools < 58)"
    local build_venv="$EJOURNAL_HOME/build-venv"
    "$PYTHON" -m venv "$build_venv"
    "$build_venv/bin/pip" install -q 'setuptools<58' wheel
    "$build_venv/bin/pip" wheel -q --no-deps --no-build-isolation -w "$wheels" \
        -r "$ROOT/runtime/build-requirements.txt"
}

create_venv() {
    if [[ -f "$VENV/.complete" ]]; then
        return
    fi
    log "creating virtualenv $VENV"
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/pip" install -q --upgrade pip 'setuptools<70' wheel
    "$VENV/bin/pip" install -q --find-links "$EJOURNAL_HOME/wheels" \
        -r "$ROOT/runtime/requirements.txt" -r "$ROOT/runtime/test-requirements.txt"
    "$VENV/bin/pip" install -q --no-deps -r "$ROOT/runtime/oca-requirements.txt"
    if [[ -x "$ROOT/scripts/setup_print.sh" ]]; then
        bash "$ROOT/scripts/setup_print.sh" "$VENV"
    fi
    touch "$VENV/.complete"
    ln -sfn "$VENV" "$EJOURNAL_HOME/venv"
}

start_postgres() {
    # An existing server can be used through the usual PG* variables.
    if [[ -n "${PGHOST:-}" ]]; then
        return
    fi
    local version
    version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
    if ! pg_lsclusters -h 2>/dev/null | grep -q .; then
        pg_createcluster "$version" main >/dev/null
    fi
    local cluster
    cluster="$(pg_lsclusters -h | head -1)"
    read -r ver name port status _ <<<"$cluster"
    if [[ "$status" != online* ]]; then
        log "starting PostgreSQL $ver/$name"
        # 9>&-: the server must not inherit the set-up lock (it would hold it for good)
        pg_ctlcluster "$ver" "$name" start 9>&-
    fi
    local me
    me="$(id -un)"
    if ! su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='$me'\"" | grep -q 1; then
        su postgres -c "createuser --superuser '$me'"
    fi
}

mkdir -p "$EJOURNAL_HOME" "$RUN_DIR" "$DATA_DIR"
# one set-up at a time on this machine (parallel test runs share the venv)
exec 9>"$EJOURNAL_HOME/setup.lock"
flock 9
install_system_packages
build_legacy_wheels
create_venv
start_postgres
