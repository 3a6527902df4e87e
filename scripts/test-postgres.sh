#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL cluster for the test suite, on loopback only.
#   scripts/test-postgres.sh start   -> prints the JDBC URL on stdout
#   scripts/test-postgres.sh stop
#   scripts/test-postgres.sh resume  -> starts a stopped cluster again, data kept (fault tests)
# Uses Debian's PostgreSQL server binaries (package postgresql). As root, the server runs as the
# 'postgres' user because PostgreSQL refuses to run as root.
set -euo pipefail
dir=${POSTSTELLE_PG_DIR:-/tmp/poststelle-test-pg}
port=${POSTSTELLE_PG_PORT:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/pg_ctl" ]; then
  echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2
  exit 3
fi
as_db_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
start_server() {
  # fsync=off: a throwaway cluster for tests; durability is PostgreSQL's job, not what we test here.
  as_db_user "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
}
case "${1:-}" in
  start)
    if [ -f "$dir/postmaster.pid" ] && as_db_user "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      as_db_user "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    as_db_user "$bin/initdb" -D "$dir" -U poststelle --auth=trust -E UTF8 >"$dir.initdb.log" 2>&1 \
      || { cat "$dir.initdb.log" >&2; exit 1; }
    start_server
    as_db_user "$bin/createdb" -h 127.0.0.1 -p "$port" -U poststelle poststelle_test
    echo "jdbc:postgresql://127.0.0.1:$port/poststelle_test?user=poststelle"
    ;;
  resume)
    start_server
    ;;
  stop)
    if [ -d "$dir" ]; then as_db_user "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true; fi
    ;;
  *)
    echo "usage: $0 start|stop|resume" >&2
    exit 2
    ;;
esac
