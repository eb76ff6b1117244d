#!/bin/bash
# every 2 s: gateway connections (established, with unread bytes), listen queue, in-flight; thread dumps when unread bytes pile up
n=0
while true; do
  est=$(ss -Htn state established '( sport = :8080 )' | wc -l)
  unread=$(ss -Htn state established '( sport = :8080 )' | awk '$1>0' | wc -l)
  listen=$(ss -Hltn '( sport = :8080 )' | awk '{print $2"/"$3}')
  synrecv=$(ss -Htn state syn-recv '( sport = :8080 )' | wc -l)
  act=$(curl -s -m 2 http://127.0.0.1:8080/actuator/prometheus | awk '/^gateway_requests_active/ {print int($2)}')
  echo "$(date +%T) est=$est unread=$unread listen=$listen synrecv=$synrecv active=$act" >> /tmp/probe.log
  if [[ $unread -ge 20 && $n -lt 5 ]]; then
    pid=$(pgrep -f 'apps/gateway/gateway.jar' | head -1)
    jcmd $pid Thread.print > /tmp/gw-threads-$n.txt 2>&1
    ss -tnp state established '( sport = :8080 )' > /tmp/gw-ss-$n.txt
    n=$((n+1))
  fi
  sleep 2
done
