#!/usr/bin/env bash
# Packs the nexusql tool from the Release build, installs it the way .NET users install tools
# (dotnet tool install --add-source, into a temporary tool path), and runs the tour with the installed tool.
# Checks that the package carries its license, readme and notices. Run after a Release build (scripts/test.sh does).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props")

dotnet pack "$root/src/NexuSql.Cli" -c Release --no-build --nologo -o "$work/packages" >"$work/pack.log" 2>&1 \
  || { cat "$work/pack.log" >&2; echo "package-check: dotnet pack failed" >&2; exit 1; }
package="$work/packages/NexuSql.Cli.$version.nupkg"
listing=$(unzip -Z1 "$package")
for file in LICENSE README.md THIRD-PARTY-NOTICES.md; do
  grep -qx "$file" <<<"$listing" || { echo "package-check: $file is missing from $package" >&2; exit 1; }
done
[ -f "$work/packages/NexuSql.Cli.$version.snupkg" ] || { echo "package-check: no symbol package" >&2; exit 1; }
# every library the tool bundles is named in THIRD-PARTY-NOTICES.md
for dll in $(grep -o '[^/]*\.dll$' <<<"$listing" | sed 's/\.dll$//' | grep -v '^NexuSql' | grep -v '\.resources$' | sort -u); do
  grep -qF "$dll" "$root/THIRD-PARTY-NOTICES.md" || { echo "package-check: the tool bundles $dll, which THIRD-PARTY-NOTICES.md does not name" >&2; exit 1; }
done

# a private NuGet configuration: the packed tool and whatever the machine's own sources serve for its dependencies
dotnet tool install NexuSql.Cli --version "$version" --tool-path "$work/tools" --add-source "$work/packages" >"$work/install.log" 2>&1 \
  || { cat "$work/install.log" >&2; echo "package-check: dotnet tool install failed" >&2; exit 1; }
"$work/tools/nexusql" --version
NEXUSQL_BIN="$work/tools/nexusql" "$root/scripts/tour.sh" >"$work/tour.log" 2>&1 \
  || { tail -40 "$work/tour.log" >&2; echo "package-check: the tour failed with the installed tool" >&2; exit 1; }
tail -1 "$work/tour.log"
echo "package-check: packed, installed and toured NexuSql.Cli $version"
