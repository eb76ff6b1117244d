# The platform and the load generator as the benchmark scripts use them, with the helpers of
# bench.sh and the services' JVM options of infra/local/lib/jvm.sh. It expects ROOT, OUT,
# PLATFORM, BUILD, TRACE_SAMPLING, SERVICE_JAVA_OPTS, ORDER_USERS, GATEWAY, WORK and RESULTS
# to be set, and sets PLATFORM_STARTED when it starts the platform (stop_platform stops it).
# shellcheck shell=bash

# shellcheck source=bench.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench.sh"
# shellcheck source=../../local/lib/jvm.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../local/lib/jvm.sh"

PLATFORM_STARTED=false

start_platform() {
	if "$ROOT/infra/local/run.sh" status >/dev/null 2>&1; then
		[[ $PLATFORM == running ]] && return 0
		die "the platform already runs. Stop it (infra/local/run.sh stop) so that this run starts it with \
the benchmark settings, or use it as it is with PLATFORM=running"
	fi
	[[ $PLATFORM == start ]] || die "PLATFORM=running, but the platform does not run"
	echo "Starting the platform (infra/local/run.sh --detach; log: $OUT/platform-start.log) ..."
	PLATFORM_STARTED=true
	local arguments=(--detach)
	[[ $BUILD == true ]] || arguments+=(--no-build)
	# Budgets far above the offered load: every request still takes its token from Redis,
	# as in production, but none is refused. The environment reaches every service JVM:
	# each one samples traces as in production, over the local profile's 1.0.
	GATEWAY_RATELIMITS_POLICIES_DEFAULT_CAPACITY=1000000 \
		GATEWAY_RATELIMITS_POLICIES_DEFAULT_REFILLTOKENS=1000000 \
		MANAGEMENT_TRACING_SAMPLING_PROBABILITY="$TRACE_SAMPLING" \
		SERVICE_JAVA_OPTS="$SERVICE_JAVA_OPTS" \
		"$ROOT/infra/local/run.sh" "${arguments[@]}" >"$OUT/platform-start.log" 2>&1 ||
		{
			tail -n 30 "$OUT/platform-start.log" >&2
			die "the platform did not start (log above)"
		}
}

# Begins a run: $OUT and an empty $RESULTS; the script's cleanup runs on every exit, which
# ends with finish_run.
begin_run() {
	trap cleanup EXIT
	trap 'exit 130' INT TERM
	mkdir -p "$OUT"
	: >"$RESULTS"
}

# finish_run <exit status>: stops the platform when this run started it, removes the work
# directory and exits.
finish_run() {
	stop_platform
	rm -rf "$WORK"
	exit "$1"
}

# Stops the platform when this run started it.
stop_platform() {
	[[ $PLATFORM_STARTED == true ]] || return 0
	echo "Stopping the platform ..."
	"$ROOT/infra/local/run.sh" stop >"$OUT/platform-stop.log" 2>&1 || echo "run.sh stop failed: see $OUT/platform-stop.log" >&2
}

compile_simulations() {
	echo "Compiling the simulations ..."
	(cd "$ROOT" && ./mvnw -B -q -f infra/benchmarks/pom.xml test-compile) >"$OUT/compile.log" 2>&1 ||
		{
			cat "$OUT/compile.log" >&2
			die "compiling the simulations failed"
		}
}

# Signs ORDER_USERS new accounts up and in through the gateway; one access token a line in
# $WORK/access-tokens.txt.
write_access_tokens() {
	local i email token run_id
	run_id="$(date +%s)"
	: >"$WORK/access-tokens.txt"
	for ((i = 1; i <= ORDER_USERS; i++)); do
		email="bench-$run_id-$i@example.com"
		# a sign-up may be refused for a moment (503 with Retry-After while password hashing is
		# busy, or a timeout right after the overload phases): try again a few times
		local attempt=0
		until curl -sf -X POST "$GATEWAY/api/users" -H 'Content-Type: application/json' \
			-d "{\"email\":\"$email\",\"password\":\"benchmark password $i\",\"displayName\":\"Bench $i\"}" \
			>/dev/null; do
			((++attempt < 5)) || die "signing up $email failed 5 times"
			sleep 2
		done
		token="$(curl -sf -X POST "$GATEWAY/api/auth/token" -H 'Content-Type: application/json' \
			-d "{\"email\":\"$email\",\"password\":\"benchmark password $i\"}" |
			sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')" || die "signing in $email failed"
		[[ -n $token ]] || die "no access token for $email"
		printf '%s\n' "$token" >>"$WORK/access-tokens.txt"
	done
}

# The catalog's product ids in a fixed random order (rank 1 is the most popular) and the words
# of product names by frequency, for the search terms.
# Read from the catalog's public API (its first instance); prints how many products there are.
write_catalog_files() {
	python3 - "$WORK" "$(service_ports catalog-service | head -n 1)" <<'PY'
import collections, json, random, re, sys, urllib.request
work, port = sys.argv[1:3]
ids, names, page = [], [], 0
while True:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/products?size=100&sort=newest&page={page}") as r:
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

# order_outcomes <orders file> <drain seconds> <poll seconds>: waits until the orders placed
# with the accounts of write_access_tokens have ended, then prints their counts, latencies and
# confirmed orders per second (order_outcomes.py, through the gateway's order API).
order_outcomes() {
	python3 "$ROOT/infra/benchmarks/order_outcomes.py" "$GATEWAY" "$WORK/access-tokens.txt" "$@" ||
		die "reading the outcomes of the orders in $1 failed"
}
