# The JVM options every service of the local platform starts with, unless SERVICE_JAVA_OPTS
# says otherwise. Sourced by run.sh and by the benchmark scripts, so that a benchmark
# measures the platform as run.sh runs it.
# shellcheck shell=bash

# Eight JVMs (six service instances, Kafka, the mail server) share this machine. On fewer
# cores than that, each JVM's C2 compiler competes with the work itself: under load the
# busiest service's C2 queue grew to ~2,800 methods and its compiler took 35-80% of a core
# for more than 20 minutes, and the order pipeline confirmed 9.5 orders/s at 20 offered.
# With C1 alone the compilers go quiet within minutes and the same run confirmed 14.9/s
# (infra/benchmarks/RESULTS.md, run 10). Production pods, with cores of their own, keep the
# default tiered compilation (k8s/).
default_service_java_opts() {
	local cores
	cores="$(nproc 2>/dev/null || printf 2)"
	if ((cores < 8)); then
		printf '%s' "-Xmx384m -XX:TieredStopAtLevel=1"
	else
		printf '%s' "-Xmx384m"
	fi
}
