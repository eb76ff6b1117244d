#!/usr/bin/env bash
# Benchmarks of the platform, side by side in one run: GET /api/products/{id} directly, through
# the gateway, through a bare Spring Cloud Gateway route, through nginx and HAProxy, with the
# cache on and off, at several connection levels; shoppers browsing, searching and placing
# orders end to end; a slow catalog instance; each service's memory and start-up time; checks
# that fail the run. See README.md here.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
# shellcheck source=lib/platform.sh
source "$HERE/lib/platform.sh"

MODE=short
DRILL_ARGUMENT=""
BUILD=true
for argument in "$@"; do
	case "$argument" in
	--short) MODE=short ;;
	--full) MODE=full ;;
	--drill) DRILL_ARGUMENT=on ;;
	--no-drill) DRILL_ARGUMENT=off ;;
	--no-build) BUILD=false ;;
	-h | --help | help) MODE=help ;;
	*)
		echo "unknown argument: $argument (see --help)" >&2
		exit 2
		;;
	esac
done

if [[ $MODE == full ]]; then
	defaults=(20 30 3 30 240 on)
else
	defaults=(10 10 1 10 180 off)
fi
WARMUP="${WARMUP:-${defaults[0]}}"
# The gateway's reactive stack keeps the JIT busy far longer than a servlet service: on 2
# cores its throughput under wrk still rose fivefold between the first and the ninth 10 s of
# load, and with C2 (infra/local/lib/jvm.sh) its compiler went quiet only after ~3 minutes.
GATEWAY_WARMUP="${GATEWAY_WARMUP:-${defaults[4]}}"
DURATION="${DURATION:-${defaults[1]}}"
ROUNDS="${ROUNDS:-${defaults[2]}}"
WRK_DURATION="${WRK_DURATION:-${defaults[3]}}"
WRK_THREADS="${WRK_THREADS:-1}"
# Every wrk phase runs at each of these levels; the first is the reference level of the checks
# and of the warm-up.
WRK_CONNECTION_LEVELS="${WRK_CONNECTION_LEVELS:-32 256 1024}"
# A request unanswered this long counts as a timeout (wrk's --timeout)
WRK_TIMEOUT="${WRK_TIMEOUT:-2s}"
READ_RATE="${READ_RATE:-200}"
BROWSE_RATE="${BROWSE_RATE:-100}"
SEARCH_RATE="${SEARCH_RATE:-20}"
ORDER_RATE="${ORDER_RATE:-10}"
ORDER_USERS="${ORDER_USERS:-4}"
ZIPF_EXPONENT="${ZIPF_EXPONENT:-1.0}"
NGINX_PORT="${NGINX_PORT:-18080}"
HAPROXY_PORT="${HAPROXY_PORT:-18090}"
BARE_GATEWAY_PORT="${BARE_GATEWAY_PORT:-18081}"
CACHE_OFF_PORT="${CACHE_OFF_PORT:-18092}"
PLATFORM="${PLATFORM:-start}"
SERVICE_JAVA_OPTS="${SERVICE_JAVA_OPTS:-}"
# The production default; the local profile samples every request (1.0)
TRACE_SAMPLING="${TRACE_SAMPLING:-0.1}"
DRILL="${DRILL_ARGUMENT:-${DRILL:-${defaults[5]}}}"
DRILL_RATE="${DRILL_RATE:-100}"
DRILL_BASELINE="${DRILL_BASELINE:-5}"
DRILL_STOP="${DRILL_STOP:-15}"
DRILL_AFTER="${DRILL_AFTER:-15}"
# the platform's instances (instances.tsv): the gateway's port and the catalog-service instances'
GATEWAY_PORT="$(service_ports gateway)"
mapfile -t CATALOG_PORTS < <(service_ports catalog-service)
((${#CATALOG_PORTS[@]} >= 2)) || die "the benchmarks compare balancing over two catalog-service instances; $INSTANCES_FILE lists ${#CATALOG_PORTS[@]}"
# the catalog-service instance the drill stops (the last of the table; the gateway balances over them)
DRILL_INSTANCE_PORT="${DRILL_INSTANCE_PORT:-${CATALOG_PORTS[-1]}}"
OUT="${OUT:-$HERE/target/results/$(date +%Y%m%d-%H%M%S)}"
GATEWAY="http://127.0.0.1:$GATEWAY_PORT"
# instance name and port of every service JVM of the local platform
mapfile -t INSTANCES < <(instance_table | awk '{ print $1 ":" $3 }')
BARE_GATEWAY_JAR="$ROOT/infra/bare-gateway/target/bare-gateway-0.1.0-SNAPSHOT.jar"

usage() {
	cat <<USAGE
Usage: infra/benchmarks/run.sh [--short | --full] [--drill | --no-drill] [--no-build]

Measures the local platform (infra/local/run.sh) side by side, on this machine, in one run:
  1. GET /api/products/{id} (Zipf popularity) directly from catalog-service (8082), through the
     gateway (8080), through a bare Spring Cloud Gateway route to catalog-service 8082
     (infra/bare-gateway, $BARE_GATEWAY_PORT, same JVM options as the gateway), and through nginx
     ($NGINX_PORT) and HAProxy ($HAPROXY_PORT), reverse proxies over both catalog instances as the
     gateway balances them: saturation throughput with wrk (closed loop) at each connection level,
     answers by status, socket errors and the CPU each process spent per request; the gateway's
     recovery after the highest level; then latency at a fixed arrival rate with Gatling (open model);
  2. the same with a catalog-service instance whose cache is off ($CACHE_OFF_PORT, same database);
  3. shoppers through the gateway: browsing (Zipf), searching and placing orders at fixed rates;
     orders per second end to end (POST to CONFIRMED) and placement-to-confirmation p50/p99,
     from the order API (the orders of the shoppers' accounts);
  4. the slow-instance drill (--drill): reads through the gateway at a fixed rate while one
     catalog-service instance is frozen (kill -STOP) for DRILL_STOP seconds; p99 and failures
     per second;
  5. each service's resident memory (idle and after the load) and start-up time.
Every phase is warmed up first; the load average and the load generator's own CPU use are
recorded with every figure. The report ends with PASS/FAIL checks; the run exits non-zero when
one fails. Results: $OUT (report.md, charts, results.tsv, Gatling reports).

  --short     (default) warm-up 10 s, 10 s per measured phase, 1 round, no drill
  --full      warm-up 20 s, 30 s per measured phase, 3 rounds, drill
  --drill, --no-drill   run the slow-instance drill or not, whatever the mode
  --no-build  use the service jars and infra/bare-gateway's jar as they are (infra/local/run.sh
              --no-build); by default whatever is older than its sources is built first

By default it starts the platform itself (infra/local/run.sh --detach, with the gateway's rate
limits raised through settings so that the load is not refused) and stops it at the end; it
refuses to run when the platform already runs. The services run with tracing sampling
TRACE_SAMPLING (production's 0.1, not the local profile's 1.0). PLATFORM=running uses a
running platform as it is instead (its rate limits and sampling then apply: 429 answers count as
failures).

Settings (environment), with the values of this mode:
  WARMUP=$WARMUP DURATION=$DURATION ROUNDS=$ROUNDS   seconds, seconds, rounds of the comparisons
  GATEWAY_WARMUP=$GATEWAY_WARMUP           seconds of wrk load on the gateway and the bare gateway before they are measured
  WRK_DURATION=$WRK_DURATION WRK_THREADS=$WRK_THREADS WRK_TIMEOUT=$WRK_TIMEOUT
  WRK_CONNECTION_LEVELS="$WRK_CONNECTION_LEVELS"   wrk connections of each saturation phase
  READ_RATE=$READ_RATE                 requests/s of each product-read comparison (Gatling)
  BROWSE_RATE=$BROWSE_RATE SEARCH_RATE=$SEARCH_RATE ORDER_RATE=$ORDER_RATE   shoppers' arrivals per second
  ORDER_USERS=$ORDER_USERS               accounts the orders are spread over (sign-in allows 5 a minute)
  ZIPF_EXPONENT=$ZIPF_EXPONENT           popularity skew of products and search terms
  DRILL=$DRILL DRILL_RATE=$DRILL_RATE DRILL_BASELINE=$DRILL_BASELINE DRILL_STOP=$DRILL_STOP DRILL_AFTER=$DRILL_AFTER
  DRILL_INSTANCE_PORT=$DRILL_INSTANCE_PORT   drill: on/off, reads/s, seconds before, during and after the stop
  NGINX_PORT=$NGINX_PORT HAPROXY_PORT=$HAPROXY_PORT BARE_GATEWAY_PORT=$BARE_GATEWAY_PORT CACHE_OFF_PORT=$CACHE_OFF_PORT
  PLATFORM=$PLATFORM TRACE_SAMPLING=$TRACE_SAMPLING
  SERVICE_JAVA_OPTS      JVM options of every service (default: per service, infra/local/lib/jvm.sh)
  OUT                    where the results go
Needs wrk, nginx and HAProxy (apt-get install wrk nginx-light haproxy), curl, psql, python3, Java 17+.
USAGE
}

if [[ $MODE == help ]]; then
	usage
	exit 0
fi

need wrk "apt-get install wrk"
need nginx "apt-get install nginx-light"
need haproxy "apt-get install haproxy"
need curl "apt-get install curl"
need psql "apt-get install postgresql-client"
need python3 "apt-get install python3"
need "$(java_cmd)" "Java 17 or later"
need ss "apt-get install iproute2"
[[ $DRILL == on || $DRILL == off ]] || die "DRILL is on or off, not '$DRILL'"

# wrk holds every connection of a level open, and each proxy twice as many (client and
# upstream); everything started from here inherits the limit.
max_connections="$(printf '%s\n' $WRK_CONNECTION_LEVELS | sort -n | tail -n 1)"
[[ $max_connections =~ ^[0-9]+$ ]] || die "WRK_CONNECTION_LEVELS holds no connection count: '$WRK_CONNECTION_LEVELS'"
wanted_files=$((2 * max_connections + 1024))
if [[ $(ulimit -n) != unlimited ]] && (($(ulimit -n) < wanted_files)); then
	ulimit -n "$wanted_files" 2>/dev/null ||
		die "$max_connections connections need $wanted_files open files, and ulimit -n is $(ulimit -n) (hard limit $(ulimit -Hn))"
fi

WORK="$(mktemp -d)"
PIDS=()
STOPPED_PID=""
RESULTS="$OUT/results.tsv"

cleanup() {
	local status=$? pid
	trap - EXIT
	# a catalog instance frozen by the drill must not stay frozen
	[[ -z $STOPPED_PID ]] || kill -CONT "$STOPPED_PID" 2>/dev/null || true
	for pid in "${PIDS[@]}"; do
		if kill -0 "$pid" 2>/dev/null; then
			kill -TERM "$pid" 2>/dev/null || true
			wait "$pid" 2>/dev/null || true
		fi
	done
	finish_run "$status"
}
begin_run

record_load() {
	record load "$1" $(cut -d' ' -f1-3 /proc/loadavg)
}

# --------------------------------------------------------------------------- platform


# Start-up of each instance: Spring's "Started ... in X seconds (process running for Y)".
record_startup_times() {
	local run_dir entry name line
	run_dir="$(cat "$ROOT/infra/local/.state/platform/run-dir" 2>/dev/null)" || return 0
	for entry in "${INSTANCES[@]}"; do
		name="${entry%%:*}"
		line="$(grep -o 'Started [A-Za-z]* in [0-9.]* seconds (process running for [0-9.]*)' \
			"$run_dir/$name.log" 2>/dev/null | tail -n 1)" || continue
		[[ $line =~ in\ ([0-9.]+)\ seconds.*for\ ([0-9.]+) ]] || continue
		record startup "$name" "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
	done
	grep -o 'ready on port [0-9]* after [0-9]*s' "$OUT/platform-start.log" 2>/dev/null >"$OUT/readiness.txt" || true
}

# record_startup_time <name> <log file>
record_startup_time() {
	local line
	line="$(grep -o 'Started [A-Za-z]* in [0-9.]* seconds (process running for [0-9.]*)' "$2" 2>/dev/null | tail -n 1)" ||
		return 0
	[[ $line =~ in\ ([0-9.]+)\ seconds.*for\ ([0-9.]+) ]] || return 0
	record startup "$1" "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
}

record_memory() {
	local entry pid
	for entry in "${INSTANCES[@]}" "bare-gateway:$BARE_GATEWAY_PORT"; do
		pid="$(port_pid "${entry##*:}")" || continue
		record rss "$1" "${entry%%:*}" "$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")"
	done
}

# --------------------------------------------------------------------------- servers of the comparison

start_nginx() {
	mkdir -p "$WORK/nginx/logs"
	cat >"$WORK/nginx/nginx.conf" <<NGINX
worker_processes 1;
error_log $WORK/nginx/logs/error.log warn;
pid $WORK/nginx/nginx.pid;
events { worker_connections 4096; }
http {
	access_log off;
	client_body_temp_path $WORK/nginx/body;
	proxy_temp_path $WORK/nginx/proxy;
	fastcgi_temp_path $WORK/nginx/fastcgi;
	uwsgi_temp_path $WORK/nginx/uwsgi;
	scgi_temp_path $WORK/nginx/scgi;
	upstream catalog {
$(printf '\t\tserver 127.0.0.1:%s;\n' "${CATALOG_PORTS[@]}")
		keepalive 64;
	}
	server {
		listen 127.0.0.1:$NGINX_PORT;
		location / {
			proxy_pass http://catalog;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_set_header Host \$host;
			proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
		}
	}
}
NGINX
	nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' >"$OUT/nginx.log" 2>&1 &
	PIDS+=($!)
	await_http "http://127.0.0.1:$NGINX_PORT/actuator/health/readiness" 30 "nginx" "$OUT/nginx.log"
}

# HAProxy in front of both catalog instances, as nginx: one thread (nginx runs one worker),
# upstream connections kept alive and shared between clients.
start_haproxy() {
	mkdir -p "$WORK/haproxy"
	cat >"$WORK/haproxy/haproxy.cfg" <<HAPROXY
global
	nbthread 1
	maxconn $((max_connections + 1024))

defaults
	mode http
	option http-keep-alive
	option forwardfor
	http-reuse always
	timeout connect 2s
	timeout client 30s
	timeout server 30s
	timeout http-keep-alive 30s

frontend products
	bind 127.0.0.1:$HAPROXY_PORT
	default_backend catalog

backend catalog
	balance roundrobin
$(for i in "${!CATALOG_PORTS[@]}"; do printf '\tserver catalog-%s 127.0.0.1:%s\n' $((i + 1)) "${CATALOG_PORTS[i]}"; done)
HAPROXY
	haproxy -c -q -f "$WORK/haproxy/haproxy.cfg" >"$OUT/haproxy.log" 2>&1 ||
		{
			cat "$OUT/haproxy.log" >&2
			die "HAProxy refused its configuration (above)"
		}
	# in the foreground (-db), so that the run can stop it like its other children
	haproxy -db -f "$WORK/haproxy/haproxy.cfg" >>"$OUT/haproxy.log" 2>&1 &
	PIDS+=($!)
	echo "$!" >"$WORK/haproxy/haproxy.pid"
	await_http "http://127.0.0.1:$HAPROXY_PORT/actuator/health/readiness" 30 "HAProxy" "$OUT/haproxy.log"
}

# infra/bare-gateway's jar, built when missing or older than its sources (not a jar of the
# platform: infra/local/run.sh neither builds nor starts it).
build_bare_gateway() {
	local module="$ROOT/infra/bare-gateway"
	if [[ -f $BARE_GATEWAY_JAR && -z "$(find "$module/src/main" "$module/pom.xml" -newer "$BARE_GATEWAY_JAR" -print -quit)" ]]; then
		return 0
	fi
	[[ $BUILD == true ]] || die "$BARE_GATEWAY_JAR is missing or older than its sources (run without --no-build)"
	echo "Building the bare gateway ..."
	(cd "$ROOT" && ./mvnw -B -q -f infra/bare-gateway/pom.xml -DskipTests package) >"$OUT/bare-gateway-build.log" 2>&1 ||
		{
			cat "$OUT/bare-gateway-build.log" >&2
			die "building infra/bare-gateway failed"
		}
}

# The floor of Spring Cloud Gateway: one route to one catalog instance, nothing else, in a JVM
# started as infra/local/run.sh starts the gateway (same java, same JVM options).
start_bare_gateway() {
	local java_opts
	read -r -a java_opts <<<"$(service_java_opts gateway)"
	PORT="$BARE_GATEWAY_PORT" UPSTREAM_URI="http://127.0.0.1:${CATALOG_PORTS[0]}" \
		"$(service_java)" "${java_opts[@]}" -jar "$BARE_GATEWAY_JAR" >"$OUT/bare-gateway.log" 2>&1 &
	PIDS+=($!)
	await_http "http://127.0.0.1:$BARE_GATEWAY_PORT/api/products/$(head -n 1 "$WORK/product-ids.txt")" 120 \
		"the bare gateway" "$OUT/bare-gateway.log"
	record_startup_time bare-gateway "$OUT/bare-gateway.log"
}

start_cache_off_catalog() {
	local jar="$ROOT/catalog-service/target/catalog-service-0.1.0-SNAPSHOT.jar" java_opts
	[[ -f $jar ]] || die "$jar is missing: the platform's build makes it"
	read -r -a java_opts <<<"$(service_java_opts catalog-service)"
	# The platform's catalog database, without a cache; it neither relays the outbox nor
	# consumes events, so the platform's instances keep doing that alone.
	CATALOG_DB_PASSWORD="${CATALOG_DB_PASSWORD:-local-dev-password}" \
		MANAGEMENT_TRACING_SAMPLING_PROBABILITY="$TRACE_SAMPLING" \
		"$(service_java)" "${java_opts[@]}" -jar "$jar" \
		--spring.profiles.active=local \
		"--spring.config.additional-location=optional:file:$ROOT/infra/local/config/" \
		--server.port="$CACHE_OFF_PORT" \
		--catalog.cache.enabled=false \
		--platform.outbox.relay-enabled=false \
		--spring.kafka.listener.auto-startup=false \
		>"$OUT/catalog-cache-off.log" 2>&1 &
	PIDS+=($!)
	await_http "http://127.0.0.1:$CACHE_OFF_PORT/actuator/health/readiness" 180 "catalog-service (cache off)" \
		"$OUT/catalog-cache-off.log"
}

# --------------------------------------------------------------------------- CPU accounting

# The pids whose CPU time is charged to a process name of the comparison.
pids_of() {
	case "$1" in
	nginx) [[ -f $WORK/nginx/nginx.pid ]] && { cat "$WORK/nginx/nginx.pid"; pgrep -P "$(cat "$WORK/nginx/nginx.pid")"; } ;;
	haproxy) [[ -f $WORK/haproxy/haproxy.pid ]] && cat "$WORK/haproxy/haproxy.pid" ;;
	bare-gateway) port_pid "$BARE_GATEWAY_PORT" ;;
	cache-off) port_pid "$CACHE_OFF_PORT" ;;
	redis) port_pid 6379 ;;
	postgres) pgrep -x postgres ;;
	*) port_pid "$1" ;;
	esac
}

CPU_SUBJECTS=("$GATEWAY_PORT" "${CATALOG_PORTS[@]}" cache-off bare-gateway nginx haproxy redis postgres)

# user+system clock ticks of every subject, one "subject ticks" line each
cpu_snapshot() {
	local subject pid ticks
	for subject in "${CPU_SUBJECTS[@]}"; do
		ticks=0
		for pid in $(pids_of "$subject" 2>/dev/null); do
			ticks=$((ticks + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
		done
		printf '%s %s\n' "$subject" "$ticks"
	done
}

# wrk_phase <target> <url> <round> <connections> [recovery]: saturation throughput, the answers by
# status, socket errors, and the CPU each process used; with "recovery", the recovery probes too
wrk_phase() {
	local target="$1" url="$2" round="$3" connections="$4" recovery="${5:-}" out before after times prober=""
	out="$OUT/wrk/$1-c$4-r$3.txt"
	mkdir -p "$OUT/wrk"
	before="$(cpu_snapshot)"
	times="$( {
		TIMEFORMAT='%U %S'
		time wrk -t"$WRK_THREADS" -c"$connections" -d"${WRK_DURATION}s" --timeout "$WRK_TIMEOUT" --latency \
			-s "$HERE/wrk/zipf-products.lua" "$url" -- "$WORK/product-ids.txt" "$ZIPF_EXPONENT" >"$out"
	} 2>&1)"
	if [[ -n $recovery ]]; then
		# at once: the probes time the recovery from the end of the load
		: >"$WORK/recovery.tsv"
		RESULTS="$WORK/recovery.tsv" recovery_probe "$url" "$round" "$connections" "${EPOCHREALTIME/./}" &
		prober=$!
	fi
	after="$(cpu_snapshot)"
	python3 - "$target" "$round" "$connections" "$out" "$times" "$(getconf CLK_TCK)" "$before" "$after" >>"$RESULTS" <<'PY'
import re, sys
target, round_, connections, path, times, hz, before, after = sys.argv[1:]
text = open(path).read()
failed = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
done = re.search(r"(\d+) requests in ([\d.]+)(ms|s|m)", text)
def us(value):
    number, unit = re.match(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 1, "ms": 1e3, "s": 1e6, "m": 6e7}[unit]
def percentile(name):
    found = re.search(rf"^\s+{name}%\s+(\S+)", text, re.M)
    return us(found.group(1)) if found else 0
seconds = float(done.group(2)) * {"ms": 1e-3, "s": 1, "m": 60}[done.group(3)]
user, system = times.split()[-2:]
print("\t".join(map(str, ["wrk", target, round_, done.group(1), f"{seconds:.2f}", percentile(50), percentile(99),
                          user, system, failed.group(1) if failed else 0, connections]
                         + (list(errors.groups()) if errors else [0, 0, 0, 0]))))
for kind, code, count in re.findall(r"^(status|retry-after) (\d+) (\d+)$", text, re.M):
    print("\t".join([kind, target, round_, connections, code, count]))
first = dict(line.split() for line in before.splitlines())
for line in after.splitlines():
    subject, ticks = line.split()
    print("\t".join(["cpu", target, subject, f"{(int(ticks) - int(first.get(subject, ticks))) / int(hz):.2f}",
                     connections]))
PY
	if [[ -n $prober ]]; then
		wait "$prober" || die "the recovery probes failed"
		cat "$WORK/recovery.tsv" >>"$RESULTS"
	fi
}

# Right after the heaviest load ends: one GET through the gateway every 250 ms for 5 s. Records
# each answer and the time from the end of the load to the first of the unbroken run of 200s
# that ends the 5 s ("none" when the last answer is not a 200).
# recovery_probe <base url> <round> <connections> <end of the load, epoch microseconds>
recovery_probe() {
	local base="$1" round="$2" connections="$3" ended="$4" ids i due now status sent probes=() recovered=none
	mapfile -t ids < <(head -n 20 "$WORK/product-ids.txt")
	for ((i = 0; i < 20; i++)); do
		due=$((ended + i * 250000))
		now=${EPOCHREALTIME/./}
		((now >= due)) || sleep "$(printf '%d.%06d' $(((due - now) / 1000000)) $(((due - now) % 1000000)))"
		now=${EPOCHREALTIME/./}
		sent="$(printf '%d.%02d' $(((now - ended) / 1000000)) $(((now - ended) % 1000000 / 10000)))"
		status="$(curl -s -o /dev/null -m 1 -w '%{http_code}' "$base/api/products/${ids[i % ${#ids[@]}]}")" || true
		probes+=("$sent:$((10#${status:-0}))")
	done
	for ((i = 19; i >= 0; i--)); do
		[[ ${probes[i]#*:} == 200 ]] || break
		recovered="${probes[i]%:*}"
	done
	record recovery "$round" "$connections" "$recovered" "${probes[*]}"
}

# --------------------------------------------------------------------------- Gatling


# gatling <simulation class> <-Dbench.* ...>
gatling() {
	local simulation="$1"
	shift
	(cd "$ROOT" && ./mvnw -B -q -f infra/benchmarks/pom.xml gatling:test \
		-Dgatling.simulationClass="io.bazaar.benchmarks.$simulation" \
		-Dbench.results="$RESULTS" -Dbench.productIds="$WORK/product-ids.txt" \
		-Dbench.zipfExponent="$ZIPF_EXPONENT" -Dbench.warmUp="$WARMUP" -Dbench.duration="$DURATION" "$@") \
		>"$OUT/gatling-$simulation.log" 2>&1 ||
		{
			tail -n 40 "$OUT/gatling-$simulation.log" >&2
			die "the Gatling simulation $simulation failed (log above)"
		}
	local report
	report="$(grep -o 'file://[^ ]*index.html' "$OUT/gatling-$simulation.log" | tail -n 1)"
	if [[ -n $report ]]; then
		report="$(dirname "${report#file://}")"
		cp -r "$report" "$OUT/gatling-$simulation"
	fi
}


# Waits until every measured order is CONFIRMED or CANCELLED (at most 120 s), then records
# the counts, placement-to-confirmation percentiles and confirmed orders per second.
record_order_outcomes() {
	if [[ ! -s $WORK/orders.txt ]]; then
		# every placement failed (see the shoppers' table): a finding to report, not a reason to stop
		echo "warning: no order was placed while measuring" >&2
		record orders 0 0 0 0 - - - -
		return 0
	fi
	record orders $(order_outcomes "$WORK/orders.txt" 120 2)
}

# --------------------------------------------------------------------------- slow-instance drill

# Reads through the gateway at DRILL_RATE/s (Gatling, open model) for DRILL_BASELINE +
# DRILL_STOP + DRILL_AFTER seconds; DRILL_BASELINE seconds after the load starts, the catalog
# instance on DRILL_INSTANCE_PORT is frozen (SIGSTOP) for DRILL_STOP seconds, as a JVM stuck
# in a long pause or a host that stops scheduling it would be: it keeps its connections open
# and answers nothing.
slow_instance_drill() {
	local pid simulation waited=0 stopped_at resumed_at
	pid="$(port_pid "$DRILL_INSTANCE_PORT")" || die "nothing listens on port $DRILL_INSTANCE_PORT for the drill to stop"
	rm -f "$WORK/drill-started"
	gatling SlowInstanceSimulation -Dbench.gateway="$GATEWAY" -Dbench.rate="$DRILL_RATE" \
		-Dbench.duration="$((DRILL_BASELINE + DRILL_STOP + DRILL_AFTER))" \
		-Dbench.drillStarted="$WORK/drill-started" -Dbench.drillRequests="$OUT/drill-requests.tsv" &
	simulation=$!
	until [[ -s $WORK/drill-started ]]; do
		if ! kill -0 "$simulation" 2>/dev/null; then
			wait "$simulation" || true
			die "the drill's simulation ended before its load began (log: $OUT/gatling-SlowInstanceSimulation.log)"
		fi
		((waited++ < 1500)) || die "the drill's simulation did not start its load within 300 s"
		sleep 0.2
	done
	sleep "$DRILL_BASELINE"
	stopped_at="$(date +%s%3N)"
	STOPPED_PID="$pid"
	kill -STOP "$pid"
	echo "  catalog-service on port $DRILL_INSTANCE_PORT (pid $pid) stopped for ${DRILL_STOP}s ..."
	sleep "$DRILL_STOP"
	kill -CONT "$pid"
	STOPPED_PID=""
	resumed_at="$(date +%s%3N)"
	wait "$simulation" || die "the drill's simulation failed (log: $OUT/gatling-SlowInstanceSimulation.log)"
	record drill "$DRILL_INSTANCE_PORT" "$stopped_at" "$resumed_at" "$(cat "$WORK/drill-started")" "$DRILL_RATE"
}

# --------------------------------------------------------------------------- the run

echo "Results: $OUT"
record setting mode "$MODE"
record_machine
record setting wrk "$(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
record setting nginx "$(nginx -v 2>&1 | sed 's/.*: //')"
record setting haproxy "$(haproxy -v 2>&1 | head -n 1 | cut -d' ' -f1-3)"
record setting postgresql "$(psql -X -A -t -h 127.0.0.1 -U postgres -d postgres -c 'SHOW server_version' 2>/dev/null || echo unknown)"
record setting redis "$(redis_version)"
record setting phases "warm-up ${WARMUP}s (gateway and bare gateway ${GATEWAY_WARMUP}s), ${DURATION}s x $ROUNDS rounds (Gatling), wrk ${WRK_DURATION}s x $ROUNDS rounds at each connection level, $WRK_THREADS thread, timeout $WRK_TIMEOUT"
record setting connections "${WRK_CONNECTION_LEVELS// /, }"
record setting rates "product reads $READ_RATE/s; shoppers: browse $BROWSE_RATE/s, search $SEARCH_RATE/s, orders $ORDER_RATE/s"
record setting java-opts "$(describe_service_java_opts gateway user-service catalog-service)"
record setting drill "$DRILL (catalog-service on port $DRILL_INSTANCE_PORT stopped ${DRILL_STOP}s, reads $DRILL_RATE/s)"

compile_simulations
build_bare_gateway
record_load before-start
start_platform
record_load platform-ready
# what reached the gateway's JVM (the local profile's 1.0 applies without it)
gateway_sampling="$(tr '\0' '\n' <"/proc/$(port_pid "$GATEWAY_PORT")/environ" 2>/dev/null |
	sed -n 's/^MANAGEMENT_TRACING_SAMPLING_PROBABILITY=//p')" || true
record setting tracing-sampling "${gateway_sampling:-local profile (1.0)}"
record_startup_times
record_memory idle
start_nginx
start_haproxy
start_cache_off_catalog
echo "Reading the catalog ... $(write_catalog_files) products"
start_bare_gateway

TARGETS=(direct="http://127.0.0.1:${CATALOG_PORTS[0]}" gateway=$GATEWAY bare-gateway=http://127.0.0.1:$BARE_GATEWAY_PORT
	nginx=http://127.0.0.1:$NGINX_PORT haproxy=http://127.0.0.1:$HAPROXY_PORT cache-off=http://127.0.0.1:$CACHE_OFF_PORT)
read -r -a CONNECTION_LEVELS <<<"$WRK_CONNECTION_LEVELS"

echo "wrk warm-up (${WARMUP}s per target, ${GATEWAY_WARMUP}s for the gateway and the bare gateway) ..."
for target in "${TARGETS[@]}"; do
	warmup=$WARMUP
	[[ ${target%%=*} != gateway && ${target%%=*} != bare-gateway ]] || warmup=$GATEWAY_WARMUP
	wrk -t"$WRK_THREADS" -c"${CONNECTION_LEVELS[0]}" -d"${warmup}s" -s "$HERE/wrk/zipf-products.lua" "${target#*=}" \
		-- "$WORK/product-ids.txt" "$ZIPF_EXPONENT" >/dev/null
done
for ((round = 1; round <= ROUNDS; round++)); do
	for connections in "${CONNECTION_LEVELS[@]}"; do
		for target in "${TARGETS[@]}"; do
			echo "wrk round $round, $connections connections: ${target%%=*} (${WRK_DURATION}s) ..."
			recovery=""
			[[ ${target%%=*} != gateway || $connections != "$max_connections" ]] || recovery=recovery
			wrk_phase "${target%%=*}" "${target#*=}" "$round" "$connections" $recovery
			record_load "wrk ${target%%=*} $connections $round"
		done
	done
done

echo "Gatling: product reads at $READ_RATE/s against ${TARGETS[*]%%=*} ..."
record_load "gatling product-read start"
gatling ProductReadSimulation "-Dbench.targets=$(
	IFS=,
	echo "${TARGETS[*]}"
)" -Dbench.rate="$READ_RATE" -Dbench.rounds="$ROUNDS"
record_load "gatling product-read end"

echo "Gatling: shoppers (browse $BROWSE_RATE/s, search $SEARCH_RATE/s, orders $ORDER_RATE/s) ..."
write_access_tokens
record_load "gatling shoppers start"
gatling ShopperSimulation -Dbench.gateway="$GATEWAY" -Dbench.browseRate="$BROWSE_RATE" \
	-Dbench.searchRate="$SEARCH_RATE" -Dbench.orderRate="$ORDER_RATE" \
	-Dbench.searchTerms="$WORK/search-terms.txt" -Dbench.accessTokens="$WORK/access-tokens.txt" \
	-Dbench.ordersFile="$WORK/orders.txt" -Dbench.duration="$((DURATION * ROUNDS))"
record_load "gatling shoppers end"
echo "Waiting for the measured orders to be confirmed or cancelled ..."
record_order_outcomes

if [[ $DRILL == on ]]; then
	echo "Slow-instance drill: reads through the gateway at $DRILL_RATE/s, catalog-service on port \
$DRILL_INSTANCE_PORT stopped for ${DRILL_STOP}s ..."
	record_load "drill start"
	slow_instance_drill
	record_load "drill end"
fi
record_memory loaded

python3 "$HERE/report.py" "$OUT"
