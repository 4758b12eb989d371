#!/usr/bin/env bash
# Starts private PostgreSQL and MariaDB servers for NexuSQL's tests, installing them when missing.
#
#   scripts/test-servers.sh start    # install if needed, start, print the URLs as `export ...` lines
#   scripts/test-servers.sh stop
#   scripts/test-servers.sh galera-node 3   # restart one Galera node into the running cluster
#   eval "$(scripts/test-servers.sh start)"
#
# Servers run as the postgres / mysql system users (never as root), on loopback only, with their data in
# $NEXUSQL_SERVERS_DIR (default /tmp/nexusql-servers). Ports: PostgreSQL 25432, MariaDB 23306, and a fresh
# PostgreSQL primary (25434) + hot standby (25435) pair with streaming replication, recreated on every start
# because the failover test stops the primary and promotes the standby.
# With NEXUSQL_CLUSTERS=1 (always when CI=true) also a 3-node MariaDB Galera cluster (client ports 23316-23318,
# Galera ports from 24567: gmcast, IST and SST per node, 10 apart) and a PgBouncer in pool_mode=transaction
# (26432) in front of the PostgreSQL test server; the cluster is recreated when any node is down. Every port sits
# below Linux's ephemeral range (32768-60999): a Galera state transfer opens many outgoing connections, and one of
# them once took a joiner's client port before the joiner could listen on it.
# Every port can be moved with the NEXUSQL_*_PORT variables below.
# Progress goes to stderr; stdout carries only the export lines.
set -euo pipefail

DIR=${NEXUSQL_SERVERS_DIR:-/tmp/nexusql-servers}
PG_PORT=${NEXUSQL_PG_PORT:-25432}
MY_PORT=${NEXUSQL_MYSQL_PORT:-23306}
PAIR_PORT=${NEXUSQL_PG_PAIR_PORT:-25434}   # the standby listens on PAIR_PORT + 1
GALERA_PORT=${NEXUSQL_GALERA_PORT:-23316}  # nodes 1..3 listen on GALERA_PORT + 0..2
GALERA_WSREP_PORT=${NEXUSQL_GALERA_WSREP_PORT:-24567}  # node i: gmcast +10(i-1), IST +10(i-1)+1, SST +10(i-1)+2
BOUNCER_PORT=${NEXUSQL_PGBOUNCER_PORT:-26432}
CLUSTERS=${NEXUSQL_CLUSTERS:-0}
[ "${CI:-}" = true ] && CLUSTERS=1
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
  # a server left running from an earlier start on another port is stopped first
  if as_user postgres "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1 \
     && ! PGCONNECT_TIMEOUT=3 psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -Atc 'SELECT 1' >/dev/null 2>&1; then
    as_user postgres "$bin/pg_ctl" -D "$data" -m fast stop >&2 || true
  fi
  if ! as_user postgres "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    # the port on the command line wins over the one written at initdb (an older data directory may name another)
    as_user postgres "$bin/pg_ctl" -D "$data" -l "$data/server.log" -o "-p $PG_PORT" -w -t 60 start >&2 \
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
    # a server left running on this data directory from an earlier start on another port holds its files
    pkill -f -- "--datadir=$data " 2>/dev/null && for _ in $(seq 1 30); do pgrep -f -- "--datadir=$data " >/dev/null || break; sleep 0.5; done
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

galera_ping() { mariadb-admin --protocol=tcp -h127.0.0.1 -P"$1" -uroot ping >/dev/null 2>&1; }

galera_stop() { # by data directory, not by pid file: a stale pid file may name another process
  local i
  for i in 1 2 3; do pkill -f -- "--datadir=$DIR/galera$i " 2>/dev/null || true; done
  for i in 1 2 3; do galera_kill "$i"; done
}

# node i (1..3) in the background; extra arguments go to mariadbd (--wsrep-new-cluster for the first)
galera_node() {
  local i=$1; shift
  local data=$DIR/galera$i port=$((GALERA_PORT + i - 1)) g=$((GALERA_WSREP_PORT + 10 * (i - 1)))
  local peers="127.0.0.1:$GALERA_WSREP_PORT,127.0.0.1:$((GALERA_WSREP_PORT + 10)),127.0.0.1:$((GALERA_WSREP_PORT + 20))"
  as_user mysql "$(command -v mariadbd || echo /usr/sbin/mariadbd)" --no-defaults --datadir="$data" --port="$port" \
    --bind-address=127.0.0.1 --socket="$data/sock" --pid-file="$data/pid" --log-error="$data/server.log" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci --max-connections=300 --skip-name-resolve \
    --innodb-flush-log-at-trx-commit=0 --innodb-log-file-size=16M --innodb-buffer-pool-size=64M \
    --binlog-format=ROW --default-storage-engine=InnoDB --innodb-autoinc-lock-mode=2 \
    --wsrep-on=ON --wsrep-provider=/usr/lib/galera/libgalera_smm.so --wsrep-cluster-name=nexusql-test \
    --wsrep-cluster-address="gcomm://$peers" --wsrep-node-name="node$i" --wsrep-node-address=127.0.0.1 \
    --wsrep-node-incoming-address="127.0.0.1:$port" --wsrep-sst-method=rsync --wsrep-sst-receive-address="127.0.0.1:$((g + 2))" \
    --wsrep-provider-options="base_port=$g;gmcast.listen_addr=tcp://127.0.0.1:$g;ist.recv_addr=127.0.0.1:$((g + 1));gcache.size=32M;evs.suspect_timeout=PT5S;evs.inactive_timeout=PT10S" \
    "$@" >/dev/null 2>&1 &
}

galera_wait() { # node i: up and synced with the cluster; quiet with a second argument
  local i=$1 port=$((GALERA_PORT + $1 - 1))
  for _ in $(seq 1 90); do
    if galera_ping "$port" && [ "$(mariadb --protocol=tcp -h127.0.0.1 -P"$port" -uroot -N -e "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2)" = Synced ]; then
      return 0
    fi
    # a node that aborted (its port taken, a failed state transfer) will not come back: stop waiting
    [ -f "$DIR/galera$i/server.log" ] && grep -q "\[ERROR\] Aborting\|unrecoverable condition" "$DIR/galera$i/server.log" && break
    sleep 0.5
  done
  [ -n "${2:-}" ] && return 1
  log "Galera node $i did not join; the end of $DIR/galera$i/server.log:"; tail -20 "$DIR/galera$i/server.log" >&2; return 1
}

# the listener on a loopback port, if any (empty when free or when ss is missing)
port_holder() { command -v ss >/dev/null 2>&1 && ss -Htlnp "sport = :$1" 2>/dev/null || true; }

galera_kill() { # node i, whatever state it is in (its pid file is written late and removed on abort)
  local data=$DIR/galera$1
  pkill -f -- "--datadir=$data " 2>/dev/null || true
  for _ in $(seq 1 30); do pgrep -f -- "--datadir=$data " >/dev/null || break; sleep 0.5; done
  pkill -9 -f -- "--datadir=$data " 2>/dev/null || true
}

# start node i (extra arguments go to mariadbd) on a fresh data directory, up to 3 times: a joiner that
# failed its state transfer cannot be restarted on what it left behind
galera_start_node() {
  local i=$1; shift
  local data=$DIR/galera$i port=$((GALERA_PORT + i - 1)) attempt holder
  for attempt in 1 2 3; do
    holder=$(port_holder "$port")
    if [ -n "$holder" ]; then
      log "port $port for Galera node $i is taken: $holder"; sleep 2; continue
    fi
    # a fresh log, so that an earlier run's "Aborting" does not end the wait
    [ -f "$data/server.log" ] && mv "$data/server.log" "$data/server.log.old"
    galera_node "$i" "$@"
    if galera_wait "$i" quiet; then return 0; fi
    log "Galera node $i did not join (attempt $attempt of 3); the end of $data/server.log:"; tail -8 "$data/server.log" >&2
    galera_kill "$i"
    if [ "$i" != 1 ]; then rm -rf "$data"; mkdir -p "$data"; [ "$(id -u)" = 0 ] && chown mysql "$data"; fi
  done
  log "Galera node $i could not start; see $data/server.log"; return 1
}

start_galera() {
  [ -f /usr/lib/galera/libgalera_smm.so ] || apt_install galera-4 >/dev/null
  command -v rsync >/dev/null 2>&1 || apt_install rsync >/dev/null
  # the rsync state transfer checks its listener with ss, lsof or sockstat
  command -v ss >/dev/null 2>&1 || command -v lsof >/dev/null 2>&1 || command -v sockstat >/dev/null 2>&1 || apt_install iproute2 >/dev/null
  local i up=0
  for i in 1 2 3; do galera_ping $((GALERA_PORT + i - 1)) && up=$((up + 1)); done
  if [ $up -ne 3 ]; then
    galera_stop
    rm -rf "$DIR"/galera1 "$DIR"/galera2 "$DIR"/galera3
    for i in 1 2 3; do mkdir -p "$DIR/galera$i"; [ "$(id -u)" = 0 ] && chown mysql "$DIR/galera$i"; done
    log "mariadb-install-db $DIR/galera1 (Galera cluster)"
    as_user mysql mariadb-install-db --datadir="$DIR/galera1" --auth-root-authentication-method=normal \
      --skip-test-db >"$DIR/galera-install.log" 2>&1 || { cat "$DIR/galera-install.log" >&2; return 1; }
    log "bootstrapping Galera node 1 on 127.0.0.1:$GALERA_PORT"
    galera_start_node 1 --wsrep-new-cluster || return 1
    mariadb --protocol=tcp -h127.0.0.1 -P"$GALERA_PORT" -uroot -e \
      "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION; CREATE DATABASE IF NOT EXISTS nexusql_test;" >&2
    # joiners take a full copy (rsync SST) one at a time: two donations at once would make one wait
    for i in 2 3; do
      log "joining Galera node $i on 127.0.0.1:$((GALERA_PORT + i - 1))"
      galera_start_node "$i" || return 1
    done
  fi
  echo "export NEXUSQL_TEST_GALERA_URLS='mysql://root@127.0.0.1:$GALERA_PORT/nexusql_test mysql://root@127.0.0.1:$((GALERA_PORT + 1))/nexusql_test mysql://root@127.0.0.1:$((GALERA_PORT + 2))/nexusql_test'"
  echo "export NEXUSQL_TEST_GALERA_DIR='$DIR'"
}

start_pgbouncer() {
  command -v pgbouncer >/dev/null 2>&1 || [ -x /usr/sbin/pgbouncer ] || apt_install pgbouncer >/dev/null
  local bouncer; bouncer=$(command -v pgbouncer || echo /usr/sbin/pgbouncer)
  local d=$DIR/pgbouncer
  mkdir -p "$d"; [ "$(id -u)" = 0 ] && chown postgres "$d"
  if ! PGCONNECT_TIMEOUT=3 psql -h 127.0.0.1 -p "$BOUNCER_PORT" -U postgres -d postgres -Atc 'SELECT 1' >/dev/null 2>&1; then
    [ -f "$d/pid" ] && kill "$(cat "$d/pid")" 2>/dev/null && sleep 0.5
    cat > "$d/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=$PG_PORT
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
unix_socket_dir = $d
pidfile = $d/pid
logfile = $d/pgbouncer.log
auth_type = trust
auth_file = $d/userlist.txt
admin_users = postgres
pool_mode = transaction
max_client_conn = 1000
default_pool_size = 20
ignore_startup_parameters = extra_float_digits
INI
    echo '"postgres" ""' > "$d/userlist.txt"
    [ "$(id -u)" = 0 ] && chown postgres "$d/pgbouncer.ini" "$d/userlist.txt"
    log "starting PgBouncer (pool_mode=transaction) on 127.0.0.1:$BOUNCER_PORT"
    as_user postgres "$bouncer" -d "$d/pgbouncer.ini" >&2 || { log "PgBouncer did not start; see $d/pgbouncer.log"; return 1; }
    for _ in $(seq 1 20); do
      PGCONNECT_TIMEOUT=3 psql -h 127.0.0.1 -p "$BOUNCER_PORT" -U postgres -d postgres -Atc 'SELECT 1' >/dev/null 2>&1 && break
      sleep 0.5
    done
  fi
  echo "export NEXUSQL_TEST_PGBOUNCER_URL='postgresql://postgres@127.0.0.1:$BOUNCER_PORT/postgres?pooler=transaction'"
}

stop_all() {
  local bin; bin=$(pg_bin)
  for d in pg pg-primary pg-standby; do
    [ -n "$bin" ] && [ -f "$DIR/$d/PG_VERSION" ] && as_user postgres "$bin/pg_ctl" -D "$DIR/$d" -m fast stop >&2 || true
  done
  [ -f "$DIR/mariadb/pid" ] && kill "$(cat "$DIR/mariadb/pid")" 2>/dev/null || true
  [ -f "$DIR/pgbouncer/pid" ] && kill "$(cat "$DIR/pgbouncer/pid")" 2>/dev/null || true
  galera_stop
}

case "${1:-start}" in
  start)
    # the fidelity tests read moved values back with each engine's own client: psql and mysql come with the servers
    if ! command -v sqlite3 >/dev/null 2>&1; then apt_install sqlite3 >/dev/null; fi
    start_postgres; start_replication_pair; start_mariadb
    if [ "$CLUSTERS" = 1 ]; then start_pgbouncer; start_galera; fi ;;
  stop) stop_all ;;
  # (re)start one Galera node into the running cluster, e.g. after a test killed it: it catches up by IST or SST
  galera-node) galera_start_node "${2:?node number 1-3}" ;;
  *) echo "usage: $0 start|stop|galera-node N" >&2; exit 2 ;;
esac
