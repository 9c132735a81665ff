#!/usr/bin/env bash
# Shared by the benchmarks: a packaged Abacus on this machine's PostgreSQL and Redis (not the embedded ones),
# a fresh database per run, seeded accounts with API keys.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
PG_HOST="${PG_HOST:-127.0.0.1}"
PG_PORT="${PG_PORT:-5432}"
BENCH_DB="${BENCH_DB:-abacus_bench}"
REDIS_URL="${BENCH_REDIS_URL:-redis://127.0.0.1:6379/3}"
APP_PORT="${APP_PORT:-18080}"
APP_HEAP="${APP_HEAP:-1g}"
APP_LOG="${APP_LOG:-/tmp/abacus-bench-app.log}"
SERVICE_TOKEN="abs_bench_service"

need() { command -v "$1" >/dev/null 2>&1 || { echo "missing $1 (apt-get install -y $2)"; exit 1; }; }

machine() {
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}')"
  echo "java: $(java -version 2>&1 | head -1)"
}

jar() {
  local jar="$ROOT/target/abacus-0.1.0-SNAPSHOT.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$ROOT/src" "$ROOT/db" "$ROOT/ui" -newer "$jar" -type f | head -1)" ]; then
    (cd "$ROOT" && ./mvnw -q -B -DskipTests package) >&2
  fi
  echo "$jar"
}

fresh_database() {
  psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -q -c "drop database if exists $BENCH_DB" -c "create database $BENCH_DB" >/dev/null
  redis-cli -u "$REDIS_URL" flushdb >/dev/null
}

start_app() {
  local jar; jar="$(jar)"
  ABACUS_DB_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$BENCH_DB" ABACUS_DB_USER=postgres ABACUS_DB_PASSWORD= \
  ABACUS_REDIS_URL="$REDIS_URL" PORT="$APP_PORT" ABACUS_DB_POOL_SIZE="${ABACUS_DB_POOL_SIZE:-40}" \
    java -Xms"$APP_HEAP" -Xmx"$APP_HEAP" -XX:+UseParallelGC ${EXTRA_JAVA_OPTS:-} -jar "$jar" \
    --logging.level.root=WARN --logging.level.com.abacus=WARN "$@" >"$APP_LOG" 2>&1 &
  APP_PID=$!
  trap 'stop_app' EXIT
  for _ in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$APP_PORT/actuator/health/readiness" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "app did not start; see $APP_LOG"; tail -40 "$APP_LOG"; exit 1
}

stop_app() {
  if [ -n "${APP_PID:-}" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; fi
}

# Accounts bench-1..N with customer keys abk_bench_<i>, and one service token with every scope.
seed_accounts() {
  local n="$1"
  psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$BENCH_DB" -q -v n="$n" <<'SQL' >/dev/null
insert into account (id, email, name, currency, time_zone, country, created_at)
select md5('bench-' || i)::uuid, 'bench' || i || '@example.com', 'Bench ' || i, 'USD', 'UTC', 'US', now()
from generate_series(1, :n) i on conflict do nothing;
insert into api_token (id, token_hash, name, kind, account_id, scopes, created_at)
select gen_random_uuid(), encode(sha256(convert_to('abk_bench_' || i, 'UTF8')), 'hex'), 'bench', 'CUSTOMER', md5('bench-' || i)::uuid, '', now()
from generate_series(1, :n) i on conflict do nothing;
insert into api_token (id, token_hash, name, kind, account_id, scopes, created_at)
values (gen_random_uuid(), encode(sha256(convert_to('abs_bench_service', 'UTF8')), 'hex'), 'bench service', 'SERVICE', null,
        'entitlements:read,metrics:read,revenue:export,usage:write', now()) on conflict do nothing;
SQL
}

account_ids() {
  psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$BENCH_DB" -At -c \
    "select md5('bench-' || i)::uuid from generate_series(1, $1) i"
}

# Seconds (one decimal) until every event publication is completed, i.e. the asynchronous work has caught up.
wait_for_outbox() {
  local started; started=$(date +%s.%N)
  while true; do
    local left; left=$(psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$BENCH_DB" -At -c "select count(*) from event_publication where completion_date is null")
    if [ "$left" = "0" ]; then awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f\n", e - s }'; return 0; fi
    sleep 0.5
  done
}

orders_count() {
  psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$BENCH_DB" -At -c "select count(*) from customer_order where status = 'COMPLETED'"
}
