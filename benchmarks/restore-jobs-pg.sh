#!/usr/bin/env bash
# `nexusql restore --jobs N` against `pg_restore -j N` (issue 14): a PostgreSQL database of several tables of the S3
# shape, each with its primary key and one secondary index, every table but the first with a foreign key to the first;
# restored into a fresh database by each contender in turn, rounds alternated; wall clock, client CPU and peak RSS.
#
#   scripts/test-servers.sh start
#   benchmarks/restore-jobs-pg.sh                                    # TABLES=6 ROWS=250000 (per table) JOBS="1 2 4" RUNS=3
#   DB_PREFIX=h79 TABLES=4 ROWS=100000 RUNS=2 benchmarks/restore-jobs-pg.sh   # databases h79_src / h79_dst instead of bench_*
#
# The backup and the pg_dump -Fc archive are taken once, outside the timing. NexuSQL's time includes what a restore
# always does: the archive's whole-file checksum, the load, keys, indexes and foreign keys, and reading every row back
# to compare counts and content hashes with the backup (pg_restore checks nothing). Prints a Markdown table.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-3}
ROWS=${ROWS:-250000}
TABLES=${TABLES:-6}
JOBS=${JOBS:-1 2 4}
source "$root/benchmarks/bench-lib.sh"
PG_HOST=127.0.0.1
P=${DB_PREFIX:-bench}
psql_() { nexusql --url "$PG" exec "$1" >/dev/null; }

echo "$TABLES tables of $ROWS rows on PostgreSQL..." >&2
psql_ "DROP DATABASE IF EXISTS ${P}_src WITH (FORCE)"; psql_ "CREATE DATABASE ${P}_src"
SRC=${PG%/*}/${P}_src
for t in $(seq "$TABLES"); do
  fk=""; [ "$t" -gt 1 ] && fk=", parent bigint REFERENCES t1 (id)"
  nexusql --url "$SRC" exec "CREATE TABLE t$t (id bigint PRIMARY KEY, name varchar(40) NOT NULL, amount numeric(12,2) NOT NULL, created timestamp NOT NULL, active boolean NOT NULL, ref uuid NOT NULL, note text$fk)" >/dev/null
  parent=""; [ "$t" -gt 1 ] && parent=", 1 + g % $ROWS"
  nexusql --url "$SRC?statement_timeout=900" exec "INSERT INTO t$t SELECT g, 'customer ' || g, (g % 100000) / 100.0, timestamp '2024-01-01' + g * interval '1 second', g % 2 = 0, md5(g::text || '$t')::uuid, CASE WHEN g % 3 = 0 THEN NULL ELSE repeat('x', 20) END$parent FROM generate_series(1, $ROWS) g" >/dev/null
  nexusql --url "$SRC" exec "CREATE INDEX t${t}_created ON t$t (created)" >/dev/null
done
nexusql --url "$SRC" exec "VACUUM ANALYZE" >/dev/null
nexusql --url "$SRC" --quiet backup -o "$work/pg.nxb" >/dev/null
pg_dump -h $PG_HOST -p "$PG_PORT" -U postgres -Fc -f "$work/pg.dump" "${P}_src"

contenders=()
for j in $JOBS; do contenders+=("nexusql-j$j" "pg_restore-j$j"); done
for run in $(seq "$RUNS"); do
  echo "run $run of $RUNS..." >&2
  for c in "${contenders[@]}"; do
    psql_ "DROP DATABASE IF EXISTS ${P}_dst WITH (FORCE)"; psql_ "CREATE DATABASE ${P}_dst"
    j=${c##*-j}
    case $c in
      nexusql-*) timed_cpu "$c" "${NX[@]}" --url "${PG%/*}/${P}_dst" --quiet restore "$work/pg.nxb" --jobs "$j" ;;
      pg_restore-*) timed_cpu "$c" pg_restore -h $PG_HOST -p "$PG_PORT" -U postgres -j "$j" -d "${P}_dst" "$work/pg.dump" ;;
    esac
  done
done

ratio() { awk -v a="$(seconds "$1")" -v b="$(seconds "$2")" 'BEGIN { printf "%.2f×", a / b }'; }
echo
echo "PostgreSQL restore, $TABLES tables × $ROWS rows (S3 shape, key + one index each, $((TABLES - 1)) foreign keys), $RUNS rounds alternated, median (min–max); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| contender | wall clock | client CPU (user + sys, median) | peak RSS | vs pg_restore, same -j | vs itself at -j 1 |"
echo "|---|---|---|---|---|---|"
first_j=${JOBS%% *}
for c in "${contenders[@]}"; do
  j=${c##*-j}; tool=${c%-j*}
  other=$([ "$tool" = nexusql ] && echo "pg_restore-j$j" || echo "nexusql-j$j")
  echo "| $tool -j $j | $(median "$c") | $(cpu "$c") | $(peak "$c") KB | $([ "$tool" = nexusql ] && ratio "$c" "$other" || echo 1.00×) | $(ratio "$c" "$tool-j$first_j") |"
done
psql_ "DROP DATABASE IF EXISTS ${P}_src WITH (FORCE)"; psql_ "DROP DATABASE IF EXISTS ${P}_dst WITH (FORCE)"
