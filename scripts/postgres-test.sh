#!/usr/bin/env bash
# A throwaway PostgreSQL server on 127.0.0.1 for the store tests (tests/store run against it when
# FRAMESCOPE_TEST_PG is set).
#
#   eval "$(bash scripts/postgres-test.sh start)"   # prints: export FRAMESCOPE_TEST_PG=postgresql://...
#   bash scripts/postgres-test.sh stop               # stops the server and deletes its data directory
#
# `start` installs Debian's postgresql package when it is missing and we may (root with apt-get, as on CI),
# makes a fresh data directory (initdb as the postgres user when we are root), starts the server on a free
# loopback port with durability off (test data only), and creates a role and a database with a random
# password. It is idempotent: a server this script started earlier is reused. When PostgreSQL cannot be had,
# it says why on stderr and prints nothing on stdout, and the store tests run on SQLite only.
# Everything but the export line goes to stderr, so that `eval "$(... start)"` is safe.
set -euo pipefail

STATE="${FRAMESCOPE_PG_STATE:-${TMPDIR:-/tmp}/framescope-pg}"  # holds the data directory, log and env file
ENV_FILE="$STATE/env"

say() { echo "postgres-test: $*" >&2; }

pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; fi
}

as_owner() {  # run a PostgreSQL tool as the owner of the data directory (initdb refuses to run as root)
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

install_postgres() {
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    say "PostgreSQL is not installed: run 'sudo apt-get install postgresql' to test the store on it (SQLite only now)."
    return 1
  fi
  say "installing Debian's postgresql package..."
  # No default cluster: this script makes its own throwaway one, and a second server would only cost time.
  if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.conf
  fi
  apt-get update -qq >&2
  # --force-confold keeps the createcluster.conf written above (dpkg would otherwise ask about it)
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold postgresql >/dev/null
}

running() {
  local bin="$1"
  [ -f "$STATE/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$STATE/data" status >/dev/null 2>&1
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  local bin port password
  bin=$(pg_bindir)
  if [ -z "$bin" ]; then
    install_postgres || return 0
    bin=$(pg_bindir)
    if [ -z "$bin" ]; then say "postgresql installed but no initdb found"; return 0; fi
  fi
  if running "$bin" && [ -f "$ENV_FILE" ]; then
    say "reusing the server in $STATE"
    cat "$ENV_FILE"
    return 0
  fi
  rm -rf "$STATE"
  mkdir -p "$STATE"
  chmod 700 "$STATE"
  [ "$(id -u)" = "0" ] && chown postgres: "$STATE"
  password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
  port=$(free_port)
  printf '%s\n' "$password" >"$STATE/pwfile"
  [ "$(id -u)" = "0" ] && chown postgres: "$STATE/pwfile"
  as_owner "$bin/initdb" -D "$STATE/data" -U postgres --pwfile="$STATE/pwfile" \
    --auth-local=peer --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  rm -f "$STATE/pwfile"
  # Loopback only; the socket lives in the state folder (no /var/run needed); durability off: test data.
  as_owner "$bin/pg_ctl" -D "$STATE/data" -l "$STATE/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $STATE -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null
  as_owner "$bin/psql" -h "$STATE" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
    -c "CREATE ROLE framescope LOGIN CREATEDB PASSWORD '$password'" \
    -c "CREATE DATABASE framescope OWNER framescope" >/dev/null
  echo "export FRAMESCOPE_TEST_PG=postgresql://framescope:$password@127.0.0.1:$port/framescope" >"$ENV_FILE"
  chmod 600 "$ENV_FILE"
  say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $STATE)"
  cat "$ENV_FILE"
}

stop() {
  local bin
  bin=$(pg_bindir)
  if [ -n "$bin" ] && running "$bin"; then
    as_owner "$bin/pg_ctl" -D "$STATE/data" -m fast -w stop >/dev/null
    say "stopped the server in $STATE"
  fi
  rm -rf "$STATE"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
