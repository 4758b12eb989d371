#!/usr/bin/env bash
# S4 and S7 of BENCHMARKS.md: backup and restore of the S3 database (1M rows of ~100 bytes) against pg_dump /
# pg_restore and mysqldump / mysql, side by side in one run; and peak memory of a backup at 10k vs 1M rows.
#
#   scripts/test-servers.sh start
#   benchmarks/backup-restore.sh            # quick: 1,000,000 rows, 3 runs each, median (min–max)
#   ROWS=200000 RUNS=1 benchmarks/backup-restore.sh
#   NEXUSQL_TEST_POSTGRESQL_URL=... NEXUSQL_TEST_MYSQL_URL=... benchmarks/backup-restore.sh   # other servers (ports read from the URLs)
#
# Every tool runs as its own process and is timed by /usr/bin/time (wall clock, peak RSS). NexuSQL's time includes
# what it always does: whole-file checksum, read-back verification after the backup, and the count + hash check after
# the restore. Prints a Markdown table.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/benchmarks/bench-lib.sh"
PG_HOST=127.0.0.1
psql_() { nexusql --url "$PG" exec "$1" >/dev/null; }
my_() { nexusql --url "$MY" exec "$1" >/dev/null; }
size() { stat -c %s "$1"; }

echo "S3 database: $ROWS rows on PostgreSQL and MariaDB..." >&2
s3_table="CREATE TABLE s3 (id bigint PRIMARY KEY, name varchar(40) NOT NULL, amount numeric(12,2) NOT NULL, created timestamp NOT NULL, active boolean NOT NULL, ref uuid NOT NULL, note text)"
psql_ "DROP DATABASE IF EXISTS bench_src WITH (FORCE)"; psql_ "CREATE DATABASE bench_src"
SRC=${PG%/*}/bench_src
nexusql --url "$SRC" exec "$s3_table" >/dev/null
nexusql --url "$SRC?statement_timeout=900" exec "INSERT INTO s3 SELECT g, 'customer ' || g, (g % 100000) / 100.0, timestamp '2024-01-01' + g * interval '1 second', g % 2 = 0, md5(g::text)::uuid, CASE WHEN g % 3 = 0 THEN NULL ELSE repeat('x', 20) END FROM generate_series(1, $ROWS) g" >/dev/null
nexusql --url "$SRC" exec "CREATE INDEX s3_created ON s3 (created)" >/dev/null
nexusql --url "$SRC" exec "VACUUM ANALYZE s3" >/dev/null

# the same rows with a jsonb document and two secondary indexes (issue 14: "databases with jsonb and indexes")
psql_ "DROP DATABASE IF EXISTS bench_json WITH (FORCE)"; psql_ "CREATE DATABASE bench_json"
JSRC=${PG%/*}/bench_json
nexusql --url "$JSRC" exec "CREATE TABLE docs (id bigint PRIMARY KEY, created timestamptz NOT NULL, doc jsonb NOT NULL)" >/dev/null
nexusql --url "$JSRC?statement_timeout=900" exec "INSERT INTO docs SELECT g, timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second', jsonb_build_object('customer', 'customer ' || g, 'amount', (g % 100000) / 100.0, 'active', g % 2 = 0, 'tags', jsonb_build_array('a', g % 7, 'b'), 'ref', md5(g::text)) FROM generate_series(1, $ROWS) g" >/dev/null
nexusql --url "$JSRC" exec "CREATE INDEX docs_created ON docs (created)" >/dev/null
nexusql --url "$JSRC" exec "CREATE INDEX docs_customer ON docs ((doc ->> 'customer'))" >/dev/null
nexusql --url "$JSRC" exec "VACUUM ANALYZE docs" >/dev/null

my_ "DROP DATABASE IF EXISTS bench_src"; my_ "CREATE DATABASE bench_src"
MSRC=${MY%/*}/bench_src
nexusql --url "$MSRC" exec "CREATE TABLE s3 (id bigint PRIMARY KEY, name varchar(40) NOT NULL, amount decimal(12,2) NOT NULL, created datetime(6) NOT NULL, active tinyint(1) NOT NULL, ref char(36) NOT NULL, note longtext, KEY s3_created (created))" >/dev/null
nexusql --url "$MSRC?statement_timeout=900" exec "INSERT INTO s3 SELECT seq, CONCAT('customer ', seq), (seq % 100000) / 100.0, TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq SECOND, seq % 2 = 0, UUID(), IF(seq % 3 = 0, NULL, REPEAT('x', 20)) FROM seq_1_to_$ROWS" >/dev/null

# (the loads above get 15 minutes: a busy 2-core machine needed more than the drivers' default 30 s)
# the test servers trust loopback connections: no password anywhere (never one on a command line)
for run in $(seq "$RUNS"); do
  echo "run $run of $RUNS..." >&2
  rm -f "$work"/*.nxb "$work"/*.dump "$work"/*.sql
  timed nexusql-backup "${NX[@]}" --url "$SRC" --quiet backup -o "$work/pg.nxb"
  timed pg_dump-Fc pg_dump -h $PG_HOST -p "$PG_PORT" -U postgres -Fc -f "$work/pg.dump" bench_src
  timed pg_dump-Fc-Z0 pg_dump -h $PG_HOST -p "$PG_PORT" -U postgres -Fc -Z0 -f "$work/pg0.dump" bench_src
  timed nexusql-backup-json "${NX[@]}" --url "$JSRC" --quiet backup -o "$work/json.nxb"
  timed pg_dump-Fc-json pg_dump -h $PG_HOST -p "$PG_PORT" -U postgres -Fc -f "$work/json.dump" bench_json
  for tool in nexusql pg_restore; do
    psql_ "DROP DATABASE IF EXISTS bench_dst WITH (FORCE)"; psql_ "CREATE DATABASE bench_dst"
    if [ $tool = nexusql ]; then timed nexusql-restore "${NX[@]}" --url "${PG%/*}/bench_dst" --quiet restore "$work/pg.nxb"
    else timed pg_restore pg_restore -h $PG_HOST -p "$PG_PORT" -U postgres -d bench_dst "$work/pg.dump"; fi
  done

  timed nexusql-backup-my "${NX[@]}" --url "$MSRC" --quiet backup -o "$work/my.nxb"
  timed mysqldump sh -c "mysqldump -h 127.0.0.1 -P $MY_PORT -u root --single-transaction bench_src > '$work/my.sql'"
  for tool in nexusql mysql; do
    my_ "DROP DATABASE IF EXISTS bench_dst"; my_ "CREATE DATABASE bench_dst"
    if [ $tool = nexusql ]; then timed nexusql-restore-my "${NX[@]}" --url "${MY%/*}/bench_dst" --quiet restore "$work/my.nxb"
    else timed mysql-reload sh -c "mysql -h 127.0.0.1 -P $MY_PORT -u root bench_dst < '$work/my.sql'"; fi
  done
done

# S7: peak memory of a backup at 10k and at $ROWS rows (same table shape)
psql_ "DROP DATABASE IF EXISTS bench_small WITH (FORCE)"; psql_ "CREATE DATABASE bench_small"
nexusql --url "${PG%/*}/bench_small" exec "$s3_table" >/dev/null
nexusql --url "${PG%/*}/bench_small" exec "INSERT INTO s3 SELECT g, 'customer ' || g, (g % 100000) / 100.0, timestamp '2024-01-01' + g * interval '1 second', g % 2 = 0, md5(g::text)::uuid, CASE WHEN g % 3 = 0 THEN NULL ELSE repeat('x', 20) END FROM generate_series(1, 10000) g" >/dev/null
rm -f "$work/small.nxb" "$work/big.nxb"
timed s7-10k "${NX[@]}" --url "${PG%/*}/bench_small" --quiet backup -o "$work/small.nxb"
timed s7-big "${NX[@]}" --url "$SRC" --quiet backup -o "$work/big.nxb"
psql_ "DROP DATABASE IF EXISTS bench_dst WITH (FORCE)"; psql_ "CREATE DATABASE bench_dst"
timed s7-restore-big "${NX[@]}" --url "${PG%/*}/bench_dst" --quiet restore "$work/big.nxb"
psql_ "DROP DATABASE IF EXISTS bench_small2 WITH (FORCE)"; psql_ "CREATE DATABASE bench_small2"
timed s7-restore-10k "${NX[@]}" --url "${PG%/*}/bench_small2" --quiet restore "$work/small.nxb"

ratio() { awk -v a="$(seconds "$1")" -v b="$(seconds "$2")" 'BEGIN { printf "%.2f×", a / b }'; }
sratio() { awk -v a="$(size "$1")" -v b="$(size "$2")" 'BEGIN { printf "%.2f×", a / b }'; }
mb() { awk -v b="$(size "$1")" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }
cat <<EOF

S4 — $ROWS rows (~100 B each, one secondary index), $RUNS runs, median (min–max)

| step | NexuSQL | peer | ratio (NexuSQL / peer) | archive size |
|---|---|---|---|---|
| PostgreSQL backup vs \`pg_dump -Fc\` | $(median nexusql-backup) | $(median pg_dump-Fc) | $(ratio nexusql-backup pg_dump-Fc) | $(mb "$work/pg.nxb") vs $(mb "$work/pg.dump") ($(sratio "$work/pg.nxb" "$work/pg.dump")) |
| PostgreSQL backup vs \`pg_dump -Fc -Z0\` | $(median nexusql-backup) | $(median pg_dump-Fc-Z0) | $(ratio nexusql-backup pg_dump-Fc-Z0) | vs $(mb "$work/pg0.dump") |
| PostgreSQL backup vs \`pg_dump -Fc\`, jsonb + 2 indexes | $(median nexusql-backup-json) | $(median pg_dump-Fc-json) | $(ratio nexusql-backup-json pg_dump-Fc-json) | $(mb "$work/json.nxb") vs $(mb "$work/json.dump") ($(sratio "$work/json.nxb" "$work/json.dump")) |
| PostgreSQL restore vs \`pg_restore\` | $(median nexusql-restore) | $(median pg_restore) | $(ratio nexusql-restore pg_restore) | |
| MariaDB backup vs \`mysqldump --single-transaction\` | $(median nexusql-backup-my) | $(median mysqldump) | $(ratio nexusql-backup-my mysqldump) | $(mb "$work/my.nxb") vs $(mb "$work/my.sql") (uncompressed SQL) |
| MariaDB restore vs \`mysql < dump.sql\` | $(median nexusql-restore-my) | $(median mysql-reload) | $(ratio nexusql-restore-my mysql-reload) | |

S7 — peak RSS of one process (PostgreSQL)

| operation | 10,000 rows | $ROWS rows | ratio |
|---|---|---|---|
| backup | $(peak s7-10k) KB | $(peak s7-big) KB | $(awk -v a="$(peak s7-big)" -v b="$(peak s7-10k)" 'BEGIN { printf "%.2f×", a / b }') |
| restore | $(peak s7-restore-10k) KB | $(peak s7-restore-big) KB | $(awk -v a="$(peak s7-restore-big)" -v b="$(peak s7-restore-10k)" 'BEGIN { printf "%.2f×", a / b }') |
EOF
psql_ "DROP DATABASE IF EXISTS bench_src WITH (FORCE)"; psql_ "DROP DATABASE IF EXISTS bench_dst WITH (FORCE)"; psql_ "DROP DATABASE IF EXISTS bench_json WITH (FORCE)"
psql_ "DROP DATABASE IF EXISTS bench_small WITH (FORCE)"; psql_ "DROP DATABASE IF EXISTS bench_small2 WITH (FORCE)"
my_ "DROP DATABASE IF EXISTS bench_src"; my_ "DROP DATABASE IF EXISTS bench_dst"
