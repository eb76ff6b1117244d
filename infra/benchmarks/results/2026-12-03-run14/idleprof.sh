#!/bin/bash
# profiles every platform JVM for $1 seconds (cpu, itimer) and prints its CPU share
secs=${1:-60}
declare -A P
for pid in $(pgrep -f 'infra/local/.state/apps/'); do
  name=$(tr '\0' ' ' < /proc/$pid/cmdline | grep -o 'apps/[a-z-]*' | cut -d/ -f2)
  port=$(tr '\0' ' ' < /proc/$pid/cmdline | grep -o 'server.port=[0-9]*' | cut -d= -f2)
  P[$pid]="$name-$port"
  jcmd $pid JVMTI.agent_load /tmp/ap/x/linux-x64/libasyncProfiler.so '"start,event=itimer,interval=1ms"' >/dev/null
  echo "$pid $(awk '{print $14+$15}' /proc/$pid/stat)" >> /tmp/idle-t0
done
sleep $secs
for pid in "${!P[@]}"; do
  jcmd $pid JVMTI.agent_load /tmp/ap/x/linux-x64/libasyncProfiler.so "\"stop,collapsed,file=/tmp/idle-${P[$pid]}.txt\"" >/dev/null
  t0=$(awk -v p=$pid '$1==p{print $2}' /tmp/idle-t0); t1=$(awk '{print $14+$15}' /proc/$pid/stat)
  echo "${P[$pid]} cpu $(( (t1-t0) * 10 * 100 / (secs*1000) )).$(( ((t1-t0) * 10 * 1000 / (secs*1000)) % 10 ))% of a core"
done
rm -f /tmp/idle-t0
