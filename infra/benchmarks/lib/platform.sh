# The platform and the load generator as the benchmark scripts use them. Source it after
# common.sh; it expects ROOT, OUT, PLATFORM, BUILD, TRACE_SAMPLING, SERVICE_JAVA_OPTS,
# ORDER_USERS, GATEWAY and WORK to be set, and sets PLATFORM_STARTED when it starts the
# platform (the caller stops it).
# shellcheck shell=bash

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
