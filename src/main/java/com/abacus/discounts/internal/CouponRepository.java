package com.abacus.discounts.internal;

import com.abacus.discounts.Coupon;
import com.abacus.discounts.PromotionCode;
import com.abacus.shared.Money;
import com.abacus.subscriptions.DiscountTerms;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Coupons with their amounts per currency, and promotion codes. */
@Repository
public class CouponRepository {

    private final JdbcClient jdbc;

    CouponRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Coupon coupon) {
        jdbc.sql("""
                        insert into coupon (code, name, percent_off, duration, duration_in_periods, applies_to,
                            max_redemptions, redeem_by, created_at)
                        values (:code, :name, :percent, :duration, :periods, :appliesTo, :max, :redeemBy, :at)
                        """)
                .param("code", coupon.code())
                .param("name", coupon.name())
                .param("percent", coupon.percentOff())
                .param("duration", coupon.duration().name())
                .param("periods", coupon.durationInPeriods())
                .param("appliesTo", String.join(",", coupon.appliesTo()))
                .param("max", coupon.maxRedemptions())
                .param("redeemBy", timestamp(coupon.redeemBy()))
                .param("at", Timestamp.from(coupon.createdAt()))
                .update();
        coupon.amountsOff()
                .forEach((currency, amount) -> jdbc.sql(
                                "insert into coupon_amount (coupon_code, currency, amount_minor) values (:code, :currency, :amount)")
                        .param("code", coupon.code())
                        .param("currency", currency)
                        .param("amount", amount.minor())
                        .update());
    }

    public Optional<Coupon> find(String code) {
        return jdbc.sql("select * from coupon where code = :code")
                .param("code", code)
                .query((rs, n) -> coupon(rs, amounts(code)))
                .optional();
    }

    public List<Coupon> all() {
        Map<String, Map<String, Money>> amounts = new HashMap<>();
        jdbc.sql("select coupon_code, currency, amount_minor from coupon_amount")
                .query((rs, n) -> amounts.computeIfAbsent(rs.getString("coupon_code"), k -> new TreeMap<>())
                        .put(
                                rs.getString("currency"),
                                Money.ofMinor(rs.getLong("amount_minor"), rs.getString("currency"))))
                .list();
        return jdbc.sql("select * from coupon order by created_at desc, code")
                .query((rs, n) -> coupon(rs, amounts.getOrDefault(rs.getString("code"), Map.of())))
                .list();
    }

    public void insert(PromotionCode code) {
        jdbc.sql("""
                        insert into promotion_code (id, code, coupon_code, max_redemptions, expires_at, first_time_only,
                            active, created_at)
                        values (:id, :code, :coupon, :max, :expires, :firstTime, true, :at)
                        """)
                .param("id", code.id())
                .param("code", code.code())
                .param("coupon", code.coupon())
                .param("max", code.maxRedemptions())
                .param("expires", timestamp(code.expiresAt()))
                .param("firstTime", code.firstTimeOnly())
                .param("at", Timestamp.from(code.createdAt()))
                .update();
    }

    /** The promotion code a customer typed, in whatever case they typed it. */
    public Optional<PromotionCode> findPromotionCode(String typed) {
        return jdbc.sql("select * from promotion_code where lower(code) = lower(:code)")
                .param("code", typed)
                .query(CouponRepository::promotionCode)
                .optional();
    }

    public List<PromotionCode> promotionCodes() {
        return jdbc.sql("select * from promotion_code order by created_at desc, code")
                .query(CouponRepository::promotionCode)
                .list();
    }

    private Map<String, Money> amounts(String code) {
        Map<String, Money> amounts = new TreeMap<>();
        jdbc.sql("select currency, amount_minor from coupon_amount where coupon_code = :code")
                .param("code", code)
                .query((rs, n) -> amounts.put(
                        rs.getString("currency"), Money.ofMinor(rs.getLong("amount_minor"), rs.getString("currency"))))
                .list();
        return amounts;
    }

    private static Coupon coupon(ResultSet rs, Map<String, Money> amounts) throws SQLException {
        String appliesTo = rs.getString("applies_to");
        return new Coupon(
                rs.getString("code"),
                rs.getString("name"),
                rs.getBigDecimal("percent_off"),
                Map.copyOf(amounts),
                DiscountTerms.Duration.valueOf(rs.getString("duration")),
                (Integer) rs.getObject("duration_in_periods"),
                appliesTo.isEmpty() ? List.of() : List.of(appliesTo.split(",")),
                (Integer) rs.getObject("max_redemptions"),
                instant(rs, "redeem_by"),
                rs.getInt("times_redeemed"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static PromotionCode promotionCode(ResultSet rs, int row) throws SQLException {
        return new PromotionCode(
                rs.getObject("id", UUID.class),
                rs.getString("code"),
                rs.getString("coupon_code"),
                (Integer) rs.getObject("max_redemptions"),
                rs.getInt("times_redeemed"),
                instant(rs, "expires_at"),
                rs.getBoolean("first_time_only"),
                rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
