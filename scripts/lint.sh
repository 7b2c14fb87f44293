#!/usr/bin/env bash
# `make lint`: the checks OCA runs on an addon, in their own pinned virtualenv —
# pylint-odoo (.pylintrc), ruff (ruff.toml), the XML/manifest/PO checks of OCA's
# pre-commit hooks, the checks that matter for a port (no @api.multi/@api.one, no
# _columns), the description page built from readme/, and the porting report in
# docs/porting.md. Any message fails the run. `make lint ARGS=--fix` lets ruff and the
# XML checker fix what they can.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
LINT_HASH="$(sha256sum < "$ROOT/runtime/lint-requirements.txt" | cut -c1-12)"
LINT_VENV="$EJOURNAL_HOME/lint-venv-$LINT_HASH"
if [[ ! -x "$LINT_VENV/bin/pylint" ]]; then
    log "creating the lint virtualenv"
    rm -rf "$LINT_VENV"
    "$PYTHON" -m venv "$LINT_VENV"
    "$LINT_VENV/bin/pip" install -q -r "$ROOT/runtime/lint-requirements.txt" \
        || { rm -rf "$LINT_VENV"; exit 1; }
fi
[[ "${1:-}" == "--only-venv" ]] && return 0
cd "$ROOT"
fix=""; [[ "${1:-}" == "--fix" ]] && fix=1
failed=()
check() { local name="$1"; shift; log "lint: $name"; "$@" || failed+=("$name"); }

PY_DIRS=(school_ejournal runtime scripts bench tests)
if [[ -n "$fix" ]]; then
    "$LINT_VENV/bin/ruff" check --fix "${PY_DIRS[@]}" || true
    "$LINT_VENV/bin/oca-checks-odoo-module" --fix --no-verbose --no-exit school_ejournal/__manifest__.py || true
    "$LINT_VENV/bin/python" scripts/readme.py
    "$LINT_VENV/bin/python" scripts/porting.py
fi
check "pylint-odoo" "$LINT_VENV/bin/pylint" --rcfile=.pylintrc school_ejournal
check "ruff" "$LINT_VENV/bin/ruff" check --quiet "${PY_DIRS[@]}"
check "OCA XML/manifest checks" "$LINT_VENV/bin/oca-checks-odoo-module" --no-verbose school_ejournal/__manifest__.py
check "OCA PO checks" "$LINT_VENV/bin/oca-checks-po" --no-verbose school_ejournal/i18n/*.po school_ejournal/i18n/*.pot
port_check() {
    # decorators and attributes Odoo 13+ no longer has: the port must not meet them
    ! grep -rnE "@api\.(multi|one|cr|model_cr|returns|v7|v8)\b|^\s*_columns\s*=|^\s*_defaults\s*=" \
        --include=*.py school_ejournal
}
check "port readiness (no @api.multi/@api.one/_columns)" port_check
check "description page from readme/" "$LINT_VENV/bin/python" scripts/readme.py --check
check "porting report (docs/porting.md)" "$LINT_VENV/bin/python" scripts/porting.py --check
if ((${#failed[@]})); then
    log "lint failed: ${failed[*]}"
    exit 1
fi
log "lint clean"
