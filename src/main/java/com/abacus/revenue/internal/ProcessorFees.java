package com.abacus.revenue.internal;

import com.abacus.payments.PaymentReversed;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The processor's fee for a debit the customer's bank reversed: an expense (Expenses:ProcessorFees) paid out of cash.
 * The reversed amount itself comes back through the refund's credit note, which reverses the revenue.
 */
@Component
class ProcessorFees {

    private final RevenueLedger ledger;

    ProcessorFees(RevenueLedger ledger) {
        this.ledger = ledger;
    }

    @ApplicationModuleListener(condition = "#event.feeMinor() > 0")
    void on(PaymentReversed event) {
        ledger.postOutsideRevenue(
                event.paymentId().value(),
                "FEE",
                event.accountId().value(),
                event.reversalReference(),
                event.currency(),
                event.feeMinor(),
                event.at());
    }
}
