#!/usr/bin/env bash
# Measures GET /api/products/{id} of catalog-service with the Redis cache off and on:
# throughput, p50 and p99 latency of each, and the ratios. See README.md next to this file.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
# shellcheck source=../lib/bench.sh
source "$HERE/../lib/bench.sh"

OFF_PORT="${OFF_PORT:-18092}"
ON_PORT="${ON_PORT:-18093}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
ROUNDS="${ROUNDS:-4}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-10s}"
REDIS_HOST="${REDIS_HOST:-127.0.0.1}"
REDIS_PORT="${REDIS_PORT:-6379}"
BENCH_REDIS_DB="${BENCH_REDIS_DB:-0}"
BENCH_DB="catalog_bench"
BENCH_PASSWORD="${CATALOG_BENCH_DB_PASSWORD:-catalog-bench-password}"
JAR="$ROOT/catalog-service/target/catalog-service-0.1.0-SNAPSHOT.jar"
WORK="$(mktemp -d)"
PIDS=()

usage() {
	cat <<USAGE
Usage: infra/benchmarks/catalog-cache/run.sh

Starts two catalog-service instances (the jar Maven builds; built when missing) against the local
PostgreSQL ($PG_HOST:$PG_PORT, database "$BENCH_DB" holding the demo catalog, created when missing)
and Redis ($REDIS_HOST:$REDIS_PORT, logical database $BENCH_REDIS_DB), without Consul or Kafka: one
with catalog.cache.enabled=false on port $OFF_PORT, one with the cache on, on port $ON_PORT. After a
warm-up of each ($WARMUP), it runs wrk ($THREADS threads, $CONNECTIONS connections) against
GET /api/products/{id} with ids picked at random from the whole catalog, alternating between the two
instances for $ROUNDS rounds of $DURATION each, so that both see the same machine load. Prints
throughput, p50 and p99 of both, the ratios, and the cache counters of the measured requests.

Settings (environment): OFF_PORT, ON_PORT, THREADS, CONNECTIONS, ROUNDS, DURATION, WARMUP, PG_HOST,
PG_PORT, REDIS_HOST, REDIS_PORT, BENCH_REDIS_DB, CATALOG_BENCH_DB_PASSWORD.
USAGE
}

if [[ ${1:-} == -h || ${1:-} == --help ]]; then
	usage
	exit 0
fi

cleanup() {
	local pid
	for pid in "${PIDS[@]}"; do
		if kill -0 "$pid" 2>/dev/null; then
			kill -TERM "$pid"
			wait "$pid" 2>/dev/null || true
		fi
	done
	rm -rf "$WORK"
}
trap cleanup EXIT

need wrk "apt-get install wrk"
need curl "apt-get install curl"
need psql "apt-get install postgresql-client"
need java "Java 17 or later"
need python3 "apt-get install python3"

provision_database() {
	psql_admin <<SQL
SELECT 'CREATE ROLE $BENCH_DB LOGIN PASSWORD ''$BENCH_PASSWORD'''
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$BENCH_DB') \gexec
ALTER ROLE $BENCH_DB PASSWORD '$BENCH_PASSWORD';
SELECT 'CREATE DATABASE $BENCH_DB OWNER $BENCH_DB'
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$BENCH_DB') \gexec
SQL
}

build_jar() {
	if [[ ! -f $JAR ]]; then
		echo "Building catalog-service ..."
		(cd "$ROOT" && ./mvnw -B -q -pl catalog-service -am package -DskipTests)
	fi
}

# start_service <port> <cache enabled: true|false>
start_service() {
	CATALOG_DB_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$BENCH_DB" \
		CATALOG_DB_USER="$BENCH_DB" \
		CATALOG_DB_PASSWORD="$BENCH_PASSWORD" \
		REDIS_HOST="$REDIS_HOST" REDIS_PORT="$REDIS_PORT" \
		KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:9" \
		java -Xms512m -Xmx512m -jar "$JAR" \
		--server.port="$1" \
		--spring.cloud.consul.enabled=false \
		--spring.data.redis.database="$BENCH_REDIS_DB" \
		--catalog.cache.enabled="$2" \
		--logging.structured.format.console= \
		--logging.level.root=WARN \
		>"$WORK/catalog-$1.log" 2>&1 &
	PIDS+=($!)
}

# await_ready <port>
await_ready() {
	local waited=0
	until curl -sf "http://127.0.0.1:$1/actuator/health/readiness" >/dev/null 2>&1; do
		((waited++ < 180)) || {
			tail -n 40 "$WORK/catalog-$1.log" >&2
			die "catalog-service on port $1 was not ready within 180 s (log above)"
		}
		sleep 1
	done
}

# Every product id of the catalog, as a Lua script that wrk uses to pick one per request.
write_request_script() {
	python3 - "$1" "$WORK/ids.lua" <<'PY'
import json, sys, urllib.request
port, target = sys.argv[1], sys.argv[2]
ids, page = [], 0
while True:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/products?size=100&sort=newest&page={page}") as r:
        body = json.load(r)
    ids += [item["id"] for item in body["items"]]
    page += 1
    if page >= body["totalPages"]:
        break
with open(target, "w") as out:
    out.write("local ids = {" + ",".join(f'"{i}"' for i in ids) + "}\n")
    out.write("""
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/api/products/" .. ids[math.random(#ids)])
end
""")
print(len(ids))
PY
}

# cache_counters <port>: "<hits> <misses> <errors> <degraded reads>" of product detail so far.
cache_counters() {
	curl -sf "http://127.0.0.1:$1/actuator/prometheus" | python3 -c '
import re, sys
text = sys.stdin.read()
def value(pattern):
    found = re.search(pattern + r"\S*\s+([\d.eE+]+)", text)
    return int(float(found.group(1))) if found else 0
print(*(value(p) for p in (
    r"catalog_cache_requests_total\{[^}]*cache=\"product\",result=\"hit\"",
    r"catalog_cache_requests_total\{[^}]*cache=\"product\",result=\"miss\"",
    r"catalog_cache_requests_total\{[^}]*cache=\"product\",result=\"error\"",
    r"catalog_cache_degraded_total\{[^}]*cache=\"product\"")))'
}

# load <port> <duration> <output file>
load() {
	wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency -s "$WORK/ids.lua" "http://127.0.0.1:$1" >"$3"
}

build_jar
provision_database

echo "Starting catalog-service twice: cache off on port $OFF_PORT, cache on on port $ON_PORT ..."
# The first instance loads the demo catalog into an empty database; the second finds it there.
start_service "$OFF_PORT" false
await_ready "$OFF_PORT"
start_service "$ON_PORT" true
await_ready "$ON_PORT"
products=$(write_request_script "$OFF_PORT")

echo "Warming up both ($WARMUP each) ..."
load "$OFF_PORT" "$WARMUP" /dev/null
load "$ON_PORT" "$WARMUP" /dev/null

echo "Measuring GET /api/products/{id} over $products products: $ROUNDS rounds of $DURATION per instance," \
	"$THREADS threads, $CONNECTIONS connections ..."
counters_before=$(cache_counters "$ON_PORT")
for round in $(seq 1 "$ROUNDS"); do
	load "$OFF_PORT" "$DURATION" "$WORK/off-$round.txt"
	load "$ON_PORT" "$DURATION" "$WORK/on-$round.txt"
done
counters_after=$(cache_counters "$ON_PORT")
loadavg=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$WORK" "$ROUNDS" "$counters_before" "$counters_after" "$loadavg" "$(nproc)" <<'PY'
import re, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
before, after = (list(map(int, arg.split())) for arg in sys.argv[3:5])
hits, misses, errors, degraded = (a - b for a, b in zip(after, before))

def ms(value):
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

def summary(mode):
    requests = seconds = 0.0
    p50s, p99s = [], []
    for round in range(1, rounds + 1):
        text = open(f"{work}/{mode}-{round}.txt").read()
        failed = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
        if failed:
            sys.exit(f"{failed.group(1)} requests failed:\n{text}")
        done = re.search(r"(\d+) requests in ([\d.]+)(ms|s|m)", text)
        requests += int(done.group(1))
        seconds += float(done.group(2)) * {"ms": 0.001, "s": 1.0, "m": 60.0}[done.group(3)]
        p50s.append(ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1)))
        p99s.append(ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1)))
    return requests / seconds, statistics.median(p50s), statistics.median(p99s)

off, on = summary("off"), summary("on")
print()
print(f"{'GET /api/products/{id}':<24}{'requests/s':>12}{'p50 ms':>10}{'p99 ms':>10}")
print(f"{'cache off (PostgreSQL)':<24}{off[0]:>12.0f}{off[1]:>10.2f}{off[2]:>10.2f}")
print(f"{'cache on (Redis)':<24}{on[0]:>12.0f}{on[1]:>10.2f}{on[2]:>10.2f}")
print(f"{'on / off':<24}{on[0] / off[0]:>11.2f}x{on[1] / off[1]:>9.2f}x{on[2] / off[2]:>9.2f}x")
print()
print(f"Throughput over all rounds; p50 and p99 are the medians of the rounds' values.")
print(f"Cache-on instance during the measurement: {hits} hits, {misses} misses, {errors} Redis errors, "
      f"{degraded} reads served from PostgreSQL because Redis failed or was skipped "
      f"(hit ratio {hits / max(1, hits + misses + degraded):.1%}).")
print(f"Load average (1, 5, 15 min) at the end: {sys.argv[5]} on {sys.argv[6]} cores.")
print("wrk is closed-loop (coordinated omission): compare the two instances; do not read p99 as a latency")
print("promise. The load generator, both services, PostgreSQL and Redis share the same cores.")
PY
