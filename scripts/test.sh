#!/usr/bin/env bash
# Installs and starts what the tests need (PostgreSQL, MariaDB; under CI or with NEXUSQL_CLUSTERS=1 also a Galera
# cluster and PgBouncer), runs every test suite, and prints
#   tests: N passed, N failed
# Exit status is non-zero when any test fails or a suite cannot run.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

servers=$(scripts/test-servers.sh start) || { echo "test: could not start the test servers" >&2; echo "tests: 0 passed, 1 failed"; exit 1; }
eval "$servers"
export NEXUSQL_TEST_POSTGRESQL_URL NEXUSQL_TEST_MYSQL_URL NEXUSQL_TEST_PG_PAIR_URL NEXUSQL_TEST_PG_PAIR_DIR
# set only when the clusters were started (NEXUSQL_CLUSTERS=1, or CI=true)
export NEXUSQL_TEST_PGBOUNCER_URL NEXUSQL_TEST_GALERA_URLS NEXUSQL_TEST_GALERA_DIR

results=$(mktemp -d)
dotnet build NexuSql.slnx -c Release --nologo -v q -clp:ErrorsOnly || { echo "test: the build failed" >&2; echo "tests: 0 passed, 1 failed"; exit 1; }
# The CLI tests run the tool published ReadyToRun, self-contained and composite (the framework precompiled with the
# tool, so the generic code shared between them is too): each of the CLI suite's thousands of calls is a fresh process,
# and it takes a third less CPU than the JIT-compiled build output (about 2 minutes to publish, 10+ saved). Without the
# ReadyToRun compiler the tests run the build output (CliRunner's default), only slower.
cli="$root/.artifacts/test-cli"
rm -rf "$cli"
rid=$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')
if dotnet publish src/NexuSql.Cli -c Release --nologo -v q -clp:ErrorsOnly -r "$rid" --self-contained true \
     -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -o "$cli" >"$results/publish.log" 2>&1; then
  export NEXUSQL_TEST_CLI="$cli/NexuSql.Cli.dll"
else
  echo "test: could not publish the CLI ReadyToRun ($rid); the CLI tests run the build output:" >&2; tail -5 "$results/publish.log" >&2
fi
dotnet test NexuSql.slnx -c Release --no-build --nologo --logger "trx;LogFilePrefix=results" --results-directory "$results" "$@"
status=$?

# Sum the counters of every TRX file (one per test project).
read -r passed failed skipped total < <(
  python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
p = f = s = t = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    c = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    p += int(c.get("passed")); f += int(c.get("failed")) + int(c.get("error")) + int(c.get("timeout")) + int(c.get("aborted"))
    t += int(c.get("total")); s += int(c.get("total")) - int(c.get("executed"))
print(p, f, s, t)
PY
)
# The slowest test classes, for keeping CI well under its time limit (seconds summed over each class's tests).
python3 - "$results" <<'PY'
import collections, glob, re, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
spent = collections.Counter()
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    for r in ET.parse(path).getroot().iterfind("t:Results/t:UnitTestResult", ns):
        h, m, s = (r.get("duration") or "0:0:0").split(":")
        name = re.sub(r"\(.*", "", r.get("testName", ""))
        spent[name.rsplit(".", 1)[0]] += int(h) * 3600 + int(m) * 60 + float(s)
print("slowest test classes (s): " + ", ".join(f"{c.rsplit('.', 1)[-1]} {t:.0f}" for c, t in spent.most_common(15)))
PY
# The package as users get it: pack the tool, install it with `dotnet tool install`, run the tour with it (one test).
if scripts/package-check.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
total=$((total + 1))
projects=$(find "$results" -name '*.trx' | wc -l)
expected=$(grep -l 'TestProject.props' tests/*/*.csproj | wc -l)
rm -rf "$results"
echo "test projects: $projects of $expected, skipped: $skipped, total: $total"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # a build or runner failure counts
if [ "$projects" -ne "$expected" ]; then echo "test: expected $expected result files, found $projects" >&2; failed=$((failed + 1)); fi
echo "tests: $passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
