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
            Instant serviceEnd,
            MoneyView discount,
            MoneyView tax,
            String taxRate,
            String taxRule,
            boolean taxInclusive) {
        /** {@code discount}: what the discount lines after it take off this line (zero on a discount line itself). */
        static LineView of(Invoice invoice, int index) {
            InvoiceLine line = invoice.lines().get(index);
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
                    line.serviceEnd(),
                    MoneyView.of(invoice.discountOf(index)),
                    MoneyView.of(line.taxAmount()),
                    line.tax() == null
                            ? null
                            : line.tax().rate().stripTrailingZeros().toPlainString(),
                    line.tax() == null ? null : line.tax().rule(),
                    line.tax() != null && line.tax().inclusive());
        }
    }

    /** One row of the tax summary: the net taxed at a rate in a jurisdiction, and the tax. */
    record TaxBreakdownView(
            String jurisdiction, String tax, String rate, MoneyView taxable, MoneyView amount, boolean reverseCharge) {
        static TaxBreakdownView of(Invoice.TaxBreakdown row) {
            return new TaxBreakdownView(
                    row.jurisdiction(),
                    row.taxName(),
                    row.rate().stripTrailingZeros().toPlainString(),
                    MoneyView.of(row.taxable()),
                    MoneyView.of(row.tax()),
                    row.reverseCharge());
        }
    }

    record InvoiceView(
            String id,
            String number,
            String status,
            MoneyView subtotal,
            MoneyView discount,
            MoneyView tax,
            MoneyView total,
            List<TaxBreakdownView> taxBreakdown,
            String taxNote,
            List<String> billedToAddress,
            String billedToTaxId,
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
                    MoneyView.of(invoice.subtotal()),
                    MoneyView.of(invoice.discount()),
                    MoneyView.of(invoice.tax()),
                    MoneyView.of(invoice.total()),
                    invoice.taxBreakdown().stream().map(TaxBreakdownView::of).toList(),
                    invoice.taxNote(),
                    invoice.billedToAddress() == null
                            ? List.of()
                            : List.of(invoice.billedToAddress().split("\n")),
                    invoice.billedToTaxId(),
                    invoice.total().currencyCode(),
                    MoneyView.of(invoice.creditedAmount()),
                    java.util.stream.IntStream.range(0, invoice.lines().size())
                            .mapToObj(i -> LineView.of(invoice, i))
                            .toList(),
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
            MoneyView tax,
            String reason,
            Instant issuedAt) {
        static CreditNoteView of(CreditNote note) {
            return new CreditNoteView(
                    note.id().toString(),
                    note.number(),
                    note.invoiceId().toString(),
                    note.invoiceNumber(),
                    MoneyView.of(note.amount()),
                    MoneyView.of(note.tax()),
                    note.reason(),
                    note.issuedAt());
        }
    }
}
