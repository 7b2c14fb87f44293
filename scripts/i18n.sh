#!/usr/bin/env bash
# `make i18n`: export the addon's terms to i18n/school_ejournal.pot and write i18n/ru.po.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ROOT/scripts/setup.sh"
DB="ejournal_i18n_$$"
trap 'dropdb --if-exists "$DB" >/dev/null 2>&1 || true; rm -rf "$DATA_DIR/filestore/$DB" "$RUN_DIR/$DB.conf"' EXIT
create_db "$DB"
conf="$(write_config "$DB")"
out="$ROOT/school_ejournal/i18n"
mkdir -p "$out"
# Odoo 11 names the format by the extension and knows no .pot: a .po without
# --language is the template
odoo "$conf" -d "$DB" --i18n-export="$RUN_DIR/$DB.po" --modules=school_ejournal --stop-after-init --log-level=warn
mv "$RUN_DIR/$DB.po" "$out/school_ejournal.pot"
"$VENV/bin/python" "$ROOT/scripts/i18n_fill.py" "$out/school_ejournal.pot" "$out/ru.po"
log "wrote $out/school_ejournal.pot and ru.po"
