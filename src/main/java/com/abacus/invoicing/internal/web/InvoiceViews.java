package com.abacus.invoicing.internal.web;

import com.abacus.invoicing.CreditNote;
import com.abacus.invoicing.Invoice;
import com.abacus.invoicing.InvoiceLine;
import com.abacus.shared.web.MoneyView;
import java.time.Instant;
import java.util.List;

final class InvoiceViews {

    private InvoiceViews() {}

    record LineView(
            int position,
            String kind,
            String product,
            String code,
            String description,
            long quantity,
            MoneyView unitAmount,
            MoneyView amount,
            Instant serviceStart,
            Instant serviceEnd) {
        static LineView of(InvoiceLine line) {
            return new LineView(
                    line.position(),
                    line.kind().name().toLowerCase(),
                    line.product(),
                    line.code(),
                    line.description(),
                    line.quantity(),
                    MoneyView.of(line.unitAmount()),
                    MoneyView.of(line.amount()),
                    line.serviceStart(),
                    line.serviceEnd());
        }
    }

    record InvoiceView(
            String id,
            String number,
            String status,
            MoneyView total,
            String currency,
            MoneyView credited,
            List<LineView> lines,
            Instant periodStart,
            Instant periodEnd,
            String subscriptionId,
            String paymentId,
            Instant issuedAt,
            Instant paidAt,
            String pdf,
            boolean paymentPending) {
        /**
         * Stripe's words for the states: draft, open (issued, not paid), paid, void, uncollectible. {@code
         * paymentPending}: open while its charge settles (a SEPA debit), not to be paid again.
         */
        static InvoiceView of(Invoice invoice) {
            return new InvoiceView(
                    invoice.id().toString(),
                    invoice.number(),
                    invoice.status() == com.abacus.invoicing.InvoiceStatus.FINALIZED
                            ? "open"
                            : invoice.status().name().toLowerCase(),
                    MoneyView.of(invoice.total()),
                    invoice.total().currencyCode(),
                    MoneyView.of(invoice.creditedAmount()),
                    invoice.lines().stream().map(LineView::of).toList(),
                    invoice.periodStart(),
                    invoice.periodEnd(),
                    invoice.subscriptionId(),
                    invoice.paymentId(),
                    invoice.issuedAt(),
                    invoice.paidAt(),
                    invoice.number() == null ? null : "/api/v1/invoices/" + invoice.id() + "/pdf",
                    invoice.paymentPending());
        }
    }

    record CreditNoteView(
            String id,
            String number,
            String invoiceId,
            String invoiceNumber,
            MoneyView amount,
            String reason,
            Instant issuedAt) {
        static CreditNoteView of(CreditNote note) {
            return new CreditNoteView(
                    note.id().toString(),
                    note.number(),
                    note.invoiceId().toString(),
                    note.invoiceNumber(),
                    MoneyView.of(note.amount()),
                    note.reason(),
                    note.issuedAt());
        }
    }
}
