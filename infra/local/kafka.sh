#!/usr/bin/env bash
# A standalone single-node Kafka broker in KRaft mode, run from Maven Central jars.
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-60}"

KAFKA_STATE="$STATE_DIR/kafka"
KAFKA_LIB="$KAFKA_STATE/lib"
KAFKA_DATA="$KAFKA_STATE/data"
KAFKA_LOG="$KAFKA_STATE/kafka.log"
KAFKA_PID_FILE="$KAFKA_STATE/kafka.pid"
KAFKA_PROPERTIES="$KAFKA_STATE/server.properties"
KAFKA_CLUSTER_ID_FILE="$KAFKA_STATE/cluster-id"
KAFKA_POM="$LOCAL_DIR/kafka/pom.xml"
KAFKA_TEMPLATE="$LOCAL_DIR/kafka/server.properties"

read -r -a KAFKA_HEAP <<<"$KAFKA_HEAP_OPTS"
KAFKA_JAVA=("$(java_cmd)" "${KAFKA_HEAP[@]}" -XX:+UseG1GC -Djava.awt.headless=true
	"-Dlogback.configurationFile=$LOCAL_DIR/kafka/logback.xml" -cp "$KAFKA_LIB/*")

usage() {
	cat <<EOF
Usage: infra/local/kafka.sh start|stop|status

Runs one Apache Kafka broker in KRaft mode (broker and controller in one JVM) without
Docker, from the Maven Central jars of the Kafka version Spring Boot manages.

  start   resolve the jars and format the storage (first run only), start the broker and
          wait until it listens; does nothing when it already runs
  stop    stop the broker: SIGTERM, then wait for its clean shutdown
  status  say whether the broker runs; exit status 0 when it does, 3 when it does not

Broker 127.0.0.1:$KAFKA_PORT, controller 127.0.0.1:$KAFKA_CONTROLLER_PORT. Jars, data, cluster id and
log live in infra/local/.state/kafka; the data survives restarts.

Environment: KAFKA_PORT, KAFKA_CONTROLLER_PORT, KAFKA_HEAP_OPTS ($KAFKA_HEAP_OPTS),
KAFKA_START_TIMEOUT and KAFKA_STOP_TIMEOUT in seconds ($KAFKA_START_TIMEOUT, $KAFKA_STOP_TIMEOUT).
EOF
}

is_our_broker() {
	pid_runs "$1" "kafka.Kafka $KAFKA_PROPERTIES"
}

# Prints the broker's process id when it runs. Finds it by its port when the pid file is
# gone, so a broker this script started is never started twice.
broker_pid() {
	local pid
	running_pid_from "$KAFKA_PID_FILE" "kafka.Kafka $KAFKA_PROPERTIES" && return 0
	pid="$(port_pid "$KAFKA_PORT")" || return 1
	is_our_broker "$pid" || return 1
	printf '%s\n' "$pid" >"$KAFKA_PID_FILE"
	printf '%s\n' "$pid"
}

# Copies kafka_2.13 and its runtime dependencies into .state/kafka/lib, again only when
# what decides their versions changed: this broker's pom, or the root pom's parent (the
# Spring Boot version) or a Kafka setting in it.
resolve_jars() {
	local fingerprint
	fingerprint="$({
		cat "$KAFKA_POM"
		sed -n '/<parent>/,/<\/parent>/p; /kafka/p' "$ROOT_DIR/pom.xml"
	} | cksum)"
	if [[ -f $KAFKA_LIB/.fingerprint && "$(<"$KAFKA_LIB/.fingerprint")" == "$fingerprint" ]]; then
		return 0
	fi
	info "Resolving the Kafka broker's jars into $KAFKA_LIB ..."
	rm -rf "$KAFKA_LIB"
	local maven=("$ROOT_DIR/mvnw" -B -q -f "$KAFKA_POM" dependency:copy-dependencies
		-DincludeScope=runtime "-DoutputDirectory=$KAFKA_LIB")
	if ! "${maven[@]}" -o >/dev/null 2>&1; then
		"${maven[@]}" || die "could not resolve the Kafka broker's jars (see the Maven output above)"
	fi
	printf '%s\n' "$fingerprint" >"$KAFKA_LIB/.fingerprint"
}

# Fills in kafka/server.properties, the broker's configuration the system tests share.
write_properties() {
	local data="${KAFKA_DATA//\\/\\\\}"
	data="${data//&/\\&}"
	{
		printf '# Written by infra/local/kafka.sh on every start from %s; edit that file, not this one.\n' "$KAFKA_TEMPLATE"
		sed -e "s|@PORT@|$KAFKA_PORT|g" -e "s|@CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
			-e "s|@DATA_DIR@|${data//|/\\|}|g" "$KAFKA_TEMPLATE"
	} >"$KAFKA_PROPERTIES"
}

# Formats the data directory once, with a cluster id kept in .state/kafka/cluster-id.
ensure_formatted() {
	if [[ -f $KAFKA_DATA/meta.properties ]]; then
		if [[ ! -s $KAFKA_CLUSTER_ID_FILE ]]; then
			sed -n 's/^cluster\.id=//p' "$KAFKA_DATA/meta.properties" >"$KAFKA_CLUSTER_ID_FILE"
		fi
		return 0
	fi
	if [[ ! -s $KAFKA_CLUSTER_ID_FILE ]]; then
		local id
		# The tool logs to standard output too: keep the line that is a cluster id.
		id="$("${KAFKA_JAVA[@]}" kafka.tools.StorageTool random-uuid 2>>"$KAFKA_LOG" |
			grep -E '^[A-Za-z0-9_-]{22}$' | tail -n 1)" || die "could not generate a Kafka cluster id; see $KAFKA_LOG"
		printf '%s\n' "$id" >"$KAFKA_CLUSTER_ID_FILE"
	fi
	info "Formatting Kafka storage in $KAFKA_DATA (cluster id $(<"$KAFKA_CLUSTER_ID_FILE")) ..."
	"${KAFKA_JAVA[@]}" kafka.tools.StorageTool format -t "$(<"$KAFKA_CLUSTER_ID_FILE")" -c "$KAFKA_PROPERTIES" \
		>>"$KAFKA_LOG" 2>&1 || die "formatting the Kafka storage failed; see $KAFKA_LOG"
}

start() {
	local pid owner port started
	mkdir -p "$KAFKA_STATE"
	if pid="$(broker_pid)"; then
		wait_until_listening "$pid"
		info "Kafka already runs (pid $pid) on 127.0.0.1:$KAFKA_PORT"
		return 0
	fi
	for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
		if owner="$(port_owner "$port")"; then
			die "port $port is already taken by $owner, not by a broker this script started. Stop it, or run on other ports with KAFKA_PORT and KAFKA_CONTROLLER_PORT."
		fi
	done
	resolve_jars
	write_properties
	ensure_formatted
	printf '\n==== %s kafka.sh start\n' "$(date '+%Y-%m-%dT%H:%M:%S%z')" >>"$KAFKA_LOG"
	started=$SECONDS
	pid="$(spawn "$KAFKA_PID_FILE" "$KAFKA_LOG" "${KAFKA_JAVA[@]}" kafka.Kafka "$KAFKA_PROPERTIES")" ||
		die "could not launch the Kafka broker"
	info "Starting Kafka (pid $pid), log $KAFKA_LOG ..."
	wait_until_listening "$pid"
	info "Kafka is up on 127.0.0.1:$KAFKA_PORT after $((SECONDS - started))s (cluster id $(<"$KAFKA_CLUSTER_ID_FILE"))"
}

wait_until_listening() {
	local pid="$1" deadline=$((SECONDS + KAFKA_START_TIMEOUT))
	until is_port_listening "$KAFKA_PORT"; do
		if ! is_pid_alive "$pid"; then
			tail -n 30 "$KAFKA_LOG" >&2
			die "the Kafka broker exited during start-up; the end of $KAFKA_LOG is above"
		fi
		if ((SECONDS >= deadline)); then
			tail -n 30 "$KAFKA_LOG" >&2
			terminate "$pid" "$KAFKA_STOP_TIMEOUT" || true
			rm -f "$KAFKA_PID_FILE"
			die "the Kafka broker did not listen on 127.0.0.1:$KAFKA_PORT within ${KAFKA_START_TIMEOUT}s and was stopped; the end of $KAFKA_LOG is above"
		fi
		sleep 0.5
	done
}

stop() {
	local pid started
	if ! pid="$(broker_pid)"; then
		rm -f "$KAFKA_PID_FILE"
		info "Kafka is not running"
		return 0
	fi
	info "Stopping Kafka (pid $pid) ..."
	started=$SECONDS
	if terminate "$pid" "$KAFKA_STOP_TIMEOUT"; then
		info "Kafka stopped after $((SECONDS - started))s"
	else
		warn "Kafka did not stop within ${KAFKA_STOP_TIMEOUT}s of SIGTERM and was killed; see $KAFKA_LOG"
	fi
	rm -f "$KAFKA_PID_FILE"
}

status() {
	local pid owner
	if pid="$(broker_pid)"; then
		info "Kafka runs: pid $pid, broker 127.0.0.1:$KAFKA_PORT, controller 127.0.0.1:$KAFKA_CONTROLLER_PORT"
		info "  cluster id $(cat "$KAFKA_CLUSTER_ID_FILE" 2>/dev/null || printf 'unknown'), data $KAFKA_DATA, log $KAFKA_LOG"
		return 0
	fi
	if owner="$(port_owner "$KAFKA_PORT")"; then
		info "Kafka (of this script) is not running; port $KAFKA_PORT is taken by $owner"
	else
		info "Kafka is not running"
	fi
	return 3
}

server_command "$@"
