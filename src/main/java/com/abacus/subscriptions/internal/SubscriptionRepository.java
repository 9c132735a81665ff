package com.abacus.subscriptions.internal;

import com.abacus.catalog.BillingInterval;
import com.abacus.shared.AccountId;
import com.abacus.shared.Money;
import com.abacus.subscriptions.BillingPeriod;
import com.abacus.subscriptions.ContractPrice;
import com.abacus.subscriptions.Subscription;
import com.abacus.subscriptions.Subscription.AddOnLine;
import com.abacus.subscriptions.Subscription.ScheduledChange;
import com.abacus.subscriptions.SubscriptionId;
import com.abacus.subscriptions.SubscriptionStatus;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class SubscriptionRepository {

    private static final String COLUMNS = """
            select id, account_id, product, plan_code, catalog_version, billing_interval, currency, price_minor, status,
                   time_zone, anchor_at, period_index, current_period_start, current_period_end, trial_end,
                   cancel_at_period_end, scheduled_plan_code, scheduled_catalog_version, scheduled_price_minor,
                   past_due_since, canceled_at, cancel_reason, created_at
            from subscription""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    SubscriptionRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    public void insert(Subscription s, Instant now) {
        jdbc.sql("""
                        insert into subscription (id, account_id, product, plan_code, catalog_version, billing_interval, currency,
                            price_minor, status, time_zone, anchor_at, period_index, current_period_start, current_period_end,
                            trial_end, cancel_at_period_end, created_at, updated_at)
                        values (:id, :account, :product, :plan, :version, :interval, :currency, :price, :status, :zone, :anchor,
                            :periodIndex, :start, :end, :trialEnd, false, :now, :now)
                        """)
                .param("id", s.id().value())
                .param("account", s.accountId().value())
                .param("product", s.product())
                .param("plan", s.planCode())
                .param("version", s.catalogVersion())
                .param("interval", s.interval().name())
                .param("currency", s.price().currencyCode())
                .param("price", s.price().minor())
                .param("status", s.status().name())
                .param("zone", s.timeZone().getId())
                .param("anchor", Timestamp.from(s.anchor()))
                .param("periodIndex", s.periodIndex())
                .param("start", Timestamp.from(s.currentPeriod().start()))
                .param("end", Timestamp.from(s.currentPeriod().end()))
                .param("trialEnd", s.trialEnd() == null ? null : Timestamp.from(s.trialEnd()))
                .param("now", Timestamp.from(now))
                .update();
        for (AddOnLine addOn : s.addOns()) {
            jdbc.sql(
                            "insert into subscription_addon (subscription_id, addon_code, quantity, unit_price_minor) values (:id, :code, :q, :price)")
                    .param("id", s.id().value())
                    .param("code", addOn.code())
                    .param("q", addOn.quantity())
                    .param("price", addOn.unitPrice().minor())
                    .update();
        }
    }

    public Optional<Subscription> find(SubscriptionId id) {
        return jdbc.sql(COLUMNS + " where id = :id")
                .param("id", id.value())
                .query(this::map)
                .optional();
    }

    /** Locks the subscription row until the end of the transaction: changes and renewals of one subscription queue up. */
    /** The subscription, its row locked until the transaction ends; 404 if there is none. */
    public Subscription locked(SubscriptionId id) {
        return lock(id).orElseThrow(() -> new com.abacus.shared.NotFoundException("subscription", id));
    }

    public Optional<Subscription> lock(SubscriptionId id) {
        return jdbc.sql(COLUMNS + " where id = :id for update")
                .param("id", id.value())
                .query(this::map)
                .optional();
    }

    public List<Subscription> forAccount(AccountId account) {
        return jdbc.sql(COLUMNS + " where account_id = :account order by created_at desc")
                .param("account", account.value())
                .query(this::map)
                .list();
    }

    public Optional<Subscription> liveForProduct(AccountId account, String product) {
        return jdbc.sql(COLUMNS + " where account_id = :account and product = :product and status <> 'CANCELED'")
                .param("account", account.value())
                .param("product", product)
                .query(this::map)
                .optional();
    }

    public boolean hadTrial(AccountId account, String product) {
        return jdbc.sql(
                                "select count(*) from subscription where account_id = :account and product = :product and trial_end is not null")
                        .param("account", account.value())
                        .param("product", product)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /**
     * Locks up to {@code limit} due subscriptions, skipping rows locked by someone else (another runner's batch, a
     * plan change in flight): they are due again on the next pass.
     */
    public List<Subscription> lockDue(Instant asOf, Collection<SubscriptionId> excluded, int limit) {
        // The invoice run's workers share {@code excluded} and take ids out of it while this runs: copy it once, then
        // decide on the copy (an emptied set must not reach the SQL as "not in ()").
        List<UUID> skip = excluded.stream().map(SubscriptionId::value).toList();
        if (skip.isEmpty()) {
            skip = List.of(new UUID(0, 0));
        }
        List<Subscription> due = jdbc.sql(COLUMNS + """
                         where status in ('ACTIVE', 'TRIALING') and current_period_end <= :asOf and id not in (:skip)
                        order by current_period_end, id limit :limit for update skip locked
                        """)
                .param("asOf", Timestamp.from(asOf))
                .param("skip", skip)
                .param("limit", limit)
                .query((rs, n) -> map(rs, List.of()))
                .list();
        if (due.isEmpty()) {
            return due;
        }
        Map<UUID, List<AddOnLine>> addOns = new HashMap<>();
        jdbc.sql("""
                        select a.subscription_id, a.addon_code, a.quantity, a.unit_price_minor, s.currency
                        from subscription_addon a join subscription s on s.id = a.subscription_id
                        where a.subscription_id in (:ids) order by a.subscription_id, a.addon_code
                        """)
                .param("ids", due.stream().map(s -> s.id().value()).toList())
                .query((rs, n) -> addOns.computeIfAbsent(
                                rs.getObject("subscription_id", UUID.class), k -> new ArrayList<>())
                        .add(new AddOnLine(
                                rs.getString("addon_code"),
                                rs.getInt("quantity"),
                                Money.ofMinor(rs.getLong("unit_price_minor"), rs.getString("currency")))))
                .list();
        return due.stream()
                .map(s -> withAddOns(s, addOns.getOrDefault(s.id().value(), List.of())))
                .toList();
    }

    private static Subscription withAddOns(Subscription s, List<AddOnLine> addOns) {
        return new Subscription(
                s.id(),
                s.accountId(),
                s.product(),
                s.planCode(),
                s.catalogVersion(),
                s.interval(),
                s.price(),
                addOns,
                s.status(),
                s.timeZone(),
                s.anchor(),
                s.periodIndex(),
                s.currentPeriod(),
                s.trialEnd(),
                s.cancelAtPeriodEnd(),
                s.scheduledChange(),
                s.pastDueSince(),
                s.canceledAt(),
                s.cancelReason(),
                s.createdAt());
    }

    /** Moves each subscription to the period it carries, and records the renewal in its history. */
    public void renewAll(List<Subscription> renewed, Instant now) {
        if (renewed.isEmpty()) {
            return;
        }
        template.batchUpdate("""
                        update subscription set period_index = ?, current_period_start = ?, current_period_end = ?, updated_at = ?
                        where id = ?
                        """, renewed, renewed.size(), (ps, s) -> {
            ps.setInt(1, s.periodIndex());
            ps.setTimestamp(2, Timestamp.from(s.currentPeriod().start()));
            ps.setTimestamp(3, Timestamp.from(s.currentPeriod().end()));
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setObject(5, s.id().value());
        });
        template.batchUpdate(
                "insert into subscription_history (subscription_id, event, detail, at) values (?, 'RENEWED', null, ?)",
                renewed,
                renewed.size(),
                (ps, s) -> {
                    ps.setObject(1, s.id().value());
                    ps.setTimestamp(2, Timestamp.from(now));
                });
    }

    public long countDueForRenewal(Instant asOf) {
        return jdbc.sql(
                        "select count(*) from subscription where status in ('ACTIVE', 'TRIALING') and current_period_end <= :asOf")
                .param("asOf", Timestamp.from(asOf))
                .query(Long.class)
                .single();
    }

    public void updatePlan(
            SubscriptionId id,
            String planCode,
            int version,
            BillingInterval interval,
            long priceMinor,
            Instant anchor,
            int periodIndex,
            BillingPeriod period,
            Instant now) {
        jdbc.sql("""
                        update subscription set plan_code = :plan, catalog_version = :version, billing_interval = :interval,
                            price_minor = :price, anchor_at = :anchor, period_index = :periodIndex, current_period_start = :start,
                            current_period_end = :end, scheduled_plan_code = null, scheduled_catalog_version = null,
                            scheduled_price_minor = null, updated_at = :now
                        where id = :id
                        """)
                .param("plan", planCode)
                .param("version", version)
                .param("interval", interval.name())
                .param("price", priceMinor)
                .param("anchor", Timestamp.from(anchor))
                .param("periodIndex", periodIndex)
                .param("start", Timestamp.from(period.start()))
                .param("end", Timestamp.from(period.end()))
                .param("now", Timestamp.from(now))
                .param("id", id.value())
                .update();
    }

    public void schedule(SubscriptionId id, String planCode, int version, long priceMinor, Instant now) {
        jdbc.sql("""
                        update subscription set scheduled_plan_code = :plan, scheduled_catalog_version = :version,
                            scheduled_price_minor = :price, cancel_at_period_end = false, updated_at = :now where id = :id
                        """)
                .param("plan", planCode)
                .param("version", version)
                .param("price", priceMinor)
                .param("now", Timestamp.from(now))
                .param("id", id.value())
                .update();
    }

    public void scheduleCancel(SubscriptionId id, Instant now) {
        jdbc.sql("""
                        update subscription set cancel_at_period_end = true, scheduled_plan_code = null,
                            scheduled_catalog_version = null, scheduled_price_minor = null, updated_at = :now where id = :id
                        """).param("now", Timestamp.from(now)).param("id", id.value()).update();
    }

    public void clearSchedule(SubscriptionId id, Instant now) {
        jdbc.sql("""
                        update subscription set cancel_at_period_end = false, scheduled_plan_code = null,
                            scheduled_catalog_version = null, scheduled_price_minor = null, updated_at = :now where id = :id
                        """).param("now", Timestamp.from(now)).param("id", id.value()).update();
    }

    /** Dunning retries a failed charge: past due since {@code since}. */
    public void markPastDue(SubscriptionId id, Instant since) {
        status(id, SubscriptionStatus.PAST_DUE, since, null, null, since);
    }

    /** Paid again: active, no longer past due. */
    public void reactivate(SubscriptionId id, Instant now) {
        status(id, SubscriptionStatus.ACTIVE, null, null, null, now);
    }

    /** Ended at {@code at} for {@code reason}; how long it had been past due stays recorded. */
    public void cancel(Subscription subscription, Instant at, String reason, Instant now) {
        status(subscription.id(), SubscriptionStatus.CANCELED, subscription.pastDueSince(), at, reason, now);
    }

    private void status(
            SubscriptionId id,
            SubscriptionStatus status,
            Instant pastDueSince,
            Instant canceledAt,
            String reason,
            Instant now) {
        jdbc.sql("""
                        update subscription set status = :status, past_due_since = :pastDue, canceled_at = :canceledAt,
                            cancel_reason = coalesce(:reason, cancel_reason), updated_at = :now where id = :id
                        """)
                .param("status", status.name())
                .param("pastDue", pastDueSince == null ? null : Timestamp.from(pastDueSince))
                .param("canceledAt", canceledAt == null ? null : Timestamp.from(canceledAt))
                .param("reason", reason)
                .param("now", Timestamp.from(now))
                .param("id", id.value())
                .update();
    }

    public void trialConverted(SubscriptionId id, Instant anchor, BillingPeriod period, Instant now) {
        jdbc.sql("""
                        update subscription set status = 'ACTIVE', anchor_at = :anchor, period_index = 0,
                            current_period_start = :start, current_period_end = :end, updated_at = :now where id = :id
                        """)
                .param("anchor", Timestamp.from(anchor))
                .param("start", Timestamp.from(period.start()))
                .param("end", Timestamp.from(period.end()))
                .param("now", Timestamp.from(now))
                .param("id", id.value())
                .update();
    }

    public int migrateVersion(
            String planCode, int fromVersion, int toVersion, long priceMinor, String currency, Instant now) {
        return jdbc.sql("""
                        update subscription set catalog_version = :to, price_minor = :price, updated_at = :now
                        where plan_code = :plan and catalog_version = :from and currency = :currency and status <> 'CANCELED'
                          and not exists (select 1 from contract_price c where c.account_id = subscription.account_id
                                          and c.plan_code = subscription.plan_code and c.currency = subscription.currency)
                        """)
                .param("to", toVersion)
                .param("price", priceMinor)
                .param("now", Timestamp.from(now))
                .param("plan", planCode)
                .param("from", fromVersion)
                .param("currency", currency)
                .update();
    }

    /** Live subscriptions per plan and catalog version, for the catalog diff. */
    public Map<String, Long> liveCountByPlan() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("select plan_code, count(*) as n from subscription where status <> 'CANCELED' group by plan_code")
                .query(rs -> {
                    counts.put(rs.getString("plan_code"), rs.getLong("n"));
                });
        return counts;
    }

    public Map<String, Long> liveCountByPlanAndCurrency() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql(
                        "select plan_code, currency, count(*) as n from subscription where status <> 'CANCELED' group by plan_code, currency")
                .query(rs -> {
                    counts.put(rs.getString("plan_code") + "/" + rs.getString("currency"), rs.getLong("n"));
                });
        return counts;
    }

    public List<Subscription> pastDue() {
        return jdbc.sql(COLUMNS + " where status = 'PAST_DUE' order by past_due_since")
                .query(this::map)
                .list();
    }

    public void history(SubscriptionId id, HistoryEvent event, String detail, Instant at) {
        jdbc.sql(
                        "insert into subscription_history (subscription_id, event, detail, at) values (:id, :event, :detail, :at)")
                .param("id", id.value())
                .param("event", event.name())
                .param("detail", detail)
                .param("at", Timestamp.from(at))
                .update();
    }

    public record HistoryEntry(Instant at, String event, String detail) {}

    public List<HistoryEntry> historyOf(SubscriptionId id) {
        return jdbc.sql(
                        "select at, event, detail from subscription_history where subscription_id = :id order by at, id")
                .param("id", id.value())
                .query((rs, n) -> new HistoryEntry(
                        rs.getTimestamp("at").toInstant(), rs.getString("event"), rs.getString("detail")))
                .list();
    }

    // --- enterprise contracts ---

    public void upsertContract(ContractPrice contract) {
        jdbc.sql("""
                        insert into contract_price (account_id, plan_code, currency, price_minor, terms, valid_until, created_by, created_at)
                        values (:account, :plan, :currency, :price, :terms, :validUntil, :by, :at)
                        on conflict (account_id, plan_code, currency) do update set price_minor = excluded.price_minor,
                            terms = excluded.terms, valid_until = excluded.valid_until, created_by = excluded.created_by,
                            created_at = excluded.created_at
                        """)
                .param("account", contract.accountId().value())
                .param("plan", contract.planCode())
                .param("currency", contract.price().currencyCode())
                .param("price", contract.price().minor())
                .param("terms", contract.terms())
                .param("validUntil", contract.validUntil() == null ? null : Date.valueOf(contract.validUntil()))
                .param("by", contract.createdBy())
                .param("at", Timestamp.from(contract.createdAt()))
                .update();
    }

    public List<ContractPrice> contracts(AccountId account) {
        return jdbc.sql("""
                        select account_id, plan_code, currency, price_minor, terms, valid_until, created_by, created_at
                        from contract_price where account_id = :account order by plan_code, currency
                        """)
                .param("account", account.value())
                .query((rs, n) -> new ContractPrice(
                        new AccountId(rs.getObject("account_id", UUID.class)),
                        rs.getString("plan_code"),
                        Money.ofMinor(rs.getLong("price_minor"), rs.getString("currency")),
                        rs.getString("terms"),
                        rs.getDate("valid_until") == null
                                ? null
                                : rs.getDate("valid_until").toLocalDate(),
                        rs.getString("created_by"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    private Subscription map(ResultSet rs, int row) throws SQLException {
        String currency = rs.getString("currency");
        List<AddOnLine> addOns = jdbc.sql(
                        "select addon_code, quantity, unit_price_minor from subscription_addon where subscription_id = :id order by addon_code")
                .param("id", rs.getObject("id", UUID.class))
                .query((a, n) -> new AddOnLine(
                        a.getString("addon_code"),
                        a.getInt("quantity"),
                        Money.ofMinor(a.getLong("unit_price_minor"), currency)))
                .list();
        return map(rs, addOns);
    }

    private static Subscription map(ResultSet rs, List<AddOnLine> addOns) throws SQLException {
        String currency = rs.getString("currency");
        SubscriptionId id = new SubscriptionId(rs.getObject("id", UUID.class));
        ZoneId zone = ZoneId.of(rs.getString("time_zone"));
        String scheduledPlan = rs.getString("scheduled_plan_code");
        Instant periodEnd = rs.getTimestamp("current_period_end").toInstant();
        return new Subscription(
                id,
                new AccountId(rs.getObject("account_id", UUID.class)),
                rs.getString("product"),
                rs.getString("plan_code"),
                rs.getInt("catalog_version"),
                BillingInterval.valueOf(rs.getString("billing_interval")),
                Money.ofMinor(rs.getLong("price_minor"), currency),
                addOns,
                SubscriptionStatus.valueOf(rs.getString("status")),
                zone,
                rs.getTimestamp("anchor_at").toInstant(),
                rs.getInt("period_index"),
                new BillingPeriod(rs.getTimestamp("current_period_start").toInstant(), periodEnd, zone),
                instant(rs, "trial_end"),
                rs.getBoolean("cancel_at_period_end"),
                scheduledPlan == null
                        ? null
                        : new ScheduledChange(
                                scheduledPlan,
                                rs.getInt("scheduled_catalog_version"),
                                Money.ofMinor(rs.getLong("scheduled_price_minor"), currency),
                                periodEnd),
                instant(rs, "past_due_since"),
                instant(rs, "canceled_at"),
                rs.getString("cancel_reason"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
