package com.abacus.accounts;

import com.abacus.accounts.BillingDetails.TaxIdStatus;
import com.abacus.accounts.internal.BillingDetailsRepository;
import com.abacus.shared.AccountId;
import com.abacus.shared.InvalidInputException;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An account's billing address, tax id and tax exemption: read by invoicing and tax, changed by the customer, support
 * and the API. Every change is announced with who made it and why ({@link BillingDetailsChanged}, which the audit trail
 * records). An EU VAT number is asked of VIES when it is given: one VIES says is not registered is refused, one VIES
 * could not check is kept as unverified (and taxed as if the buyer had none).
 */
@Service
public class AccountBillingDetails {

    private final Accounts accounts;
    private final BillingDetailsRepository details;
    private final VatNumberRegistry vies;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AccountBillingDetails(
            Accounts accounts,
            BillingDetailsRepository details,
            VatNumberRegistry vies,
            ApplicationEventPublisher events,
            Clock clock) {
        this.accounts = accounts;
        this.details = details;
        this.vies = vies;
        this.events = events;
        this.clock = clock;
    }

    public BillingDetails of(AccountId account) {
        return details.find(account).orElseGet(() -> BillingDetails.none(account));
    }

    /** Each account's details; an account without any gets {@link BillingDetails#none}. */
    public Map<AccountId, BillingDetails> ofAll(Collection<AccountId> ids) {
        Map<AccountId, BillingDetails> found = details.findAll(ids);
        ids.forEach(id -> found.computeIfAbsent(id, BillingDetails::none));
        return found;
    }

    /**
     * A change: each part is left as it is unless its {@code set…} flag says so; set to null it is removed.
     *
     * @param address already checked ({@link BillingAddress#of})
     * @param taxId already checked for its format ({@link TaxId#of})
     */
    public record Change(
            boolean setAddress,
            @Nullable BillingAddress address,
            boolean setTaxId,
            @Nullable TaxId taxId) {}

    /** @param actor who asks (customer email, staff username, token name); {@code reason} why, for the audit trail */
    @Transactional
    public BillingDetails change(AccountId account, Change change, String actor, String reason) {
        accounts.get(account);
        BillingDetails before = details.findForUpdate(account).orElseGet(() -> BillingDetails.none(account));
        BillingAddress address = change.setAddress() ? change.address() : before.address();
        TaxId taxId = before.taxId();
        TaxIdStatus status = before.taxIdStatus();
        if (change.setTaxId()) {
            taxId = change.taxId();
            status = taxId == null || taxId.equals(before.taxId()) ? (taxId == null ? null : status) : verified(taxId);
        }
        BillingDetails after =
                new BillingDetails(account, address, taxId, status, before.taxExemptReason(), clock.instant());
        return saved(before, after, actor, reason);
    }

    /** Staff exempt an account from tax (a charity, a reseller with a certificate), with the reason. */
    @Transactional
    public BillingDetails exempt(AccountId account, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "is required to exempt an account from tax");
        }
        accounts.get(account);
        BillingDetails before = details.findForUpdate(account).orElseGet(() -> BillingDetails.none(account));
        BillingDetails after = new BillingDetails(
                account, before.address(), before.taxId(), before.taxIdStatus(), reason.trim(), clock.instant());
        return saved(before, after, actor, reason.trim());
    }

    /** The exemption ends: the account is taxed again from its next invoice. */
    @Transactional
    public BillingDetails endExemption(AccountId account, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "is required to end a tax exemption");
        }
        BillingDetails before = of(account);
        BillingDetails after = new BillingDetails(
                account, before.address(), before.taxId(), before.taxIdStatus(), null, clock.instant());
        return saved(before, after, actor, reason.trim());
    }

    @EventListener
    void on(PersonalDataErased erased) {
        details.erase(erased.accountId());
    }

    private BillingDetails saved(BillingDetails before, BillingDetails after, String actor, String reason) {
        if (Objects.equals(before.address(), after.address())
                && Objects.equals(before.taxId(), after.taxId())
                && Objects.equals(before.taxExemptReason(), after.taxExemptReason())) {
            return before;
        }
        details.save(after);
        events.publishEvent(
                new BillingDetailsChanged(after.accountId(), actor, reason, describe(before, after), clock.instant()));
        return after;
    }

    /** What changed, as the audit trail shows it: "tax id: none → eu_vat DE123456789". */
    private static String describe(BillingDetails before, BillingDetails after) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (!Objects.equals(before.address(), after.address())) {
            parts.add("address: " + address(before.address()) + " → " + address(after.address()));
        }
        if (!Objects.equals(before.taxId(), after.taxId())) {
            parts.add("tax id: " + taxId(before.taxId()) + " → " + taxId(after.taxId()));
        }
        if (!Objects.equals(before.taxExemptReason(), after.taxExemptReason())) {
            parts.add(after.taxExempt() ? "tax exempt" : "taxed again");
        }
        return String.join("; ", parts);
    }

    private static String address(@Nullable BillingAddress address) {
        return address == null ? "none" : String.join(", ", address.lines());
    }

    private static String taxId(@Nullable TaxId taxId) {
        return taxId == null ? "none" : taxId.type() + " " + taxId.value();
    }

    private TaxIdStatus verified(TaxId taxId) {
        if (!taxId.type().equals("eu_vat")) {
            return TaxIdStatus.NOT_CHECKED;
        }
        return switch (vies.check(taxId)) {
            case REGISTERED -> TaxIdStatus.VERIFIED;
            case UNAVAILABLE -> TaxIdStatus.UNVERIFIED;
            case NOT_REGISTERED ->
                throw new InvalidInputException(
                        "taxId.value", "VIES says " + taxId.value() + " is not a registered VAT number");
        };
    }
}
