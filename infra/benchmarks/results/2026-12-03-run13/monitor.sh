#!/usr/bin/env bash
# monitor.sh <log> <out>: pg commits per database and the mail server's GC over the 60 step
log=$1 out=$2
mkdir -p "$out"
until grep -q "Step: 60 " "$log" 2>/dev/null; do sleep 1; done
mailpid=$(ss -ltnpH "sport = :1025" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
psql -h 127.0.0.1 -U postgres -Atc "select datname, xact_commit, xact_rollback from pg_stat_database where datname in ('orders','catalog','notifications','users')" > "$out/pg0.txt" 2>&1
jstat -gcutil "$mailpid" > "$out/mail-gc0.txt" 2>&1
until grep -q "Step: 100 " "$log" 2>/dev/null; do sleep 1; done
psql -h 127.0.0.1 -U postgres -Atc "select datname, xact_commit, xact_rollback from pg_stat_database where datname in ('orders','catalog','notifications','users')" > "$out/pg1.txt" 2>&1
jstat -gcutil "$mailpid" > "$out/mail-gc1.txt" 2>&1
