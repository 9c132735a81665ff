package com.abacus.subscriptions.internal;

import com.abacus.shared.AccountId;
import com.abacus.shared.Money;
import com.abacus.shared.SimulatedTime;
import com.abacus.subscriptions.Subscription;
import com.abacus.subscriptions.Subscription.AddOnLine;
import com.abacus.subscriptions.SubscriptionId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class SubscriptionRepository {

    private static final String COLUMNS = """
            select id, account_id, product, plan_code, catalog_version, billing_interval, currency, price_minor, status,
                   time_zone, anchor_at, period_index, current_period_start, current_period_end, trial_end,
                   cancel_at_period_end, scheduled_plan_code, scheduled_catalog_version, scheduled_price_minor,
                   past_due_since, canceled_at, cancel_reason, created_at, discount_coupon, discount_description,
                   discount_percent_off, discount_amount_off_minor, discount_applies_to, discount_duration,
                   discount_periods, discount_starts_at, discount_ends_at
            from subscription""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final SubscriptionDiscountRepository discounts;

    SubscriptionRepository(JdbcClient jdbc, JdbcTemplate template, SubscriptionDiscountRepository discounts) {
        this.jdbc = jdbc;
        this.template = template;
        this.discounts = discounts;
    }

    /** Inserts a new subscription; {@code testClockId} is its account's test clock (null for a real account). */
    public void insert(Subscription s, @Nullable UUID testClockId, Instant now) {
        jdbc.sql("""
                        insert into subscription (id, account_id, product, plan_code, catalog_version, billing_interval, currency,
                            price_minor, status, time_zone, anchor_at, period_index, current_period_start, current_period_end,
                            trial_end, cancel_at_period_end, created_at, updated_at, test_clock_id)
                        values (:id, :account, :product, :plan, :version, :interval, :currency, :price, :status, :zone, :anchor,
                            :periodIndex, :start, :end, :trialEnd, false, :now, :now, :testClock)
                        """)
                .param("testClock", testClockId)
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
        if (s.discount() != null) {
            discounts.setDiscount(s.id(), s.discount(), now);
        }
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

    /**
     * The subscription, its row locked until the transaction ends (changes and renewals of one subscription queue up);
     * 404 if there is none.
     */
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
        // Only the accounts of this thread's time: real ones for the scheduled run, one clock's during its advance.
        SimulatedTime.Scope scope = SimulatedTime.scope();
        if (skip.isEmpty()) {
            skip = List.of(new UUID(0, 0));
        }
        List<Subscription> due = jdbc.sql(COLUMNS
                        + " where status in ('ACTIVE', 'TRIALING') and current_period_end <= :asOf and id not in (:skip)"
                        + " and " + scope.condition("test_clock_id")
                        + " order by current_period_end, id limit :limit for update skip locked")
                .param("asOf", Timestamp.from(asOf))
                .param("testClock", scope.testClockId())
                .param("skip", skip)
                .param("limit", limit)
                .query((rs, n) -> SubscriptionRows.subscription(rs, List.of()))
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
                .map(s -> s.withAddOns(addOns.getOrDefault(s.id().value(), List.of())))
                .toList();
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

    public List<Subscription> pastDue() {
        return jdbc.sql(COLUMNS + " where status = 'PAST_DUE' order by past_due_since")
                .query(this::map)
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
        return SubscriptionRows.subscription(rs, addOns);
    }
}
