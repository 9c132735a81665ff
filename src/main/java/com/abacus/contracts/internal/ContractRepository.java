package com.abacus.contracts.internal;

import com.abacus.contracts.Contract;
import com.abacus.contracts.ContractTerms;
import com.abacus.contracts.Quote;
import com.abacus.shared.AccountId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Quotes and contracts; their terms as JSON beside the columns that are searched. */
@Repository
public class ContractRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    ContractRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public String nextQuoteNumber(int year) {
        long n = jdbc.sql("select nextval('contract_quote_number')")
                .query(Long.class)
                .single();
        return "Q-%d-%05d".formatted(year, n);
    }

    public String nextContractNumber(int year) {
        long n = jdbc.sql("select nextval('contract_number')").query(Long.class).single();
        return "CTR-%d-%05d".formatted(year, n);
    }

    public void insert(Quote quote) {
        jdbc.sql("""
                        insert into contract_quote (id, number, account_id, terms, status, created_by, created_at, expires_at)
                        values (:id, :number, :account, cast(:terms as jsonb), 'OPEN', :by, :at, :expires)
                        """)
                .param("id", quote.id())
                .param("number", quote.number())
                .param("account", quote.terms().accountId().value())
                .param("terms", JSON.writeValueAsString(quote.terms()))
                .param("by", quote.createdBy())
                .param("at", Timestamp.from(quote.createdAt()))
                .param("expires", Timestamp.from(quote.expiresAt()))
                .update();
    }

    public Optional<Quote> quote(UUID id) {
        return jdbc.sql("select * from contract_quote where id = :id")
                .param("id", id)
                .query(ContractRepository::quote)
                .optional();
    }

    /** Locks the quote row: the acceptance that takes it first wins. */
    public Optional<Quote> lockedQuote(UUID id) {
        return jdbc.sql("select * from contract_quote where id = :id for update")
                .param("id", id)
                .query(ContractRepository::quote)
                .optional();
    }

    public List<Quote> quotes(AccountId account) {
        return jdbc.sql("select * from contract_quote where account_id = :account order by created_at desc")
                .param("account", account.value())
                .query(ContractRepository::quote)
                .list();
    }

    public void accepted(UUID quote, UUID contract, String by, @Nullable String reference, Instant at) {
        jdbc.sql("""
                        update contract_quote set status = 'ACCEPTED', accepted_at = :at, accepted_by = :by,
                            signed_reference = :reference, contract_id = :contract
                        where id = :id and status = 'OPEN'
                        """)
                .param("at", Timestamp.from(at))
                .param("by", by)
                .param("reference", reference)
                .param("contract", contract)
                .param("id", quote)
                .update();
    }

    public void insert(Contract contract, Collection<String> products) {
        jdbc.sql("""
                        insert into contract (id, number, quote_id, account_id, products, start_date, end_date, terms, status,
                            signed_by, signed_at)
                        values (:id, :number, :quote, :account, string_to_array(:products, ','), :start, :end, cast(:terms as jsonb), 'ACTIVE',
                            :by, :at)
                        """)
                .param("id", contract.id())
                .param("number", contract.number())
                .param("quote", contract.quoteId())
                .param("account", contract.terms().accountId().value())
                .param("products", String.join(",", products))
                .param("start", contract.startDate())
                .param("end", contract.endDate())
                .param("terms", JSON.writeValueAsString(contract.terms()))
                .param("by", contract.signedBy())
                .param("at", Timestamp.from(contract.signedAt()))
                .update();
    }

    /** The account's active contracts for any of these products whose term overlaps [start, end). */
    public List<Contract> overlapping(AccountId account, Collection<String> products, LocalDate start, LocalDate end) {
        return jdbc.sql("""
                        select * from contract where account_id = :account and status = 'ACTIVE' and products && string_to_array(:products, ',')
                          and start_date < :end and end_date > :start order by start_date
                        """)
                .param("account", account.value())
                .param("products", String.join(",", products))
                .param("start", start)
                .param("end", end)
                .query(ContractRepository::contract)
                .list();
    }

    public Optional<Contract> contract(UUID id) {
        return jdbc.sql("select * from contract where id = :id")
                .param("id", id)
                .query(ContractRepository::contract)
                .optional();
    }

    public List<Contract> contracts(@Nullable AccountId account) {
        return jdbc.sql("select * from contract where (cast(:account as uuid) is null or account_id = :account)"
                        + " order by start_date desc, number desc limit 500")
                .param("account", account == null ? null : account.value())
                .query(ContractRepository::contract)
                .list();
    }

    private static Quote quote(ResultSet rs, int row) throws SQLException {
        return new Quote(
                rs.getObject("id", UUID.class),
                rs.getString("number"),
                JSON.readValue(rs.getString("terms"), ContractTerms.class),
                Quote.Status.valueOf(rs.getString("status")),
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(),
                instant(rs, "accepted_at"),
                rs.getString("accepted_by"),
                rs.getString("signed_reference"),
                rs.getObject("contract_id", UUID.class));
    }

    private static Contract contract(ResultSet rs, int row) throws SQLException {
        return new Contract(
                rs.getObject("id", UUID.class),
                rs.getString("number"),
                rs.getObject("quote_id", UUID.class),
                JSON.readValue(rs.getString("terms"), ContractTerms.class),
                Contract.Status.valueOf(rs.getString("status")),
                rs.getString("signed_by"),
                rs.getTimestamp("signed_at").toInstant());
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
