#!/usr/bin/env bash
# Backs up MicroSpa's PostgreSQL database to one file (pg_dump's custom format: compressed, restorable
# table by table). Usage: scripts/backup.sh [FILE]   (default: backups/microspa-<UTC time>.dump)
#
# The database and the connection come from MICROSPA_DB_NAME (default microspa) and PostgreSQL's own
# variables PGHOST, PGPORT, PGUSER, PGPASSWORD (default: the local server scripts/run.sh set up).
# The file holds health records: keep it encrypted and off the web server.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

export PGHOST="${PGHOST:-localhost}" PGPORT="${PGPORT:-$MICROSPA_DB_PORT}" PGUSER="${PGUSER:-$MICROSPA_DB_USER}" PGPASSWORD="${PGPASSWORD:-$MICROSPA_DB_PASSWORD}"
database="${MICROSPA_DB_NAME:-microspa}"
file="${1:-backups/microspa-$(date -u +%Y%m%dT%H%M%SZ).dump}"
mkdir -p "$(dirname "$file")"
umask 077

log "Backing up database $database to $file"
# One consistent snapshot, even while the app keeps writing.
pg_dump --format=custom --compress=6 --serializable-deferrable --file="$file.partial" "$database"
mv "$file.partial" "$file"
log "Done: $(du -h "$file" | cut -f1) in $file"
