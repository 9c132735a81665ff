package com.abacus.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.abacus.EmbeddedInfrastructure;
import com.abacus.ForkedInstance;
import com.abacus.IntegrationTest;
import com.abacus.TestClock;
import com.abacus.invoicing.InvoiceRuns;
import com.abacus.invoicing.internal.CollectionCheck;
import com.abacus.payments.Reconciliation;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An invoice run killed ({@code SIGKILL}) in a separate process at each point where money can be stranded, over
 * thousands of subscriptions: the point is pinned by holding a table lock the dead instance's next statement waits for.
 * After the kill, the surviving instance (this test's application) reconciles and runs again, and then every issued
 * invoice is paid or has a retry date, none is charged twice, and dunning takes the declined ones to the end: paid or
 * written off, never stranded (ops/RUNBOOK.md, "An instance died during the invoice run"). One account in ten pays by
 * SEPA Direct Debit (routed by method to the new processor): its debit, submitted or not when the instance died, is
 * in flight after recovery and paid once it settles days later, debited once.
 */
@IntegrationTest
class InvoiceRunCrashIntegrationTests {

    /** Subscriptions per kill point; one in ten pays with a card that is declined, one in ten by SEPA debit. */
    static final int SUBSCRIPTIONS = 1_000;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    InvoiceRuns invoiceRuns;

    @Autowired
    Reconciliation reconciliation;

    @Autowired
    CollectionCheck collectionCheck;

    @Autowired
    TestClock clock;

    @Autowired
    org.springframework.modulith.events.IncompleteEventPublications incompletePublications;

    @AfterEach
    void backToRealTime() {
        clock.reset();
    }

    /** Where the instance dies, and the table whose lock holds it there. */
    enum KillPoint {
        /** A batch has renewed its subscriptions and is writing their invoices (earlier batches committed). */
        DURING_RENEWALS("invoice", "invoices"),
        /** A batch's invoices are committed; its payments are not recorded yet. */
        AFTER_ISSUE_BEFORE_CHARGE("payment", "invoices"),
        /** A batch's payments are recorded PENDING; the processor has received some of its charges. */
        DURING_CHARGES("sandbox_charge", "charges"),
        /** Every charge of a batch reached the processor; none of their verdicts is written. */
        DURING_SETTLEMENT("processor_attempt", "charges");

        final String table;
        final String progress;

        KillPoint(String table, String progress) {
            this.table = table;
            this.progress = progress;
        }
    }

    @ParameterizedTest
    @EnumSource(KillPoint.class)
    void anInvoiceRunKilledAtAnyPointLeavesEveryInvoicePaidRetriedOrWrittenOffAndNoneChargedTwice(KillPoint point)
            throws Exception {
        String scenario = "crash-" + point.name().toLowerCase();
        seed(scenario);
        try (Connection locker = DriverManager.getConnection(
                        "jdbc:postgresql://localhost:" + EmbeddedInfrastructure.postgresPort() + "/abacus",
                        "postgres",
                        "");
                ForkedInstance doomed = ForkedInstance.start(
                        scenario,
                        Map.of(
                                "abacus.invoicing.run-initial-delay",
                                "PT1S",
                                "abacus.invoicing.run-interval",
                                "PT1H",
                                "abacus.invoicing.run-batch-size",
                                100,
                                "abacus.invoicing.run-threads",
                                2,
                                "abacus.payments.sandbox-latency",
                                "2ms",
                                "logging.level.root",
                                "WARN"))) {
            // Let a few batches commit, then pin the instance at the kill point and kill it there.
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(5))
                    .failFast("forked instance died on its own:\n" + doomed.log(), () -> !doomed.alive())
                    .until(() -> progress(scenario, point) >= 300);
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("lock table " + point.table + " in exclusive mode");
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.sql("""
                    select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid
                    where not l.granted and a.application_name = :name
                    """)
                                    .param("name", ForkedInstance.APPLICATION_NAME)
                                    .query(Long.class)
                                    .single()
                            > 0);
            doomed.kill();
            // The process is gone; so are its connections and whatever they had not committed.
            jdbc.sql("select pg_terminate_backend(pid) from pg_stat_activity where application_name = :name")
                    .param("name", ForkedInstance.APPLICATION_NAME)
                    .query()
                    .listOfRows();
            locker.rollback();
        }
        assertThat(count(
                        scenario,
                        "select count(*) from invoice i join account a on a.id = i.account_id where a.email like :s"))
                .as("the run was killed before it finished")
                .isLessThan(SUBSCRIPTIONS);

        // Another instance takes over once the dead one's lock has expired: it reconciles, then runs again.
        jdbc.sql("update shedlock set lock_until = now() - interval '1 second' where name = 'invoice-run'")
                .update();
        clock.set(Instant.now().plus(Duration.ofMinutes(15)).truncatedTo(ChronoUnit.SECONDS));
        reconciliation.reconcileNow();
        awaitInvoicingListeners();
        assertThat(invoiceRuns.runNow(clock.instant(), "test")).isPresent();
        awaitInvoicingListeners();

        assertThat(collectionCheck.check())
                .as("invoices without a collection date")
                .isZero();
        assertThat(count(scenario, """
                select count(*) from invoice i join account a on a.id = i.account_id
                where a.email like :s and i.status = 'FINALIZED' and i.next_attempt_at is null
                """))
                .as("issued invoices with no payment in flight and no retry date")
                .isZero();
        assertEveryDueSubscriptionInvoicedOnceAndNoInvoiceChargedTwice(scenario);
        assertThat(count(scenario, """
                select count(*) from invoice i join account a on a.id = i.account_id
                where a.email like :s and a.name = 'good' and i.status <> 'PAID'
                """))
                .as("good cards' invoices not paid after recovery")
                .isZero();
        assertThat(count(scenario, """
                select count(*) from invoice i join account a on a.id = i.account_id join subscription s on s.id = i.subscription_id
                where a.email like :s and a.name = 'declined' and i.status = 'FINALIZED' and s.status = 'PAST_DUE'
                  and i.next_attempt_at = i.issued_at + interval '1 day'
                """))
                .as("declined invoices in dunning, retry tomorrow")
                .isEqualTo(SUBSCRIPTIONS / 10);
        assertThat(count(scenario, """
                select count(*) from invoice i join account a on a.id = i.account_id
                where a.email like :s and a.name = 'sepa'
                  and i.status = 'FINALIZED' and i.payment_pending and i.next_attempt_at is not null
                """))
                .as("SEPA invoices whose debit is in flight, to be looked at again when it settles")
                .isEqualTo(SUBSCRIPTIONS / 10);

        // Dunning to its end: three more attempts, then written off and canceled. The debits have settled by then.
        clock.set(clock.instant().plus(Duration.ofDays(8)));
        reconciliation.reconcileNow();
        for (int retry = 0; retry < 3; retry++) {
            assertThat(invoiceRuns.runNow(clock.instant(), "test")).isPresent();
        }
        awaitInvoicingListeners();
        assertThat(count(scenario, """
                select count(*) from invoice i join account a on a.id = i.account_id
                where a.email like :s and not (a.name in ('good', 'sepa') and i.status = 'PAID'
                                               or a.name = 'declined' and i.status = 'UNCOLLECTIBLE')
                """))
                .as("invoices neither paid (good cards) nor written off (declined)")
                .isZero();
        assertThat(count(scenario, """
                select count(*) from subscription s join account a on a.id = s.account_id
                where a.email like :s and a.name = 'declined' and s.status = 'CANCELED'
                """)).isEqualTo(SUBSCRIPTIONS / 10);
        assertEveryDueSubscriptionInvoicedOnceAndNoInvoiceChargedTwice(scenario);

        // What the dead instance's listeners had not finished (its revenue postings) is redelivered, as an instance
        // starting up does, and completes: nothing of the crash is left behind.
        incompletePublications.resubmitIncompletePublications(publication -> true);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.sql("select count(*) from event_publication where completion_date is null")
                                .query(Long.class)
                                .single()
                        == 0);
    }

    private void assertEveryDueSubscriptionInvoicedOnceAndNoInvoiceChargedTwice(String scenario) {
        assertThat(count(scenario, """
                select count(*) from subscription s join account a on a.id = s.account_id
                where a.email like :s and (s.period_index <> 1 or (select count(*) from invoice i where i.subscription_id = s.id) <> 1)
                """))
                .as("subscriptions not renewed exactly once with exactly one invoice")
                .isZero();
        assertThat(count(scenario, """
                select count(*) from invoice i join account a on a.id = i.account_id
                where a.email like :s and (select count(*) from sandbox_charge c
                    where c.kind = 'charge' and c.status in ('succeeded', 'processing')
                      and c.idempotency_key like 'invoice:' || i.id || ':%') > 1
                """))
                .as("invoices the processor charged more than once")
                .isZero();
        assertThat(count(scenario, """
                select count(*) from invoice i join account a on a.id = i.account_id
                where a.email like :s and (select count(*) from payment p
                    where p.status = 'SUCCEEDED' and p.idempotency_key like 'invoice:' || i.id || ':%') > 1
                """))
                .as("invoices with more than one successful payment")
                .isZero();
    }

    /** The late verdicts the reconciler published are handled by invoicing after commit. */
    private void awaitInvoicingListeners() {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.sql("""
                select count(*) from event_publication where completion_date is null and listener_id like '%InvoicingEvents%'
                """).query(Long.class).single() == 0);
    }

    private long progress(String scenario, KillPoint point) {
        return point.progress.equals("invoices")
                ? count(
                        scenario,
                        "select count(*) from invoice i join account a on a.id = i.account_id where a.email like :s")
                : count(scenario, """
                        select count(*) from sandbox_charge c join payment p on p.idempotency_key = c.idempotency_key
                        join account a on a.id = p.account_id where a.email like :s
                        """);
    }

    private long count(String scenario, String sql) {
        return jdbc.sql(sql).param("s", scenario + "-%").query(Long.class).single();
    }

    /**
     * Due monthly subscriptions, written as the platform writes them: on saved cards (every tenth declined) and, for
     * every tenth account from the fifth, on a SEPA mandate in euros.
     */
    private void seed(String scenario) {
        jdbc.sql("""
                insert into account (id, email, name, currency, time_zone, country, created_at)
                select md5(:s || i)::uuid, :s || '-' || i || '@example.com',
                       case when i % 10 = 0 then 'declined' when i % 10 = 5 then 'sepa' else 'good' end,
                       case when i % 10 = 5 then 'EUR' else 'USD' end, 'UTC', case when i % 10 = 5 then 'DE' else 'US' end, now()
                from generate_series(1, :n) i
                """).param("s", scenario).param("n", SUBSCRIPTIONS).update();
        jdbc.sql("""
                insert into payment_method (id, account_id, brand, last4, exp_month, exp_year, legacy_token, is_default, created_at)
                select md5(:s || 'pm' || i)::uuid, md5(:s || i)::uuid, 'visa', case when i % 10 = 0 then '0002' else '4242' end, 12, 2031,
                       case when i % 10 = 0 then 'sbx_legacy_declined_visa_0002_' else 'sbx_legacy_succeeds_visa_4242_' end || i, true, now()
                from generate_series(1, :n) i where i % 10 <> 5
                """).param("s", scenario).param("n", SUBSCRIPTIONS).update();
        jdbc.sql("""
                insert into payment_method (id, account_id, type, status, last4, country, new_token, is_default,
                                            mandate_reference, mandate_accepted_at, mandate_text, created_at)
                select md5(:s || 'pm' || i)::uuid, md5(:s || i)::uuid, 'SEPA_DEBIT', 'ACTIVE', '3000', 'DE',
                       'sbxsepa_new_settles_' || i, true, 'ABACUS-' || md5(:s || 'mandate' || i), now(), 'mandate', now()
                from generate_series(1, :n) i where i % 10 = 5
                """).param("s", scenario).param("n", SUBSCRIPTIONS).update();
        jdbc.sql("""
                insert into processor_assignment (account_id, processor, origin, bucket, assigned_at)
                select md5(:s || i)::uuid, 'LEGACY', 'EXISTING', i % 100, now() from generate_series(1, :n) i
                """).param("s", scenario).param("n", SUBSCRIPTIONS).update();
        jdbc.sql("""
                insert into subscription (id, account_id, product, plan_code, catalog_version, billing_interval, currency, price_minor, status,
                                          time_zone, anchor_at, period_index, current_period_start, current_period_end, cancel_at_period_end,
                                          created_at, updated_at)
                select md5(:s || 'sub' || i)::uuid, md5(:s || i)::uuid, 'edge', 'edge-pro-monthly', 1, 'MONTH',
                       case when i % 10 = 5 then 'EUR' else 'USD' end, case when i % 10 = 5 then 4700 else 5000 end, 'ACTIVE', 'UTC',
                       date_trunc('second', now()) - interval '1 month' - interval '1 minute', 0,
                       date_trunc('second', now()) - interval '1 month' - interval '1 minute', date_trunc('second', now()) - interval '1 minute',
                       false, now(), now()
                from generate_series(1, :n) i
                """).param("s", scenario).param("n", SUBSCRIPTIONS).update();
    }
}
