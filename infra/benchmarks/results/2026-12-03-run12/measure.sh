#!/bin/bash
# Targets in turn under wrk, with the CPU each process spent per request (µs): the gateway,
# both catalog instances, Redis and EXTRA_WATCH ("name:pid ..."). IDS names a file of product ids.
#   measure.sh <seconds> <connections> name:port ...
HERE="$(cd "$(dirname "$0")/../.." && pwd)"; IDS="${IDS:-product-ids.txt}"
d=$1; c=$2; shift 2
pidof_port() { ss -Htlnp "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
WATCH="gw:$(pidof_port 8080) cat1:$(pidof_port 8082) cat2:$(pidof_port 8092) redis:$(pgrep -x redis-server|head -1) ${EXTRA_WATCH:-}"
ticks() { for w in $WATCH; do p=${w#*:}; awk '{print $14+$15}' /proc/$p/stat; done | paste -sd' '; }
for spec in "$@"; do
  IFS=: read name port path <<<"$spec"
  t0=($(ticks))
  out=$(wrk -t1 -c$c -d${d}s --timeout 2s -s "$HERE/wrk/zipf-products.lua" "http://localhost:$port" -- "$IDS" 1.0)
  t1=($(ticks))
  n=$(echo "$out" | awk '/requests in/{print $1}'); rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  non=$(echo "$out" | awk '/Non-2xx/{print $NF}')
  line="$name rps=$rps non2xx=${non:-0}"
  i=0; for w in $WATCH; do line="$line ${w%%:*}=$(( (${t1[i]}-${t0[i]})*10000/n ))"; i=$((i+1)); done
  echo "$line us/req  load=$(cut -d' ' -f1 /proc/loadavg)"
done
