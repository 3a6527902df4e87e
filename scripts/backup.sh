#!/usr/bin/env bash
# Backs up a Poststelle node: the PostgreSQL database (queue, tenants, audit log …) and the data
# directory (key store with its master key, TLS key, and the H2 database where no PostgreSQL is
# used) into one tar file.
#   scripts/backup.sh --data-dir DIR [--database URI] --output FILE [--force]
# --database takes a libpq connection URI, e.g. postgresql://poststelle@db:5432/poststelle; the
#   password comes from PGPASSWORD or ~/.pgpass. Without it only the data directory is saved
#   (the H2 setup: stop the gateway first, H2 files are not consistent while it runs).
# pg_dump takes a consistent snapshot while the gateway runs. The log directory is left out.
# The file holds the master key of the key store: keep it as safe as the key store itself.
set -euo pipefail

source "$(dirname "$0")/lib/backup-common.sh"

data_dir= database= output= force=false
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir) data_dir=${2:?}; shift 2 ;;
    --database) database=${2:?}; shift 2 ;;
    --output) output=${2:?}; shift 2 ;;
    --force) force=true; shift ;;
    *) usage ;;
  esac
done
[ -n "$data_dir" ] && [ -n "$output" ] || usage
[ -d "$data_dir" ] || die "data directory $data_dir does not exist"
if [ -e "$output" ] && ! $force; then
  die "$output exists; refusing to overwrite it without --force"
fi

umask 077
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/poststelle-backup"

if [ -n "$database" ]; then
  "$(pg_tool pg_dump)" --format=custom --no-owner --dbname="$database" --file="$work/poststelle-backup/database.dump" \
    || die "pg_dump failed"
fi
tar -C "$data_dir" --exclude=./log -czf "$work/poststelle-backup/data-dir.tar.gz" .
{
  echo "created=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host=$(hostname)"
  echo "database=$([ -n "$database" ] && echo yes || echo no)"
} >"$work/poststelle-backup/manifest"

tar -C "$work" -cf "$output.partial" poststelle-backup
mv "$output.partial" "$output"
echo "backup: wrote $output ($(du -h "$output" | cut -f1))" >&2
