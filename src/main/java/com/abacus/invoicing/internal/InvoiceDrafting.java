package com.abacus.invoicing.internal;

import com.abacus.accounts.Account;
import com.abacus.invoicing.Invoice;
import com.abacus.invoicing.InvoiceFinalized;
import com.abacus.invoicing.InvoiceId;
import com.abacus.invoicing.InvoiceLine;
import com.abacus.invoicing.InvoicePaid;
import com.abacus.invoicing.InvoiceStatus;
import com.abacus.invoicing.internal.InvoiceIssuer.Draft;
import com.abacus.shared.Money;
import com.abacus.subscriptions.ChargeLine;
import com.abacus.taxes.TaxTreatment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The pure rules of issuing, shared by the single and the batch path of {@link InvoiceIssuer}: totals, numbers, what
 * an issued invoice is, and the events that announce it.
 */
final class InvoiceDrafting {

    private InvoiceDrafting() {}

    /** What the lines come to, tax included. */
    static Money totalOf(String currency, List<InvoiceLine> lines) {
        return lines.stream().map(InvoiceLine::gross).reduce(Money.zero(Money.currency(currency)), Money::plus);
    }

    /**
     * The number series of an account's documents ({@code INV}, {@code CN}): the real gapless series, or one of the
     * account's test clock, so simulated invoices never take real numbers (nor leave gaps when the clock is deleted).
     */
    static String series(String kind, @Nullable UUID testClockId) {
        return testClockId == null
                ? kind
                : kind + "-TEST-" + testClockId.toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    }

    static String number(String series, int year, long sequence) {
        return "%s-%d-%06d".formatted(series, year, sequence);
    }

    /**
     * The one rule for what an issued invoice is: PAID when the money was already taken or nothing is due, else
     * FINALIZED with its next attempt at {@code nextAttemptAt}.
     */
    static Invoice issued(
            InvoiceId id,
            String number,
            Draft draft,
            InvoiceBuyers.Buyer buyer,
            TaxTreatment treatment,
            List<InvoiceLine> lines,
            int attempts,
            Instant nextAttemptAt,
            Instant now) {
        Account account = buyer.account();
        Money total = totalOf(draft.currency(), lines);
        boolean paid = draft.paidBy() != null || total.isZero();
        return new Invoice(
                id,
                number,
                draft.accountId(),
                draft.subscriptionId(),
                account.name(),
                account.email(),
                paid ? InvoiceStatus.PAID : InvoiceStatus.FINALIZED,
                total,
                Money.zero(total.currency()),
                lines,
                draft.periodStart(),
                draft.periodEnd(),
                draft.paidBy(),
                paid ? 0 : attempts,
                paid ? null : nextAttemptAt,
                now,
                paid ? now : null,
                false,
                buyer.address(),
                buyer.taxId(),
                treatment.note());
    }

    static InvoiceFinalized finalizedEvent(Invoice invoice, String currency) {
        return new InvoiceFinalized(
                invoice.id(),
                invoice.number(),
                invoice.accountId(),
                currency,
                invoice.total().minor(),
                invoice.lines(),
                invoice.issuedAt(),
                invoice.status() == InvoiceStatus.PAID);
    }

    static InvoicePaid paidEvent(Invoice invoice, String currency) {
        return new InvoicePaid(
                invoice.id(),
                invoice.number(),
                invoice.accountId(),
                invoice.paymentId(),
                invoice.total().minor(),
                currency,
                invoice.issuedAt(),
                true);
    }

    static List<InvoiceLine> positioned(List<InvoiceLine> lines) {
        List<InvoiceLine> positioned = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            InvoiceLine line = lines.get(i);
            positioned.add(new InvoiceLine(
                    i + 1,
                    line.kind(),
                    line.product(),
                    line.code(),
                    line.description(),
                    line.quantity(),
                    line.unitAmount(),
                    line.amount(),
                    line.serviceStart(),
                    line.serviceEnd(),
                    line.tax()));
        }
        return List.copyOf(positioned);
    }

    static List<InvoiceLine> fromCharges(String product, List<ChargeLine> charges) {
        List<InvoiceLine> lines = new ArrayList<>();
        for (ChargeLine charge : charges) {
            lines.add(new InvoiceLine(
                    0,
                    InvoiceLine.Kind.valueOf(charge.kind().name()),
                    product,
                    charge.code(),
                    charge.description(),
                    charge.quantity(),
                    charge.unitAmount(),
                    charge.amount(),
                    charge.serviceStart(),
                    charge.serviceEnd()));
        }
        return lines;
    }
}
