#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis are installed (Debian packages) and running on 127.0.0.1, the way
# the tests and the local platform expect them: PostgreSQL on 5432 accepting the postgres
# administrator over TCP without a password (trust, as on the project's development machines),
# Redis on 6379 keeping nothing on disk. Safe to run again: it only does what is missing.
set -euo pipefail

apt_updated=no
apt_install() {
  if [ "$apt_updated" = no ]; then
    apt-get update -q
    apt_updated=yes
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

wait_for() {
  local what=$1; shift
  for _ in $(seq 1 30); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "$what did not come up within 30 s" >&2
  return 1
}

admin_sql() { psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -Atqc "$1"; }

ensure_postgres() {
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    apt_install postgresql postgresql-client
  fi
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
    wait_for "PostgreSQL" pg_isready -q -h 127.0.0.1 -p 5432
  fi
  if ! admin_sql "SELECT 1" >/dev/null 2>&1; then
    local hba="/etc/postgresql/$version/main/pg_hba.conf"
    echo "Allowing passwordless TCP connections from this machine in $hba"
    sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
    pg_ctlcluster --skip-systemctl-redirect "$version" main reload
    wait_for "PostgreSQL (trust auth)" admin_sql "SELECT 1"
  fi
  ensure_connection_slots "$version"
  echo "PostgreSQL $(admin_sql 'SHOW server_version') on 127.0.0.1:5432, max_connections $(admin_sql 'SHOW max_connections')"
}

# Every service instance holds a connection pool, and the tests and the local platform run
# many instances side by side (a system test alone runs six): the default 100 connections run
# out. Raising the limit needs a restart, done once.
MIN_CONNECTIONS=400
ensure_connection_slots() {
  local version="$1"
  if (($(admin_sql 'SHOW max_connections') >= MIN_CONNECTIONS)); then
    return 0
  fi
  echo "Raising PostgreSQL's max_connections to $MIN_CONNECTIONS (restarts it)"
  admin_sql "ALTER SYSTEM SET max_connections = $MIN_CONNECTIONS"
  pg_ctlcluster --skip-systemctl-redirect "$version" main restart
  wait_for "PostgreSQL" admin_sql "SELECT 1"
}

ensure_redis() {
  if ! command -v redis-server >/dev/null 2>&1; then
    apt_install redis-server
  fi
  if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log
    wait_for "Redis" redis-cli -h 127.0.0.1 -p 6379 ping
  fi
  echo "Redis $(redis-cli -h 127.0.0.1 -p 6379 info server | sed -n 's/^redis_version:\(.*\)\r$/\1/p') on 127.0.0.1:6379"
}

ensure_postgres
ensure_redis
