#!/usr/bin/env bash
# Nightly backup of SOM's PostgreSQL database: one full, consistent pg_dump (custom format),
# kept for SOM_BACKUP_DAYS days. Run by som-backup.timer as a user that may read the database
# (PGPASSFILE or peer authentication; no password in this file).
set -euo pipefail

target="${SOM_BACKUP_DIR:-/var/backups/som}"
days="${SOM_BACKUP_DAYS:-35}"
database="${SOM_BACKUP_DATABASE:-som}"
stamp="$(date -u +%Y-%m-%dT%H%M%SZ)"

umask 077
mkdir -p "$target"
# One transaction-consistent snapshot of the whole database: the access log, overrides and
# decisions are append-only and hash-chained, so they are only ever restored all together.
pg_dump --format=custom --no-owner --file="$target/som-$stamp.dump.partial" "$database"
mv "$target/som-$stamp.dump.partial" "$target/som-$stamp.dump"
# A dump that cannot be listed is no backup.
pg_restore --list "$target/som-$stamp.dump" >/dev/null
find "$target" -name 'som-*.dump' -mtime +"$days" -delete
