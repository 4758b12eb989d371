#!/usr/bin/env bash
# S4's PostgreSQL restore alone, side by side: `nexusql restore` (this checkout, and optionally another build) against
# `pg_restore` (one job) of the same 1M-row S3 database, alternated run by run; wall clock, client CPU and peak RSS.
#
#   scripts/test-servers.sh start
#   benchmarks/restore-pg.sh                                   # ROWS=1000000 RUNS=5, ~4 min on a quiet machine
#   NX_BEFORE=/path/to/other/NexuSql.Cli.dll benchmarks/restore-pg.sh   # also restore with another CLI build in the loop
#   DB_PREFIX=p14 ROWS=200000 RUNS=3 benchmarks/restore-pg.sh  # databases p14_src / p14_dst instead of bench_*
#
# The backup and the pg_dump -Fc archive are taken once, outside the timing. NexuSQL's time includes what a restore
# always does: the archive's whole-file checksum, the load, keys and indexes, and reading every row back to compare
# counts and content hashes with the backup (pg_restore checks nothing). Prints a Markdown table.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-5}
source "$root/benchmarks/bench-lib.sh"
PG_HOST=127.0.0.1
P=${DB_PREFIX:-bench}
psql_() { nexusql --url "$PG" exec "$1" >/dev/null; }

echo "S3 database: $ROWS rows on PostgreSQL..." >&2
psql_ "DROP DATABASE IF EXISTS ${P}_src WITH (FORCE)"; psql_ "CREATE DATABASE ${P}_src"
SRC=${PG%/*}/${P}_src
nexusql --url "$SRC" exec "CREATE TABLE s3 (id bigint PRIMARY KEY, name varchar(40) NOT NULL, amount numeric(12,2) NOT NULL, created timestamp NOT NULL, active boolean NOT NULL, ref uuid NOT NULL, note text)" >/dev/null
nexusql --url "$SRC?statement_timeout=900" exec "INSERT INTO s3 SELECT g, 'customer ' || g, (g % 100000) / 100.0, timestamp '2024-01-01' + g * interval '1 second', g % 2 = 0, md5(g::text)::uuid, CASE WHEN g % 3 = 0 THEN NULL ELSE repeat('x', 20) END FROM generate_series(1, $ROWS) g" >/dev/null
nexusql --url "$SRC" exec "CREATE INDEX s3_created ON s3 (created)" >/dev/null
nexusql --url "$SRC" exec "VACUUM ANALYZE s3" >/dev/null
nexusql --url "$SRC" --quiet backup -o "$work/pg.nxb" >/dev/null
pg_dump -h $PG_HOST -p "$PG_PORT" -U postgres -Fc -f "$work/pg.dump" "${P}_src"

contenders=(nexusql)
[ -n "${NX_BEFORE:-}" ] && contenders=(before nexusql)
contenders+=(pg_restore)
for run in $(seq "$RUNS"); do
  echo "run $run of $RUNS..." >&2
  for c in "${contenders[@]}"; do
    psql_ "DROP DATABASE IF EXISTS ${P}_dst WITH (FORCE)"; psql_ "CREATE DATABASE ${P}_dst"
    case $c in
      nexusql) timed_cpu "$c" "${NX[@]}" --url "${PG%/*}/${P}_dst" --quiet restore "$work/pg.nxb" ;;
      before) timed_cpu "$c" dotnet "$NX_BEFORE" --url "${PG%/*}/${P}_dst" --quiet restore "$work/pg.nxb" ;;
      pg_restore) timed_cpu "$c" pg_restore -h $PG_HOST -p "$PG_PORT" -U postgres -d "${P}_dst" "$work/pg.dump" ;;
    esac
  done
done

ratio() { awk -v a="$(seconds "$1")" -v b="$(seconds "$2")" 'BEGIN { printf "%.2f×", a / b }'; }
echo
echo "PostgreSQL restore, $ROWS rows (S3 shape, one secondary index), $RUNS runs alternated, median (min–max); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| contender | wall clock | client CPU (user + sys, median) | peak RSS | ratio to pg_restore |"
echo "|---|---|---|---|---|"
for c in "${contenders[@]}"; do
  echo "| $c | $(median "$c") | $(cpu "$c") | $(peak "$c") KB | $(ratio "$c" pg_restore) |"
done
psql_ "DROP DATABASE IF EXISTS ${P}_src WITH (FORCE)"; psql_ "DROP DATABASE IF EXISTS ${P}_dst WITH (FORCE)"
