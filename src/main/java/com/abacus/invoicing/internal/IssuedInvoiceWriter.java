package com.abacus.invoicing.internal;

import com.abacus.invoicing.Invoice;
import com.abacus.invoicing.InvoiceId;
import com.abacus.invoicing.InvoiceLine;
import com.abacus.invoicing.InvoiceStatus;
import com.abacus.shared.AccountId;
import com.abacus.shared.Money;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Writes issued invoices: a draft with its lines then its number (one at a time), or a whole batch at once. */
@Repository
public class IssuedInvoiceWriter {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    IssuedInvoiceWriter(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Inserts a draft unless one with this source key exists; false when it does (the work was done before). */
    public boolean insertDraft(
            InvoiceId id,
            AccountId account,
            String subscriptionId,
            String name,
            String email,
            Money total,
            Instant periodStart,
            Instant periodEnd,
            String sourceKey,
            @Nullable UUID testClockId,
            Instant now) {
        return jdbc.sql("""
                        insert into invoice (id, account_id, subscription_id, billed_to_name, billed_to_email, currency, status,
                            total_minor, period_start, period_end, source_key, created_at, test_clock_id)
                        values (:id, :account, :subscription, :name, :email, :currency, 'DRAFT', :total, :start, :end, :source, :now,
                            :testClock)
                        on conflict (source_key) do nothing
                        """)
                        .param("testClock", testClockId)
                        .param("id", id.value())
                        .param("account", account.value())
                        .param("subscription", subscriptionId == null ? null : UUID.fromString(subscriptionId))
                        .param("name", name)
                        .param("email", email)
                        .param("currency", total.currencyCode())
                        .param("total", total.minor())
                        .param("start", periodStart == null ? null : Timestamp.from(periodStart))
                        .param("end", periodEnd == null ? null : Timestamp.from(periodEnd))
                        .param("source", sourceKey)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    public void insertLine(InvoiceId id, InvoiceLine line) {
        jdbc.sql("""
                        insert into invoice_line (invoice_id, position, kind, product, code, description, quantity, unit_amount_minor,
                            amount_minor, service_start, service_end, tax_minor, tax_rate, tax_name, tax_jurisdiction, tax_rule,
                            tax_inclusive, reverse_charge)
                        values (:id, :position, :kind, :product, :code, :description, :quantity, :unit, :amount, :start, :end,
                            :tax, :rate, :taxName, :jurisdiction, :rule, :inclusive, :reverse)
                        """)
                .param("id", id.value())
                .param("position", line.position())
                .param("kind", line.kind().name())
                .param("product", line.product())
                .param("code", line.code())
                .param("description", line.description())
                .param("quantity", line.quantity())
                .param("unit", line.unitAmount().minor())
                .param("amount", line.amount().minor())
                .param("start", line.serviceStart() == null ? null : Timestamp.from(line.serviceStart()))
                .param("end", line.serviceEnd() == null ? null : Timestamp.from(line.serviceEnd()))
                .param("tax", line.taxAmount().minor())
                .param("rate", line.tax() == null ? null : line.tax().rate())
                .param("taxName", line.tax() == null ? null : line.tax().taxName())
                .param("jurisdiction", line.tax() == null ? null : line.tax().jurisdiction())
                .param("rule", line.tax() == null ? null : line.tax().rule())
                .param("inclusive", line.tax() != null && line.tax().inclusive())
                .param("reverse", line.tax() != null && line.tax().reverseCharge())
                .update();
    }

    /** What the invoice prints of the buyer and of its tax decision, as they were when it was issued. */
    public void buyer(InvoiceId id, Invoice issued) {
        jdbc.sql(
                        "update invoice set billed_to_address = :address, billed_to_tax_id = :taxId, tax_note = :note where id = :id")
                .param("address", issued.billedToAddress())
                .param("taxId", issued.billedToTaxId())
                .param("note", issued.taxNote())
                .param("id", id.value())
                .update();
    }

    public void finalize(InvoiceId id, String number, InvoiceStatus status, String paymentId, Instant now) {
        jdbc.sql("""
                        update invoice set number = :number, status = :status, payment_id = :payment, issued_at = :now,
                            paid_at = case when :status = 'PAID' then cast(:now as timestamptz) end,
                            next_attempt_at = case when :status = 'FINALIZED' then cast(:now as timestamptz) end
                        where id = :id and status = 'DRAFT'
                        """)
                .param("number", number)
                .param("status", status.name())
                .param("payment", paymentId == null ? null : UUID.fromString(paymentId))
                .param("now", Timestamp.from(now))
                .param("id", id.value())
                .update();
    }

    /** An issued invoice with what the row keeps beside it: its source key and its account's test clock (or null). */
    public record IssuedRow(
            Invoice invoice, String sourceKey, @Nullable UUID testClockId) {}

    /**
     * Inserts a batch of issued invoices (numbered, FINALIZED or PAID) with their lines. Fails, so the caller's
     * transaction rolls back and gives the numbers back, if any source was invoiced before.
     */
    public void insertIssued(List<IssuedRow> rows, Instant now) {
        List<Invoice> issued = rows.stream().map(IssuedRow::invoice).toList();
        int[][] counts = template.batchUpdate("""
                        insert into invoice (id, number, account_id, subscription_id, billed_to_name, billed_to_email, currency, status,
                            total_minor, period_start, period_end, source_key, attempts, next_attempt_at, issued_at, paid_at, created_at,
                            test_clock_id, billed_to_address, billed_to_tax_id, tax_note)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (source_key) do nothing
                        """, indexes(issued.size()), issued.size(), (ps, i) -> {
            Invoice invoice = issued.get(i);
            ps.setObject(18, rows.get(i).testClockId());
            ps.setObject(1, invoice.id().value());
            ps.setString(2, invoice.number());
            ps.setObject(3, invoice.accountId().value());
            ps.setObject(4, invoice.subscriptionId() == null ? null : UUID.fromString(invoice.subscriptionId()));
            ps.setString(5, invoice.billedToName());
            ps.setString(6, invoice.billedToEmail());
            ps.setString(7, invoice.total().currencyCode());
            ps.setString(8, invoice.status().name());
            ps.setLong(9, invoice.total().minor());
            ps.setTimestamp(10, invoice.periodStart() == null ? null : Timestamp.from(invoice.periodStart()));
            ps.setTimestamp(11, invoice.periodEnd() == null ? null : Timestamp.from(invoice.periodEnd()));
            ps.setString(12, rows.get(i).sourceKey());
            ps.setInt(13, invoice.attempts());
            ps.setTimestamp(14, invoice.nextAttemptAt() == null ? null : Timestamp.from(invoice.nextAttemptAt()));
            ps.setTimestamp(15, Timestamp.from(now));
            ps.setTimestamp(16, invoice.paidAt() == null ? null : Timestamp.from(invoice.paidAt()));
            ps.setTimestamp(17, Timestamp.from(now));
            ps.setString(19, invoice.billedToAddress());
            ps.setString(20, invoice.billedToTaxId());
            ps.setString(21, invoice.taxNote());
        });
        for (int[] chunk : counts) {
            for (int count : chunk) {
                if (count != 1) {
                    throw new IllegalStateException("A source in this batch was invoiced before; the batch is undone");
                }
            }
        }
        List<Object[]> lines = new ArrayList<>();
        for (Invoice invoice : issued) {
            for (InvoiceLine line : invoice.lines()) {
                lines.add(new Object[] {
                    invoice.id().value(),
                    line.position(),
                    line.kind().name(),
                    line.product(),
                    line.code(),
                    line.description(),
                    line.quantity(),
                    line.unitAmount().minor(),
                    line.amount().minor(),
                    line.serviceStart() == null ? null : Timestamp.from(line.serviceStart()),
                    line.serviceEnd() == null ? null : Timestamp.from(line.serviceEnd()),
                    line.taxAmount().minor(),
                    line.tax() == null ? null : line.tax().rate(),
                    line.tax() == null ? null : line.tax().taxName(),
                    line.tax() == null ? null : line.tax().jurisdiction(),
                    line.tax() == null ? null : line.tax().rule(),
                    line.tax() != null && line.tax().inclusive(),
                    line.tax() != null && line.tax().reverseCharge()
                });
            }
        }
        template.batchUpdate("""
                insert into invoice_line (invoice_id, position, kind, product, code, description, quantity, unit_amount_minor,
                    amount_minor, service_start, service_end, tax_minor, tax_rate, tax_name, tax_jurisdiction, tax_rule,
                    tax_inclusive, reverse_charge)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, lines);
    }

    private static List<Integer> indexes(int size) {
        return IntStream.range(0, size).boxed().toList();
    }
}
