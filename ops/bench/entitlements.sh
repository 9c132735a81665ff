#!/usr/bin/env bash
# The internal entitlement API under wrk: 10,000 accounts (each bought a plan through checkout), 64 connections,
# 30 s; then nginx serving a static JSON file of the same size as the ceiling; then cache misses (accounts this
# instance has not seen, Redis emptied: answered from PostgreSQL).
# Usage: ops/bench/entitlements.sh
source "$(dirname "$0")/lib.sh"
need wrk wrk; need nginx nginx; need psql postgresql-client; need redis-cli redis-tools
ACCOUNTS=10000
machine
fresh_database
ABACUS_DB_POOL_SIZE=16 start_app
seed_accounts $((ACCOUNTS * 2))
echo "== seeding: every account buys a plan through checkout"
while [ "$(orders_count)" -lt "$ACCOUNTS" ]; do
  wrk -t4 -c32 -d20s -s "$BENCH_DIR/checkout.lua" "http://127.0.0.1:$APP_PORT" -- 4 "$(orders_count)" >/dev/null
done
wait_for_outbox >/dev/null
account_ids "$ACCOUNTS" > /tmp/abacus-bench-accounts.txt
account_ids $((ACCOUNTS * 2)) | tail -n "$ACCOUNTS" > /tmp/abacus-bench-cold.txt
echo "== warm-up 3 x 40 s (the JIT compiles the hot path)"
for _ in 1 2 3; do wrk -t2 -c64 -d40s -s "$BENCH_DIR/entitlements.lua" "http://127.0.0.1:$APP_PORT" -- /tmp/abacus-bench-accounts.txt >/dev/null; done
echo "== Abacus: GET /internal/v1/accounts/{id}/entitlements, 10,000 accounts, 64 connections, 30 s"
wrk -t2 -c64 -d30s -s "$BENCH_DIR/entitlements.lua" "http://127.0.0.1:$APP_PORT" -- /tmp/abacus-bench-accounts.txt | tail -3

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

echo "== cache misses: 10,000 accounts never read on this instance, Redis emptied (answers from PostgreSQL)"
redis-cli -u "$REDIS_URL" flushdb >/dev/null
wrk -t2 -c64 -d10s -s "$BENCH_DIR/entitlements-cold.lua" "http://127.0.0.1:$APP_PORT" -- /tmp/abacus-bench-cold.txt | tail -3
