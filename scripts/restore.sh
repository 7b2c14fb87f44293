#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into a NEW database (never over an
# existing one): checks the SHA-256 sums, creates NEW_DB, restores the dump and
# the filestore. See docs/backup-restore.md.
#
#   scripts/restore.sh BACKUP_BASE NEW_DB    (BACKUP_BASE = what backup.sh printed)
set -euo pipefail
BASE="${1:?usage: restore.sh BACKUP_BASE NEW_DB}"
NEW_DB="${2:?usage: restore.sh BACKUP_BASE NEW_DB}"
DATA_DIR="${DATA_DIR:-$HOME/.cache/school_ejournal/data}"

( cd "$(dirname "$BASE")" && sha256sum --check --quiet "$(basename "$BASE").sha256" ) \
    || { echo "restore: checksums do not match, the backup is damaged" >&2; exit 2; }
if psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$NEW_DB'" | grep -q 1; then
    echo "restore: database $NEW_DB exists; restore into a new database" >&2
    exit 3
fi
FILESTORE="$DATA_DIR/filestore/$NEW_DB"
if [[ -e "$FILESTORE" ]]; then
    echo "restore: $FILESTORE exists" >&2
    exit 3
fi
createdb "$NEW_DB"
pg_restore --no-owner --no-acl --exit-on-error --dbname="$NEW_DB" "$BASE.dump"
mkdir -p "$FILESTORE"
tar -C "$FILESTORE" -xzf "$BASE.filestore.tar.gz"
echo "$NEW_DB"
