#!/usr/bin/env bash
# A local Prometheus for the platform run by run.sh: Debian's prometheus package (installed
# when missing), scraping every instance of run.sh at /actuator/prometheus, with the SLO and
# cause rules of infra/deploy/prometheus/rules loaded.
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

PROMETHEUS_PORT="${PROMETHEUS_PORT:-9090}"
PROMETHEUS_START_TIMEOUT="${PROMETHEUS_START_TIMEOUT:-30}"
# the instances run.sh starts (instances.tsv): service and port
PROMETHEUS_TARGETS="${PROMETHEUS_TARGETS:-$(instance_table | awk '{ printf "%s%s:%s", sep, $2, $3; sep = " " }')}"

PROMETHEUS_STATE="$STATE_DIR/prometheus"
PROMETHEUS_CONFIG="$PROMETHEUS_STATE/prometheus.yml"
PROMETHEUS_LOG="$PROMETHEUS_STATE/prometheus.log"
PROMETHEUS_PID_FILE="$PROMETHEUS_STATE/prometheus.pid"
RULES_DIR="$ROOT_DIR/infra/deploy/prometheus/rules"

usage() {
	cat <<EOF
Usage: infra/local/prometheus.sh start|stop|status

Runs Prometheus (Debian's package; installed when missing, its own service kept stopped)
on http://127.0.0.1:$PROMETHEUS_PORT, scraping every 5 s the instances of the local platform:
  $PROMETHEUS_TARGETS
with the recording rules and alerts of infra/deploy/prometheus/rules (Alerts tab). Data in
$PROMETHEUS_STATE/data, kept for a day.

Environment: PROMETHEUS_PORT, PROMETHEUS_TARGETS ("service:port ..."), PROMETHEUS_START_TIMEOUT.
EOF
}

server_pid() {
	running_pid_from "$PROMETHEUS_PID_FILE" "$PROMETHEUS_CONFIG"
}

ensure_installed() {
	command -v prometheus >/dev/null 2>&1 && return 0
	[[ $(id -u) -eq 0 ]] || die "prometheus is missing; install it with: sudo apt-get install -y prometheus"
	info "Installing Debian's prometheus ..."
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus >/dev/null
	# the package may start its own server on :9090; this script runs its own instead
	if command -v systemctl >/dev/null 2>&1 && systemctl is-system-running >/dev/null 2>&1; then
		systemctl disable --now prometheus prometheus-node-exporter >/dev/null 2>&1 || true
	fi
	local service
	for service in prometheus prometheus-node-exporter; do
		[[ ! -x /etc/init.d/$service ]] || "/etc/init.d/$service" stop >/dev/null 2>&1 || true
	done
}

write_config() {
	local target service port
	{
		printf '# Written by infra/local/prometheus.sh on every start.\n'
		printf 'global:\n  scrape_interval: 5s\n  evaluation_interval: 5s\n'
		printf 'rule_files:\n  - %s/*.yml\n' "$RULES_DIR"
		printf 'scrape_configs:\n  - job_name: bazaar-services\n    metrics_path: /actuator/prometheus\n    static_configs:\n'
		for target in $PROMETHEUS_TARGETS; do
			service="${target%%:*}"
			port="${target##*:}"
			printf '      - targets: ["localhost:%s"]\n        labels: {service: %s}\n' "$port" "$service"
		done
	} >"$PROMETHEUS_CONFIG"
	promtool check config "$PROMETHEUS_CONFIG" >/dev/null || die "the generated $PROMETHEUS_CONFIG is not valid"
}

is_answering() {
	curl -s -m 2 -o /dev/null -f "http://127.0.0.1:$PROMETHEUS_PORT/-/ready"
}

start() {
	local pid owner started
	mkdir -p "$PROMETHEUS_STATE/data"
	if pid="$(server_pid)"; then
		info "Prometheus already runs (pid $pid): http://127.0.0.1:$PROMETHEUS_PORT"
		return 0
	fi
	if owner="$(port_owner "$PROMETHEUS_PORT")"; then
		die "port $PROMETHEUS_PORT is already taken by $owner. Stop it, or use another port with PROMETHEUS_PORT."
	fi
	ensure_installed
	write_config
	started=$SECONDS
	pid="$(spawn "$PROMETHEUS_PID_FILE" "$PROMETHEUS_LOG" prometheus "--config.file=$PROMETHEUS_CONFIG" \
		"--storage.tsdb.path=$PROMETHEUS_STATE/data" --storage.tsdb.retention.time=1d \
		"--web.listen-address=127.0.0.1:$PROMETHEUS_PORT")" || die "could not launch Prometheus"
	await_server "Prometheus" "$pid" "$PROMETHEUS_LOG" "$PROMETHEUS_START_TIMEOUT" is_answering
	info "Prometheus up after $((SECONDS - started))s: http://127.0.0.1:$PROMETHEUS_PORT (alerts: /alerts)"
}

stop() {
	stop_server "Prometheus" "$PROMETHEUS_PID_FILE" "$(server_pid)"
}

status() {
	server_status Prometheus "http://127.0.0.1:$PROMETHEUS_PORT"
}

server_command "$@"
