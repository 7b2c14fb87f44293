#!/usr/bin/env bash
# `make lint`: the checks OCA runs on an addon, in their own pinned virtualenv —
# pylint-odoo (.pylintrc), ruff (ruff.toml), the XML/manifest/PO checks of OCA's
# pre-commit hooks, the checks that matter for a port (no @api.multi/@api.one, no
# _columns), the description page built from readme/, and the porting report in
# docs/porting.md. A message not in .lint-baseline.json fails the run. `make lint ARGS=--fix` lets ruff fix what it
# can and rewrites the readme page and the porting report.
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
    # (not the XML checker's --fix: it breaks one-line records)
    "$LINT_VENV/bin/python" scripts/readme.py
    "$LINT_VENV/bin/python" scripts/porting.py
fi
# pylint-odoo, ruff and OCA's XML checks: every message counted against the committed
# baseline (.lint-baseline.json): a new one fails; `make lint ARGS=--update-baseline`
# records the current (smaller) set after a clean-up
update=""; [[ "${1:-}" == "--update-baseline" ]] && update="--update"
out="$RUN_DIR/lint"; mkdir -p "$out"
gate() {
    local checker="$1"; shift
    "$@" > "$out/$checker.txt" 2>&1 || true
    "$LINT_VENV/bin/python" scripts/lint_baseline.py "$checker" "$out/$checker.txt" $update
}
check "pylint-odoo" gate pylint "$LINT_VENV/bin/pylint" --rcfile=.pylintrc school_ejournal
check "ruff" gate ruff "$LINT_VENV/bin/ruff" check --output-format=concise "${PY_DIRS[@]}"
check "OCA XML/manifest checks" gate oca "$LINT_VENV/bin/oca-checks-odoo-module" \
    school_ejournal/__manifest__.py
# po-duplicate-model-definition: Odoo 11's exporter writes each term of a view's arch as
# its own entry under the view's id (one view, many entries), as Odoo 11 reads them;
# po-pretty-format: the files are as `make i18n` (Odoo's exporter) writes them
check "OCA PO checks" "$LINT_VENV/bin/oca-checks-po" --no-verbose \
    --disable=po-duplicate-model-definition,po-pretty-format \
    school_ejournal/i18n/*.po school_ejournal/i18n/*.pot
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
