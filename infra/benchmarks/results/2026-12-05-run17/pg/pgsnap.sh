#!/bin/bash
# pgsnap.sh <out>: per-database commits, rollbacks, tuples; per-table scans and writes
out=$1
psql -h 127.0.0.1 -U postgres -At -F$'\t' -c "select 'db', datname, xact_commit, xact_rollback, tup_returned, tup_fetched, tup_inserted, tup_updated, tup_deleted, blks_hit from pg_stat_database where datname in ('users','catalog','orders','notifications')" > $out
for db in users catalog orders notifications; do
psql -h 127.0.0.1 -U postgres -d $db -At -F$'\t' -c "select 'tbl', '$db', relname, coalesce(seq_scan,0), coalesce(idx_scan,0), n_tup_ins, n_tup_upd, n_tup_del, n_tup_hot_upd from pg_stat_user_tables" >> $out
done
psql -h 127.0.0.1 -U postgres -At -c "select 'wal', wal_records, wal_bytes, wal_sync, wal_write from pg_stat_wal" >> $out 2>/dev/null
date +%s.%N | sed 's/^/time\t/' >> $out
