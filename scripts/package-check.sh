#!/usr/bin/env bash
# Packs the nexusql tool from the Release build, installs it the way .NET users install tools
# (dotnet tool install --add-source, into a temporary tool path), and runs the tour with the installed tool.
# Checks that the package carries its license, readme and notices. Run after a Release build (scripts/test.sh does).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props")

dotnet pack "$root/src/NexuSql.Cli" -c Release --no-build --nologo -p:NexuSqlAllowNoRepositoryUrl=true -o "$work/packages" >"$work/pack.log" 2>&1 \
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

# Repository link and SourceLink: packed from a checkout whose origin is a public https repository, the .nuspec names
# it and the symbols map every source file to it (the SDK's SourceLink). A placeholder origin in a throwaway clone
# proves the wiring; a release sets the real one (docs/operations.md). Without one, pack warns (NXS0001).
git clone -q "$root" "$work/clone"
git -C "$work/clone" remote remove origin
dotnet pack "$work/clone/src/NexuSql" -c Release --nologo -o "$work/unlinked" >"$work/unlinked.log" 2>&1 \
  || { cat "$work/unlinked.log" >&2; echo "package-check: dotnet pack (no origin) failed" >&2; exit 1; }
grep -q NXS0001 "$work/unlinked.log" \
  || { echo "package-check: pack from a checkout without a public origin did not warn (NXS0001)" >&2; exit 1; }
git -C "$work/clone" remote add origin https://github.com/example/nexusql.git
dotnet pack "$work/clone/src/NexuSql" -c Release --nologo -o "$work/linked" >"$work/linked.log" 2>&1 \
  || { cat "$work/linked.log" >&2; echo "package-check: dotnet pack (linked) failed" >&2; exit 1; }
! grep -q NXS0001 "$work/linked.log" || { echo "package-check: pack warned NXS0001 with a public origin" >&2; exit 1; }
unzip -p "$work/linked/NexuSql.$version.nupkg" '*.nuspec' | grep -q '<repository type="git" url="https://github.com/example/nexusql.git"' \
  || { echo "package-check: the .nuspec names no repository URL" >&2; exit 1; }
(cd "$work/linked" && unzip -q -o "NexuSql.$version.snupkg" -d snupkg)
grep -aq 'raw.githubusercontent.com/example/nexusql/' "$work/linked/snupkg/lib/net10.0/NexuSql.pdb" \
  || { echo "package-check: NexuSql.pdb carries no SourceLink map" >&2; exit 1; }

# a private NuGet configuration: the packed tool and whatever the machine's own sources serve for its dependencies
dotnet tool install NexuSql.Cli --version "$version" --tool-path "$work/tools" --add-source "$work/packages" >"$work/install.log" 2>&1 \
  || { cat "$work/install.log" >&2; echo "package-check: dotnet tool install failed" >&2; exit 1; }
"$work/tools/nexusql" --version
NEXUSQL_BIN="$work/tools/nexusql" "$root/scripts/tour.sh" >"$work/tour.log" 2>&1 \
  || { tail -40 "$work/tour.log" >&2; echo "package-check: the tour failed with the installed tool" >&2; exit 1; }
tail -1 "$work/tour.log"
echo "package-check: packed, installed and toured NexuSql.Cli $version"
