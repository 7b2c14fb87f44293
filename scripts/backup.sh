#!/usr/bin/env bash
# Backup of one journal database: a pg_dump custom-format dump (tables, the
# append-only triggers, the seal functions) plus Odoo's filestore (homework files,
# report attachments), with SHA-256 sums of both. See docs/backup-restore.md.
#
#   scripts/backup.sh DB [OUT_DIR]      -> OUT_DIR/DB-YYYYmmdd-HHMMSS.{dump,filestore.tar.gz,sha256}
#
# DATA_DIR: Odoo's data directory (the filestore is DATA_DIR/filestore/DB);
# the usual libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD) choose the server.
set -euo pipefail
DB="${1:?usage: backup.sh DB [OUT_DIR]}"
OUT_DIR="${2:-.}"
DATA_DIR="${DATA_DIR:-$HOME/.cache/school_ejournal/data}"
STAMP="$(date -u +%Y%m%d-%H%M%S)"
BASE="$OUT_DIR/$DB-$STAMP"
mkdir -p "$OUT_DIR"

# one consistent snapshot of the database, whatever runs meanwhile
pg_dump --format=custom --no-owner --no-acl --file="$BASE.dump" "$DB"
FILESTORE="$DATA_DIR/filestore/$DB"
if [[ -d "$FILESTORE" ]]; then
    tar -C "$FILESTORE" -czf "$BASE.filestore.tar.gz" .
else
    tar -czf "$BASE.filestore.tar.gz" --files-from /dev/null
fi
( cd "$OUT_DIR" && sha256sum "$(basename "$BASE.dump")" "$(basename "$BASE.filestore.tar.gz")" ) > "$BASE.sha256"
echo "$BASE"
