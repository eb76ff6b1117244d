#!/usr/bin/env bash
# Checks the Prometheus rules with promtool (Debian's prometheus package, installed when
# missing):
#   - promtool check rules: every rule file parses, every expression and template is valid;
#   - promtool test rules: the unit tests under tests/ pass;
#   - every alert has a test where it fires and one where it stays quiet.
# The metric names the rules use are checked against real scrapes by OrderJourneySystemTest
# (infra/system-tests).
set -euo pipefail

cd "$(dirname "$0")"

fail() {
	echo "prometheus rules: $*" >&2
	exit 1
}

ensure_promtool() {
	command -v promtool > /dev/null 2>&1 && return 0
	echo "prometheus rules: installing Debian's prometheus (for promtool)"
	[ "$(id -u)" -eq 0 ] || fail "promtool is missing; install it with: sudo apt-get install -y prometheus"
	apt-get update -qq
	# The package starts its server on :9090 where an init system runs; the tests start their
	# own Prometheus on a free port, so a packaged one is stopped and kept from starting again.
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus > /dev/null
	if command -v systemctl > /dev/null 2>&1 && systemctl is-system-running > /dev/null 2>&1; then
		systemctl disable --now prometheus prometheus-node-exporter > /dev/null 2>&1 || true
	fi
	for service in prometheus prometheus-node-exporter; do
		[ -x "/etc/init.d/$service" ] && "/etc/init.d/$service" stop > /dev/null 2>&1 || true
	done
}

# Every alert must appear in a test with exp_alerts: [] (quiet) and with a non-empty
# exp_alerts (firing).
check_coverage() {
	local alerts missing=0
	alerts=$(sed -n 's/^ *- alert: *\([A-Za-z0-9_]*\).*/\1/p' rules/*.yml | sort -u)
	[ -n "$alerts" ] || fail "no alert found in rules/"
	local cases
	cases=$(awk '
		/alertname:/ { name = $NF; next }
		/exp_alerts: *\[\]/ { if (name != "") print name, "quiet"; name = ""; next }
		/exp_alerts: *$/ { if (name != "") print name, "firing"; name = ""; next }
	' tests/*.test.yml | sort -u)
	for alert in $alerts; do
		for kind in firing quiet; do
			if ! grep -qx "$alert $kind" <<< "$cases"; then
				echo "prometheus rules: alert $alert has no $kind test case" >&2
				missing=1
			fi
		done
	done
	[ "$missing" -eq 0 ] || fail "add the missing cases to tests/"
	echo "prometheus rules: every one of $(wc -w <<< "$alerts") alerts has a firing and a quiet test case"
}

ensure_promtool
echo "prometheus rules: $(promtool --version 2>&1 | head -1)"
promtool check rules rules/*.yml
(cd tests && promtool test rules ./*.test.yml)
check_coverage
