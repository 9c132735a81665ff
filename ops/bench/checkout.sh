#!/usr/bin/env bash
# Checkout throughput through the sandbox processor: orders/s and latency at 32 concurrent clients, each order for a
# different account (new card, payment, subscription and entitlements in the request; first invoice and revenue
# schedule asynchronously, from the event publication registry).
#
# Two figures: the request rate the customers see, and the end-to-end rate: orders of the measured run divided by the
# time until their asynchronous work (invoice, revenue) had also caught up. Under full load the asynchronous work gets
# less CPU than the requests and falls behind; the end-to-end rate is what the platform sustains, not just accepts.
# ASYNC_THREADS (default 4) sizes the pool the asynchronous listeners run on: more threads give them more of the CPU
# under load (fewer orders/s answered, a shorter catch-up), with about the same end-to-end rate.
# Usage: ops/bench/checkout.sh [seconds]
source "$(dirname "$0")/lib.sh"
need wrk wrk; need psql postgresql-client; need redis-cli redis-tools
SECONDS_TO_RUN="${1:-60}"
machine
fresh_database
ABACUS_DB_POOL_SIZE=16 start_app --spring.task.execution.pool.core-size=${ASYNC_THREADS:-4} --spring.task.execution.pool.max-size=${ASYNC_THREADS:-4} --server.tomcat.threads.max=48
seed_accounts 100000
echo "== warm-up (30 s, accounts 50001+)"
wrk -t4 -c32 -d30s -s "$BENCH_DIR/checkout.lua" "http://127.0.0.1:$APP_PORT" -- 4 50000 | tail -3
echo "== warm-up's asynchronous work caught up after $(wait_for_outbox) s"
before=$(orders_count)
started=$(date +%s.%N)
echo "== measured: 32 concurrent clients, ${SECONDS_TO_RUN} s"
wrk -t4 -c32 -d"${SECONDS_TO_RUN}s" -s "$BENCH_DIR/checkout.lua" "http://127.0.0.1:$APP_PORT" -- 4 0 | tail -3
echo "asynchronous work (first invoices, revenue schedules) caught up after $(wait_for_outbox) s more"
finished=$(date +%s.%N)
placed=$(( $(orders_count) - before ))
invoiced=$(psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$BENCH_DB" -At -c "select count(*) from invoice where status = 'PAID'")
awk -v n="$placed" -v s="$started" -v e="$finished" -v i="$invoiced" \
  'BEGIN { printf "end to end: %d orders completed, invoiced and posted in %.1f s = %.1f orders/s (paid invoices in all: %d)\n", n, e - s, n / (e - s), i }'
