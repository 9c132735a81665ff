#!/usr/bin/env bash
# Revenue export of 1,000,000 schedule lines in one period (100,000 accounts x 2 products x 5 invoice lines), with the
# application's heap capped at 256 MB. Prints wall time per format, output size, and the largest heap in use (sampled).
# Usage: ops/bench/revenue-export.sh
source "$(dirname "$0")/lib.sh"
need psql postgresql-client; need redis-cli redis-tools; need jstat openjdk-17-jdk-headless
machine
fresh_database
APP_HEAP=256m start_app
seed_accounts 1
echo "== seeding 1,000,000 schedule lines and 200,000 ledger entries for 2026-10"
psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$BENCH_DB" -q <<'SQL' >/dev/null
insert into revenue_schedule (source_id, source_kind, invoice_id, line_position, account_id, product, category, currency,
                              service_month, posting_period, amount_minor, treatment)
select md5('inv-' || a || '-' || p)::uuid, 'INVOICE', md5('inv-' || a || '-' || p)::uuid, l,
       md5('acct-' || a)::uuid, case when p = 1 then 'edge' else 'stream' end,
       case when l = 5 then 'usage' else 'subscription' end, 'USD', date '2026-10-01', date '2026-10-01',
       1000 + (a % 997) + l, 'RECOGNIZE'
from generate_series(1, 100000) a, generate_series(1, 2) p, generate_series(1, 5) l;
insert into revenue_entry (source_id, kind, account_id, reference, currency, amount_minor, deferred_minor, earned_minor,
                           occurred_on, posting_period)
select md5('inv-' || a || '-' || p)::uuid, k, md5('acct-' || a)::uuid, 'INV-2026-' || lpad((a * 2 + p)::text, 6, '0'), 'USD',
       5000 + a % 997, case when k = 'BILLED' then 5000 + a % 997 else 0 end, 0, date '2026-10-01' + (a % 31), date '2026-10-01'
from generate_series(1, 100000) a, generate_series(1, 2) p, (values ('BILLED')) as kinds(k);
insert into revenue_period (period, status) values (date '2026-10-01', 'OPEN') on conflict do nothing;
analyze revenue_schedule; analyze revenue_entry;
SQL
echo "schedule lines: $(psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$BENCH_DB" -At -c 'select count(*) from revenue_schedule')"
peak=0
sample_heap() {
  while kill -0 "$APP_PID" 2>/dev/null; do
    used=$(jstat -gc "$APP_PID" 2>/dev/null | awk 'NR==2 {printf "%d", ($3+$4+$6+$8)/1024}')
    [ -n "$used" ] && echo "$used"
    sleep 0.2
  done
}
sample_heap > /tmp/abacus-heap.txt &
SAMPLER=$!
for format in csv journal rollforward; do
  start=$(date +%s.%N)
  curl -sf -H "Authorization: Bearer $SERVICE_TOKEN" -o /tmp/abacus-export.$format "http://127.0.0.1:$APP_PORT/api/v1/revenue/exports/2026-10?format=$format"
  end=$(date +%s.%N)
  printf "%-12s %6.1f s  %9d lines  %6.1f MB\n" "$format" "$(echo "$end - $start" | bc)" "$(wc -l < /tmp/abacus-export.$format)" \
    "$(echo "$(stat -c %s /tmp/abacus-export.$format) / 1048576" | bc -l)"
done
kill $SAMPLER 2>/dev/null || true
echo "heap limit 256 MB; largest heap in use while exporting: $(sort -n /tmp/abacus-heap.txt | tail -1) MB"
