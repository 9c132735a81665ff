#!/usr/bin/env bash
# The invoice run over N due subscriptions (default 100,000): each is renewed, invoiced (gapless number), charged
# through the sandbox processor and its revenue scheduled. Subscriptions, cards and accounts are seeded in SQL (the
# same rows checkout writes); the run is the scheduled job, started a few seconds after boot.
# Prints the run's duration and rate, and the largest heap in use (sampled).
# Usage: ops/bench/invoice-run.sh [subscriptions]
source "$(dirname "$0")/lib.sh"
need psql postgresql-client; need redis-cli redis-tools; need jstat openjdk-17-jdk-headless
N="${1:-100000}"
machine
fresh_database
# Start once to create the schema and publish the catalog, then seed, then restart with the run due shortly.
start_app --abacus.invoicing.run-initial-delay=PT1H
stop_app
seed_accounts "$N"
echo "== seeding $N due subscriptions with saved cards"
psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$BENCH_DB" -q -v n="$N" <<'SQL' >/dev/null
insert into payment_method (id, account_id, brand, last4, exp_month, exp_year, legacy_token, is_default, created_at)
select md5('pm-' || i)::uuid, md5('bench-' || i)::uuid, 'visa', '4242', 12, 2031, 'sbx_legacy_succeeds_visa_4242_' || i, true, now()
from generate_series(1, :n) i;
insert into processor_assignment (account_id, processor, origin, bucket, assigned_at)
select md5('bench-' || i)::uuid, 'LEGACY', 'EXISTING', i % 100, now() from generate_series(1, :n) i;
insert into subscription (id, account_id, product, plan_code, catalog_version, billing_interval, currency, price_minor, status,
                          time_zone, anchor_at, period_index, current_period_start, current_period_end, cancel_at_period_end,
                          created_at, updated_at)
select md5('sub-' || i)::uuid, md5('bench-' || i)::uuid, 'edge', 'edge-pro-monthly', 1, 'MONTH', 'USD', 5000, 'ACTIVE', 'UTC',
       date_trunc('second', now()) - interval '1 month' - interval '1 minute', 0,
       date_trunc('second', now()) - interval '1 month' - interval '1 minute', date_trunc('second', now()) - interval '1 minute',
       false, now(), now()
from generate_series(1, :n) i;
insert into usage_billing (subscription_id, account_id, metrics, billed_until, next_close_at)
select md5('sub-' || i)::uuid, md5('bench-' || i)::uuid, array['image_transformations'],
       date_trunc('second', now()) - interval '1 month' - interval '1 minute', date_trunc('second', now()) - interval '1 minute'
from generate_series(1, :n) i;
analyze;
SQL
start_app --abacus.invoicing.run-initial-delay=PT3S --abacus.invoicing.run-interval=PT6H
jstat_loop() { while kill -0 "$APP_PID" 2>/dev/null; do jstat -gc "$APP_PID" 2>/dev/null | awk 'NR==2 {printf "%d\n", ($3+$4+$6+$8)/1024}'; sleep 1; done; }
jstat_loop > /tmp/abacus-run-heap.txt &
SAMPLER=$!
q() { psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$BENCH_DB" -At -c "$1"; }
until [ "$(q "select count(*) from invoice_run where status <> 'RUNNING'")" -ge 1 ]; do
  sleep 5
  echo "  $(q "select renewed || ' renewed, ' || invoiced || ' invoiced, ' || paid || ' paid' from invoice_run order by started_at desc limit 1")"
done
kill $SAMPLER 2>/dev/null || true
q "select 'run: ' || status || ', ' || renewed || ' renewed, ' || invoiced || ' invoiced, ' || paid || ' paid, ' || failed || ' failed in '
          || round(extract(epoch from finished_at - started_at)::numeric, 1) || ' s = '
          || round(renewed / extract(epoch from finished_at - started_at)::numeric, 0) || ' subscriptions/s' from invoice_run"
q "select 'run error: ' || error from invoice_run where error is not null"
echo "heap ($APP_HEAP max): $(sort -n /tmp/abacus-run-heap.txt | head -1) MB to $(sort -n /tmp/abacus-run-heap.txt | tail -1) MB in use during the run"
echo "asynchronous work (revenue schedules) caught up $(wait_for_outbox) s after the run"
echo "invoices: $(q "select count(*) from invoice where status = 'PAID'") paid; numbers gapless: $(q "select case when max(cast(substring(number from 10) as int)) = count(*) then 'yes' else 'no' end from invoice")"
