#!/usr/bin/env bash
# The internal entitlement API under wrk: 10,000 accounts (each bought a plan through checkout), 64 connections,
# 30 s; then nginx serving a static JSON file of the same size as the ceiling; then first reads of accounts in neither
# the near cache nor Redis, each account asked for once: 10,000 with a stored snapshot (a copy of a buyer's, written
# in SQL so no cache ever saw it) and 10,000 that never had one (registered, never bought). Each cold phase is preceded
# by a warm-up on 10,000 other accounts of its kind, so the JIT has compiled the miss path as it has the hit path.
# Usage: ops/bench/entitlements.sh
#        COLD_ONLY=1 APP_ARGS=--abacus.entitlements.miss-loaders=8 ops/bench/entitlements.sh   (first reads only)
#        PROFILE=warm|cold EXTRA_JAVA_OPTS=-XX:FlightRecorderOptions:stackdepth=256 ops/bench/entitlements.sh   (adds a
#        JFR profile of the request threads in the warm run, or of every thread in the never-had-one first reads)
source "$(dirname "$0")/lib.sh"
need wrk wrk; need nginx nginx; need psql postgresql-client; need redis-cli redis-tools
ACCOUNTS=10000
# COLD_ONLY=1: only the first-read phases, after 200 purchases (for trying settings; record full runs only)
BUYERS=$([ -n "${COLD_ONLY:-}" ] && echo 200 || echo "$ACCOUNTS")
machine
fresh_database
ABACUS_DB_POOL_SIZE=16 start_app ${APP_ARGS:-}
seed_accounts $((ACCOUNTS * 2))
echo "== seeding: every account buys a plan through checkout"
while [ "$(orders_count)" -lt "$BUYERS" ]; do
  wrk -t4 -c32 -d20s -s "$BENCH_DIR/checkout.lua" "http://127.0.0.1:$APP_PORT" -- 4 "$(orders_count)" >/dev/null
done
wait_for_outbox >/dev/null
psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$BENCH_DB" -At -c \
  "select account_id from customer_order where status = 'COMPLETED' order by account_id limit $ACCOUNTS" > /tmp/abacus-bench-accounts.txt
# The cold accounts are numbered from 1,000,001, beyond any the checkout seeding (which may overshoot 10,000) reaches.
COLD=1000000
psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$BENCH_DB" -q -c "
  insert into account (id, email, name, currency, time_zone, country, created_at)
  select md5('bench-' || i)::uuid, 'bench' || i || '@example.com', 'Bench ' || i, 'USD', 'UTC', 'US', now()
  from generate_series($((COLD + 1)), $((COLD + ACCOUNTS * 4))) i" >/dev/null
cold_ids() {
  psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$BENCH_DB" -At -c \
    "select md5('bench-' || i)::uuid from generate_series($((COLD + $1 * ACCOUNTS + 1)), $((COLD + ($1 + 1) * ACCOUNTS))) i"
}
cold_ids 0 > /tmp/abacus-bench-stored-warmup.txt
cold_ids 1 > /tmp/abacus-bench-stored.txt
cold_ids 2 > /tmp/abacus-bench-never-warmup.txt
cold_ids 3 > /tmp/abacus-bench-never.txt
echo "== stored snapshots for $((ACCOUNTS * 2)) accounts no cache has seen (copies of a buyer's)"
psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$BENCH_DB" -q -c "
  insert into entitlement_snapshot (account_id, version, digest, features, computed_at, next_change_at)
  select md5('bench-' || i)::uuid, 1, s.digest, s.features, now(), s.next_change_at
  from generate_series($((COLD + 1)), $((COLD + ACCOUNTS * 2))) i,
       (select * from entitlement_snapshot order by account_id limit 1) s" >/dev/null
if [ -n "${COLD_ONLY:-}" ]; then
  echo "== warm-up 60 s on the buyers (the JIT compiles the request path)"
  account_ids 200 > /tmp/abacus-bench-accounts.txt
  wrk -t2 -c64 -d60s -s "$BENCH_DIR/entitlements.lua" "http://127.0.0.1:$APP_PORT" -- /tmp/abacus-bench-accounts.txt >/dev/null
else
echo "== warm-up 3 x 40 s (the JIT compiles the hot path)"
for _ in 1 2 3; do wrk -t2 -c64 -d40s -s "$BENCH_DIR/entitlements.lua" "http://127.0.0.1:$APP_PORT" -- /tmp/abacus-bench-accounts.txt >/dev/null; done
echo "== Abacus: GET /internal/v1/accounts/{id}/entitlements, 10,000 accounts, 64 connections, 30 s"
[ "${PROFILE:-}" = warm ] && jcmd "$APP_PID" JFR.start name=warm settings=profile filename=/tmp/abacus-entitlements.jfr >/dev/null
wrk -t2 -c64 -d30s -s "$BENCH_DIR/entitlements.lua" "http://127.0.0.1:$APP_PORT" -- /tmp/abacus-bench-accounts.txt | tail -3
if [ "${PROFILE:-}" = warm ]; then
  echo "== where the request threads' time went (JFR execution samples; the figures above are slowed by the recording)"
  jcmd "$APP_PID" JFR.stop name=warm >/dev/null
  jfr print --json --events jdk.ExecutionSample /tmp/abacus-entitlements.jfr | python3 "$BENCH_DIR/jfr-top.py" http-nio 30
fi

echo "== nginx: the same JSON from a static file, 64 connections, 30 s"
NGINX_DIR=/tmp/abacus-bench-nginx
mkdir -p "$NGINX_DIR/www"
curl -s -H "Authorization: Bearer $SERVICE_TOKEN" "http://127.0.0.1:$APP_PORT/internal/v1/accounts/$(head -1 /tmp/abacus-bench-accounts.txt)/entitlements" > "$NGINX_DIR/www/entitlements.json"
cat > "$NGINX_DIR/nginx.conf" <<CONF
worker_processes auto;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:18081; root $NGINX_DIR/www; }
}
CONF
nginx -c "$NGINX_DIR/nginx.conf"
wrk -t2 -c64 -d30s -s "$BENCH_DIR/static.lua" http://127.0.0.1:18081/entitlements.json | tail -2
nginx -c "$NGINX_DIR/nginx.conf" -s stop
fi

first_reads() {
  redis-cli -u "$REDIS_URL" flushdb >/dev/null
  wrk -t2 -c64 -d"$2" -s "$BENCH_DIR/entitlements-once.lua" "http://127.0.0.1:$APP_PORT" -- "$1" 2 | tail -3
}
echo "== first reads, warm-up: 10,000 other accounts with a stored snapshot, Redis emptied"
first_reads /tmp/abacus-bench-stored-warmup.txt 30s >/dev/null
echo "== first reads: 10,000 accounts with a stored snapshot, in neither the near cache nor Redis, 64 connections"
first_reads /tmp/abacus-bench-stored.txt 30s
echo "== first reads, warm-up: 10,000 other accounts that never had a snapshot, Redis emptied"
first_reads /tmp/abacus-bench-never-warmup.txt 40s >/dev/null
echo "== first reads: 10,000 accounts that never had a snapshot, 64 connections"
[ "${PROFILE:-}" = cold ] && jcmd "$APP_PID" JFR.start name=cold settings=profile filename=/tmp/abacus-entitlements-cold.jfr >/dev/null
first_reads /tmp/abacus-bench-never.txt 40s
if [ "${PROFILE:-}" = cold ]; then
  echo "== where the time went in that phase, every thread of the application (JFR execution samples)"
  jcmd "$APP_PID" JFR.stop name=cold >/dev/null
  jfr print --json --events jdk.ExecutionSample /tmp/abacus-entitlements-cold.jfr | python3 "$BENCH_DIR/jfr-top.py" "" 30
fi
echo "== snapshots stored for those 10,000 (count, highest version)"
psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$BENCH_DB" -At -F ', ' -c "
  select count(*), max(version) from entitlement_snapshot
  where account_id in (select md5('bench-' || i)::uuid from generate_series($((COLD + ACCOUNTS * 3 + 1)), $((COLD + ACCOUNTS * 4))) i)"
