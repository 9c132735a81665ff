package com.abacus.checkout.internal;

import com.abacus.checkout.Order;
import com.abacus.checkout.OrderId;
import com.abacus.shared.AccountId;
import com.abacus.shared.Money;
import com.abacus.subscriptions.PlanChangeQuote;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
public class OrderRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = """
            select id, account_id, kind, plan_code, catalog_version, currency, total_minor, add_ons, trial, change_quote, status,
                   subscription_id, payment_id, failure_code, failure_message, created_at, plan_price_minor
            from customer_order""";

    private final JdbcClient jdbc;

    OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An order with what completing it needs (catalog version; for plan changes, the accepted quote). */
    public record OrderRow(
            Order order,
            int catalogVersion,
            PlanChangeQuote changeQuote,
            @Nullable Money planPrice) {

        public OrderRow(Order order, int catalogVersion, PlanChangeQuote changeQuote) {
            this(order, catalogVersion, changeQuote, null);
        }
    }

    /**
     * Writes a new order. Refused ({@link org.springframework.dao.DuplicateKeyException}) when the key was used before
     * or, for a purchase ({@code product} set), when another purchase of the product is in flight for the account.
     */
    public void insert(OrderRow row, String idempotencyKey, String product) {
        Order order = row.order();
        PlanChangeQuote quote = row.changeQuote();
        jdbc.sql("""
                        insert into customer_order (id, account_id, kind, plan_code, catalog_version, currency, total_minor, add_ons,
                            trial, change_quote, status, subscription_id, idempotency_key, product, created_at, updated_at,
                            plan_price_minor)
                        values (:id, :account, :kind, :plan, :version, :currency, :total, cast(:addOns as jsonb), :trial,
                            cast(:quote as jsonb), 'PENDING', :subscription, :key, :product, :now, :now, :planPrice)
                        """)
                .param(
                        "planPrice",
                        row.planPrice() == null ? null : row.planPrice().minor())
                .param("product", product)
                .param("id", order.id().value())
                .param("account", order.accountId().value())
                .param("kind", order.kind().name())
                .param("plan", order.planCode())
                .param("version", row.catalogVersion())
                .param("currency", order.currency())
                .param("total", order.total().minor())
                .param("addOns", JSON.writeValueAsString(order.addOns()))
                .param("trial", order.trial())
                .param("quote", quote == null ? null : JSON.writeValueAsString(quote))
                .param("subscription", order.subscriptionId() == null ? null : UUID.fromString(order.subscriptionId()))
                .param("key", idempotencyKey)
                .param("now", Timestamp.from(order.createdAt()))
                .update();
    }

    public Optional<OrderRow> find(OrderId id) {
        return jdbc.sql(COLUMNS + " where id = :id")
                .param("id", id.value())
                .query(OrderRepository::map)
                .optional();
    }

    public Optional<OrderRow> findByKey(AccountId account, String key) {
        return jdbc.sql(COLUMNS + " where account_id = :account and idempotency_key = :key")
                .param("account", account.value())
                .param("key", key)
                .query(OrderRepository::map)
                .optional();
    }

    public List<Order> forAccount(AccountId account) {
        return jdbc
                .sql(COLUMNS + " where account_id = :account order by created_at desc limit 100")
                .param("account", account.value())
                .query(OrderRepository::map)
                .list()
                .stream()
                .map(OrderRow::order)
                .toList();
    }

    /** Claims the order for completion; only one caller (request, late payment event) wins. */
    public boolean complete(OrderId id, String subscriptionId, String paymentId, Instant now) {
        return jdbc.sql("""
                        update customer_order set status = 'COMPLETED', subscription_id = :subscription, payment_id = :payment,
                            failure_code = null, failure_message = null, updated_at = :now
                        where id = :id and status in ('PENDING', 'PAYMENT_PENDING', 'FAILED')
                        """)
                        .param("subscription", subscriptionId == null ? null : UUID.fromString(subscriptionId))
                        .param("payment", paymentId == null ? null : UUID.fromString(paymentId))
                        .param("now", Timestamp.from(now))
                        .param("id", id.value())
                        .update()
                == 1;
    }

    public boolean paymentPending(OrderId id, String paymentId, Instant now) {
        return jdbc.sql("""
                        update customer_order set status = 'PAYMENT_PENDING', payment_id = :payment, updated_at = :now
                        where id = :id and status = 'PENDING'
                        """)
                        .param("payment", UUID.fromString(paymentId))
                        .param("now", Timestamp.from(now))
                        .param("id", id.value())
                        .update()
                == 1;
    }

    public boolean fail(OrderId id, String paymentId, String code, String message, Instant now) {
        return jdbc.sql("""
                        update customer_order set status = 'FAILED', payment_id = coalesce(:payment, payment_id), failure_code = :code,
                            failure_message = :message, updated_at = :now
                        where id = :id and status in ('PENDING', 'PAYMENT_PENDING')
                        """)
                        .param("payment", paymentId == null ? null : UUID.fromString(paymentId))
                        .param("code", code)
                        .param("message", message)
                        .param("now", Timestamp.from(now))
                        .param("id", id.value())
                        .update()
                == 1;
    }

    public List<OrderRow> stuckPending(Instant updatedBefore) {
        return jdbc.sql(COLUMNS + " where status = 'PENDING' and updated_at < :before order by updated_at limit 200")
                .param("before", Timestamp.from(updatedBefore))
                .query(OrderRepository::map)
                .list();
    }

    private static OrderRow map(ResultSet rs, int row) throws SQLException {
        String currency = rs.getString("currency");
        Map<String, Integer> addOns =
                JSON.readValue(rs.getString("add_ons"), new TypeReference<TreeMap<String, Integer>>() {});
        String quote = rs.getString("change_quote");
        Order order = new Order(
                new OrderId(rs.getObject("id", UUID.class)),
                new AccountId(rs.getObject("account_id", UUID.class)),
                Order.Kind.valueOf(rs.getString("kind")),
                rs.getString("plan_code"),
                currency,
                Money.ofMinor(rs.getLong("total_minor"), currency),
                addOns,
                rs.getBoolean("trial"),
                Order.Status.valueOf(rs.getString("status")),
                uuid(rs, "subscription_id"),
                uuid(rs, "payment_id"),
                rs.getString("failure_code"),
                rs.getString("failure_message"),
                rs.getTimestamp("created_at").toInstant());
        return new OrderRow(
                order,
                rs.getInt("catalog_version"),
                quote == null ? null : JSON.readValue(quote, PlanChangeQuote.class),
                rs.getObject("plan_price_minor") == null
                        ? null
                        : Money.ofMinor(rs.getLong("plan_price_minor"), currency));
    }

    private static String uuid(ResultSet rs, String column) throws SQLException {
        UUID value = rs.getObject(column, UUID.class);
        return value == null ? null : value.toString();
    }
}
