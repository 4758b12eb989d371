#!/usr/bin/env bash
# The tour of NexuSQL's whole job on embedded SQLite, with no server: every command is printed before it runs.
# init → migrate → seed → query → backup → restore into a second database → verify --against → copy, import, reset.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
# NEXUSQL_BIN: another nexusql to tour with (scripts/package-check.sh passes the installed tool)
nexusql=${NEXUSQL_BIN:-$root/nexusql}
n() { echo; echo "\$ nexusql $*"; "$nexusql" "$@"; }
expect_fail() { echo; echo "\$ nexusql $*"; set +e; "$nexusql" "$@"; local rc=$?; set -e; echo "(exit code $rc)"; }
step() { echo; echo "# $*"; }

echo "NexuSQL tour in $work"

step "1. A project: nexusql.json with environments (dev and test on SQLite, prod protected), migrations/ and seeds/"
n init
cat nexusql.json
n env list

step "2. Migrations: Flyway-style scripts, applied once, under a lock"
n migrate new "create shop"
cat > migrations/V1__create_shop.sql <<'SQL'
CREATE TABLE customers (id INTEGER PRIMARY KEY AUTOINCREMENT, email VARCHAR(200) NOT NULL UNIQUE, name TEXT NOT NULL, vip BOOLEAN NOT NULL DEFAULT 0);
CREATE TABLE orders (id INTEGER PRIMARY KEY AUTOINCREMENT, customer_id INTEGER NOT NULL REFERENCES customers (id), total DECIMAL_TEXT(12,2) NOT NULL, placed_at TIMESTAMP NOT NULL);
CREATE INDEX orders_customer ON orders (customer_id);
SQL
echo "DROP TABLE orders; DROP TABLE customers;" > migrations/U1__create_shop.sql
n migrate --dry-run
n migrate
n migrate info

step "3. Seed data per environment, upserted by key: run it twice, the second run changes nothing"
cat > seeds/dev/01_customers.csv <<'CSV'
id,email,name,vip
1,ann@example.com,Ann O'Neil,true
2,bob@example.com,"Bob ""Bobby"" Smith",false
CSV
cat > seeds/dev/02_orders.json <<'JSON'
[ {"id": 1, "customer_id": 1, "total": "19.99", "placed_at": "2026-11-01T10:00:00"},
  {"id": 2, "customer_id": 1, "total": "5.00", "placed_at": "2026-11-02T11:30:00"},
  {"id": 3, "customer_id": 2, "total": "120.50", "placed_at": "2026-11-03T09:15:00"} ]
JSON
n seed --dry-run
n seed
n seed

step "4. Queries with portable :name parameters (':name' inside strings and comments is text)"
n query "SELECT c.name, COUNT(o.id) AS orders, SUM(o.total) AS spent, ':literal' AS text /* :comment */ FROM customers c JOIN orders o ON o.customer_id = c.id WHERE c.vip = :vip GROUP BY c.name" --param vip=true
n --json query "SELECT email, vip FROM customers ORDER BY id"
expect_fail exec "INSERT INTO customers (email, name) VALUES (:email, :name)" --param email=ann@example.com --param name=again

step "5. Backup: one consistent snapshot, a sealed file, verified; then restore it into the test environment"
n backup
n backup list
file=$(ls backups/*.nxb)
n backup verify "$file"
n --env test restore "$file"

step "6. Verify: migrations, drift, integrity, and the data of dev against test, row by row"
n verify --against test
n --env test exec "UPDATE orders SET total = 99.99 WHERE id = 2"
n --env test exec "DELETE FROM orders WHERE id = 3"
expect_fail verify --against test --checks data

step "7. Copy dev into a new database, import a file twice (the second run inserts nothing), stats"
n copy --from dev --to "sqlite:///$work/copy.db"
mkdir import
cat > import/customers.json <<'JSON'
[ {"email": "cy@example.com", "name": "Cy"}, {"email": "ann@example.com", "name": "Ann again"}, {"email": "dee@example.com"} ]
JSON
expect_fail import import
expect_fail import import
n stats

step "8. Reset: refused on a protected environment without --yes and its name"
PROD_DATABASE_URL="sqlite:///$work/prod.db" expect_fail --env prod reset
n --env test --yes reset --data-only
n --env test --json stats

echo; echo "Tour finished."
