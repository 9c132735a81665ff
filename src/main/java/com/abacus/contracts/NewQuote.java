package com.abacus.contracts;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A quote as asked for, unchecked: {@code startDate} an ISO date; {@code billing} monthly, quarterly or annual; {@code
 * paymentTerms} card, net15, net30 or net60; amounts decimal strings at the currency's scale; {@code validDays} how long
 * the customer has to accept it (30 unless given).
 */
public record NewQuote(
        @Nullable UUID accountId,
        @Nullable String currency,
        @Nullable String startDate,
        @Nullable Integer termMonths,
        @Nullable String billing,
        @Nullable String paymentTerms,
        @Nullable Boolean autoRenew,
        @Nullable List<NewItem> items,
        @Nullable List<NewUsage> usage,
        @Nullable NewCommitment commitment,
        @Nullable Integer validDays) {

    public record NewItem(
            @Nullable String plan,
            @Nullable String addOn,
            @Nullable Integer quantity,
            @Nullable List<NewPrice> prices) {}

    public record NewPrice(
            @Nullable Integer fromMonth, @Nullable String monthly) {}

    public record NewUsage(
            @Nullable String metric,
            @Nullable Long includedPerMonth,
            @Nullable String overagePrice,
            @Nullable NewCap cap) {}

    public record NewCap(@Nullable String type, @Nullable Long quantity) {}

    public record NewCommitment(@Nullable String minimum) {}
}
