# Helpers shared by the scripts in infra/local. Source it; it does nothing on its own.
# shellcheck shell=bash

LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck disable=SC2034 # used by the scripts that source this file
ROOT_DIR="$(cd "$LOCAL_DIR/../.." && pwd)"
# shellcheck disable=SC2034
STATE_DIR="$LOCAL_DIR/.state"
INSTANCES_FILE="$LOCAL_DIR/instances.tsv"
PG_HOST="${PG_HOST:-127.0.0.1}"
PG_PORT="${PG_PORT:-5432}"

info() { printf '%s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() {
	printf 'ERROR: %s\n' "$*" >&2
	exit 1
}

# The instance table (instances.tsv): "instance service port" a line, in start order.
instance_table() {
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$INSTANCES_FILE" | tr -s ' \t' '  '
}

# The ports of every instance of service $1, one a line.
service_ports() {
	instance_table | awk -v service="$1" '$2 == service { print $3 }'
}

# psql_admin [database] [psql options ...]: runs psql as the PostgreSQL superuser, the SQL from
# standard input: over TCP where the server trusts local connections, else through the postgres
# account's peer authentication over the local socket, as the Debian packages set a cluster up
# (PostgreSQL refuses to run anything as root).
psql_admin() {
	local database="${1:-postgres}"
	shift || true
	local psql=(psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d "$database" "$@")
	if psql -X -q -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$database" -c 'SELECT 1' >/dev/null 2>&1; then
		"${psql[@]}" -h "$PG_HOST" -U postgres
	elif [[ $(id -un) == postgres ]]; then
		"${psql[@]}"
	elif ((EUID == 0)); then
		runuser -u postgres -- "${psql[@]}"
	else
		sudo -u postgres -- "${psql[@]}"
	fi
}

# The java launcher: $JAVA_HOME/bin/java when JAVA_HOME points at a JDK, else java on the PATH.
java_cmd() {
	if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
		printf '%s\n' "$JAVA_HOME/bin/java"
	else
		printf 'java\n'
	fi
}

# Feature release of a java launcher, java_cmd's by default (8 for "1.8.0_x", 17 for "17.0.15"),
# or nothing.
java_major_version() {
	local launcher="${1:-$(java_cmd)}" version
	version="$("$launcher" -version 2>&1 | awk -F '"' '/version/ { print $2; exit }')" || return 0
	if [[ $version == 1.* ]]; then
		version="${version#1.}"
	fi
	printf '%s\n' "${version%%[.+-]*}"
}

# True while process $1 runs. A process that ended but was not yet reaped (a zombie) counts
# as ended.
is_pid_alive() {
	local state
	[[ ${1:-} =~ ^[0-9]+$ ]] || return 1
	state="$(ps -o stat= -p "$1" 2>/dev/null)" || return 1
	[[ -n $state && $state != Z* ]]
}

# True when process $1 runs and its command line contains $2: guards against a pid file
# naming a process id the system has since given to something else.
pid_runs() {
	is_pid_alive "$1" && ps -ww -o args= -p "$1" 2>/dev/null | grep -qF -- "$2"
}

# Prints the process id that pid file $1 names when that process runs and its command line
# contains $2 (see pid_runs); fails otherwise.
running_pid_from() {
	local pid=""
	[[ -f $1 ]] && pid="$(<"$1")"
	pid_runs "$pid" "$2" || return 1
	printf '%s\n' "$pid"
}

# Prints the id of the process listening on TCP port $1; fails when nothing listens.
port_pid() {
	local line
	line="$(ss -Hltnp "sport = :$1" 2>/dev/null | head -n 1)"
	[[ $line =~ pid=([0-9]+) ]] || return 1
	printf '%s\n' "${BASH_REMATCH[1]}"
}

# Describes who listens on TCP port $1 ("java (pid 123)"); fails when nothing listens.
port_owner() {
	local line
	if command -v ss >/dev/null 2>&1; then
		line="$(ss -Hltnp "sport = :$1" 2>/dev/null | head -n 1)"
		[[ -n $line ]] || return 1
		if [[ $line =~ users:\(\(\"([^\"]+)\",pid=([0-9]+) ]]; then
			printf '%s (pid %s)\n' "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
		else
			printf 'another process\n'
		fi
		return 0
	fi
	if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
		printf 'another process\n'
		return 0
	fi
	return 1
}

is_port_listening() {
	port_owner "$1" >/dev/null
}

# Starts a command in a session of its own, detached from the terminal, appending its output
# to a log file; prints its process id. Its own session keeps a Ctrl-C in the terminal away
# from it: the scripts stop what they started in order, with SIGTERM.
spawn() {
	local pid_file="$1" log_file="$2" i
	shift 2
	rm -f "$pid_file"
	# shellcheck disable=SC2016 # $$ and $@ belong to the inner shell
	setsid bash -c 'echo "$$" >"$0.tmp" && mv "$0.tmp" "$0" && exec "$@"' "$pid_file" "$@" \
		>>"$log_file" 2>&1 </dev/null &
	for ((i = 0; i < 100; i++)); do
		if [[ -s $pid_file ]]; then
			cat "$pid_file"
			return 0
		fi
		sleep 0.1
	done
	die "could not start $1 (see $log_file)"
}

# await_server <name> <pid> <log file> <timeout seconds> <probe command>: waits until the probe
# succeeds; stops the server and fails, with the end of its log, when it exits first or does not
# answer in time.
await_server() {
	local name="$1" pid="$2" log_file="$3" timeout="$4" probe="$5" started=$SECONDS
	until "$probe"; do
		if ! is_pid_alive "$pid"; then
			tail -n 20 "$log_file" >&2
			die "$name exited during start-up; the end of $log_file is above"
		fi
		if ((SECONDS - started >= timeout)); then
			terminate "$pid" 10 || true
			die "$name did not answer within ${timeout}s; see $log_file"
		fi
		sleep 0.5
	done
}

# stop_server <name> <pid file> <pid or empty>: stops the server of that pid (SIGTERM, SIGKILL
# after 15 s) and removes its pid file; says so when it was not running.
stop_server() {
	local name="$1" pid_file="$2" pid="$3"
	if [[ -z $pid ]]; then
		rm -f "$pid_file"
		info "${name^} is not running"
		return 0
	fi
	terminate "$pid" 15 || warn "$name did not stop within 15s of SIGTERM and was killed"
	rm -f "$pid_file"
	info "${name^} stopped"
}

# server_status <name> <where it answers>: says whether the server that server_pid (of the
# script) finds runs; fails with status 3 when it does not.
server_status() {
	local pid
	if pid="$(server_pid)"; then
		info "${1^} runs: pid $pid, $2"
		return 0
	fi
	info "${1^} is not running"
	return 3
}

# The command line of a server script (kafka.sh, mail.sh, prometheus.sh): runs its start,
# stop or status function, or prints its usage.
server_command() {
	case "${1:-}" in
	start | stop | status) "$1" ;;
	-h | --help | help) usage ;;
	*)
		usage >&2
		exit 2
		;;
	esac
}

# Sends SIGTERM to process $1 and waits up to $2 seconds for it to end, then kills it; kills
# it at once when FORCE_STOP becomes true meanwhile. Fails when it had to be killed.
terminate() {
	local pid="$1" timeout="$2" started=$SECONDS
	kill -TERM "$pid" 2>/dev/null || return 0
	while is_pid_alive "$pid"; do
		if ((SECONDS - started >= timeout)) || [[ ${FORCE_STOP:-false} == true ]]; then
			kill -KILL "$pid" 2>/dev/null || true
			return 1
		fi
		sleep 0.2
	done
}
