#!/usr/bin/env bash
# S6 of BENCHMARKS.md: a fresh `nexusql query "SELECT 1"` process to its first row, against `sqlite3` and `psql -c`,
# and the CLI built as the `nexusql` launcher builds it (ReadyToRun) against a plain JIT build, side by side in one run.
#
#   scripts/test-servers.sh start
#   benchmarks/cold-start.sh                  # RUNS=10: median (min–max) of each; ~3 min (most of it the two builds)
#
# Every command is its own process, timed by /usr/bin/time (wall clock, peak RSS), the contenders interleaved run by run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-10}
source "$root/benchmarks/bench-lib.sh"   # builds the JIT CLI into $work/cli
echo "publishing the ReadyToRun CLI (as ./nexusql builds it)..." >&2
dotnet publish "$root/src/NexuSql.Cli/NexuSql.Cli.csproj" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$work/r2r" --nologo -v quiet >&2
JIT="$work/cli/NexuSql.Cli.dll"; R2R="$work/r2r/NexuSql.Cli.dll"
sqlite3 "$work/s6.db" "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t VALUES (1, 'one');"
SQ="sqlite:///$work/s6.db"
Q="SELECT id, name FROM t WHERE id = 1"
P="SELECT 1 AS one"

for run in $(seq "$RUNS"); do
  echo "run $run of $RUNS..." >&2
  timed sqlite3 sqlite3 "$work/s6.db" "$Q"
  timed jit-sqlite dotnet "$JIT" --url "$SQ" query "$Q"
  timed r2r-sqlite dotnet "$R2R" --url "$SQ" query "$Q"
  timed r2r-tc0-sqlite env DOTNET_TieredCompilation=0 dotnet "$R2R" --url "$SQ" query "$Q"
  timed r2r-nqj-sqlite env DOTNET_TC_QuickJitForLoops=0 dotnet "$R2R" --url "$SQ" query "$Q"
  timed psql psql -X -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "$P"
  timed jit-pg dotnet "$JIT" --url "$PG" query "$P"
  timed r2r-pg dotnet "$R2R" --url "$PG" query "$P"
  timed jit-help dotnet "$JIT" --version
  timed r2r-help dotnet "$R2R" --version
done
ratio() { awk -v a="$(seconds "$1")" -v b="$(seconds "$2")" 'BEGIN { printf "%.2f×", a / b }'; }
cat <<MD

S6 — fresh process to first row, $RUNS runs each (interleaved), median (min–max) wall clock; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)

| command | SQLite (\`$Q\`) | vs sqlite3 | PostgreSQL (\`$P\`, loopback) | vs psql -c | peak RSS (SQLite) |
|---|---|---|---|---|---|
| \`sqlite3\` / \`psql -X -c\` | $(median sqlite3) | 1.00× | $(median psql) | 1.00× | $(peak sqlite3) KB |
| \`nexusql query\`, JIT (\`dotnet build\`) | $(median jit-sqlite) | $(ratio jit-sqlite sqlite3) | $(median jit-pg) | $(ratio jit-pg psql) | $(peak jit-sqlite) KB |
| \`nexusql query\`, ReadyToRun (\`dotnet publish -r linux-x64 -p:PublishReadyToRun=true\`) | $(median r2r-sqlite) | $(ratio r2r-sqlite sqlite3) | $(median r2r-pg) | $(ratio r2r-pg psql) | $(peak r2r-sqlite) KB |
| ReadyToRun + \`DOTNET_TieredCompilation=0\` | $(median r2r-tc0-sqlite) | $(ratio r2r-tc0-sqlite sqlite3) | | | |
| ReadyToRun + \`DOTNET_TC_QuickJitForLoops=0\` | $(median r2r-nqj-sqlite) | $(ratio r2r-nqj-sqlite sqlite3) | | | |

\`nexusql --version\` (process start, no database): JIT $(median jit-help), ReadyToRun $(median r2r-help).
ReadyToRun / JIT: SQLite $(ratio r2r-sqlite jit-sqlite), PostgreSQL $(ratio r2r-pg jit-pg), --version $(ratio r2r-help jit-help).
MD
