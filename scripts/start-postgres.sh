#!/usr/bin/env bash
# Start the local PostgreSQL cluster from Debian's postgresql package and make a role for the
# tests (vawdasv/vawdasv, allowed to create the test database). Safe to run twice.
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432
runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vawdasv') THEN
    CREATE ROLE vawdasv LOGIN CREATEDB PASSWORD 'vawdasv';
  END IF;
END
$$;
SQL
runuser -u postgres -- psql -q -tc "SELECT 1 FROM pg_database WHERE datname = 'vawdasv'" | grep -q 1 \
  || runuser -u postgres -- createdb -O vawdasv vawdasv
