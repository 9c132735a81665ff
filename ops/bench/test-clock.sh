#!/usr/bin/env bash
# One test clock with N accounts (default 1,000) on mixed monthly plans, each created and bought through the API
# (POST /api/v1/accounts with a customer key, POST /api/v1/orders), then the clock advanced 12 months in one call.
# Prints how long the advance took (call to "ready") and checks every account got exactly 12 renewal invoices, each
# dated on its own renewal moment. Target: under 60 s on the 2-core machine.
# Usage: ops/bench/test-clock.sh [accounts]
source "$(dirname "$0")/lib.sh"
need psql postgresql-client; need redis-cli redis-tools; need jq jq; need curl curl
N="${1:-1000}"
START="2027-01-15T12:00:00Z"
TO="2028-01-15T12:00:30Z"
machine
fresh_database
start_app --abacus.test-clocks.enabled=true
psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$BENCH_DB" -q <<'SQL' >/dev/null
insert into api_token (id, token_hash, name, kind, account_id, scopes, created_at)
values (gen_random_uuid(), encode(sha256(convert_to('abs_bench_clocks', 'UTF8')), 'hex'), 'bench clocks', 'SERVICE', null,
        'accounts:write,test-clocks:write', now());
SQL
api() { curl -sf -H "Authorization: Bearer $1" -H 'Content-Type: application/json' -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" "${@:2}"; }
BASE="http://127.0.0.1:$APP_PORT"
CLOCK=$(api abs_bench_clocks -X POST "$BASE/api/v1/test-clocks" -d "{\"name\":\"bench\",\"frozenTime\":\"$START\"}" | jq -r .id)
echo "== clock $CLOCK at $START; $N accounts, each bought through the API"
PLANS=(edge-starter-monthly edge-pro-monthly edge-business-monthly stream-basic-monthly stream-plus-monthly)
ZONES=(UTC America/New_York Europe/Berlin Asia/Tokyo Australia/Sydney)
buy_one() {
  local i="$1" plan="${PLANS[$(( $1 % 5 ))]}" zone="${ZONES[$(( ($1 / 5) % 5 ))]}"
  local key
  key=$(api abs_bench_clocks -X POST "$BASE/api/v1/accounts" \
    -d "{\"email\":\"clock$i@example.com\",\"name\":\"Clock $i\",\"currency\":\"USD\",\"timeZone\":\"$zone\",\"country\":\"US\",\"testClockId\":\"$CLOCK\",\"apiKey\":true}" | jq -r .apiKey)
  api "$key" -X POST "$BASE/api/v1/orders" \
    -d "{\"plan\":\"$plan\",\"currency\":\"USD\",\"paymentMethod\":{\"card\":{\"number\":\"4242424242424242\",\"expMonth\":12,\"expYear\":2031,\"cvc\":\"123\"}}}" >/dev/null
}
export -f buy_one api; export BASE CLOCK; export PLANS_STR="${PLANS[*]}"
started=$(date +%s.%N)
for i in $(seq 1 "$N"); do echo "$i"; done | xargs -P 4 -I{} bash -c 'PLANS=($PLANS_STR); ZONES=(UTC America/New_York Europe/Berlin Asia/Tokyo Australia/Sydney); buy_one {}'
echo "set-up: $(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s for $N accounts and orders"
wait_for_outbox >/dev/null
echo "== advancing 12 months: $START -> $TO"
started=$(date +%s.%N)
api abs_bench_clocks -X POST "$BASE/api/v1/test-clocks/$CLOCK/advance" -d "{\"to\":\"$TO\"}" >/dev/null
while [ "$(api abs_bench_clocks "$BASE/api/v1/test-clocks/$CLOCK" | jq -r .status)" != "ready" ]; do sleep 0.2; done
elapsed=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
echo "advance: ${elapsed} s"
api abs_bench_clocks "$BASE/api/v1/test-clocks/$CLOCK" | jq -r .lastAdvance
psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$BENCH_DB" -At <<SQL
select 'subscriptions: ' || count(*) || ', renewal invoices per subscription: '
       || coalesce(string_agg(distinct n::text, ','), 'none')
from (select s.id, count(i.id) as n from subscription s
      left join invoice i on i.subscription_id = s.id and i.source_key like 'renewal:%'
      where s.test_clock_id = '$CLOCK' group by s.id) per;
select 'renewal invoices not issued at their period start: ' || count(*)
from invoice where test_clock_id = '$CLOCK' and source_key like 'renewal:%' and issued_at <> period_start;
select 'renewal invoices unpaid: ' || count(*)
from invoice where test_clock_id = '$CLOCK' and source_key like 'renewal:%' and status <> 'PAID';
select 'real invoices touched: ' || count(*) from invoice where test_clock_id is null;
SQL
