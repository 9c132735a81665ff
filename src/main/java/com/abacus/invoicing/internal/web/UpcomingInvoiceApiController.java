package com.abacus.invoicing.internal.web;

import com.abacus.accounts.CustomerPrincipal;
import com.abacus.invoicing.InvoiceLine;
import com.abacus.invoicing.UpcomingInvoices;
import com.abacus.invoicing.internal.web.InvoiceViews.InvoiceView;
import com.abacus.shared.DomainException;
import com.abacus.shared.NotFoundException;
import com.abacus.shared.web.MoneyView;
import com.abacus.subscriptions.SubscriptionId;
import com.abacus.subscriptions.Subscriptions;
import java.time.Instant;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What a customer's next invoice will be, and the current period's usage, before the period ends. */
@RestController
@PreAuthorize("hasRole('CUSTOMER')")
class UpcomingInvoiceApiController {

    private final UpcomingInvoices upcoming;
    private final Subscriptions subscriptions;

    UpcomingInvoiceApiController(UpcomingInvoices upcoming, Subscriptions subscriptions) {
        this.upcoming = upcoming;
        this.subscriptions = subscriptions;
    }

    /** One metric's usage in the current period so far, rated as the next invoice will rate it. */
    record UsageView(
            String code, String description, long quantity, MoneyView amount, Instant periodStart, Instant periodEnd) {

        static UsageView of(InvoiceLine line) {
            return new UsageView(
                    line.code(),
                    line.description(),
                    line.quantity(),
                    MoneyView.of(line.amount()),
                    line.serviceStart(),
                    line.serviceEnd());
        }
    }

    /** The next invoice exactly as it would be issued now (no number yet); 404 when the period end issues none. */
    @GetMapping("/api/v1/invoices/upcoming")
    InvoiceView upcoming(@AuthenticationPrincipal CustomerPrincipal customer, @RequestParam String subscription) {
        SubscriptionId id = owned(customer, subscription);
        return upcoming.upcoming(id)
                .map(InvoiceView::of)
                .orElseThrow(() -> new DomainException(
                        DomainException.Kind.NOT_FOUND,
                        "no-upcoming-invoice",
                        "This subscription has no upcoming invoice (it has ended or ends without anything to bill)"));
    }

    @GetMapping("/api/v1/subscriptions/{id}/usage")
    List<UsageView> usage(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable String id) {
        return upcoming.usageSoFar(owned(customer, id)).stream()
                .map(UsageView::of)
                .toList();
    }

    /** Another account's subscription does not exist for this customer. */
    private SubscriptionId owned(CustomerPrincipal customer, String subscription) {
        SubscriptionId id = SubscriptionId.of(subscription);
        if (!subscriptions.get(id).accountId().equals(customer.accountId())) {
            throw new NotFoundException("subscription", id);
        }
        return id;
    }
}
