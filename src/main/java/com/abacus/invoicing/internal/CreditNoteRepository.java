package com.abacus.invoicing.internal;

import com.abacus.invoicing.CreditNote;
import com.abacus.invoicing.InvoiceId;
import com.abacus.shared.AccountId;
import com.abacus.shared.Money;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Credit notes: issued against an invoice, at most one per refund. */
@Repository
public class CreditNoteRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    CreditNoteRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    public void insertCreditNote(CreditNote note) {
        jdbc.sql("""
                        insert into credit_note (id, number, invoice_id, account_id, currency, amount_minor, reason, refund_id, issued_at,
                            tax_minor)
                        values (:id, :number, :invoice, :account, :currency, :amount, :reason, :refund, :at, :tax)
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
                .param("tax", note.tax().minor())
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

    public Optional<CreditNote> creditNote(UUID id) {
        return creditNotes("c.id = :id", id).stream().findFirst();
    }

    private List<CreditNote> creditNotes(String where, UUID id) {
        return jdbc.sql("""
                        select c.id, c.number, c.invoice_id, i.number as invoice_number, c.account_id, c.currency, c.amount_minor,
                               c.reason, c.refund_id, c.issued_at, c.tax_minor
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
                        rs.getTimestamp("issued_at").toInstant(),
                        Money.ofMinor(rs.getLong("tax_minor"), rs.getString("currency"))))
                .list();
    }
}
