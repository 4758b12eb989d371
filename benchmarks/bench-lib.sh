# Shared by benchmarks/*.sh (sourced after `root` is set): settings, a private CLI build, timing and medians.
# Every timed command runs as its own process under /usr/bin/time: "LABEL seconds peak_kb" lines in $work/times.
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-3}
PG=${NEXUSQL_TEST_POSTGRESQL_URL:-postgresql://postgres@127.0.0.1:25432/postgres}
MY=${NEXUSQL_TEST_MYSQL_URL:-mysql://root@127.0.0.1:23306/mysql}
PG_PORT=$(sed -E 's|.*:([0-9]+)/.*|\1|' <<<"$PG")
MY_PORT=$(sed -E 's|.*:([0-9]+)/.*|\1|' <<<"$MY")
work=$(mktemp -d /tmp/nexusql-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT

# a private Release build, so that editing the checkout meanwhile cannot put a rebuild inside a timing; ReadyToRun
# where the machine's runtime identifier is known, as the repository's ./nexusql launcher builds it (S6), else plain
# (NX_JIT=1 forces the plain build, as the figures before 2026-12-03 were taken)
echo "building the CLI (Release)..." >&2
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) rid=linux-x64 ;; Linux-aarch64) rid=linux-arm64 ;; Darwin-x86_64) rid=osx-x64 ;; Darwin-arm64) rid=osx-arm64 ;; *) rid= ;;
esac
if [ -n "$rid" ] && [ -z "${NX_JIT:-}" ] && dotnet publish "$root/src/NexuSql.Cli/NexuSql.Cli.csproj" -c Release -r "$rid" --self-contained false \
    -p:PublishReadyToRun=true -o "$work/cli" --nologo -v quiet >&2; then :
else
  rm -rf "$work/cli"
  dotnet build "$root/src/NexuSql.Cli/NexuSql.Cli.csproj" -c Release -o "$work/cli" --nologo -v quiet >&2
fi
NX=(dotnet "$work/cli/NexuSql.Cli.dll")
nexusql() { "${NX[@]}" "$@"; }

# timed LABEL CMD... (output kept in $work/out for error reports)
timed() {
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/t" "$@" >"$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }
  echo "$label $(cat "$work/t")" >> "$work/times"
}
# LABEL → "median (min–max)" seconds
median() { awk -v l="$1" '$1 == l { print $2 }' "$work/times" | sort -n | awk '{ a[NR] = $1 } END { printf "%.2f s (%.2f–%.2f)", a[int((NR + 1) / 2)], a[1], a[NR] }'; }
seconds() { awk -v l="$1" '$1 == l { print $2 }' "$work/times" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
peak() { awk -v l="$1" '$1 == l { print $3 }' "$work/times" | sort -n | tail -n 1; }
# timed, with the client's CPU (user + system seconds) as a fourth field; cpu: its median
timed_cpu() {
  local label=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/t" "$@" >"$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }
  echo "$label $(cat "$work/t")" >> "$work/times"
}
cpu() { awk -v l="$1" '$1 == l { print $4 + $5 }' "$work/times" | sort -n | awk '{ a[NR] = $1 } END { printf "%.2f s", a[int((NR + 1) / 2)] }'; }
