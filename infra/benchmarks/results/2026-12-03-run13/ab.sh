#!/usr/bin/env bash
# ab.sh <rounds> <rate>: orders.sh at <rate>/s with the after jars (/work/main) and the before jars (/tmp/before), in turn
rounds=${1:-2} rate=${2:-25}
for r in $(seq 1 "$rounds"); do
  for side in after before; do
    root=/work/main; [[ $side == before ]] && root=/tmp/before
    (cd "$root" && OUT=/tmp/ab2/$side-$r STEPS="$rate" STEP_SECONDS=60 WARMUP=150 WARMUP_RATE=20 IDLE_SECONDS=20 SETTLE_SECONDS=120 \
      SERVICE_JAVA_OPTS="-Xmx384m" infra/benchmarks/orders.sh --no-build > /tmp/ab2/$side-$r.out 2>&1)
    echo "$side-$r done $(date +%T)" >> /tmp/ab2/progress
  done
done
