#!/usr/bin/env bash
# Checkout throughput through the sandbox processor: orders/s and latency at 32 concurrent clients, each order for a
# different account (new card, payment, subscription, entitlements, first invoice, revenue schedule).
# Usage: ops/bench/checkout.sh [seconds]
source "$(dirname "$0")/lib.sh"
need wrk wrk; need psql postgresql-client; need redis-cli redis-tools
SECONDS_TO_RUN="${1:-30}"
machine
fresh_database
ABACUS_DB_POOL_SIZE=16 start_app --spring.task.execution.pool.core-size=4 --spring.task.execution.pool.max-size=4 --server.tomcat.threads.max=48
seed_accounts 60000
echo "== warm-up (30 s, accounts 30001+)"
wrk -t4 -c32 -d30s -s "$BENCH_DIR/checkout.lua" "http://127.0.0.1:$APP_PORT" -- 4 30000 | tail -3
echo "== measured: 32 concurrent clients, ${SECONDS_TO_RUN} s"
wrk -t4 -c32 -d"${SECONDS_TO_RUN}s" -s "$BENCH_DIR/checkout.lua" "http://127.0.0.1:$APP_PORT" -- 4 0 | tail -3
echo "== asynchronous work (first invoices, revenue schedules) caught up after $(wait_for_outbox) s more"
echo "completed orders: $(orders_count)"
