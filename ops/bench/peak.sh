#!/usr/bin/env bash
# Black-Friday peak: checkouts, entitlement reads and usage ingestion at the same time, at a normal day's rates (1x)
# and then 2x, 3x, 4x and 5x, 30 s per step. Prints, per step and workload, the throughput reached, latency and errors.
#
# 1x = 20 orders/s + 2,000 entitlement reads/s + 2,000 usage events/s (20 batches of 100).
# Rates are held by pausing each connection between requests (ops/bench/paced.lua); when the server cannot keep up,
# response times grow and the rate reached falls below the target: that gap is the figure to read.
# Usage: ops/bench/peak.sh [seconds-per-step]
source "$(dirname "$0")/lib.sh"
need wrk wrk; need psql postgresql-client; need redis-cli redis-tools
STEP="${1:-30}"
ACCOUNTS=5000
machine
fresh_database
ABACUS_DB_POOL_SIZE=24 start_app --server.tomcat.threads.max=96
seed_accounts 100000
echo "== seeding: $ACCOUNTS accounts buy a plan through checkout (their entitlements are read during the peak)"
while [ "$(orders_count)" -lt "$ACCOUNTS" ]; do
  wrk -t4 -c32 -d20s -s "$BENCH_DIR/checkout.lua" "http://127.0.0.1:$APP_PORT" -- 4 "$(orders_count)" >/dev/null
done
wait_for_outbox >/dev/null
account_ids "$ACCOUNTS" > /tmp/abacus-bench-peak-accounts.txt
echo "== warm-up 30 s (entitlements and usage flat out)"
wrk -t2 -c32 -d30s -s "$BENCH_DIR/entitlements.lua" "http://127.0.0.1:$APP_PORT" -- /tmp/abacus-bench-peak-accounts.txt >/dev/null &
warm=$!
USAGE_BATCH=100 wrk -t1 -c4 -d30s -s "$BENCH_DIR/usage.lua" "http://127.0.0.1:$APP_PORT" -- /tmp/abacus-bench-peak-accounts.txt >/dev/null
wait "$warm"

# paced <script> <connections> <target requests/s> <response time expected at low load, ms> <label> [wrk args...]
# Each connection pauses (connections / rate) minus the expected response time between requests.
paced() {
  local script="$1" conns="$2" rate="$3" expected="$4" label="$5"; shift 5
  local pause=$(( conns * 1000 / rate - expected ))
  [ "$pause" -lt 0 ] && pause=0
  PACE_SCRIPT="$BENCH_DIR/$script" PACE_MS="$pause" USAGE_BATCH=100 \
    wrk -t2 -c"$conns" -d"${STEP}s" -s "$BENCH_DIR/paced.lua" "http://127.0.0.1:$APP_PORT" -- "$@" \
    | grep -E "^(orders|latency|non-2xx|requests/s|batches|batch latency)" | sed "s/^/  $label /" > "/tmp/abacus-peak-$label.txt"
}

next_account=$(( $(orders_count) + 1000 ))
for x in 1 2 3 4 5; do
  echo "== ${x}x: target $((20 * x)) orders/s, $((2000 * x)) entitlement reads/s, $((2000 * x)) usage events/s, ${STEP} s"
  paced checkout.lua $((8 * x)) $((20 * x)) 20 checkout 4 "$next_account" & p1=$!
  paced entitlements.lua $((8 * x)) $((2000 * x)) 1 entitlements /tmp/abacus-bench-peak-accounts.txt & p2=$!
  paced usage.lua $((2 * x)) $((20 * x)) 20 usage /tmp/abacus-bench-peak-accounts.txt & p3=$!
  load_before=$(awk '{print $1}' /proc/loadavg)
  # Not a bare wait: the application itself is a background job of this shell.
  wait "$p1" "$p2" "$p3"
  cat /tmp/abacus-peak-checkout.txt /tmp/abacus-peak-entitlements.txt /tmp/abacus-peak-usage.txt
  echo "  load average (1 min) at the end of the step: $(awk '{print $1}' /proc/loadavg) (was $load_before)"
  next_account=$(( next_account + 20 * x * STEP * 2 ))
done
echo "== after the peak: asynchronous work (first invoices, revenue schedules) caught up after $(wait_for_outbox) s"
echo "completed orders: $(orders_count); usage events stored: $(psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$BENCH_DB" -At -c 'select count(*) from usage_event')"
