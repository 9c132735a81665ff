#!/usr/bin/env bash
# Warm start: a starting instance loads the stored entitlement snapshots into its near cache before it reports ready.
# 1,000,000 snapshots are written in SQL from the feature sets of four real purchases (one plan each); one account in
# ten has its own validUntil (as a cancellation at period end gives), so 100,000 feature sets are not shared. The
# instance starts with its heap capped at 512 MB (-Xmx512m) and a near cache for every account; reported: the load
# time it logs, the time from launch to ready, the heap in use after a full GC, and then first reads of 10,000 of
# those accounts with Redis emptied (served from memory: at the warm rate, not the miss rate).
# Usage: ops/bench/warm-start.sh [snapshots]
source "$(dirname "$0")/lib.sh"
need wrk wrk; need psql postgresql-client; need redis-cli redis-tools; need jcmd openjdk-17-jdk-headless
SNAPSHOTS="${1:-1000000}"
machine
fresh_database
start_app
seed_accounts 4
echo "== four purchases, one per plan, whose feature sets the snapshots copy"
n=0
for plan in edge-starter-monthly edge-pro-monthly edge-business-monthly stream-plus-monthly; do
  n=$((n + 1))
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$APP_PORT/api/v1/orders" -H "Authorization: Bearer abk_bench_$n" \
    -H "Idempotency-Key: warm-$n" -H "Content-Type: application/json" \
    -d "{\"plan\":\"$plan\",\"currency\":\"USD\",\"paymentMethod\":{\"card\":{\"number\":\"4242424242424242\",\"expMonth\":12,\"expYear\":2031,\"cvc\":\"123\"}}}"
done
stop_app
echo "== $SNAPSHOTS stored snapshots"
psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$BENCH_DB" -q -c "
  create temporary table plan_features as
    select row_number() over (order by account_id) - 1 as n, features from entitlement_snapshot where features <> '{}';
  insert into entitlement_snapshot (account_id, version, digest, features, computed_at, changed_at)
  select md5('warm-' || i)::uuid, 1, md5(f.features::text), f.features, now(), now() - make_interval(secs => i / 1000.0)
  from generate_series(1, $SNAPSHOTS) i join plan_features f on f.n = i % 4 where i % 10 <> 0;
  insert into entitlement_snapshot (account_id, version, digest, features, computed_at, changed_at)
  select md5('warm-' || i)::uuid, 1, md5(x.features::text), x.features, now(), now() - make_interval(secs => i / 1000.0)
  from generate_series(1, $SNAPSHOTS) i join plan_features f on f.n = i % 4,
       lateral (select (select jsonb_object_agg(key, jsonb_set(value, '{validUntil}',
                  to_jsonb(to_char(timestamp '2027-01-01' + make_interval(secs => i), 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))))
                from jsonb_each(f.features)) as features) x
  where i % 10 = 0;
  analyze entitlement_snapshot;" >/dev/null
psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$BENCH_DB" -At -F ', ' -c \
  "select count(*) || ' snapshots', count(distinct digest) || ' distinct feature sets', pg_size_pretty(pg_total_relation_size('entitlement_snapshot')) from entitlement_snapshot"
redis-cli -u "$REDIS_URL" flushdb >/dev/null
echo "== start with -Xmx512m and a near cache of $SNAPSHOTS"
launched=$(date +%s.%N)
APP_HEAP=512m start_app --abacus.entitlements.near-cache-size="$SNAPSHOTS" \
  --logging.level.com.abacus.entitlements.internal.NearCacheWarmStart=INFO
ready=$(date +%s.%N)
awk -v s="$launched" -v e="$ready" 'BEGIN { printf "launch to ready: %.1f s\n", e - s }'
grep -o "Entitlements warm start.*" "$APP_LOG" || { echo "warm start did not finish"; grep -i "warm start" "$APP_LOG"; }
jcmd "$APP_PID" GC.run >/dev/null
jcmd "$APP_PID" GC.heap_info | grep -E "PSYoungGen|ParOldGen|Metaspace"
echo "== first reads of 10,000 of them, Redis emptied, 64 connections"
psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$BENCH_DB" -At -c \
  "select md5('warm-' || i)::uuid from generate_series(1, $SNAPSHOTS, $((SNAPSHOTS / 10000))) i" > /tmp/abacus-bench-warm.txt
wrk -t2 -c64 -d20s -s "$BENCH_DIR/entitlements-once.lua" "http://127.0.0.1:$APP_PORT" -- /tmp/abacus-bench-warm.txt 2 | tail -3
echo "== near-cache misses during those reads (batches loaded)"
curl -s -H "Authorization: Bearer $SERVICE_TOKEN" "http://127.0.0.1:$APP_PORT/actuator/prometheus" | grep -E "^abacus_entitlements_miss_batch_accounts_count" || echo "0"
