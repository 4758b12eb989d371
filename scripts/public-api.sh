#!/usr/bin/env bash
# Brings every library's PublicAPI.Unshipped.txt in line with its code after a deliberate API change: symbols the
# analyzer reports as new (RS0016) are added, symbols that are gone (RS0017) removed. Review the diff it leaves.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
for project in src/NexuSql/ $(ls -d src/*/ | grep -v "^src/NexuSql/$"); do  # core first: the others build on it
  name=$(basename "$project")
  [ -f "$project/PublicAPI.Unshipped.txt" ] || continue
  log=$(dotnet build "$project" -c Release --nologo 2>&1 || true)
  python3 - "$project" "$name" <<PY "$log"
import re, sys
project, name, log = sys.argv[1], sys.argv[2], sys.argv[3]
mine = [l for l in log.splitlines() if f"/src/{name}/" in l]
added = sorted({m.group(1) for l in mine for m in [re.search(r"RS0016: Symbol '(.*)' is not part of the declared", l)] if m})
gone = {m.group(1) for l in mine for m in [re.search(r"RS0017: Symbol '(.*)' is part of the declared API", l)] if m}
path = project + "PublicAPI.Unshipped.txt"
lines = [l for l in open(path).read().splitlines() if l not in gone]
lines += [a for a in added if a not in lines]
open(path, "w").write("\n".join(lines) + "\n")
print(f"{name}: {len(added)} added, {len(gone)} removed")
PY
done
