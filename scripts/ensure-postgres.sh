#!/usr/bin/env bash
# Installs and starts a Debian PostgreSQL on loopback for the storage tests,
# and prints the connection string Backstage's TestDatabases reads.
# Usage: eval "$(scripts/ensure-postgres.sh)"
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  echo "Installing PostgreSQL (Debian package)..." >&2
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >/dev/null
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
version=$(basename "$(dirname "$bin")")
data=/tmp/netpol-pg-data
port=54329
# pg_ctl refuses to run as root: every call goes through the postgres user.
if ! su postgres -c "$bin/pg_ctl -D $data status" >/dev/null 2>&1; then
  rm -rf "$data"; mkdir -p "$data"; chown postgres "$data"
  su postgres -c "$bin/initdb -D $data -A trust -U postgres" >/dev/null
  su postgres -c "$bin/pg_ctl -D $data -o '-p $port -k /tmp -c listen_addresses=127.0.0.1' -l /tmp/netpol-pg.log -w start" >/dev/null
fi
echo "export BACKSTAGE_TEST_DATABASE_POSTGRES${version}_CONNECTION_STRING=postgresql://postgres@127.0.0.1:${port}"
