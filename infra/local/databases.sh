#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis run locally and provisions each service's database.
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

REDIS_HOST="${REDIS_HOST:-127.0.0.1}"
REDIS_PORT="${REDIS_PORT:-6379}"
LOCAL_DB_PASSWORD="local-dev-password"

# database (also its role's name) and the prefix of the service's environment variables
DATABASES=(users:USERS catalog:CATALOG orders:ORDERS notifications:NOTIFICATIONS)

usage() {
	cat <<EOF
Usage: infra/local/databases.sh [--reset]

Makes sure PostgreSQL ($PG_HOST:$PG_PORT) and Redis ($REDIS_HOST:$REDIS_PORT) run, starting them
(and installing them with apt-get when missing), then creates, or brings up to date, one
database per service, each owned by a role of the same name that may connect to its own
database only: users, catalog, orders, notifications.

A role's password comes from <PREFIX>_DB_PASSWORD (USERS_, CATALOG_, ORDERS_,
NOTIFICATIONS_), "$LOCAL_DB_PASSWORD" when unset. Safe to run any number of times; existing
data is kept.

  --reset   drop these databases first, with all their data, and create them afresh
            (for instance after a migration that was already applied locally changed)
EOF
}

# Runs a command as root: directly, or through sudo for a developer account.
as_root() {
	if ((EUID == 0)); then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		die "'$*' needs root; run this script as root or install sudo"
	fi
}

install_packages() {
	info "Installing $* with apt-get ..."
	as_root apt-get update -q
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

postgres_ready() {
	pg_isready -q -h "$PG_HOST" -p "$PG_PORT"
}

ensure_postgres() {
	if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! command -v psql >/dev/null 2>&1; then
		install_packages postgresql
	fi
	if postgres_ready; then
		info "PostgreSQL runs on $PG_HOST:$PG_PORT"
		return 0
	fi
	local version
	version="$(find /etc/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)"
	[[ -n $version ]] || die "PostgreSQL is installed but has no cluster in /etc/postgresql; create one with: pg_createcluster --start <version> main"
	info "Starting PostgreSQL $version ..."
	as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
	local i
	for ((i = 0; i < 60; i++)); do
		postgres_ready && return 0
		sleep 0.5
	done
	die "PostgreSQL $version did not accept connections on $PG_HOST:$PG_PORT within 30s; see /var/log/postgresql/"
}

redis_ready() {
	[[ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]
}

ensure_redis() {
	if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
		install_packages redis-server
	fi
	if redis_ready; then
		info "Redis runs on $REDIS_HOST:$REDIS_PORT"
		return 0
	fi
	info "Starting Redis ..."
	as_root mkdir -p /var/lib/redis /var/log/redis
	as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no \
		--dir /var/lib/redis --logfile /var/log/redis/ci.log
	local i
	for ((i = 0; i < 40; i++)); do
		redis_ready && return 0
		sleep 0.25
	done
	die "Redis did not answer on $REDIS_HOST:$REDIS_PORT within 10s; see /var/log/redis/ci.log"
}

# A psql \set command giving variable $1 the literal value $2 (quotes and backslashes
# escaped), so the password travels on standard input rather than the command line.
psql_set() {
	local value="${2//\\/\\\\}"
	value="${value//\'/\'\'}"
	printf "\\\\set %s '%s'\n" "$1" "$value"
}

# Creates the role and database $1 when missing and (re)applies password, ownership and
# privileges: the same statements the integration tests provision their databases with.
provision() {
	local name="$1" password="$2"
	{
		psql_set name "$name"
		psql_set password "$password"
		cat <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'name', :'password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'name') \gexec
SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', :'name', :'password') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'name', :'name')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'name') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'name', :'name') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'name') \gexec
SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', :'name', :'name') \gexec
SQL
	} | psql_admin
}

drop() {
	{
		psql_set name "$1"
		printf '%s\n' "SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', :'name') \\gexec"
	} | psql_admin
}

main() {
	local reset=false
	case "${1:-}" in
	"") ;;
	--reset) reset=true ;;
	-h | --help | help)
		usage
		return 0
		;;
	*)
		usage >&2
		return 2
		;;
	esac
	ensure_postgres
	ensure_redis
	local entry name variable source
	for entry in "${DATABASES[@]}"; do
		name="${entry%%:*}"
		variable="${entry#*:}_DB_PASSWORD"
		if [[ $reset == true ]]; then
			drop "$name" || die "could not drop database '$name'"
			info "Database '$name' dropped"
		fi
		source="the local default"
		[[ -z ${!variable:-} ]] || source="$variable"
		provision "$name" "${!variable:-$LOCAL_DB_PASSWORD}" || die "could not provision database '$name'"
		info "Database '$name' ready: owned by role '$name' (password: $source), no access for other roles"
	done
}

main "$@"
