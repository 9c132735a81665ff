package com.abacus.invoicing.internal;

import com.abacus.invoicing.Invoice;
import com.abacus.invoicing.InvoiceId;
import com.abacus.invoicing.InvoiceLine;
import com.abacus.invoicing.InvoiceStatus;
import com.abacus.shared.AccountId;
import com.abacus.shared.Money;
import com.abacus.taxes.LineTax;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class InvoiceRepository {

    private static final String COLUMNS = """
            select id, number, account_id, subscription_id, billed_to_name, billed_to_email, currency, status, total_minor,
                   credited_minor, period_start, period_end, payment_id, attempts, next_attempt_at, issued_at, paid_at,
                   payment_pending, billed_to_address, billed_to_tax_id, tax_note
            from invoice""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    InvoiceRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** {@link #markPaid} for many invoices; returns those this call moved to PAID. */
    public List<InvoiceId> markAllPaid(Map<InvoiceId, String> paymentByInvoice, Instant now) {
        List<Map.Entry<InvoiceId, String>> entries = new ArrayList<>(paymentByInvoice.entrySet());
        int[][] counts = template.batchUpdate("""
                        update invoice set status = 'PAID', payment_id = ?, paid_at = ?, next_attempt_at = null, payment_pending = false
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

    /** The open invoice whose charge is this payment (a checkout's debit that has not settled). */
    public Optional<Invoice> findAwaiting(String paymentId) {
        return jdbc.sql(COLUMNS + " where payment_id = :payment and status = 'FINALIZED'")
                .param("payment", UUID.fromString(paymentId))
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

    public List<Invoice> inDunning() {
        return jdbc.sql(COLUMNS
                        + " where status = 'FINALIZED' and attempts > 0 order by next_attempt_at nulls last limit 500")
                .query(this::map)
                .list();
    }

    public boolean markPaid(InvoiceId id, String paymentId, Instant now) {
        return jdbc.sql("""
                        update invoice set status = 'PAID', payment_id = :payment, paid_at = :now, next_attempt_at = null,
                            payment_pending = false
                        where id = :id and status in ('FINALIZED', 'UNCOLLECTIBLE')
                        """)
                        .param("payment", paymentId == null ? null : UUID.fromString(paymentId))
                        .param("now", Timestamp.from(now))
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

    private List<InvoiceLine> lines(InvoiceId id, String currency) {
        return jdbc.sql("""
                        select position, kind, product, code, description, quantity, unit_amount_minor, amount_minor, service_start,
                               service_end, tax_minor, tax_rate, tax_name, tax_jurisdiction, tax_rule, tax_inclusive, reverse_charge
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
                        instant(rs, "service_end"),
                        lineTax(rs, currency)))
                .list();
    }

    /** Null for a line issued before tax existed (no rule recorded). */
    private static LineTax lineTax(ResultSet rs, String currency) throws SQLException {
        String rule = rs.getString("tax_rule");
        if (rule == null) {
            return null;
        }
        return new LineTax(
                rs.getString("tax_jurisdiction"),
                rs.getString("tax_name"),
                rs.getBigDecimal("tax_rate").stripTrailingZeros(),
                rule,
                Money.ofMinor(rs.getLong("tax_minor"), currency),
                rs.getBoolean("tax_inclusive"),
                rs.getBoolean("reverse_charge"));
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
                instant(rs, "paid_at"),
                rs.getBoolean("payment_pending"),
                rs.getString("billed_to_address"),
                rs.getString("billed_to_tax_id"),
                rs.getString("tax_note"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
