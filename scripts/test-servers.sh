#!/usr/bin/env bash
# Starts private PostgreSQL and MariaDB servers for NexuSQL's tests, installing them when missing.
#
#   scripts/test-servers.sh start    # install if needed, start, print the URLs as `export ...` lines
#   scripts/test-servers.sh stop
#   eval "$(scripts/test-servers.sh start)"
#
# Servers run as the postgres / mysql system users (never as root), on loopback only, with their data in
# $NEXUSQL_SERVERS_DIR (default /tmp/nexusql-servers). Ports: PostgreSQL 55432, MariaDB 53306, and a fresh
# PostgreSQL primary (55434) + hot standby (55435) pair with streaming replication, recreated on every start
# because the failover test stops the primary and promotes the standby.
# Progress goes to stderr; stdout carries only the export lines.
set -euo pipefail

DIR=${NEXUSQL_SERVERS_DIR:-/tmp/nexusql-servers}
PG_PORT=${NEXUSQL_PG_PORT:-55432}
MY_PORT=${NEXUSQL_MYSQL_PORT:-53306}
PAIR_PORT=${NEXUSQL_PG_PAIR_PORT:-55434}   # the standby listens on PAIR_PORT + 1
log() { echo "test-servers: $*" >&2; }

as_user() { # run as a service user when root, as ourselves otherwise
  local user=$1; shift
  if [ "$(id -u)" = 0 ]; then runuser -u "$user" -- "$@"; else "$@"; fi
}

apt_updated=0
apt_install() {
  if [ "$(id -u)" != 0 ]; then log "cannot install $* without root; install it and re-run"; return 1; fi
  if [ $apt_updated = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2; apt_updated=1; fi
  log "installing $*"
  # Do not let the packages start their own system-wide servers.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

start_postgres() {
  local bin; bin=$(pg_bin)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then apt_install postgresql >/dev/null; bin=$(pg_bin); fi
  local data=$DIR/pg
  mkdir -p "$DIR"; chmod 755 "$DIR"
  if [ "$(id -u)" = 0 ]; then id postgres >/dev/null 2>&1 || useradd -r -m postgres; fi
  if [ ! -f "$data/PG_VERSION" ]; then
    log "initdb $data"
    mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown postgres "$data"
    as_user postgres "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >&2
    {
      echo "listen_addresses = '127.0.0.1'"
      echo "port = $PG_PORT"
      echo "unix_socket_directories = '$data'"
      echo "max_connections = 300"
      echo "fsync = off"
      echo "synchronous_commit = off"
      echo "max_prepared_transactions = 20"
    } >> "$data/postgresql.conf"
    [ "$(id -u)" = 0 ] && chown postgres "$data/postgresql.conf"
  fi
  if ! as_user postgres "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as_user postgres "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start >&2 \
      || { log "PostgreSQL did not start; the end of $data/server.log:"; tail -5 "$data/server.log" >&2; return 1; }
  fi
  echo "export NEXUSQL_TEST_POSTGRESQL_URL='postgresql://postgres@127.0.0.1:$PG_PORT/postgres'"
}

start_replication_pair() {
  local bin; bin=$(pg_bin)
  local primary=$DIR/pg-primary standby=$DIR/pg-standby standby_port=$((PAIR_PORT + 1))
  for d in "$standby" "$primary"; do
    [ -f "$d/PG_VERSION" ] && as_user postgres "$bin/pg_ctl" -D "$d" -m immediate stop >/dev/null 2>&1 || true
  done
  rm -rf "$primary" "$standby"
  mkdir -p "$primary"; [ "$(id -u)" = 0 ] && chown postgres "$primary"
  log "initdb $primary (replication pair)"
  as_user postgres "$bin/initdb" -D "$primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  printf "listen_addresses = '127.0.0.1'\nport = %s\nunix_socket_directories = '%s'\nfsync = off\nwal_level = replica\nmax_wal_senders = 5\n" \
    "$PAIR_PORT" "$primary" >> "$primary/postgresql.conf"
  as_user postgres "$bin/pg_ctl" -D "$primary" -l "$primary/server.log" -w -t 60 start >&2 \
    || { log "the pair's primary did not start"; tail -5 "$primary/server.log" >&2; return 1; }
  mkdir -p "$standby"; [ "$(id -u)" = 0 ] && chown postgres "$standby"; chmod 700 "$standby"
  as_user postgres "$bin/pg_basebackup" -h 127.0.0.1 -p "$PAIR_PORT" -U postgres -D "$standby" -R -X stream >&2
  printf "port = %s\nunix_socket_directories = '%s'\n" "$standby_port" "$standby" >> "$standby/postgresql.conf"
  log "starting the hot standby on 127.0.0.1:$standby_port"
  as_user postgres "$bin/pg_ctl" -D "$standby" -l "$standby/server.log" -w -t 60 start >&2 \
    || { log "the standby did not start"; tail -5 "$standby/server.log" >&2; return 1; }
  echo "export NEXUSQL_TEST_PG_PAIR_URL='postgresql://postgres@127.0.0.1:$PAIR_PORT,127.0.0.1:$standby_port/postgres'"
  echo "export NEXUSQL_TEST_PG_PAIR_DIR='$DIR'"
}

start_mariadb() {
  if ! command -v mariadbd >/dev/null 2>&1 && [ ! -x /usr/sbin/mariadbd ]; then apt_install mariadb-server >/dev/null; fi
  local mariadbd; mariadbd=$(command -v mariadbd || echo /usr/sbin/mariadbd)
  local data=$DIR/mariadb
  mkdir -p "$DIR"; chmod 755 "$DIR"
  if [ ! -d "$data/mysql" ]; then
    log "mariadb-install-db $data"
    mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown mysql "$data"
    as_user mysql mariadb-install-db --datadir="$data" --auth-root-authentication-method=normal \
      --skip-test-db >"$DIR/mariadb-install.log" 2>&1 || { cat "$DIR/mariadb-install.log" >&2; return 1; }
  fi
  if ! mariadb-admin --protocol=tcp -h127.0.0.1 -P"$MY_PORT" -uroot ping >/dev/null 2>&1; then
    log "starting MariaDB on 127.0.0.1:$MY_PORT"
    as_user mysql "$mariadbd" --no-defaults --datadir="$data" --port="$MY_PORT" --bind-address=127.0.0.1 \
      --socket="$data/sock" --pid-file="$data/pid" --log-error="$data/server.log" \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci --innodb-flush-log-at-trx-commit=0 --max-connections=500 --skip-name-resolve >/dev/null 2>&1 &
    for _ in $(seq 1 60); do
      mariadb-admin --protocol=tcp -h127.0.0.1 -P"$MY_PORT" -uroot ping >/dev/null 2>&1 && break
      sleep 1
    done
    mariadb-admin --protocol=tcp -h127.0.0.1 -P"$MY_PORT" -uroot ping >/dev/null 2>&1 \
      || { log "MariaDB did not start; see $data/server.log"; tail -20 "$data/server.log" >&2; return 1; }
    # root@127.0.0.1 over TCP without password, as on a fresh install with normal authentication
    mariadb --protocol=tcp -h127.0.0.1 -P"$MY_PORT" -uroot -e \
      "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;" 2>/dev/null || true
  fi
  echo "export NEXUSQL_TEST_MYSQL_URL='mysql://root@127.0.0.1:$MY_PORT/mysql'"
}

stop_all() {
  local bin; bin=$(pg_bin)
  for d in pg pg-primary pg-standby; do
    [ -n "$bin" ] && [ -f "$DIR/$d/PG_VERSION" ] && as_user postgres "$bin/pg_ctl" -D "$DIR/$d" -m fast stop >&2 || true
  done
  [ -f "$DIR/mariadb/pid" ] && kill "$(cat "$DIR/mariadb/pid")" 2>/dev/null || true
}

case "${1:-start}" in
  start)
    # the fidelity tests read moved values back with each engine's own client: psql and mysql come with the servers
    if ! command -v sqlite3 >/dev/null 2>&1; then apt_install sqlite3 >/dev/null; fi
    start_postgres; start_replication_pair; start_mariadb ;;
  stop) stop_all ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
