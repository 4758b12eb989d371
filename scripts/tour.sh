#!/usr/bin/env bash
# A tour of what NexuSQL does today, on embedded SQLite, with no server: every step is printed before it runs.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
db="sqlite:///shop.db"
n() { echo; echo "\$ nexusql $*"; "$root/nexusql" "$@"; }
expect_fail() { echo; echo "\$ nexusql $*"; set +e; "$root/nexusql" "$@"; local rc=$?; set -e; echo "(exit code $rc)"; }

echo "NexuSQL tour in $work, database $db"
n --url "$db" check

echo; echo "# 1. Migrations: Flyway-style scripts, applied once, under a lock"
n migrate new "create customers"
cat > migrations/V1__create_customers.sql <<'SQL'
CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL, vip INTEGER NOT NULL DEFAULT 0);
-- a trigger body holds ';' and is kept whole
CREATE TRIGGER customers_email_lower AFTER INSERT ON customers
BEGIN
  UPDATE customers SET email = lower(NEW.email) WHERE id = NEW.id;
END;
SQL
echo "DROP TRIGGER customers_email_lower; DROP TABLE customers;" > migrations/U1__create_customers.sql
cat > migrations/V2__orders.sql <<'SQL'
CREATE TABLE ${prefix}orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id), total TEXT NOT NULL);
SQL
n --url "$db" migrate --placeholder prefix=shop_ --dry-run
n --url "$db" migrate --placeholder prefix=shop_
n --url "$db" migrate info
n --url "$db" migrate --placeholder prefix=shop_

echo; echo "# 2. Queries with portable :name parameters"
n --url "$db" exec "INSERT INTO customers (email, name, vip) VALUES (:email, :name, :vip)" --param email=Ann@Example.com --param name="Ann O'Neil" --param vip=true
n --url "$db" exec "INSERT INTO customers (email, name) VALUES (:email, :name)" --param email=bob@example.com --param name="Bob :not_a_param"
echo; echo "# ':name' inside strings and comments is text, not a parameter:"
n --url "$db" query "SELECT id, name, ':literal' AS text /* :comment */ FROM customers WHERE email = :email" --param email=ann@example.com
n --url "$db" --json query "SELECT email, vip FROM customers ORDER BY id"

echo; echo "# 3. Errors: the same kind and exit code on every engine"
expect_fail --url "$db" exec "INSERT INTO customers (email, name) VALUES (:email, :name)" --param email=ann@example.com --param name=again
expect_fail --url "$db" query "SELECT * FROM customers WHERE email = :email"

echo; echo "# 4. The schema as data: a reviewable JSON model, and drift caught after a change behind the tool's back"
n --url "$db" schema dump -o schema.json
head -12 schema.json
n --url "$db" verify --checks drift --placeholder prefix=shop_
n --url "$db" exec "ALTER TABLE customers ADD COLUMN sneaky INTEGER"
expect_fail --url "$db" verify --checks drift --placeholder prefix=shop_

echo; echo "# 5. An edited migration is caught (exit code 3)"
echo "-- an edit after the fact" >> migrations/V2__orders.sql
expect_fail --url "$db" migrate validate
echo; echo "Tour finished."
