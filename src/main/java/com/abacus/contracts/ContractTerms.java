package com.abacus.contracts;

import com.abacus.shared.AccountId;
import com.abacus.shared.Money;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a quote offers and its contract keeps, checked: from {@code startDate} (in the account's time zone) for {@code
 * termMonths}; fixed fees billed {@code billing} (each invoice upfront for its months, at the monthly prices in force in
 * those months), usage monthly in arrears; {@code commitment} the least the contract bills over its term (null: none).
 */
public record ContractTerms(
        AccountId accountId,
        String currency,
        LocalDate startDate,
        int termMonths,
        Billing billing,
        PaymentTerms paymentTerms,
        boolean autoRenew,
        List<Item> items,
        List<UsageTerm> usage,
        @Nullable Money commitment) {

    public enum Billing {
        MONTHLY(1),
        QUARTERLY(3),
        ANNUAL(12);

        private final int months;

        Billing(int months) {
            this.months = months;
        }

        public int months() {
            return months;
        }
    }

    /** Card (charged like a subscription), or an invoice paid by bank transfer within 15, 30 or 60 days. */
    public enum PaymentTerms {
        CARD(0),
        NET15(15),
        NET30(30),
        NET60(60);

        private final int days;

        PaymentTerms(int days) {
            this.days = days;
        }

        public int days() {
            return days;
        }
    }

    /** The day after the last day of the term. */
    public LocalDate endDate() {
        return startDate.plusMonths(termMonths);
    }

    /** A plan or an add-on, {@code quantity} of it, at ramped monthly prices (the first step from month 1). */
    public record Item(Kind kind, String code, String product, String name, int quantity, List<Price> prices) {

        public enum Kind {
            PLAN,
            ADDON
        }

        /** The monthly price per unit in force in month {@code month} (1 is the first month of the term). */
        public Money monthlyAt(int month) {
            Price inForce = prices.get(0);
            for (Price price : prices) {
                if (price.fromMonth() <= month) {
                    inForce = price;
                }
            }
            return inForce.monthly();
        }
    }

    public record Price(int fromMonth, Money monthly) {}

    /**
     * Usage of {@code metric} included each month, and the price of each package beyond it (the catalog charge's
     * package, e.g. per 1,000); a hard cap stops the metric at {@code cap.quantity} a month, a soft one notifies.
     */
    public record UsageTerm(
            String metric,
            long includedPerMonth,
            Money overagePrice,
            @Nullable Cap cap) {}

    public record Cap(CapType type, long quantity) {}

    public enum CapType {
        HARD,
        SOFT
    }
}
