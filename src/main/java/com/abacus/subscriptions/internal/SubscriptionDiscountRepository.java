package com.abacus.subscriptions.internal;

import com.abacus.subscriptions.DiscountTerms;
import com.abacus.subscriptions.SubscriptionDiscount;
import com.abacus.subscriptions.SubscriptionId;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A subscription's coupon, kept in its row (one per subscription) and read back with it ({@link SubscriptionRows}). */
@Repository
public class SubscriptionDiscountRepository {

    private final JdbcClient jdbc;

    SubscriptionDiscountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Gives the subscription this discount in place of the one it had. */
    public void setDiscount(SubscriptionId id, SubscriptionDiscount discount, Instant now) {
        DiscountTerms terms = discount.terms();
        jdbc.sql("""
                        update subscription set discount_coupon = :coupon, discount_description = :description,
                            discount_percent_off = :percent, discount_amount_off_minor = :amount,
                            discount_applies_to = :appliesTo, discount_duration = :duration, discount_periods = :periods,
                            discount_starts_at = :starts, discount_ends_at = :ends, updated_at = :now
                        where id = :id
                        """)
                .param("coupon", terms.coupon())
                .param("description", terms.description())
                .param("percent", terms.percentOff())
                .param(
                        "amount",
                        terms.amountOff() == null ? null : terms.amountOff().minor())
                .param("appliesTo", String.join(",", terms.appliesTo()))
                .param("duration", terms.duration().name())
                .param("periods", terms.periods())
                .param("starts", Timestamp.from(discount.startsAt()))
                .param("ends", discount.endsAt() == null ? null : Timestamp.from(discount.endsAt()))
                .param("now", Timestamp.from(now))
                .param("id", id.value())
                .update();
    }
}
