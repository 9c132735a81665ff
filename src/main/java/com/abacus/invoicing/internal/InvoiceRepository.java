package com.abacus.invoicing.internal;

import com.abacus.invoicing.CreditNote;
import com.abacus.invoicing.Invoice;
import com.abacus.invoicing.InvoiceId;
import com.abacus.invoicing.InvoiceLine;
import com.abacus.invoicing.InvoiceStatus;
import com.abacus.shared.AccountId;
import com.abacus.shared.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class InvoiceRepository {

    private static final String COLUMNS = """
            select id, number, account_id, subscription_id, billed_to_name, billed_to_email, currency, status, total_minor,
                   credited_minor, period_start, period_end, payment_id, attempts, next_attempt_at, issued_at, paid_at
            from invoice""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    InvoiceRepository(JdbcClient jdbc, JdbcTemplate template) {
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
            Instant now) {
        return jdbc.sql("""
                        insert into invoice (id, account_id, subscription_id, billed_to_name, billed_to_email, currency, status,
                            total_minor, period_start, period_end, source_key, created_at)
                        values (:id, :account, :subscription, :name, :email, :currency, 'DRAFT', :total, :start, :end, :source, :now)
                        on conflict (source_key) do nothing
                        """)
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
                            amount_minor, service_start, service_end)
                        values (:id, :position, :kind, :product, :code, :description, :quantity, :unit, :amount, :start, :end)
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

    /**
     * Inserts a batch of issued invoices (numbered, FINALIZED or PAID) with their lines. Fails, so the caller's
     * transaction rolls back and gives the numbers back, if any source was invoiced before.
     */
    public void insertIssued(List<Invoice> issued, List<String> sourceKeys, Instant now) {
        int[][] counts = template.batchUpdate("""
                        insert into invoice (id, number, account_id, subscription_id, billed_to_name, billed_to_email, currency, status,
                            total_minor, period_start, period_end, source_key, attempts, next_attempt_at, issued_at, paid_at, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (source_key) do nothing
                        """, indexes(issued.size()), issued.size(), (ps, i) -> {
            Invoice invoice = issued.get(i);
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
            ps.setString(12, sourceKeys.get(i));
            ps.setInt(13, invoice.attempts());
            ps.setTimestamp(14, invoice.nextAttemptAt() == null ? null : Timestamp.from(invoice.nextAttemptAt()));
            ps.setTimestamp(15, Timestamp.from(now));
            ps.setTimestamp(16, invoice.paidAt() == null ? null : Timestamp.from(invoice.paidAt()));
            ps.setTimestamp(17, Timestamp.from(now));
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
                    line.serviceEnd() == null ? null : Timestamp.from(line.serviceEnd())
                });
            }
        }
        template.batchUpdate("""
                insert into invoice_line (invoice_id, position, kind, product, code, description, quantity, unit_amount_minor,
                    amount_minor, service_start, service_end)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, lines);
    }

    private static List<Integer> indexes(int size) {
        return IntStream.range(0, size).boxed().toList();
    }

    /** {@link #markPaid} for many invoices; returns those this call moved to PAID. */
    public List<InvoiceId> markAllPaid(Map<InvoiceId, String> paymentByInvoice, Instant now) {
        List<Map.Entry<InvoiceId, String>> entries = new ArrayList<>(paymentByInvoice.entrySet());
        int[][] counts = template.batchUpdate("""
                        update invoice set status = 'PAID', payment_id = ?, paid_at = ?, next_attempt_at = null
                        where id = ? and status in ('FINALIZED', 'UNCOLLECTIBLE')
                        """, entries, Math.max(1, entries.size()), (ps, e) -> {
            ps.setObject(1, UUID.fromString(e.getValue()));
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setObject(3, e.getKey().value());
        });
        List<InvoiceId> paid = new ArrayList<>();
        int i = 0;
        for (int[] chunk : counts) {
            for (int count : chunk) {
                if (count == 1) {
                    paid.add(entries.get(i).getKey());
                }
                i++;
            }
        }
        return paid;
    }

    public Optional<Invoice> find(InvoiceId id) {
        return jdbc.sql(COLUMNS + " where id = :id")
                .param("id", id.value())
                .query(this::map)
                .optional();
    }

    public Optional<Invoice> findBySource(String sourceKey) {
        return jdbc.sql(COLUMNS + " where source_key = :source")
                .param("source", sourceKey)
                .query(this::map)
                .optional();
    }

    public Optional<Invoice> findByNumber(String number) {
        return jdbc.sql(COLUMNS + " where number = :number")
                .param("number", number)
                .query(this::map)
                .optional();
    }

    public Optional<Invoice> findByPayment(String paymentId) {
        return jdbc.sql(COLUMNS + " where payment_id = :payment")
                .param("payment", UUID.fromString(paymentId))
                .query(this::map)
                .optional();
    }

    public List<Invoice> forAccount(AccountId account) {
        return jdbc.sql(
                        COLUMNS
                                + " where account_id = :account and status <> 'DRAFT' order by issued_at desc, number desc limit 200")
                .param("account", account.value())
                .query(this::map)
                .list();
    }

    /** Issued invoices awaiting a charge attempt now (first attempt, or a dunning retry that is due). */
    public List<InvoiceId> collectible(Instant now, int limit) {
        return jdbc.sql("""
                        select id from invoice where status = 'FINALIZED' and total_minor > 0
                          and (next_attempt_at is null or next_attempt_at <= :now)
                        order by issued_at limit :limit
                        """)
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query((rs, n) -> new InvoiceId(rs.getObject("id", UUID.class)))
                .list();
    }

    /**
     * Issued unpaid invoices with no date at which collection looks at them again. Every path of collection gives an
     * unpaid invoice such a date, so this is empty unless something is broken.
     */
    public List<InvoiceId> withoutCollectionDate(int limit) {
        return jdbc.sql("""
                        select id from invoice where status = 'FINALIZED' and total_minor > 0 and next_attempt_at is null
                        order by issued_at limit :limit
                        """)
                .param("limit", limit)
                .query((rs, n) -> new InvoiceId(rs.getObject("id", UUID.class)))
                .list();
    }

    /** How many issued invoices have no date to be looked at again, and how many whose date passed long ago. */
    public StrandedCounts strandedCounts(Instant overdueBefore) {
        return jdbc.sql("""
                        select count(*) filter (where next_attempt_at is null) as stranded,
                               count(*) filter (where next_attempt_at < :before) as overdue
                        from invoice where status = 'FINALIZED' and total_minor > 0
                        """)
                .param("before", Timestamp.from(overdueBefore))
                .query((rs, n) -> new StrandedCounts(rs.getLong("stranded"), rs.getLong("overdue")))
                .single();
    }

    public record StrandedCounts(long stranded, long overdue) {}

    public List<Invoice> inDunning() {
        return jdbc.sql(COLUMNS
                        + " where status = 'FINALIZED' and attempts > 0 order by next_attempt_at nulls last limit 500")
                .query(this::map)
                .list();
    }

    /** Records the attempt about to be charged; if nothing settles it by {@code lookAgainAt}, collection looks again. */
    public void startAttempt(InvoiceId id, int attempt, Instant lookAgainAt) {
        jdbc.sql(
                        "update invoice set attempts = :attempt, next_attempt_at = :at where id = :id and status = 'FINALIZED'")
                .param("attempt", attempt)
                .param("at", Timestamp.from(lookAgainAt))
                .param("id", id.value())
                .update();
    }

    public void retryAt(InvoiceId id, Instant at) {
        jdbc.sql("update invoice set next_attempt_at = :at where id = :id and status = 'FINALIZED'")
                .param("at", at == null ? null : Timestamp.from(at))
                .param("id", id.value())
                .update();
    }

    public boolean markPaid(InvoiceId id, String paymentId, Instant now) {
        return jdbc.sql("""
                        update invoice set status = 'PAID', payment_id = :payment, paid_at = :now, next_attempt_at = null
                        where id = :id and status in ('FINALIZED', 'UNCOLLECTIBLE')
                        """)
                        .param("payment", paymentId == null ? null : UUID.fromString(paymentId))
                        .param("now", Timestamp.from(now))
                        .param("id", id.value())
                        .update()
                == 1;
    }

    public boolean writeOff(InvoiceId id, InvoiceStatus status) {
        return jdbc.sql(
                                "update invoice set status = :status, next_attempt_at = null where id = :id and status = 'FINALIZED'")
                        .param("status", status.name())
                        .param("id", id.value())
                        .update()
                == 1;
    }

    /** Adds a credit; refused (false) if it would credit more than the invoice total. */
    public boolean credit(InvoiceId id, long amountMinor) {
        return jdbc.sql(
                                "update invoice set credited_minor = credited_minor + :amount where id = :id and credited_minor + :amount <= total_minor")
                        .param("amount", amountMinor)
                        .param("id", id.value())
                        .update()
                == 1;
    }

    public void pseudonymise(AccountId account, String name, String email) {
        jdbc.sql("update invoice set billed_to_name = :name, billed_to_email = :email where account_id = :account")
                .param("name", name)
                .param("email", email)
                .param("account", account.value())
                .update();
    }

    /**
     * Takes {@code count} consecutive numbers of a gapless series at once and returns the first. The row lock is held
     * until the caller's transaction ends: take them last, just before the invoices are written.
     */
    public long nextNumbers(String series, int year, int count) {
        return jdbc.sql("""
                        insert into number_sequence (series, year, next_value) values (:series, :year, 1 + :count)
                        on conflict (series, year) do update set next_value = number_sequence.next_value + :count
                        returning next_value - :count
                        """)
                .param("series", series)
                .param("year", year)
                .param("count", count)
                .query(Long.class)
                .single();
    }

    /** Next number of a gapless series; the row lock serialises finalisations and a rollback gives the number back. */
    public long nextNumber(String series, int year) {
        return jdbc.sql("""
                        insert into number_sequence (series, year, next_value) values (:series, :year, 2)
                        on conflict (series, year) do update set next_value = number_sequence.next_value + 1
                        returning next_value - 1
                        """)
                .param("series", series)
                .param("year", year)
                .query(Long.class)
                .single();
    }

    public void insertCreditNote(CreditNote note) {
        jdbc.sql("""
                        insert into credit_note (id, number, invoice_id, account_id, currency, amount_minor, reason, refund_id, issued_at)
                        values (:id, :number, :invoice, :account, :currency, :amount, :reason, :refund, :at)
                        """)
                .param("id", note.id())
                .param("number", note.number())
                .param("invoice", note.invoiceId().value())
                .param("account", note.accountId().value())
                .param("currency", note.amount().currencyCode())
                .param("amount", note.amount().minor())
                .param("reason", note.reason())
                .param("refund", note.refundId() == null ? null : UUID.fromString(note.refundId()))
                .param("at", Timestamp.from(note.issuedAt()))
                .update();
    }

    public boolean creditNoteExistsForRefund(String refundId) {
        return jdbc.sql("select count(*) from credit_note where refund_id = :id")
                        .param("id", UUID.fromString(refundId))
                        .query(Integer.class)
                        .single()
                > 0;
    }

    public List<CreditNote> creditNotes(AccountId account) {
        return creditNotes("c.account_id = :id", account.value());
    }

    public List<CreditNote> creditNotesOf(InvoiceId invoice) {
        return creditNotes("c.invoice_id = :id", invoice.value());
    }

    private List<CreditNote> creditNotes(String where, UUID id) {
        return jdbc.sql("""
                        select c.id, c.number, c.invoice_id, i.number as invoice_number, c.account_id, c.currency, c.amount_minor,
                               c.reason, c.refund_id, c.issued_at
                        from credit_note c join invoice i on i.id = c.invoice_id""" + " where " + where + " order by c.issued_at desc")
                .param("id", id)
                .query((rs, n) -> new CreditNote(
                        rs.getObject("id", UUID.class),
                        rs.getString("number"),
                        new InvoiceId(rs.getObject("invoice_id", UUID.class)),
                        rs.getString("invoice_number"),
                        new AccountId(rs.getObject("account_id", UUID.class)),
                        Money.ofMinor(rs.getLong("amount_minor"), rs.getString("currency")),
                        rs.getString("reason"),
                        rs.getObject("refund_id") == null
                                ? null
                                : rs.getObject("refund_id", UUID.class).toString(),
                        rs.getTimestamp("issued_at").toInstant()))
                .list();
    }

    private List<InvoiceLine> lines(InvoiceId id, String currency) {
        return jdbc.sql("""
                        select position, kind, product, code, description, quantity, unit_amount_minor, amount_minor, service_start,
                               service_end
                        from invoice_line where invoice_id = :id order by position
                        """)
                .param("id", id.value())
                .query((rs, n) -> new InvoiceLine(
                        rs.getInt("position"),
                        InvoiceLine.Kind.valueOf(rs.getString("kind")),
                        rs.getString("product"),
                        rs.getString("code"),
                        rs.getString("description"),
                        rs.getLong("quantity"),
                        Money.ofMinor(rs.getLong("unit_amount_minor"), currency),
                        Money.ofMinor(rs.getLong("amount_minor"), currency),
                        instant(rs, "service_start"),
                        instant(rs, "service_end")))
                .list();
    }

    private Invoice map(ResultSet rs, int row) throws SQLException {
        String currency = rs.getString("currency");
        InvoiceId id = new InvoiceId(rs.getObject("id", UUID.class));
        return new Invoice(
                id,
                rs.getString("number"),
                new AccountId(rs.getObject("account_id", UUID.class)),
                rs.getObject("subscription_id") == null
                        ? null
                        : rs.getObject("subscription_id", UUID.class).toString(),
                rs.getString("billed_to_name"),
                rs.getString("billed_to_email"),
                InvoiceStatus.valueOf(rs.getString("status")),
                Money.ofMinor(rs.getLong("total_minor"), currency),
                Money.ofMinor(rs.getLong("credited_minor"), currency),
                lines(id, currency),
                instant(rs, "period_start"),
                instant(rs, "period_end"),
                rs.getObject("payment_id") == null
                        ? null
                        : rs.getObject("payment_id", UUID.class).toString(),
                rs.getInt("attempts"),
                instant(rs, "next_attempt_at"),
                instant(rs, "issued_at"),
                instant(rs, "paid_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
