# Helpers shared by the benchmark scripts. Source it; it does nothing on its own.
# shellcheck shell=bash

PG_HOST="${PG_HOST:-127.0.0.1}"
PG_PORT="${PG_PORT:-5432}"

die() {
	echo "error: $*" >&2
	exit 1
}

# need <command> <how to install it>
need() {
	command -v "$1" >/dev/null 2>&1 || die "$1 is required ($2)"
}

# Runs SQL from standard input as the PostgreSQL superuser: over TCP where the server trusts
# local connections, else through the postgres account's peer authentication.
# psql_admin [database] [psql options ...]
psql_admin() {
	local database="${1:-postgres}"
	shift || true
	if psql -X -q -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$database" -c 'SELECT 1' >/dev/null 2>&1; then
		psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$database" "$@"
	elif ((EUID == 0)); then
		runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d "$database" "$@"
	else
		sudo -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d "$database" "$@"
	fi
}

# psql_admin_query <database> <sql>: the result rows, unaligned, without headers
psql_admin_query() {
	psql_admin "$1" -A -t <<<"$2"
}

# await_http <url> <seconds> <what> <log file>
await_http() {
	local waited=0
	until curl -sf "$1" >/dev/null 2>&1; do
		((waited++ < $2)) || {
			tail -n 40 "$4" >&2
			die "$3 was not ready within $2 s (log above)"
		}
		sleep 1
	done
}

# The id of the process listening on TCP port $1; fails when none does.
port_pid() {
	local line
	line="$(ss -Hltnp "sport = :$1" 2>/dev/null | head -n 1)"
	[[ $line =~ pid=([0-9]+) ]] || return 1
	printf '%s\n' "${BASH_REMATCH[1]}"
}

redis_version() {
	if command -v redis-cli >/dev/null 2>&1; then
		redis-cli -h "${REDIS_HOST:-127.0.0.1}" -p "${REDIS_PORT:-6379}" INFO server 2>/dev/null |
			sed -n 's/^redis_version:\([^\r]*\).*/\1/p'
	else
		echo unknown
	fi
}

# The java launcher: $JAVA_HOME/bin/java when JAVA_HOME points at a JDK, else java on the PATH
# (as infra/local/run.sh starts the services).
java_cmd() {
	if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
		printf '%s\n' "$JAVA_HOME/bin/java"
	else
		printf 'java\n'
	fi
}
