#!/usr/bin/env bash
# A tour of what NexuSQL does today, on embedded SQLite, with no server: every step is printed before it runs.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="sqlite:///$work/shop.db"
n() { echo; echo "\$ nexusql $*"; "$root/nexusql" "$@"; }
expect_fail() { echo; echo "\$ nexusql $*"; set +e; "$root/nexusql" "$@"; local rc=$?; set -e; echo "(exit code $rc)"; }

echo "NexuSQL tour on $db"
n --url "$db" check
n --url "$db" exec "CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL, vip INTEGER NOT NULL DEFAULT 0)"
n --url "$db" exec "INSERT INTO customers (email, name, vip) VALUES (:email, :name, :vip)" --param email=ann@example.com --param name="Ann O'Neil" --param vip=true
n --url "$db" exec "INSERT INTO customers (email, name) VALUES (:email, :name)" --param email=bob@example.com --param name="Bob :not_a_param"
echo; echo "# ':name' inside strings and comments is text, not a parameter:"
n --url "$db" query "SELECT id, name, ':literal' AS text /* :comment */ FROM customers WHERE email = :email" --param email=ann@example.com
n --url "$db" --json query "SELECT email, vip FROM customers ORDER BY id"
echo; echo "# A duplicate email is a constraint violation: exit code 1, the same kind on every engine:"
expect_fail --url "$db" exec "INSERT INTO customers (email, name) VALUES (:email, :name)" --param email=ann@example.com --param name=again
echo; echo "# A parameter without a value is a usage error: exit code 2, naming it:"
expect_fail --url "$db" query "SELECT * FROM customers WHERE email = :email"
echo; echo "Tour finished."
