#!/usr/bin/env bash
# S8 of BENCHMARKS.md: `nexusql verify --against` of two databases of different engines holding the same $ROWS rows
# (PostgreSQL vs MariaDB, SQLite vs PostgreSQL), against the time to read both sides once with the engines' own
# clients (`psql -c "COPY (SELECT ...) TO STDOUT"`, `mariadb --quick -e "SELECT ..."`, `sqlite3`), side by side in one run.
#
#   scripts/test-servers.sh start
#   benchmarks/verify-against.sh               # ROWS=1000000 RUNS=3: median (min–max); ~4 min on a quiet machine
#   ROWS=200000 RUNS=1 benchmarks/verify-against.sh
#   NX_BEFORE=/path/to/other/NexuSql.Cli.dll benchmarks/verify-against.sh   # also time another build of the CLI in the same loop
#
# The sources are made once (outside the timing): the S3 table (bigint key, varchar, numeric(12,2), timestamp, boolean,
# uuid, nullable text) filled on PostgreSQL, then `nexusql copy` to MariaDB and to SQLite. Each verify is
# `--checks data` (the other checks do not read rows) and must exit 0 (equal data): a failed verify stops the script.
# "Read both sides once" is the sum of the two clients' times (each its own process); the table also shows the two
# clients reading at once (`&`), the floor for a compare that reads both sides concurrently on this machine.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/benchmarks/bench-lib.sh"
PG_HOST=127.0.0.1
psql_() { nexusql --url "$PG" exec "$1" >/dev/null; }
my_() { nexusql --url "$MY" exec "$1" >/dev/null; }
DB=bench_verify

echo "sources: $ROWS rows on PostgreSQL, copied to MariaDB and SQLite..." >&2
psql_ "DROP DATABASE IF EXISTS $DB WITH (FORCE)"; psql_ "CREATE DATABASE $DB"
PGV=${PG%/*}/$DB
nexusql --url "$PGV" exec "CREATE TABLE s3 (id bigint PRIMARY KEY, name varchar(40) NOT NULL, amount numeric(12,2) NOT NULL, created timestamp NOT NULL, active boolean NOT NULL, ref uuid NOT NULL, note text)" >/dev/null
nexusql --url "$PGV?statement_timeout=900" exec "INSERT INTO s3 SELECT g, 'customer ' || g, (g % 100000) / 100.0, timestamp '2024-01-01' + g * interval '1 second', g % 2 = 0, md5(g::text)::uuid, CASE WHEN g % 3 = 0 THEN NULL ELSE repeat('x', 20) END FROM generate_series(1, $ROWS) g" >/dev/null
nexusql --url "$PGV" exec "VACUUM ANALYZE s3" >/dev/null
my_ "DROP DATABASE IF EXISTS $DB"; my_ "CREATE DATABASE $DB"
MYV=${MY%/*}/$DB
nexusql --quiet copy --from "$PGV" --to "$MYV" >/dev/null
SQV="sqlite:///$work/verify.db"
nexusql --quiet copy --from "$PGV" --to "$SQV" >/dev/null

COLS="id, name, amount, created, active, ref, note"
read_pg() { psql -X -q -h $PG_HOST -p "$PG_PORT" -U postgres -d $DB -c "COPY (SELECT $COLS FROM s3) TO STDOUT" >/dev/null; }
read_my() { mariadb -h 127.0.0.1 -P "$MY_PORT" -u root --quick -N -B -e "SELECT $COLS FROM s3" $DB >/dev/null; }
read_sq() { sqlite3 "$work/verify.db" "SELECT $COLS FROM s3" >/dev/null; }
export -f read_pg read_my read_sq; export PG_HOST PG_PORT MY_PORT DB COLS work

builds=(after)
[ -n "${NX_BEFORE:-}" ] && builds=(before after)
cli() { if [ "$1" = before ]; then echo "$NX_BEFORE"; else echo "$work/cli/NexuSql.Cli.dll"; fi; }
for run in $(seq "$RUNS"); do
  echo "run $run of $RUNS..." >&2
  for b in "${builds[@]}"; do
    timed "verify-pg-my-$b" dotnet "$(cli "$b")" --url "$PGV" --quiet verify --against "$MYV" --checks data
  done
  timed read-pg bash -c read_pg
  timed read-my bash -c read_my
  timed read-pg+my-at-once bash -c 'read_pg & read_my; wait'
  for b in "${builds[@]}"; do
    timed "verify-sq-pg-$b" dotnet "$(cli "$b")" --url "$SQV" --quiet verify --against "$PGV" --checks data
  done
  timed read-sq bash -c read_sq
  timed read-sq+pg-at-once bash -c 'read_sq & read_pg; wait'
done

sum() { awk -v a="$(seconds "$1")" -v b="$(seconds "$2")" 'BEGIN { printf "%.2f", a + b }'; }
ratio() { awk -v a="$(seconds "$1")" -v b="$2" 'BEGIN { printf "%.2f×", a / b }'; }
rate() { awk -v r="$ROWS" -v s="$(seconds "$1")" 'BEGIN { printf "%\047d", 2 * r / s }'; }
pgmy=$(sum read-pg read-my); sqpg=$(sum read-sq read-pg)
row() { # LABEL VERIFY-KEY READ-SUM AT-ONCE-KEY
  echo "| $1 | $(median "$2") | $3 s | $(median "$4") | **$(ratio "$2" "$3")** | $(ratio "$2" "$(seconds "$4")") | $(rate "$2") | $(peak "$2") KB |"
}
cat <<MD

S8 — \`verify --against --checks data\`, $ROWS rows on each side (S3 shape, 7 columns), $RUNS runs, median (min–max); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)

Clients alone: psql COPY $(median read-pg), mariadb --quick $(median read-my), sqlite3 $(median read-sq).

| pair | NexuSQL verify | read both sides once (sum of medians) | both clients at once | ratio to reading once (goal ≤ 1.5×) | ratio to both at once | rows/s (both sides) | peak RSS |
|---|---|---|---|---|---|---|---|
$(for b in "${builds[@]}"; do row "PostgreSQL vs MariaDB ($b)" "verify-pg-my-$b" "$pgmy" read-pg+my-at-once; done)
$(for b in "${builds[@]}"; do row "SQLite vs PostgreSQL ($b)" "verify-sq-pg-$b" "$sqpg" read-sq+pg-at-once; done)
MD
psql_ "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
my_ "DROP DATABASE IF EXISTS $DB"
