#!/usr/bin/env bash
# profile_step.sh <log> <marker> <outdir> [delay] [seconds]: when <marker> appears in <log>, waits
# delay s, then profiles every service JVM and Kafka for seconds s (async-profiler, itimer 1ms).
log=$1 marker=$2 out=$3 delay=${4:-10} secs=${5:-40}
mkdir -p "$out"
until grep -q "$marker" "$log" 2>/dev/null; do sleep 2; done
sleep "$delay"
declare -A pids
for p in gateway:8080 user:8081 catalog1:8082 catalog2:8092 order:8083 notification:8084 kafka:9092; do
  pid=$(ss -ltnpH "sport = :${p#*:}" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
  pids[${p%%:*}]=$pid
  jcmd "$pid" JVMTI.agent_load /tmp/ap/x/linux-x64/libasyncProfiler.so '"start,event=itimer,interval=1ms"' >/dev/null 2>&1
done
sleep "$secs"
for k in "${!pids[@]}"; do
  jcmd "${pids[$k]}" JVMTI.agent_load /tmp/ap/x/linux-x64/libasyncProfiler.so "\"stop,collapsed,file=$out/$k.collapsed\"" >/dev/null 2>&1
done
echo done > "$out/DONE"
