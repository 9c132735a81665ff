package com.abacus.discounts.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Counts redemptions with conditional updates: under READ COMMITTED the second of two racing updates waits for the
 * first, re-reads the row and finds the limit reached, so a code's last use is taken once.
 */
@Repository
public class RedemptionRepository {

    private final JdbcClient jdbc;

    RedemptionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes one use of the coupon if it has one left and may still be redeemed; false if not. */
    public boolean takeCouponUse(String coupon, Instant now) {
        return jdbc.sql("""
                        update coupon set times_redeemed = times_redeemed + 1
                        where code = :code and (max_redemptions is null or times_redeemed < max_redemptions)
                          and (redeem_by is null or redeem_by > :now)
                        """)
                        .param("code", coupon)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** Takes one use of the promotion code if it is active, unexpired and has one left; false if not. */
    public boolean takePromotionCodeUse(UUID promotionCode, Instant now) {
        return jdbc.sql("""
                        update promotion_code set times_redeemed = times_redeemed + 1
                        where id = :id and active and (max_redemptions is null or times_redeemed < max_redemptions)
                          and (expires_at is null or expires_at > :now)
                        """)
                        .param("id", promotionCode)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    public void insert(
            String coupon,
            @Nullable UUID promotionCode,
            UUID account,
            @Nullable UUID order,
            @Nullable UUID subscription,
            Instant now) {
        jdbc.sql("""
                        insert into redemption (id, coupon_code, promotion_code_id, account_id, order_id, subscription_id,
                            redeemed_at)
                        values (:id, :coupon, :promotion, :account, :order, :subscription, :now)
                        """)
                .param("id", UUID.randomUUID())
                .param("coupon", coupon)
                .param("promotion", promotionCode)
                .param("account", account)
                .param("order", order)
                .param("subscription", subscription)
                .param("now", Timestamp.from(now))
                .update();
    }

    public record OrderRedemption(String coupon, @Nullable UUID promotionCode) {}

    /** The order's redemption, unless it was given back. */
    public Optional<OrderRedemption> forOrder(UUID order) {
        return jdbc.sql(
                        "select coupon_code, promotion_code_id from redemption where order_id = :order and released_at is null")
                .param("order", order)
                .query((rs, n) ->
                        new OrderRedemption(rs.getString("coupon_code"), rs.getObject("promotion_code_id", UUID.class)))
                .optional();
    }

    /**
     * Gives a failed order's use back to its coupon and promotion code, once: the release claims the row first, so a
     * repeated failure does not give back twice.
     */
    public void release(UUID order, Instant now) {
        Optional<OrderRedemption> released = jdbc.sql("""
                        update redemption set released_at = :now where order_id = :order and released_at is null
                        returning coupon_code, promotion_code_id
                        """)
                .param("order", order)
                .param("now", Timestamp.from(now))
                .query((rs, n) ->
                        new OrderRedemption(rs.getString("coupon_code"), rs.getObject("promotion_code_id", UUID.class)))
                .optional();
        released.ifPresent(r -> {
            jdbc.sql("update coupon set times_redeemed = times_redeemed - 1 where code = :code")
                    .param("code", r.coupon())
                    .update();
            if (r.promotionCode() != null) {
                jdbc.sql("update promotion_code set times_redeemed = times_redeemed - 1 where id = :id")
                        .param("id", r.promotionCode())
                        .update();
            }
        });
    }
}
