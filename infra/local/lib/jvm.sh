# The Java runtime and the JVM options each service of the local platform starts with, unless
# SERVICE_JAVA and SERVICE_JAVA_OPTS say otherwise (for every service). Sourced by run.sh and
# by the benchmark scripts, after common.sh, so that a benchmark measures the platform as
# run.sh runs it.
# shellcheck shell=bash

# Java 25 is what the container images run, and with the extracted jars run.sh starts them
# from, the services were ready in 6-9 s on it against 10-13 s on Java 17 from fat jars
# (infra/benchmarks/RESULTS.md, run 12). The code is compiled for 17, so 17 still runs it.
SERVICE_JAVA_PREFERRED=25

# service_java: the java launcher of the services. SERVICE_JAVA when set; else the first
# Java $SERVICE_JAVA_PREFERRED or newer of JAVA_HOME, the PATH and the usual JDK folders;
# else java_cmd (see service_java_notice).
service_java() {
	local candidate major
	if [[ -n ${SERVICE_JAVA:-} ]]; then
		printf '%s\n' "$SERVICE_JAVA"
		return
	fi
	for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java 2>/dev/null)" \
		/usr/lib/jvm/*/bin/java /opt/java/*/bin/java "$HOME"/.sdkman/candidates/java/*/bin/java; do
		[[ -n $candidate && -x $candidate ]] || continue
		major="$(java_major_version "$candidate")"
		if [[ $major =~ ^[0-9]+$ ]] && ((major >= SERVICE_JAVA_PREFERRED)); then
			printf '%s\n' "$candidate"
			return
		fi
	done
	java_cmd
}

# A line saying which Java the services run on, and how to get a faster one when it is older
# than SERVICE_JAVA_PREFERRED. service_java_notice <launcher> <its feature release>
service_java_notice() {
	local major="$2"
	if [[ -n ${SERVICE_JAVA:-} ]] || { [[ $major =~ ^[0-9]+$ ]] && ((major >= SERVICE_JAVA_PREFERRED)); }; then
		printf 'Services run on Java %s (%s)\n' "$major" "$1"
	else
		printf 'Services run on Java %s (%s): no Java %s or newer was found (JAVA_HOME, PATH, /usr/lib/jvm, /opt/java, SDKMAN); with one (e.g. apt-get install temurin-25-jdk, or SERVICE_JAVA=<path to java>) they start in about two thirds of the time\n' \
			"${major:-?}" "$1" "$SERVICE_JAVA_PREFERRED"
	fi
}

# service_java_opts <module> [feature release of the services' Java]
#
# Eight JVMs (six service instances, Kafka, the mail server) share this machine. On fewer
# cores than that and on Java 17, each JVM's C2 compiler competed with the work itself: under
# load the busiest service's C2 queue grew to ~2,800 methods and its compiler took 35-80% of a
# core for more than 20 minutes (infra/benchmarks/RESULTS.md, run 10), so there the services
# run with C1 alone. On Java 25 the queues drain within the benchmark's 4 minutes of warm-up,
# and with tiered compilation the pipeline then confirmed 59 orders/s at 60 offered (POST p99
# 0.6 s, none refused) where with C1 alone 1,019 of 3,600 placements failed, and 71/s at 100
# offered (run 13); the price is start-up: 13-18 s per service instead of 9-11 s.
# The gateway keeps tiered compilation on any Java: it proxies every request, its hot code is
# small, and with C2 it costs half the CPU per request it does with C1 alone (run 12).
# user-service does not, although its Argon2 loop runs several times faster with C2: it is
# not on the order path, and with both compilers at work during start-up it took 16-17 s to
# start instead of 10-11 s (the system tests, which drive bursts of sign-ups, start it with
# C2: ServiceProcess).
# Production pods, with cores of their own, keep the default tiered compilation (k8s/).
service_java_opts() {
	local module="$1" major="${2:-${SERVICE_JAVA_MAJOR:-}}" cores
	if [[ -n ${SERVICE_JAVA_OPTS:-} ]]; then
		printf '%s' "$SERVICE_JAVA_OPTS"
		return
	fi
	cores="$(nproc 2>/dev/null || printf 2)"
	if ((cores >= 8)) || [[ $module == gateway ]]; then
		printf '%s' "-Xmx384m"
		return
	fi
	if [[ $module != user-service ]]; then
		major="${major:-$(java_major_version "$(service_java)")}"
		if [[ $major =~ ^[0-9]+$ ]] && ((major >= 25)); then
			printf '%s' "-Xmx384m"
			return
		fi
	fi
	printf '%s' "-Xmx384m -XX:TieredStopAtLevel=1"
}

# The options of each module, for a run's record: "gateway: ...; user-service: ...; ...".
describe_service_java_opts() {
	local module described="" major
	major="${SERVICE_JAVA_MAJOR:-$(java_major_version "$(service_java)")}"
	for module in "$@"; do
		described+="${described:+; }$module: $(service_java_opts "$module" "$major")"
	done
	printf '%s' "$described"
}
