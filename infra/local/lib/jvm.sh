# The JVM options each service of the local platform starts with, unless SERVICE_JAVA_OPTS
# says otherwise (for every service). Sourced by run.sh and by the benchmark scripts, so that a
# benchmark measures the platform as run.sh runs it.
# shellcheck shell=bash

# service_java_opts <module>
#
# Eight JVMs (six service instances, Kafka, the mail server) share this machine. On fewer
# cores than that, each JVM's C2 compiler competes with the work itself: under load the
# busiest service's C2 queue grew to ~2,800 methods and its compiler took 35-80% of a core
# for more than 20 minutes, and the order pipeline confirmed 9.5 orders/s at 20 offered.
# With C1 alone the compilers go quiet within minutes and the same run confirmed 14.9/s
# (infra/benchmarks/RESULTS.md, run 10).
# The gateway keeps tiered compilation: it proxies every request, its hot code is small, and
# C2 compiles it within ~3 minutes, after which it costs half the CPU per request it does
# with C1 alone (infra/benchmarks/RESULTS.md, run 12). user-service does not, although its
# Argon2 loop runs several times faster with C2: with both compilers at work during start-up
# it took 16-17 s to start instead of 10-11 s (the system tests, which drive bursts of
# sign-ups, start it with C2: ServiceProcess).
# Production pods, with cores of their own, keep the default tiered compilation (k8s/).
service_java_opts() {
	local module="$1" cores
	if [[ -n ${SERVICE_JAVA_OPTS:-} ]]; then
		printf '%s' "$SERVICE_JAVA_OPTS"
		return
	fi
	cores="$(nproc 2>/dev/null || printf 2)"
	if ((cores >= 8)) || [[ $module == gateway ]]; then
		printf '%s' "-Xmx384m"
	else
		printf '%s' "-Xmx384m -XX:TieredStopAtLevel=1"
	fi
}

# The options of each module, for a run's record: "gateway: ...; user-service: ...; ...".
describe_service_java_opts() {
	local module described=""
	for module in "$@"; do
		described+="${described:+; }$module: $(service_java_opts "$module")"
	done
	printf '%s' "$described"
}
