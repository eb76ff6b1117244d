#!/bin/bash
# Targets in turn under wrk, with each one's CPU per request: the whole process, and without its
# JIT compiler threads. IDS names a file of product ids, one a line.
#   IDS=product-ids.txt side.sh <seconds> <connections> name:port:pid ...
HERE="$(cd "$(dirname "$0")/../.." && pwd)"
d=$1; c=$2; shift 2
hz=$(getconf CLK_TCK)
cpu() { # total and compiler ticks of pid
  python3 - "$1" <<'PY'
import os,sys
pid=sys.argv[1]; tot=comp=0
for t in os.listdir(f'/proc/{pid}/task'):
    try:
        s=open(f'/proc/{pid}/task/{t}/stat').read()
    except OSError: continue
    name=s[s.index('(')+1:s.rindex(')')]; f=s[s.rindex(')')+2:].split()
    v=int(f[11])+int(f[12]); tot+=v
    if 'CompilerThre' in name: comp+=v
print(tot,comp)
PY
}
for spec in "$@"; do
  IFS=: read name port pid <<<"$spec"
  read t0 c0 <<<"$(cpu $pid)"
  out=$(wrk -t1 -c$c -d${d}s --timeout 2s -s "$HERE/wrk/zipf-products.lua" "http://localhost:$port" -- "$IDS" 1.0)
  read t1 c1 <<<"$(cpu $pid)"
  n=$(echo "$out" | awk '/requests in/{print $1}'); rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  to=$(echo "$out" | grep -o 'timeout [0-9]*' | awk '{print $2}'); non=$(echo "$out" | awk '/Non-2xx/{print $NF}')
  us=$(python3 -c "print(round(($t1-$t0)/$hz*1e6/$n), round(($t1-$t0-($c1-$c0))/$hz*1e6/$n))")
  printf '%-8s rps=%8s n=%7s timeouts=%s non2xx=%s cpu_us/req(all,noJIT)=%s load=%s\n' "$name" "$rps" "$n" "${to:-0}" "${non:-0}" "$us" "$(cut -d' ' -f1 /proc/loadavg)"
done
