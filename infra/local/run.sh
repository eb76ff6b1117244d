#!/usr/bin/env bash
# Runs the whole platform on this machine without Docker: PostgreSQL, Redis and a Kafka
# broker, then every service as a JVM of its own with the "local" profile.
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/jvm.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/jvm.sh"

LOCAL_DB_PASSWORD="local-dev-password"
STARTUP_TIMEOUT="${STARTUP_TIMEOUT:-120}"
STOP_TIMEOUT="${STOP_TIMEOUT:-60}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
MAIL_SMTP_PORT="${MAIL_SMTP_PORT:-1025}"
MAIL_WEB_PORT="${MAIL_WEB_PORT:-8025}"
STARTUP_PARALLELISM="${STARTUP_PARALLELISM:-$(nproc 2>/dev/null || printf 2)}"
KEEP_RUNS=10

# instance, module (its jar), port: the table in instances.tsv
mapfile -t INSTANCES < <(instance_table)
mapfile -t SERVICES < <(instance_table | awk '!seen[$2]++ { print $2 }')
GATEWAY_PORT="$(service_ports gateway)"
# the environment variable prefix of each service that owns a database
DB_PREFIXES=(USERS CATALOG ORDERS NOTIFICATIONS)
# Secrets the services require and nothing defaults: unless given in the environment, each
# is generated once and kept in .state/local-secrets.env, so data encrypted under it in
# one run can still be read in the next.
GENERATED_SECRETS=(USERS_KEY_ENCRYPTION_SECRET)

PLATFORM_DIR="$STATE_DIR/platform"
RUNS_DIR="$STATE_DIR/runs"
APPS_DIR="$STATE_DIR/apps"
SUPERVISOR_PID_FILE="$PLATFORM_DIR/supervisor.pid"
KAFKA_OWNED_FILE="$PLATFORM_DIR/kafka-owned"
MAIL_OWNED_FILE="$PLATFORM_DIR/mail-owned"
PROMETHEUS_OWNED_FILE="$PLATFORM_DIR/prometheus-owned"
RUN_DIR_FILE="$PLATFORM_DIR/run-dir"
SECRETS_FILE="$STATE_DIR/local-secrets.env"

usage() {
	cat <<EOF
Usage: infra/local/run.sh [--no-build] [--detach] [--keep-infra] [--observability]
       infra/local/run.sh stop [--keep-infra]
       infra/local/run.sh status

Runs the platform without Docker: makes sure PostgreSQL and Redis run and the service
databases exist (databases.sh), starts a Kafka broker (kafka.sh) and a mail server that
keeps every e-mail (mail.sh), then starts every service as its own JVM with the "local"
profile (config/application-local.yml), each instance of instances.tsv on its port:

$(instance_table | awk '{ printf "  %-22s %-22s %s\n", $1, $2, $3 }')

The e-mails the services send: http://127.0.0.1:$MAIL_WEB_PORT/api/user/<address>/messages/INBOX

It waits until each one is ready, prints a summary and keeps running until Ctrl-C or
SIGTERM, then stops the services, and the Kafka broker and mail server it started. Data (databases, Kafka
log) is kept from one run to the next. Logs: infra/local/.state/runs/<timestamp>/.

  --no-build    use the jars as they are; by default the reactor is built
                (./mvnw -B -q -DskipTests package) when a jar is missing or older than
                the sources
  --detach      start, wait until ready, and return; stop later with: run.sh stop
  --keep-infra  leave the Kafka broker and the mail server running when the platform stops
                (PostgreSQL and Redis are never stopped)
  --observability  also run Prometheus (prometheus.sh; Debian's package, installed when
                missing) on http://127.0.0.1:9090, scraping every instance with the SLO and
                cause alerts of infra/deploy/prometheus/rules loaded

  stop          stop a platform started with --detach (or running in another terminal)
  status        show what runs

Environment:
  <PREFIX>_DB_PASSWORD   the services' database passwords (USERS_, CATALOG_, ORDERS_,
                         NOTIFICATIONS_); default "$LOCAL_DB_PASSWORD"
  ${GENERATED_SECRETS[*]}
                         default: generated once, kept in .state/local-secrets.env
  SERVICE_JAVA           the java the services run on; by default the first Java 25 or
                         newer of JAVA_HOME, the PATH and the usual JDK folders, else
                         Java 17 or newer as JAVA_HOME or the PATH gives it
  SERVICE_JAVA_OPTS      JVM options of every service; by default (infra/local/lib/jvm.sh)
                         -Xmx384m, and C1 alone on fewer than 8 cores except for the
                         gateway
  STARTUP_PARALLELISM    services starting at once ($STARTUP_PARALLELISM)
  STARTUP_TIMEOUT        seconds a service has to become ready ($STARTUP_TIMEOUT)
  STOP_TIMEOUT           seconds the services have to stop before they are killed ($STOP_TIMEOUT)
  MAVEN_ARGS             extra arguments for the build, e.g. -o to build offline
  KAFKA_PORT, ...        see kafka.sh --help
  MAIL_SMTP_PORT, MAIL_WEB_PORT
                         see mail.sh --help
EOF
}

# ---------------------------------------------------------------- instances and state

instance_pid_file() {
	printf '%s/%s.pid\n' "$PLATFORM_DIR" "$1"
}

# Prints the pid of an instance that runs, from its pid file.
instance_pid() {
	running_pid_from "$(instance_pid_file "$1")" "$(app_jar "$2")"
}

project_version() {
	sed -n '/<\/parent>/,/<version>/p' "$ROOT_DIR/pom.xml" | sed -n 's:.*<version>\(.*\)</version>.*:\1:p' | head -n 1
}

built_jar() {
	printf '%s/%s/target/%s-%s.jar\n' "$ROOT_DIR" "$1" "$1" "$VERSION"
}

# ---------------------------------------------------------------- start

check_java() {
	local major
	major="$(java_major_version)"
	[[ $major =~ ^[0-9]+$ ]] || die "no Java found: install a JDK 17 or newer, or set JAVA_HOME"
	((major >= 17)) || die "Java 17 or newer is needed; $(java_cmd) is Java $major. Set JAVA_HOME to a newer JDK."
	SERVICE_JAVA_CMD="$(service_java)"
	SERVICE_JAVA_MAJOR="$(java_major_version "$SERVICE_JAVA_CMD")"
	[[ $SERVICE_JAVA_MAJOR =~ ^[0-9]+$ ]] && ((SERVICE_JAVA_MAJOR >= 17)) ||
		die "SERVICE_JAVA=$SERVICE_JAVA_CMD is not a Java 17 or newer"
}

check_not_running() {
	local entry name module pid running=()
	if [[ -f $SUPERVISOR_PID_FILE ]] && pid_runs "$(<"$SUPERVISOR_PID_FILE")" run.sh; then
		running+=("run.sh (pid $(<"$SUPERVISOR_PID_FILE"))")
	fi
	for entry in "${INSTANCES[@]}"; do
		read -r name module _ <<<"$entry"
		if pid="$(instance_pid "$name" "$module")"; then
			running+=("$name (pid $pid)")
		fi
	done
	if ((${#running[@]} > 0)); then
		die "the platform already runs: ${running[*]}. Stop it first with ./infra/local/run.sh stop"
	fi
}

check_ports() {
	local entry name port owner taken=0
	for entry in "${INSTANCES[@]}"; do
		read -r name _ port <<<"$entry"
		if owner="$(port_owner "$port")"; then
			printf 'ERROR: port %s, needed by %s, is already taken by %s\n' "$port" "$name" "$owner" >&2
			taken=1
		fi
	done
	((taken == 0)) || die "free the ports above and run again"
}

# True when a jar is missing or a source or pom of the reactor changed after the oldest jar.
needs_build() {
	local module jar oldest=""
	for module in "${SERVICES[@]}"; do
		jar="$(built_jar "$module")"
		[[ -f $jar ]] || return 0
		if [[ -z $oldest || $jar -ot $oldest ]]; then
			oldest="$jar"
		fi
	done
	[[ -n "$(find "$ROOT_DIR" \( -name target -o -name .git -o -name node_modules -o -path "$LOCAL_DIR" \) -prune \
		-o -type f \( -path '*/src/main/*' -o -name pom.xml \) -newer "$oldest" -print -quit)" ]]
}

build_if_needed() {
	if [[ $BUILD == false ]]; then
		local module
		for module in "${SERVICES[@]}"; do
			[[ -f "$(built_jar "$module")" ]] || die "$(built_jar "$module") is missing; run without --no-build"
		done
		return 0
	fi
	if ! needs_build; then
		info "Service jars are up to date"
		return 0
	fi
	info "Building the service jars (./mvnw -B -q -DskipTests package) ..."
	local started=$SECONDS
	(cd "$ROOT_DIR" && ./mvnw -B -q -DskipTests package) || die "the build failed (output above)"
	info "Built in $((SECONDS - started))s"
}

# Runs the services from extracted copies of their jars (java -Djarmode=tools extract: the
# application's jar with its libraries beside it), which a JVM opens faster than a jar of
# nested jars, and which a build while the platform runs cannot change under a running JVM.
# A jar is extracted again only when it changed.
extract_apps() {
	local module jar checksum directory
	mkdir -p "$APPS_DIR"
	for module in "${SERVICES[@]}"; do
		jar="$(built_jar "$module")"
		checksum="$(sha256sum "$jar" | cut -d ' ' -f 1)"
		directory="$APPS_DIR/$module"
		if [[ -f $directory/source.sha256 && $(<"$directory/source.sha256") == "$checksum" ]]; then
			continue
		fi
		rm -rf "$directory.new"
		"$(java_cmd)" -Djarmode=tools -jar "$jar" extract --destination "$directory.new" >/dev/null ||
			die "extracting $jar failed"
		mv "$directory.new/$(basename "$jar")" "$directory.new/$module.jar"
		printf '%s\n' "$checksum" >"$directory.new/source.sha256"
		rm -rf "$directory"
		mv "$directory.new" "$directory"
	done
}

app_jar() {
	printf '%s/%s/%s.jar\n' "$APPS_DIR" "$1" "$1"
}

new_run_dir() {
	RUN_DIR="$RUNS_DIR/$(date +%Y%m%d-%H%M%S)"
	mkdir -p "$RUN_DIR"
	ln -sfn "$RUN_DIR" "$RUNS_DIR/latest"
	printf '%s\n' "$RUN_DIR" >"$RUN_DIR_FILE"
	# keep the logs of the last runs only
	find "$RUNS_DIR" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort -r | tail -n +$((KEEP_RUNS + 1)) |
		while read -r old; do rm -rf "${RUNS_DIR:?}/$old"; done
}

start_infrastructure() {
	"$LOCAL_DIR/databases.sh"
	if start_server kafka.sh "$KAFKA_OWNED_FILE" Kafka; then
		KAFKA_OWNED=true
	fi
	if start_server mail.sh "$MAIL_OWNED_FILE" "The mail server"; then
		MAIL_OWNED=true
	fi
	if [[ $OBSERVABILITY == true ]] && start_server prometheus.sh "$PROMETHEUS_OWNED_FILE" Prometheus; then
		PROMETHEUS_OWNED=true
	fi
}

# Starts a server with its script (kafka.sh, mail.sh) unless it already runs. Succeeds when
# this run started it and is to stop it afterwards (not with --keep-infra).
start_server() {
	local script="$1" owned_file="$2" label="$3"
	if "$LOCAL_DIR/$script" status >/dev/null 2>&1; then
		rm -f "$owned_file"
		info "$label already runs: using it, and leaving it running afterwards"
		return 1
	fi
	"$LOCAL_DIR/$script" start
	if [[ $KEEP_INFRA == true ]]; then
		info "$label will keep running when the platform stops (--keep-infra); stop it with ./infra/local/$script stop"
		return 1
	fi
	touch "$owned_file"
}

# Every instance of the table, as the static discovery list each service is given.
discovery_arguments() {
	instance_table | awk '{ printf "--spring.cloud.discovery.client.simple.instances.%s[%d].uri=http://localhost:%s\n", $2, n[$2]++, $3 }'
}

start_instance() {
	local name="$1" module="$2" port="$3" java_opts pid
	read -r -a java_opts <<<"$(service_java_opts "$module")"
	pid="$(spawn "$(instance_pid_file "$name")" "$RUN_DIR/$name.log" \
		"$SERVICE_JAVA_CMD" "${java_opts[@]}" -jar "$(app_jar "$module")" \
		--spring.profiles.active=local \
		"--spring.config.additional-location=optional:file:$LOCAL_DIR/config/,optional:file:$LOCAL_DIR/config/$module/" \
		"--server.port=$port" "${DISCOVERY_ARGUMENTS[@]}")"
	STARTED+=("$name")
	info "  $name starting on port $port (pid $pid)"
}

export_service_environment() {
	local prefix variable value
	for prefix in "${DB_PREFIXES[@]}"; do
		variable="${prefix}_DB_PASSWORD"
		export "$variable=${!variable:-$LOCAL_DB_PASSWORD}"
	done
	export KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:$KAFKA_PORT}"
	export SPRING_MAIL_HOST="${SPRING_MAIL_HOST:-127.0.0.1}" SPRING_MAIL_PORT="${SPRING_MAIL_PORT:-$MAIL_SMTP_PORT}"
	(umask 077 && touch "$SECRETS_FILE")
	for variable in "${GENERATED_SECRETS[@]}"; do
		[[ -z ${!variable:-} ]] || continue
		value="$(sed -n "s/^$variable=//p" "$SECRETS_FILE" | tail -n 1)"
		if [[ -z $value ]]; then
			value="$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')"
			printf '%s=%s\n' "$variable" "$value" >>"$SECRETS_FILE"
		fi
		export "$variable=$value"
	done
}

# The status a health endpoint reports ("UP"), or NO_ANSWER. The overall health waits for
# its slowest check (Kafka's takes up to 3 s, more while a fresh JVM warms up on a busy
# machine); readiness has no remote checks.
health_status() {
	local body timeout=3
	[[ -n $2 ]] || timeout=15
	body="$(curl -s -m "$timeout" "http://localhost:$1/actuator/health$2" 2>/dev/null)" || {
		printf 'NO_ANSWER\n'
		return 0
	}
	if [[ $body =~ \"status\":\"([A-Z_]+)\" ]]; then
		printf '%s\n' "${BASH_REMATCH[1]}"
	else
		printf 'UNKNOWN\n'
	fi
}

is_ready() {
	[[ "$(health_status "$1" /readiness)" == UP ]]
}

# Prints the end of a service's log, each JSON log event made readable: time, level, logger,
# message and, of a stack trace, the exception and its causes.
show_log_tail() {
	local log="$1" lines="${2:-40}"
	printf '\n---- last lines of %s ----\n' "$log" >&2
	if command -v jq >/dev/null 2>&1; then
		tail -n "$lines" "$log" | jq -Rr '. as $line | (try fromjson catch null) as $event
			| if ($event | type) == "object" and $event.message != null then
				"\($event["@timestamp"][11:19] // "") \($event.log.level // "") \($event.log.logger // "") \($event.message)"
				+ (if $event.error.stack_trace then "\n" + ($event.error.stack_trace | split("\n")
					| [.[0]] + map(select(startswith("Caused by:"))) | map("    " + .) | join("\n")) else "" end)
			else $line end' >&2
	else
		tail -n "$lines" "$log" >&2
	fi
	printf -- '---- end of %s ----\n\n' "$log" >&2
	if grep -q 'Migrations have failed validation\|Detected applied migration not resolved locally' "$log"; then
		printf 'Hint: a migration already applied to the local database differs from the one in the jar. To start\nover with empty databases: ./infra/local/databases.sh --reset\n\n' >&2
	fi
	if grep -q 'differs from the one it was encrypted with' "$log"; then
		printf 'Hint: the local users database holds signing keys encrypted under another USERS_KEY_ENCRYPTION_SECRET\n(another checkout of the project, or a deleted infra/local/.state). Give that secret in the\nenvironment, or start over with empty databases: ./infra/local/databases.sh --reset\n\n' >&2
	fi
}

# Starts the instances, at most STARTUP_PARALLELISM at a time (more JVMs starting at once
# than there are cores only slows every one of them down), and waits until each is ready.
start_services() {
	local queue=("${INSTANCES[@]}") starting=() still_starting entry name module port pid waited
	local began=$SECONDS last_report=0
	declare -A started_at=()
	export_service_environment
	mapfile -t DISCOVERY_ARGUMENTS < <(discovery_arguments)
	info "Starting the services, at most $STARTUP_PARALLELISM at a time; logs in $RUN_DIR"
	while ((${#queue[@]} > 0 || ${#starting[@]} > 0)); do
		while ((${#queue[@]} > 0 && ${#starting[@]} < STARTUP_PARALLELISM)); do
			read -r name module port <<<"${queue[0]}"
			queue=("${queue[@]:1}")
			progress_clear
			start_instance "$name" "$module" "$port"
			started_at[$name]=$SECONDS
			starting+=("$name $port")
		done
		still_starting=()
		for entry in "${starting[@]}"; do
			read -r name port <<<"$entry"
			waited=$((SECONDS - started_at[$name]))
			pid="$(<"$(instance_pid_file "$name")")"
			if ! is_pid_alive "$pid"; then
				# a Ctrl-C also reaches the commands run here, which can make a check fail
				[[ $STOP_REQUESTED == false ]] || exit 130
				progress_clear
				show_log_tail "$RUN_DIR/$name.log"
				die "$name exited during start-up; the end of its log is above"
			elif is_ready "$port"; then
				progress_clear
				info "  ✓ $name ready on port $port after ${waited}s"
			elif ((waited >= STARTUP_TIMEOUT)); then
				progress_clear
				show_log_tail "$RUN_DIR/$name.log"
				die "$name was not ready within ${STARTUP_TIMEOUT}s; the end of its log is above"
			else
				still_starting+=("$entry")
			fi
		done
		starting=("${still_starting[@]}")
		[[ $STOP_REQUESTED == false ]] || exit 130
		((${#starting[@]} > 0)) || continue
		waited=$((SECONDS - began))
		if [[ -t 1 ]]; then
			printf '\r\033[K  starting: %s (%ss)' "$(starting_names "${starting[@]}")" "$waited"
		elif ((waited - last_report >= 10)); then
			last_report=$waited
			info "  starting: $(starting_names "${starting[@]}") (${waited}s)"
		fi
		sleep 1
	done
	STARTUP_SECONDS=$((SECONDS - began))
}

starting_names() {
	local entry names=()
	for entry in "$@"; do
		names+=("${entry%% *}")
	done
	printf '%s\n' "${names[*]}"
}

progress_clear() {
	if [[ -t 1 ]]; then
		printf '\r\033[K'
	fi
}

print_summary() {
	local entry name module port pid answers
	answers="$(mktemp -d)"
	# the overall health waits for each service's Kafka check: ask all at once
	for entry in "${INSTANCES[@]}"; do
		read -r name _ port <<<"$entry"
		health_status "$port" /readiness >"$answers/$name.readiness" &
		health_status "$port" "" >"$answers/$name.health" &
	done
	wait
	# right after start-up a first check may time out; give those a second chance
	if grep -qvx UP "$answers"/*.health; then
		sleep 2
		for entry in "${INSTANCES[@]}"; do
			read -r name _ port <<<"$entry"
			if [[ "$(<"$answers/$name.health")" != UP ]]; then
				health_status "$port" "" >"$answers/$name.health" &
			fi
		done
		wait
	fi
	printf '\n%-22s %-6s %-8s %-10s %s\n' SERVICE PORT PID READINESS HEALTH
	for entry in "${INSTANCES[@]}"; do
		read -r name module port <<<"$entry"
		pid="$(instance_pid "$name" "$module" || printf -- '-')"
		printf '%-22s %-6s %-8s %-10s %s\n' "$module" "$port" "$pid" \
			"$(<"$answers/$name.readiness")" "$(<"$answers/$name.health")"
	done
	printf '\n'
	rm -rf "$answers"
}

# ---------------------------------------------------------------- stop

# Stops the given instances: SIGTERM to all, then waits for each (graceful shutdown).
stop_instances() {
	local entry name module pid remaining started=$SECONDS stopping=() wanted=" $* "
	for entry in "${INSTANCES[@]}"; do
		read -r name module _ <<<"$entry"
		[[ $wanted == *" $name "* ]] || continue
		if pid="$(instance_pid "$name" "$module")"; then
			kill -TERM "$pid" 2>/dev/null || true
			stopping+=("$name:$pid")
		else
			rm -f "$(instance_pid_file "$name")"
		fi
	done
	((${#stopping[@]} > 0)) || return 0
	info "Stopping ${#stopping[@]} service instance(s) ..."
	[[ ! -t 1 || $COMMAND != start ]] || info "  (Ctrl-C again to kill them instead of waiting)"
	for entry in "${stopping[@]}"; do
		name="${entry%%:*}"
		pid="${entry#*:}"
		remaining=$((STOP_TIMEOUT - (SECONDS - started)))
		((remaining > 0)) || remaining=1
		if terminate "$pid" "$remaining"; then
			info "  $name stopped"
		else
			warn "$name (pid $pid) was killed: it did not stop within ${STOP_TIMEOUT}s of SIGTERM, or a second Ctrl-C asked to"
		fi
		rm -f "$(instance_pid_file "$name")"
	done
}

stop_owned_servers() {
	stop_owned_server kafka.sh "$KAFKA_OWNED_FILE" Kafka
	stop_owned_server mail.sh "$MAIL_OWNED_FILE" "the mail server"
	stop_owned_server prometheus.sh "$PROMETHEUS_OWNED_FILE" Prometheus
}

# Stops a server this platform started, unless --keep-infra asks to leave it running.
stop_owned_server() {
	local script="$1" owned_file="$2" label="$3"
	[[ -f $owned_file ]] || return 0
	rm -f "$owned_file"
	if [[ $KEEP_INFRA == true ]]; then
		info "Leaving $label running (--keep-infra)"
	else
		"$LOCAL_DIR/$script" stop
	fi
}

# Runs on every exit of a starting or supervising run.sh: stops what this run started,
# unless it handed the platform over to run on its own (--detach).
on_exit() {
	local status=$?
	trap - EXIT
	if [[ $HANDED_OVER == true ]]; then
		release_supervisor_pid_file
		exit "$status"
	fi
	# Let the clean-up finish (each of its waits is bounded); a second Ctrl-C kills what
	# still runs instead of waiting for it. A failing write must not end it either: the
	# terminal may be gone, or the reader of a pipe (| tee) killed by the same Ctrl-C.
	trap 'FORCE_STOP=true' INT
	trap '' TERM HUP
	set +e
	if ((${#STARTED[@]} > 0)) || [[ $KAFKA_OWNED == true || $MAIL_OWNED == true || $PROMETHEUS_OWNED == true ]]; then
		if ! { progress_clear && info "Stopping the platform ..."; } 2>/dev/null; then
			exec >>"${RUN_DIR:-$PLATFORM_DIR}/stop.log" 2>&1
			info "$(date '+%Y-%m-%dT%H:%M:%S%z') output lost; stopping the platform ..."
		fi
		if ((${#STARTED[@]} > 0)); then
			stop_instances "${STARTED[@]}"
		fi
		stop_owned_servers
		info "Platform stopped"
	fi
	release_supervisor_pid_file
	exit "$status"
}

# The supervisor pid file names the run.sh that starts or supervises the platform, so that
# "run.sh stop" can ask it to stop what it started.
claim_supervisor_pid_file() {
	printf '%s\n' "$$" >"$SUPERVISOR_PID_FILE"
}

release_supervisor_pid_file() {
	if [[ -f $SUPERVISOR_PID_FILE && "$(<"$SUPERVISOR_PID_FILE")" == "$$" ]]; then
		rm -f "$SUPERVISOR_PID_FILE"
	fi
}

on_signal() {
	STOP_REQUESTED=true
}

# Keeps the foreground run alive until a signal arrives, reporting services that exit.
supervise() {
	local entry name module reported=" "
	info "Stop with Ctrl-C (or: ./infra/local/run.sh stop)"
	while [[ $STOP_REQUESTED == false ]]; do
		for entry in "${INSTANCES[@]}"; do
			read -r name module _ <<<"$entry"
			[[ $reported != *" $name "* ]] || continue
			if ! instance_pid "$name" "$module" >/dev/null; then
				[[ $STOP_REQUESTED == false ]] || break
				warn "$name exited; see $RUN_DIR/$name.log"
				reported+="$name "
			fi
		done
		sleep 2 &
		wait $! || true
	done
	{ info ""; } 2>/dev/null || true
	exit 0
}

cmd_start() {
	check_java
	mkdir -p "$PLATFORM_DIR"
	check_not_running
	check_ports
	claim_supervisor_pid_file
	VERSION="$(project_version)"
	build_if_needed
	[[ $STOP_REQUESTED == false ]] || exit 130
	start_infrastructure
	[[ $STOP_REQUESTED == false ]] || exit 130
	extract_apps
	info "$(service_java_notice "$SERVICE_JAVA_CMD" "$SERVICE_JAVA_MAJOR")"
	new_run_dir
	start_services
	print_summary
	info "All services ready ${STARTUP_SECONDS}s after the first was started, ${SECONDS}s after run.sh was"
	info "Platform is up: gateway on http://localhost:$GATEWAY_PORT"
	info "E-mails sent: http://127.0.0.1:$MAIL_WEB_PORT/api/user/<address>/messages/INBOX"
	if [[ $OBSERVABILITY == true ]]; then
		info "Prometheus: http://127.0.0.1:${PROMETHEUS_PORT:-9090} (alerts: /alerts, SLOs: infra/deploy/SLO.md)"
	fi
	info "Logs: $RUN_DIR"
	if [[ $DETACH == true ]]; then
		HANDED_OVER=true
		info "Running in the background; stop with: ./infra/local/run.sh stop"
		exit 0
	fi
	supervise
}

cmd_stop() {
	local supervisor="" entry name names=()
	if [[ -f $SUPERVISOR_PID_FILE ]]; then
		supervisor="$(<"$SUPERVISOR_PID_FILE")"
	fi
	if pid_runs "$supervisor" "run.sh"; then
		info "Asking the running run.sh (pid $supervisor) to stop the platform ..."
		if [[ $KEEP_INFRA == true ]]; then
			# it stops what it started; keep Kafka by taking its ownership away first
			rm -f "$KAFKA_OWNED_FILE" "$MAIL_OWNED_FILE" "$PROMETHEUS_OWNED_FILE"
		fi
		terminate "$supervisor" $((STOP_TIMEOUT + 70)) || warn "run.sh (pid $supervisor) did not finish stopping in time"
	fi
	for entry in "${INSTANCES[@]}"; do
		read -r name _ <<<"$entry"
		names+=("$name")
	done
	stop_instances "${names[@]}"
	stop_owned_servers
	rm -f "$SUPERVISOR_PID_FILE"
	info "Platform stopped"
}

cmd_status() {
	local entry name module any=false
	for entry in "${INSTANCES[@]}"; do
		read -r name module _ <<<"$entry"
		if instance_pid "$name" "$module" >/dev/null; then
			any=true
		fi
	done
	if [[ $any == true ]]; then
		print_summary
		[[ ! -f $RUN_DIR_FILE ]] || info "Logs: $(<"$RUN_DIR_FILE")"
	else
		info "The platform is not running"
	fi
	"$LOCAL_DIR/kafka.sh" status || true
	"$LOCAL_DIR/mail.sh" status || true
	"$LOCAL_DIR/prometheus.sh" status || true
	[[ $any == true ]] || return 3
}

# ---------------------------------------------------------------- main

COMMAND=start
BUILD=true
DETACH=false
KEEP_INFRA=false
KAFKA_OWNED=false
MAIL_OWNED=false
PROMETHEUS_OWNED=false
OBSERVABILITY=false
HANDED_OVER=false
STOP_REQUESTED=false
FORCE_STOP=false
STARTED=()
DISCOVERY_ARGUMENTS=()
RUN_DIR=""
VERSION=""
STARTUP_SECONDS=0

for argument in "$@"; do
	case "$argument" in
	stop | status) COMMAND="$argument" ;;
	--no-build) BUILD=false ;;
	--detach) DETACH=true ;;
	--keep-infra) KEEP_INFRA=true ;;
	--observability) OBSERVABILITY=true ;;
	-h | --help | help)
		usage
		exit 0
		;;
	*)
		usage >&2
		exit 2
		;;
	esac
done

case "$COMMAND" in
start)
	trap on_exit EXIT
	trap on_signal INT TERM HUP
	# A write to a closed pipe fails (and ends the run through on_exit) instead of killing
	# the shell before it could stop what it started; commands it runs keep the default.
	trap ':' PIPE
	cmd_start
	;;
stop) cmd_stop ;;
status) cmd_status ;;
esac
