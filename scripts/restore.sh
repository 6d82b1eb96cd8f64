#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into a NEW database (never over a live one).
# Usage: scripts/restore.sh FILE [DATABASE]   (default DATABASE: microspa_restored_<UTC time>)
# Then point ConnectionStrings__MicroSpa at it, or rename it once checked.
#
# Connection: PostgreSQL's variables PGHOST, PGPORT, PGUSER, PGPASSWORD (default: the local server
# scripts/run.sh set up); the user needs CREATEDB.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

if [ $# -lt 1 ] || [ ! -f "$1" ]; then
  echo "Usage: scripts/restore.sh FILE [DATABASE]  (FILE from scripts/backup.sh)" >&2
  exit 2
fi

export PGHOST="${PGHOST:-localhost}" PGPORT="${PGPORT:-$MICROSPA_DB_PORT}" PGUSER="${PGUSER:-$MICROSPA_DB_USER}" PGPASSWORD="${PGPASSWORD:-$MICROSPA_DB_PASSWORD}"
file="$1"
database="${2:-microspa_restored_$(date -u +%Y%m%dT%H%M%SZ)}"

if [ -n "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'")" ]; then
  echo "Database $database exists already: restore into a new one, then switch over." >&2
  exit 1
fi

log "Restoring $file into new database $database"
createdb "$database"
# Everything in one transaction: a failed restore leaves an empty database, never half the data.
if ! pg_restore --dbname="$database" --no-owner --exit-on-error --single-transaction "$file"; then
  dropdb "$database"
  echo "Restore failed; nothing was kept." >&2
  exit 1
fi
log "Restored into $database"
