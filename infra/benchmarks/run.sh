#!/usr/bin/env bash
# Benchmarks of the platform, side by side in one run: GET /api/products/{id} directly, through
# the gateway and through nginx, with the cache on and off; shoppers browsing, searching and
# placing orders end to end; each service's memory and start-up time. See README.md here.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
# shellcheck source=lib/common.sh
source "$HERE/lib/common.sh"

MODE=short
for argument in "$@"; do
	case "$argument" in
	--short) MODE=short ;;
	--full) MODE=full ;;
	-h | --help | help) MODE=help ;;
	*)
		echo "unknown argument: $argument (see --help)" >&2
		exit 2
		;;
	esac
done

if [[ $MODE == full ]]; then
	defaults=(20 30 3 30 120)
else
	defaults=(10 10 1 10 90)
fi
WARMUP="${WARMUP:-${defaults[0]}}"
# The gateway's reactive stack keeps the JIT busy far longer than a servlet service: on 2
# cores its throughput under wrk still rose fivefold between the first and the ninth 10 s of
# load, and only then levelled off.
GATEWAY_WARMUP="${GATEWAY_WARMUP:-${defaults[4]}}"
DURATION="${DURATION:-${defaults[1]}}"
ROUNDS="${ROUNDS:-${defaults[2]}}"
WRK_DURATION="${WRK_DURATION:-${defaults[3]}}"
WRK_THREADS="${WRK_THREADS:-1}"
WRK_CONNECTIONS="${WRK_CONNECTIONS:-32}"
READ_RATE="${READ_RATE:-200}"
BROWSE_RATE="${BROWSE_RATE:-100}"
SEARCH_RATE="${SEARCH_RATE:-20}"
ORDER_RATE="${ORDER_RATE:-10}"
ORDER_USERS="${ORDER_USERS:-4}"
ZIPF_EXPONENT="${ZIPF_EXPONENT:-1.0}"
NGINX_PORT="${NGINX_PORT:-18080}"
CACHE_OFF_PORT="${CACHE_OFF_PORT:-18092}"
PLATFORM="${PLATFORM:-start}"
SERVICE_JAVA_OPTS="${SERVICE_JAVA_OPTS:--Xmx384m}"
OUT="${OUT:-$HERE/target/results/$(date +%Y%m%d-%H%M%S)}"
GATEWAY=http://127.0.0.1:8080
# instance name and port of every service JVM of the local platform
INSTANCES=(gateway:8080 user-service:8081 catalog-service-1:8082 catalog-service-2:8092 order-service:8083
	notification-service:8084)

usage() {
	cat <<USAGE
Usage: infra/benchmarks/run.sh [--short | --full]

Measures the local platform (infra/local/run.sh) side by side, on this machine, in one run:
  1. GET /api/products/{id} (Zipf popularity) directly from catalog-service (8082), through the
     gateway (8080) and through nginx ($NGINX_PORT, a reverse proxy over both catalog instances,
     as the gateway balances them): saturation throughput with wrk (closed loop) and the CPU each
     process spent per request; then latency at a fixed arrival rate with Gatling (open model);
  2. the same with a catalog-service instance whose cache is off ($CACHE_OFF_PORT, same database);
  3. shoppers through the gateway: browsing (Zipf), searching and placing orders at fixed rates;
     orders per second end to end (POST to CONFIRMED) and placement-to-confirmation p50/p99,
     from order-service's status history;
  4. each service's resident memory (idle and after the load) and start-up time.
Every phase is warmed up first; the load average and the load generator's own CPU use are
recorded with every figure. Results: $OUT (report.md, charts, results.tsv, Gatling reports).

  --short   (default) warm-up 10 s, 10 s per measured phase, 1 round
  --full    warm-up 20 s, 30 s per measured phase, 3 rounds

By default it starts the platform itself (infra/local/run.sh --detach, with the gateway's rate
limits raised through settings so that the load is not refused) and stops it at the end; it
refuses to run when the platform already runs. PLATFORM=running uses a running platform as it
is instead (its rate limits then apply: 429 answers count as failures).

Settings (environment), with the values of this mode:
  WARMUP=$WARMUP DURATION=$DURATION ROUNDS=$ROUNDS   seconds, seconds, rounds of the comparisons
  GATEWAY_WARMUP=$GATEWAY_WARMUP           seconds of wrk load on the gateway before it is measured
  WRK_DURATION=$WRK_DURATION WRK_THREADS=$WRK_THREADS WRK_CONNECTIONS=$WRK_CONNECTIONS
  READ_RATE=$READ_RATE                 requests/s of each product-read comparison (Gatling)
  BROWSE_RATE=$BROWSE_RATE SEARCH_RATE=$SEARCH_RATE ORDER_RATE=$ORDER_RATE   shoppers' arrivals per second
  ORDER_USERS=$ORDER_USERS               accounts the orders are spread over (sign-in allows 5 a minute)
  ZIPF_EXPONENT=$ZIPF_EXPONENT           popularity skew of products and search terms
  NGINX_PORT=$NGINX_PORT CACHE_OFF_PORT=$CACHE_OFF_PORT PLATFORM=$PLATFORM SERVICE_JAVA_OPTS="$SERVICE_JAVA_OPTS"
  OUT                    where the results go
Needs wrk and nginx (apt-get install wrk nginx-light), curl, psql, python3, Java 17+.
USAGE
}

if [[ $MODE == help ]]; then
	usage
	exit 0
fi

need wrk "apt-get install wrk"
need nginx "apt-get install nginx-light"
need curl "apt-get install curl"
need psql "apt-get install postgresql-client"
need python3 "apt-get install python3"
need java "Java 17 or later"
need ss "apt-get install iproute2"

WORK="$(mktemp -d)"
PIDS=()
PLATFORM_STARTED=false
RESULTS="$OUT/results.tsv"

cleanup() {
	local status=$? pid
	trap - EXIT
	for pid in "${PIDS[@]}"; do
		if kill -0 "$pid" 2>/dev/null; then
			kill -TERM "$pid" 2>/dev/null || true
			wait "$pid" 2>/dev/null || true
		fi
	done
	if [[ $PLATFORM_STARTED == true ]]; then
		echo "Stopping the platform ..."
		"$ROOT/infra/local/run.sh" stop >"$OUT/platform-stop.log" 2>&1 || echo "run.sh stop failed: see $OUT/platform-stop.log" >&2
	fi
	rm -rf "$WORK"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$OUT"
: >"$RESULTS"

record() {
	local IFS=$'\t'
	printf '%s\n' "$*" >>"$RESULTS"
}

record_load() {
	record load "$1" $(cut -d' ' -f1-3 /proc/loadavg)
}

# --------------------------------------------------------------------------- platform

start_platform() {
	if "$ROOT/infra/local/run.sh" status >/dev/null 2>&1; then
		[[ $PLATFORM == running ]] && return 0
		die "the platform already runs. Stop it (infra/local/run.sh stop) so that this run starts it with \
the benchmark settings, or use it as it is with PLATFORM=running"
	fi
	[[ $PLATFORM == start ]] || die "PLATFORM=running, but the platform does not run"
	echo "Starting the platform (infra/local/run.sh --detach; log: $OUT/platform-start.log) ..."
	PLATFORM_STARTED=true
	# Budgets far above the offered load: every request still takes its token from Redis,
	# as in production, but none is refused.
	GATEWAY_RATELIMITS_POLICIES_DEFAULT_CAPACITY=1000000 \
		GATEWAY_RATELIMITS_POLICIES_DEFAULT_REFILLTOKENS=1000000 \
		SERVICE_JAVA_OPTS="$SERVICE_JAVA_OPTS" \
		"$ROOT/infra/local/run.sh" --detach >"$OUT/platform-start.log" 2>&1 ||
		{
			tail -n 30 "$OUT/platform-start.log" >&2
			die "the platform did not start (log above)"
		}
}

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

record_memory() {
	local entry pid
	for entry in "${INSTANCES[@]}"; do
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
		server 127.0.0.1:8082;
		server 127.0.0.1:8092;
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

start_cache_off_catalog() {
	local jar="$ROOT/catalog-service/target/catalog-service-0.1.0-SNAPSHOT.jar" java_opts
	[[ -f $jar ]] || die "$jar is missing: the platform's build makes it"
	read -r -a java_opts <<<"$SERVICE_JAVA_OPTS"
	# The platform's catalog database, without a cache; it neither relays the outbox nor
	# consumes events, so the platform's instances keep doing that alone.
	CATALOG_DB_PASSWORD="${CATALOG_DB_PASSWORD:-local-dev-password}" \
		java "${java_opts[@]}" -jar "$jar" \
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

# The catalog's product ids in a fixed random order (rank 1 is the most popular) and the words
# of product names by frequency, for the search terms.
write_catalog_files() {
	python3 - "$WORK" <<'PY'
import collections, json, random, re, sys, urllib.request
work = sys.argv[1]
ids, names, page = [], [], 0
while True:
    with urllib.request.urlopen(f"http://127.0.0.1:8082/api/products?size=100&sort=newest&page={page}") as r:
        body = json.load(r)
    ids += [item["id"] for item in body["items"]]
    names += [item["name"] for item in body["items"]]
    page += 1
    if page >= body["totalPages"]:
        break
random.Random(20261123).shuffle(ids)
words = collections.Counter(w for name in names for w in re.findall(r"[a-z]{4,}", name.lower()))
with open(f"{work}/product-ids.txt", "w") as out:
    out.write("\n".join(ids) + "\n")
with open(f"{work}/search-terms.txt", "w") as out:
    out.write("\n".join(word for word, _ in words.most_common()) + "\n")
print(len(ids))
PY
}

# --------------------------------------------------------------------------- CPU accounting

# The pids whose CPU time is charged to a process name of the comparison.
pids_of() {
	case "$1" in
	nginx) [[ -f $WORK/nginx/nginx.pid ]] && { cat "$WORK/nginx/nginx.pid"; pgrep -P "$(cat "$WORK/nginx/nginx.pid")"; } ;;
	redis) port_pid 6379 ;;
	postgres) pgrep -x postgres ;;
	*) port_pid "$1" ;;
	esac
}

CPU_SUBJECTS=(8080 8082 8092 "$CACHE_OFF_PORT" nginx redis postgres)

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

# wrk_phase <target> <url> <round>: saturation throughput and the CPU each process used
wrk_phase() {
	local target="$1" url="$2" round="$3" out="$WORK/wrk-$1-$3.txt" before after times
	before="$(cpu_snapshot)"
	times="$( {
		TIMEFORMAT='%U %S'
		time wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${WRK_DURATION}s" --latency \
			-s "$HERE/wrk/zipf-products.lua" "$url" -- "$WORK/product-ids.txt" "$ZIPF_EXPONENT" >"$out"
	} 2>&1)"
	after="$(cpu_snapshot)"
	python3 - "$target" "$round" "$out" "$times" "$(getconf CLK_TCK)" "$before" "$after" >>"$RESULTS" <<'PY'
import re, sys
target, round_, path, times, hz, before, after = sys.argv[1:]
text = open(path).read()
failed = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
errors = re.search(r"Socket errors: (.*)", text)
done = re.search(r"(\d+) requests in ([\d.]+)(ms|s|m)", text)
def us(value):
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 1, "ms": 1e3, "s": 1e6}[unit]
p50 = us(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1))
p99 = us(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1))
seconds = float(done.group(2)) * {"ms": 1e-3, "s": 1, "m": 60}[done.group(3)]
user, system = times.split()[-2:]
print("\t".join(map(str, ["wrk", target, round_, done.group(1), f"{seconds:.2f}", p50, p99, user, system,
                          failed.group(1) if failed else 0])))
first = dict(line.split() for line in before.splitlines())
for line in after.splitlines():
    subject, ticks = line.split()
    print("\t".join(["cpu", target, subject, f"{(int(ticks) - int(first.get(subject, ticks))) / int(hz):.2f}"]))
PY
}

# --------------------------------------------------------------------------- Gatling

compile_simulations() {
	echo "Compiling the simulations ..."
	(cd "$ROOT" && ./mvnw -B -q -f infra/benchmarks/pom.xml test-compile) >"$OUT/compile.log" 2>&1 ||
		{
			cat "$OUT/compile.log" >&2
			die "compiling the simulations failed"
		}
}

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

# Signs ORDER_USERS new accounts up and in; one access token a line.
write_access_tokens() {
	local i email token run_id
	run_id="$(date +%s)"
	: >"$WORK/access-tokens.txt"
	for ((i = 1; i <= ORDER_USERS; i++)); do
		email="bench-$run_id-$i@example.com"
		curl -sf -X POST "$GATEWAY/api/users" -H 'Content-Type: application/json' \
			-d "{\"email\":\"$email\",\"password\":\"benchmark password $i\",\"displayName\":\"Bench $i\"}" \
			>/dev/null || die "signing up $email failed"
		token="$(curl -sf -X POST "$GATEWAY/api/auth/token" -H 'Content-Type: application/json' \
			-d "{\"email\":\"$email\",\"password\":\"benchmark password $i\"}" |
			sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')" || die "signing in $email failed"
		[[ -n $token ]] || die "no access token for $email"
		printf '%s\n' "$token" >>"$WORK/access-tokens.txt"
	done
}

# Waits until every measured order is CONFIRMED or CANCELLED (at most 120 s), then records
# the counts, placement-to-confirmation percentiles and confirmed orders per second.
record_order_outcomes() {
	local sql waited=0 open
	[[ -s $WORK/orders.txt ]] || die "no order was placed while measuring"
	sql="CREATE TEMP TABLE bench_order (id uuid PRIMARY KEY);
\\copy bench_order FROM '$WORK/orders.txt'"
	while :; do
		open="$(psql_admin_query orders "$sql
SELECT count(*) FROM customer_order o JOIN bench_order b USING (id) WHERE o.status NOT IN ('CONFIRMED', 'CANCELLED');")"
		[[ $open == 0 || $waited -ge 120 ]] && break
		sleep 2
		waited=$((waited + 2))
	done
	psql_admin_query orders "$sql
WITH times AS (
	SELECT o.id, o.status,
		(SELECT min(changed_at) FROM order_status_change c WHERE c.order_id = o.id) AS placed_at,
		(SELECT changed_at FROM order_status_change c WHERE c.order_id = o.id AND c.to_status = 'CONFIRMED') AS confirmed_at
	FROM customer_order o JOIN bench_order b USING (id))
SELECT concat_ws(E'\t', 'orders', count(*),
	count(*) FILTER (WHERE status = 'CONFIRMED'),
	count(*) FILTER (WHERE status = 'CANCELLED'),
	count(*) FILTER (WHERE status NOT IN ('CONFIRMED', 'CANCELLED')),
	round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM confirmed_at - placed_at) * 1000)::numeric, 1),
	round(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM confirmed_at - placed_at) * 1000)::numeric, 1),
	round(max(extract(epoch FROM confirmed_at - placed_at) * 1000)::numeric, 1),
	round((count(confirmed_at) / nullif(extract(epoch FROM max(confirmed_at) - min(placed_at)), 0))::numeric, 2))
FROM times;" >>"$RESULTS"
}

# --------------------------------------------------------------------------- the run

echo "Results: $OUT"
record setting mode "$MODE"
record setting machine "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
record setting java "$(java -version 2>&1 | head -n 1)"
record setting wrk "$(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
record setting nginx "$(nginx -v 2>&1 | sed 's/.*: //')"
record setting postgresql "$(psql -X -A -t -h 127.0.0.1 -U postgres -d postgres -c 'SHOW server_version' 2>/dev/null || echo unknown)"
record setting redis "$(redis_version)"
record setting commit "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
record setting phases "warm-up ${WARMUP}s (gateway ${GATEWAY_WARMUP}s), ${DURATION}s x $ROUNDS rounds (Gatling), wrk ${WRK_DURATION}s x $ROUNDS rounds, $WRK_THREADS thread, $WRK_CONNECTIONS connections"
record setting rates "product reads $READ_RATE/s; shoppers: browse $BROWSE_RATE/s, search $SEARCH_RATE/s, orders $ORDER_RATE/s"
record setting java-opts "$SERVICE_JAVA_OPTS"

compile_simulations
record_load before-start
start_platform
record_load platform-ready
record_startup_times
record_memory idle
start_nginx
start_cache_off_catalog
echo "Reading the catalog ... $(write_catalog_files) products"

TARGETS=(direct=http://127.0.0.1:8082 gateway=$GATEWAY nginx=http://127.0.0.1:$NGINX_PORT
	cache-off=http://127.0.0.1:$CACHE_OFF_PORT)

echo "wrk warm-up (${WARMUP}s per target, ${GATEWAY_WARMUP}s for the gateway) ..."
for target in "${TARGETS[@]}"; do
	warmup=$WARMUP
	[[ ${target%%=*} != gateway ]] || warmup=$GATEWAY_WARMUP
	wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${warmup}s" -s "$HERE/wrk/zipf-products.lua" "${target#*=}" \
		-- "$WORK/product-ids.txt" "$ZIPF_EXPONENT" >/dev/null
done
for ((round = 1; round <= ROUNDS; round++)); do
	for target in "${TARGETS[@]}"; do
		echo "wrk round $round: ${target%%=*} (${WRK_DURATION}s) ..."
		wrk_phase "${target%%=*}" "${target#*=}" "$round"
		record_load "wrk ${target%%=*} $round"
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
record_memory loaded

python3 "$HERE/report.py" "$OUT"
