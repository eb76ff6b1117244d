# Helpers of the benchmark scripts: the local platform's (infra/local/lib/common.sh: die,
# java_cmd, port_pid, psql_admin, the instance table ...) and what only a benchmark needs.
# Source it; it does nothing on its own.
# shellcheck shell=bash

# shellcheck source=../../local/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../local/lib/common.sh"

# need <command> <how to install it>
need() {
	command -v "$1" >/dev/null 2>&1 || die "$1 is required ($2)"
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

redis_version() {
	if command -v redis-cli >/dev/null 2>&1; then
		redis-cli -h "${REDIS_HOST:-127.0.0.1}" -p "${REDIS_PORT:-6379}" INFO server 2>/dev/null |
			sed -n 's/^redis_version:\([^\r]*\).*/\1/p'
	else
		echo unknown
	fi
}

# record <kind> <field ...>: one tab-separated line of the run's results ($RESULTS)
record() {
	local IFS=$'\t'
	printf '%s\n' "$*" >>"$RESULTS"
}

# The settings every benchmark records: the machine, the Java, the commit.
record_machine() {
	record setting machine "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
	record setting java "$("$(service_java)" -version 2>&1 | head -n 1)"
	record setting commit "$(git -C "$ROOT_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)"
}

# metric_sum <service> <metric>: the sum of a metric's samples over every instance of a
# service of the instance table, from their /actuator/prometheus (whole numbers)
metric_sum() {
	local port
	for port in $(service_ports "$1"); do
		curl -sf -m 5 "http://127.0.0.1:$port/actuator/prometheus" || return 1
	done | awk -v name="$2" '$1 == name || index($1, name "{") == 1 { sum += $NF } END { printf "%d\n", sum }'
}
