package com.abacus.accounts;

import com.abacus.shared.AccountId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What an account's invoices show of the buyer beyond its name, and what its tax is decided from: its billing address,
 * its tax id (a business buyer has one) with what the registry said of it, and a staff exemption from tax.
 *
 * @param taxIdStatus null without a tax id
 * @param taxExemptReason why staff exempted the account from tax; null when it is taxed
 * @param updatedAt null when nothing was ever set
 */
public record BillingDetails(
        AccountId accountId,
        @Nullable BillingAddress address,
        @Nullable TaxId taxId,
        @Nullable TaxIdStatus taxIdStatus,
        @Nullable String taxExemptReason,
        @Nullable Instant updatedAt) {

    public static BillingDetails none(AccountId account) {
        return new BillingDetails(account, null, null, null, null, null);
    }

    public boolean taxExempt() {
        return taxExemptReason != null;
    }

    /** What a registry said of a tax id. */
    public enum TaxIdStatus {
        /** The registry (VIES for EU VAT) says the number is registered. */
        VERIFIED,
        /** The registry could not answer when the number was given; it is treated as not verified. */
        UNVERIFIED,
        /** The type has no registry we ask; its format and check digits were checked. */
        NOT_CHECKED;

        public String label() {
            return switch (this) {
                case VERIFIED -> "verified";
                case UNVERIFIED -> "not verified (registry unavailable)";
                case NOT_CHECKED -> "format checked";
            };
        }
    }
}
