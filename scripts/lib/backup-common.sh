# Sourced by backup.sh and restore.sh.

# Prints the calling script's header comment (after the #! line) as its usage, and exits.
usage() { sed -n '2,/^[^#]/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }

die() { echo "$(basename "$0" .sh): $*" >&2; exit 1; }

# pg_tool NAME prints the path of a PostgreSQL client program: from the PATH (Debian's wrapper
# picks the right version), else from the newest server install.
pg_tool() {
  if command -v "$1" >/dev/null 2>&1; then
    command -v "$1"
    return
  fi
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$bin/$1" ] || die "$1 not found (apt-get install postgresql-client)"
  echo "$bin/$1"
}
