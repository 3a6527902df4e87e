#!/usr/bin/env bash
# Restores a backup written by scripts/backup.sh. Stop the gateway (every node) first.
#   scripts/restore.sh --input FILE --data-dir DIR [--database URI] [--force]
# --database: the database to restore into, as a libpq connection URI; create it empty first
#   (createdb -O poststelle poststelle). A database that already holds tables, or a data directory
#   that is not empty, is refused unless --force is given. With --force the objects of the dump
#   replace those in the database, in one transaction, and the old data directory is kept as
#   DIR.before-restore-<time>.
set -euo pipefail

source "$(dirname "$0")/lib/backup-common.sh"

input= data_dir= database= force=false
while [ $# -gt 0 ]; do
  case "$1" in
    --input) input=${2:?}; shift 2 ;;
    --data-dir) data_dir=${2:?}; shift 2 ;;
    --database) database=${2:?}; shift 2 ;;
    --force) force=true; shift ;;
    *) usage ;;
  esac
done
[ -n "$input" ] && [ -n "$data_dir" ] || usage
[ -f "$input" ] || die "backup file $input does not exist"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xf "$input"
backup=$work/poststelle-backup
[ -f "$backup/manifest" ] && [ -f "$backup/data-dir.tar.gz" ] || die "$input is not a Poststelle backup"
if [ -f "$backup/database.dump" ] && [ -z "$database" ]; then
  die "the backup holds a database dump: give --database"
fi
if [ -n "$database" ] && [ ! -f "$backup/database.dump" ]; then
  die "the backup holds no database dump (it was taken without --database)"
fi

# Check both targets before changing either, so a refusal leaves everything as it was.
if [ -n "$database" ]; then
  tables=$("$(pg_tool psql)" --dbname="$database" -XAtq -c \
    "select count(*) from pg_tables where schemaname not in ('pg_catalog', 'information_schema')") \
    || die "cannot connect to the database"
  if [ "$tables" != 0 ] && ! $force; then
    die "the database already holds $tables tables; refusing to overwrite it without --force"
  fi
fi
if [ -d "$data_dir" ] && [ -n "$(ls -A "$data_dir")" ] && ! $force; then
  die "data directory $data_dir is not empty; refusing to overwrite it without --force"
fi

if [ -n "$database" ]; then
  "$(pg_tool pg_restore)" --dbname="$database" --no-owner --single-transaction --exit-on-error \
    $($force && echo --clean --if-exists) "$backup/database.dump" || die "pg_restore failed; the database is unchanged"
fi
if [ -d "$data_dir" ] && [ -n "$(ls -A "$data_dir")" ]; then
  kept=$data_dir.before-restore-$(date -u +%Y%m%dT%H%M%SZ)
  mv "$data_dir" "$kept"
  echo "restore: kept the old data directory as $kept" >&2
fi
mkdir -p "$data_dir"
tar -C "$data_dir" -xzpf "$backup/data-dir.tar.gz"
echo "restore: restored $input ($(grep '^created=' "$backup/manifest"))" >&2
