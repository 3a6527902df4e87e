# Sourced by backup.sh and restore.sh. pg_tool NAME prints the path of a PostgreSQL client program:
# from the PATH (Debian's wrapper picks the right version), else from the newest server install.
pg_tool() {
  if command -v "$1" >/dev/null 2>&1; then
    command -v "$1"
    return
  fi
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$bin/$1" ] || { echo "$1 not found (apt-get install postgresql-client)" >&2; return 1; }
  echo "$bin/$1"
}
