#!/usr/bin/env bash
# Order throughput of the whole platform, stepped: orders placed through the gateway at fixed
# arrival rates (open model), one step after another, each measured from placement to
# CONFIRMED; the CPU every process used per order; the knee; each service's idle CPU; checks
# that fail the run. See README.md here.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
# shellcheck source=lib/platform.sh
source "$HERE/lib/platform.sh"

STEPS="${STEPS:-25 50 100 200 400}"
STEP_SECONDS="${STEP_SECONDS:-60}"
DRAIN_SECONDS="${DRAIN_SECONDS:-60}"
WARMUP_RATE="${WARMUP_RATE:-20}"
# eight JVMs on two cores: their JIT compilers need minutes to settle (RESULTS.md, runs 13 and 16)
WARMUP="${WARMUP:-240}"
IDLE_SECONDS="${IDLE_SECONDS:-60}"
# the longest wait for the backlog to clear before the idle measurement
SETTLE_SECONDS="${SETTLE_SECONDS:-300}"
# sign-in allows 5 a minute per client address
ORDER_USERS="${ORDER_USERS:-4}"
TRACE_SAMPLING="${TRACE_SAMPLING:-0.1}"
SERVICE_JAVA_OPTS="${SERVICE_JAVA_OPTS:-}"
PLATFORM="${PLATFORM:-start}"
OUT="${OUT:-$HERE/target/results/orders-$(date +%Y%m%d-%H%M%S)}"

BUILD=true
for argument in "$@"; do
	case "$argument" in
	--no-build) BUILD=false ;;
	-h | --help | help)
		cat <<HELP
usage: infra/benchmarks/orders.sh [--no-build]

Starts the platform (infra/local/run.sh --detach, rate limits raised, tracing sampled at
TRACE_SAMPLING), makes every product's stock plentiful, signs ORDER_USERS accounts up, warms up
at WARMUP_RATE orders/s for WARMUP seconds, then runs each step of STEPS (orders per second) for
STEP_SECONDS, waiting up to DRAIN_SECONDS after each for its orders to end (CONFIRMED or
CANCELLED). Stops stepping once a step confirms less than half its rate. Then waits (at most
SETTLE_SECONDS) until no order is unfinished and no e-mail pending, and measures each service's
CPU while idle for IDLE_SECONDS, prints the table and the checks, and exits 1 when a
check fails.

  STEPS="$STEPS"  STEP_SECONDS=$STEP_SECONDS  DRAIN_SECONDS=$DRAIN_SECONDS
  WARMUP_RATE=$WARMUP_RATE  WARMUP=$WARMUP  IDLE_SECONDS=$IDLE_SECONDS  SETTLE_SECONDS=$SETTLE_SECONDS
  ORDER_USERS=$ORDER_USERS
  TRACE_SAMPLING=$TRACE_SAMPLING  PLATFORM=start|running  OUT=<results directory>
  SERVICE_JAVA_OPTS=<JVM options of every service> (default: per service, infra/local/lib/jvm.sh)
HELP
		exit 0
		;;
	*)
		echo "unknown argument: $argument (see --help)" >&2
		exit 2
		;;
	esac
done

GATEWAY="http://127.0.0.1:$(service_ports gateway)"
# the platform's instances (instances.tsv)
mapfile -t SERVICES < <(instance_table | awk '{ print $1 }')
# subject:port, what its CPU is charged to: every instance, the servers beneath them
mapfile -t SUBJECTS < <(instance_table | awk '{ print $1 ":" $3 }')
SUBJECTS+=(kafka:"${KAFKA_PORT:-9092}" mail:"${MAIL_SMTP_PORT:-1025}" postgres:postgres redis:"${REDIS_PORT:-6379}")

need curl "apt-get install curl"
need psql "apt-get install postgresql-client"
need python3 "apt-get install python3"

WORK="$(mktemp -d)"
SAMPLER=""
RESULTS="$OUT/results.tsv"

cleanup() {
	local status=$?
	trap - EXIT
	[[ -z $SAMPLER ]] || kill "$SAMPLER" 2>/dev/null || true
	finish_run "$status"
}
begin_run

# The CPU ticks of a JVM's JIT compiler threads ("C1 CompilerThre", "C2 CompilerThre" in
# /proc; the JVM starts and stops them as its compile queue grows and shrinks), 0 for any
# other process. jit_ticks <pid>
jit_ticks() {
	awk '{
		comm = $0; sub(/^[0-9]+ \(/, "", comm); rest = comm
		comm = substr(comm, 1, index(comm, ") ") - 1); sub(/^.*\) /, "", rest); split(rest, field, " ")
		if (comm ~ /^C[12] CompilerThre/) ticks += field[12] + field[13]
	} END { print ticks + 0 }' /proc/"$1"/task/*/stat 2>/dev/null || echo 0
}

# Every second: "epoch-ms subject ticks" for each subject, "epoch-ms subject@jit ticks" for
# the part of them its JIT compilers used, and "epoch-ms machine busy-ticks". The JVMs,
# Kafka, the mail server and Redis are looked up once; PostgreSQL's backends come and go, so
# they are listed at every sample.
sample_cpu() {
	local entry pid ticks now
	declare -A pids
	for entry in "${SUBJECTS[@]}"; do
		[[ ${entry#*:} == postgres ]] || pids[${entry%%:*}]="$(port_pid "${entry#*:}" 2>/dev/null || true)"
	done
	while :; do
		now="$(date +%s%3N)"
		for entry in "${SUBJECTS[@]}"; do
			ticks=0
			if [[ ${entry#*:} == postgres ]]; then
				pids[postgres]="$(pgrep -x postgres | tr '\n' ' ')"
			fi
			jit=0
			for pid in ${pids[${entry%%:*}]}; do
				ticks=$((ticks + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
				[[ ${entry#*:} == postgres ]] || jit=$((jit + $(jit_ticks "$pid")))
			done
			printf '%s %s %s\n' "$now" "${entry%%:*}" "$ticks"
			[[ ${entry#*:} == postgres ]] || printf '%s %s@jit %s\n' "$now" "${entry%%:*}" "$jit"
		done
		awk -v now="$now" '/^cpu / { print now, "machine", $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat
		sleep 1
	done
}


# place_orders <label> <rate> <seconds>
place_orders() {
	(cd "$ROOT" && ./mvnw -B -q -f infra/benchmarks/pom.xml gatling:test \
		-Dgatling.simulationClass=io.bazaar.benchmarks.OrderThroughputSimulation \
		-Dbench.results="$WORK/latency-$1.tsv" -Dbench.productIds="$WORK/product-ids.txt" \
		-Dbench.accessTokens="$WORK/access-tokens.txt" -Dbench.gateway="$GATEWAY" \
		-Dbench.rate="$2" -Dbench.duration="$3" \
		-Dbench.ordersFile="$WORK/orders-$1.txt" -Dbench.windowFile="$WORK/window-$1.txt") \
		>"$OUT/gatling-$1.log" 2>&1 ||
		{
			tail -n 40 "$OUT/gatling-$1.log" >&2
			die "the order simulation failed at $2 orders/s (log above)"
		}
}

# The mail server keeps every message in its heap: emptied before each step, so that a step's
# cost is not that of the steps before it (a full heap is collected again and again).
purge_mail() {
	"$ROOT/infra/local/mail.sh" purge >/dev/null
}

# Plentiful stock: the benchmark measures the pipeline, not stock-outs. A set-up write straight
# into the catalog's database: the catalog's stock adjustments (POST
# /api/inventory/{id}/adjustments) need an administrator, and the local platform has none.
make_stock_plentiful() {
	psql_admin catalog -c "UPDATE inventory SET on_hand = reserved + 10000000" >/dev/null
}


# Waits (at most DRAIN_SECONDS) until every order of a step has ended, then records its
# outcomes: "step rate placed confirmed cancelled open p50-ms p99-ms max-ms confirmed-per-s".
record_step_outcomes() {
	local label="$1" rate="$2"
	if [[ ! -s $WORK/orders-$label.txt ]]; then
		record step "$label" "$rate" 0 0 0 0 - - - 0
		return 0
	fi
	record step "$label" "$rate" $(order_outcomes "$WORK/orders-$label.txt" "$DRAIN_SECONDS" 1)
	sed 's/^latency\t/latency\t'"$label"'\t/' "$WORK/latency-$label.tsv" >>"$RESULTS"
	record window "$label" "$(cat "$WORK/window-$label.txt")"
}

# Orders placed and not yet CONFIRMED or CANCELLED, from order-service's meters; "?" when they
# cannot be read.
unfinished_orders() {
	local placed completed
	if placed="$(metric_sum order-service orders_placed_total)" &&
		completed="$(metric_sum order-service bazaar_orders_completed_total)"; then
		printf '%s\n' $((placed > completed ? placed - completed : 0))
	else
		printf '?\n'
	fi
}

echo "Results: $OUT"
record_machine
record setting steps "$STEPS orders/s, ${STEP_SECONDS}s each (open model), warm-up ${WARMUP}s at $WARMUP_RATE/s, $ORDER_USERS accounts, tracing sampled at $TRACE_SAMPLING"
record setting java-opts "$(describe_service_java_opts gateway user-service catalog-service order-service notification-service)"

compile_simulations
start_platform
echo "Reading the catalog ... $(write_catalog_files) products"
make_stock_plentiful
write_access_tokens
sample_cpu >"$OUT/cpu-samples.txt" &
SAMPLER=$!

echo "Warm-up: ${WARMUP}s at $WARMUP_RATE orders/s ..."
purge_mail
place_orders warmup "$WARMUP_RATE" "$WARMUP"
record_step_outcomes warmup "$WARMUP_RATE"

for rate in $STEPS; do
	echo "Step: $rate orders/s for ${STEP_SECONDS}s ..."
	purge_mail
	place_orders "$rate" "$rate" "$STEP_SECONDS"
	record_step_outcomes "$rate" "$rate"
	confirmed="$(awk -F'\t' -v rate="$rate" '$1 == "step" && $2 == rate { print $11 }' "$RESULTS")"
	if python3 -c "import sys; sys.exit(0 if float('${confirmed:-0}' or 0) < $rate / 2 else 1)"; then
		echo "  $rate orders/s confirmed only ${confirmed:-0}/s: past the knee, no higher step"
		break
	fi
done

# Idle means nothing left to do: every order ended and every e-mail sent (or failed), as the
# services' meters tell: orders placed less those completed (order-service), deliveries waiting
# for a worker (notification-service).
echo "Waiting (at most ${SETTLE_SECONDS}s) for every order to end and every e-mail to go ..."
settled=0
for ((waited = 0; waited < SETTLE_SECONDS; waited += 2)); do
	open_orders="$(unfinished_orders)"
	open_mail="$(metric_sum notification-service notifications_delivery_queue_depth)" || open_mail="?"
	if [[ $open_orders == 0 && $open_mail == 0 ]]; then
		settled=1
		break
	fi
	sleep 2
done
record settle "$settled" "$waited" "${open_orders:-?}" "${open_mail:-?}"
echo "Idle: each service's CPU over ${IDLE_SECONDS}s ..."
sleep 10
idle_started="$(date +%s%3N)"
sleep "$IDLE_SECONDS"
record window idle "$idle_started" "$(date +%s%3N)"
kill "$SAMPLER" 2>/dev/null || true
SAMPLER=""

python3 "$HERE/orders_report.py" "$OUT" "$(getconf CLK_TCK)" "$(nproc)" "${SERVICES[*]}"
