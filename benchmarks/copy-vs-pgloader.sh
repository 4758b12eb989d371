#!/usr/bin/env bash
# S5 of BENCHMARKS.md: whole-database copy SQLite → PostgreSQL and MariaDB → PostgreSQL, NexuSQL `copy` against
# pgloader on identical data, side by side in one run. NexuSQL's time includes its verification (every copied row
# read back, counts and content hashes compared); pgloader reports counts it sent and checks nothing.
#
#   scripts/test-servers.sh start; apt-get install -y pgloader
#   benchmarks/copy-vs-pgloader.sh            # ROWS=1000000 RUNS=3: median (min–max)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
command -v pgloader >/dev/null || { echo "pgloader is not installed (apt-get install -y pgloader)" >&2; exit 2; }
source "$root/benchmarks/bench-lib.sh"
CHILD=$(( ROWS < 100000 ? ROWS : 100000 ))   # child rows reference parents 1..CHILD

echo "sources: $ROWS rows in SQLite and in MariaDB (S3 shape, plus a $CHILD-row child table)..." >&2
SQ="sqlite:///$work/src.db"
nexusql --url "$SQ" exec "CREATE TABLE s3 (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL, amount DECIMAL(12,2) NOT NULL, created TIMESTAMP NOT NULL, active BOOLEAN NOT NULL, ref UUID NOT NULL, note TEXT)" >/dev/null
nexusql --url "$SQ" exec "INSERT INTO s3 WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < $ROWS) SELECT x, 'customer ' || x, round((x % 100000) / 100.0, 2), datetime('2024-01-01', '+' || x || ' seconds'), x % 2, lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))), CASE WHEN x % 3 = 0 THEN NULL ELSE 'note xxxxxxxxxxxxxxxxxxxx' END FROM c" >/dev/null
nexusql --url "$SQ" exec "CREATE TABLE s3_items (id INTEGER PRIMARY KEY, s3_id INTEGER NOT NULL REFERENCES s3 (id), qty INTEGER NOT NULL)" >/dev/null
nexusql --url "$SQ" exec "INSERT INTO s3_items WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < $CHILD) SELECT x, x, x % 7 FROM c" >/dev/null
nexusql --url "$MY" exec "DROP DATABASE IF EXISTS s5_src" >/dev/null; nexusql --url "$MY" exec "CREATE DATABASE s5_src" >/dev/null
MSRC=${MY%/*}/s5_src
nexusql --url "$MSRC" exec "CREATE TABLE s3 (id bigint PRIMARY KEY, name varchar(40) NOT NULL, amount decimal(12,2) NOT NULL, created datetime(6) NOT NULL, active tinyint(1) NOT NULL, ref char(36) NOT NULL, note longtext)" >/dev/null
nexusql --url "$MSRC" exec "INSERT INTO s3 SELECT seq, CONCAT('customer ', seq), (seq % 100000) / 100.0, TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq SECOND, seq % 2 = 0, UUID(), IF(seq % 3 = 0, NULL, 'note xxxxxxxxxxxxxxxxxxxx') FROM seq_1_to_$ROWS" >/dev/null
nexusql --url "$MSRC" exec "CREATE TABLE s3_items (id bigint PRIMARY KEY, s3_id bigint NOT NULL, qty int NOT NULL, FOREIGN KEY (s3_id) REFERENCES s3 (id))" >/dev/null
nexusql --url "$MSRC" exec "INSERT INTO s3_items SELECT seq, seq, seq % 7 FROM seq_1_to_$CHILD" >/dev/null

fresh() { nexusql --url "$PG" exec "DROP DATABASE IF EXISTS s5_dst WITH (FORCE)" >/dev/null; nexusql --url "$PG" exec "CREATE DATABASE s5_dst" >/dev/null; }
DST=${PG%/*}/s5_dst
PGL_DST="postgresql://postgres@127.0.0.1:$PG_PORT/s5_dst"
PGL_MY="mysql://root@127.0.0.1:$MY_PORT/s5_src"
# pgloader exits 0 even when it loads nothing: every run's row counts are checked afterwards, outside the timing
check() { # SCHEMA — the copied tables must hold every row
  local n; n=$(nexusql --url "$DST" --json query "SELECT (SELECT COUNT(*) FROM $1.s3) + (SELECT COUNT(*) FROM $1.s3_items) AS n" | grep -o '"n": [0-9]*' | grep -o '[0-9]*$')
  [ "$n" = "$((ROWS + CHILD))" ] || { echo "the copy into $1 holds $n rows, not $((ROWS + CHILD)); last output:" >&2; cat "$work/out" >&2; exit 1; }
}
for run in $(seq "$RUNS"); do
  echo "run $run of $RUNS..." >&2
  fresh; timed nexusql-sqlite "${NX[@]}" --quiet copy --from "$SQ" --to "$DST"; check public
  fresh; timed pgloader-sqlite pgloader "$work/src.db" "$PGL_DST"; check public
  fresh; timed nexusql-mysql "${NX[@]}" --quiet copy --from "$MSRC" --to "$DST"; check public
  fresh; timed pgloader-mysql pgloader "$PGL_MY" "$PGL_DST"; check s5_src
done
rows=$((ROWS + CHILD))
rate() { awk -v r=$rows -v s="$(seconds "$1")" 'BEGIN { printf "%\047d", r / s }'; }
ratio() { awk -v a="$(seconds "$1")" -v b="$(seconds "$2")" 'BEGIN { printf "%.2f×", b / a }'; }
cat <<MD

S5 — copy of $rows rows (two tables, a foreign key) into an empty PostgreSQL database, $RUNS runs, median (min–max)

| source | NexuSQL \`copy\` (verification included) | pgloader 3.6.7 (Debian package 3.6.9; no verification) | NexuSQL rows/s | NexuSQL speed-up |
|---|---|---|---|---|
| SQLite | $(median nexusql-sqlite) | $(median pgloader-sqlite) | $(rate nexusql-sqlite) | **$(ratio nexusql-sqlite pgloader-sqlite)** |
| MariaDB | $(median nexusql-mysql) | $(median pgloader-mysql) | $(rate nexusql-mysql) | **$(ratio nexusql-mysql pgloader-mysql)** |
MD
nexusql --url "$PG" exec "DROP DATABASE IF EXISTS s5_dst WITH (FORCE)" >/dev/null
nexusql --url "$MY" exec "DROP DATABASE IF EXISTS s5_src" >/dev/null
