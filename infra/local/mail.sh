#!/usr/bin/env bash
# A local SMTP server that keeps every message it receives: GreenMail standalone, run from
# its Maven Central jar.
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

MAIL_SMTP_PORT="${MAIL_SMTP_PORT:-1025}"
MAIL_WEB_PORT="${MAIL_WEB_PORT:-8025}"
MAIL_START_TIMEOUT="${MAIL_START_TIMEOUT:-30}"
MAIL_HEAP="${MAIL_HEAP:-256m}"

MAIL_STATE="$STATE_DIR/mail"
MAIL_LIB="$MAIL_STATE/lib"
MAIL_LOG="$MAIL_STATE/mail.log"
MAIL_PID_FILE="$MAIL_STATE/mail.pid"
MAIL_POM="$LOCAL_DIR/mail/pom.xml"
MAIL_MAIN="com.icegreen.greenmail.standalone.GreenMailStandaloneRunner"

usage() {
	cat <<EOF
Usage: infra/local/mail.sh start|stop|status|purge

Runs GreenMail standalone: an SMTP server for the notification-service that delivers
nothing onward and keeps every message in its heap ($MAIL_HEAP) until it stops or is
purged (a long run under load fills it), with an HTTP API to read them:

  SMTP  127.0.0.1:$MAIL_SMTP_PORT (no authentication)
  HTTP  http://127.0.0.1:$MAIL_WEB_PORT/api/user/<address>/messages/INBOX   the messages to <address>
        http://127.0.0.1:$MAIL_WEB_PORT/                                    the API's own page

  start   copy the jar (first run only), start the server and wait until it answers;
          does nothing when it already runs
  stop    stop the server
  status  say whether it runs; exit status 0 when it does, 3 when it does not
  purge   delete every message it keeps (the benchmarks do, before each step)

Environment: MAIL_SMTP_PORT, MAIL_WEB_PORT, MAIL_START_TIMEOUT ($MAIL_START_TIMEOUT s), MAIL_HEAP.
EOF
}

server_pid() {
	running_pid_from "$MAIL_PID_FILE" "$MAIL_MAIN"
}

resolve_jar() {
	if compgen -G "$MAIL_LIB/greenmail-standalone-*.jar" >/dev/null &&
		[[ $MAIL_LIB/.pom -nt $MAIL_POM && $MAIL_LIB/.pom -nt $ROOT_DIR/pom.xml ]]; then
		return 0
	fi
	info "Resolving GreenMail's jar into $MAIL_LIB ..."
	rm -rf "$MAIL_LIB"
	local maven=("$ROOT_DIR/mvnw" -B -q -f "$MAIL_POM" dependency:copy-dependencies -DexcludeTransitive=true
		"-DoutputDirectory=$MAIL_LIB")
	if ! "${maven[@]}" -o >/dev/null 2>&1; then
		"${maven[@]}" || die "could not resolve GreenMail's jar (see the Maven output above)"
	fi
	touch "$MAIL_LIB/.pom"
}

is_answering() {
	curl -s -m 2 -o /dev/null "http://127.0.0.1:$MAIL_WEB_PORT/api/service/readiness"
}

start() {
	local pid port owner started jar
	mkdir -p "$MAIL_STATE"
	if pid="$(server_pid)"; then
		info "The mail server already runs (pid $pid): SMTP 127.0.0.1:$MAIL_SMTP_PORT, http://127.0.0.1:$MAIL_WEB_PORT"
		return 0
	fi
	for port in "$MAIL_SMTP_PORT" "$MAIL_WEB_PORT"; do
		if owner="$(port_owner "$port")"; then
			die "port $port is already taken by $owner. Stop it, or use other ports with MAIL_SMTP_PORT and MAIL_WEB_PORT."
		fi
	done
	resolve_jar
	jar="$(compgen -G "$MAIL_LIB/greenmail-standalone-*.jar" | head -n 1)"
	started=$SECONDS
	pid="$(spawn "$MAIL_PID_FILE" "$MAIL_LOG" "$(java_cmd)" "-Xmx$MAIL_HEAP" \
		-Dgreenmail.smtp.hostname=127.0.0.1 "-Dgreenmail.smtp.port=$MAIL_SMTP_PORT" -Dgreenmail.auth.disabled \
		-Dgreenmail.api.hostname=127.0.0.1 "-Dgreenmail.api.port=$MAIL_WEB_PORT" \
		-cp "$jar" "$MAIL_MAIN")" || die "could not launch the mail server"
	await_server "the mail server" "$pid" "$MAIL_LOG" "$MAIL_START_TIMEOUT" is_answering
	info "Mail server up after $((SECONDS - started))s: SMTP 127.0.0.1:$MAIL_SMTP_PORT, messages at http://127.0.0.1:$MAIL_WEB_PORT"
}

stop() {
	stop_server "the mail server" "$MAIL_PID_FILE" "$(server_pid)"
}

status() {
	server_status "the mail server" "SMTP 127.0.0.1:$MAIL_SMTP_PORT, http://127.0.0.1:$MAIL_WEB_PORT"
}

purge() {
	server_pid >/dev/null || die "the mail server does not run"
	curl -sf -m 30 -X POST -o /dev/null "http://127.0.0.1:$MAIL_WEB_PORT/api/mail/purge" ||
		die "the mail server did not purge its messages"
	info "The mail server's messages are purged"
}

if [[ ${1:-} == purge ]]; then
	purge
else
	server_command "$@"
fi
