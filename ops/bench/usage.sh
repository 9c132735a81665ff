#!/usr/bin/env bash
# Usage ingestion: POST /api/v1/usage, batches of 1,000 events for 10,000 accounts, 8 connections, 30 s.
# Usage: ops/bench/usage.sh
source "$(dirname "$0")/lib.sh"
need wrk wrk; need psql postgresql-client; need redis-cli redis-tools
machine
fresh_database
start_app
seed_accounts 10000
account_ids 10000 > /tmp/abacus-bench-usage-accounts.txt
echo "== warm-up 20 s"
wrk -t2 -c8 -d20s -s "$BENCH_DIR/usage.lua" "http://127.0.0.1:$APP_PORT" -- /tmp/abacus-bench-usage-accounts.txt 1000 >/dev/null
echo "== measured: 8 connections, batches of 1,000, 30 s"
wrk -t2 -c8 -d30s -s "$BENCH_DIR/usage.lua" "http://127.0.0.1:$APP_PORT" -- /tmp/abacus-bench-usage-accounts.txt 1000 | tail -3
echo "events stored: $(psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$BENCH_DB" -At -c 'select count(*) from usage_event')"
