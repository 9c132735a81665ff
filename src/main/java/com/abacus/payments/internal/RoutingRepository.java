package com.abacus.payments.internal;

import com.abacus.payments.MigrationDial;
import com.abacus.payments.Processor;
import com.abacus.shared.AccountId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The dial, each account's assignment, and the outcome log success rates are computed from. */
@Repository
public class RoutingRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    RoutingRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    public enum Origin {
        NEW_CUSTOMER,
        EXISTING
    }

    public record Assignment(AccountId accountId, Processor processor, Origin origin, int bucket) {}

    public MigrationDial dial() {
        return jdbc.sql("select new_customers, percent, halted, halted_reason, updated_by, updated_at, halted_methods"
                        + " from migration_dial where id = 1")
                .query((rs, n) -> new MigrationDial(
                        rs.getBoolean("new_customers"),
                        rs.getInt("percent"),
                        rs.getBoolean("halted"),
                        rs.getString("halted_reason"),
                        rs.getString("updated_by"),
                        rs.getTimestamp("updated_at").toInstant(),
                        HaltedMethodsRepository.parse(rs.getString("halted_methods"))))
                .single();
    }

    public void updateDial(
            boolean newCustomers,
            int percent,
            boolean halted,
            String haltedReason,
            String by,
            String reason,
            Instant now) {
        jdbc.sql("""
                        update migration_dial set new_customers = :nc, percent = :percent, halted = :halted, halted_reason = :hr,
                               updated_by = :by, updated_at = :now where id = 1
                        """)
                .param("nc", newCustomers)
                .param("percent", percent)
                .param("halted", halted)
                .param("hr", haltedReason)
                .param("by", by)
                .param("now", Timestamp.from(now))
                .update();
        jdbc.sql("""
                        insert into migration_dial_change (new_customers, percent, halted, changed_by, reason, changed_at)
                        values (:nc, :percent, :halted, :by, :reason, :now)
                        """)
                .param("nc", newCustomers)
                .param("percent", percent)
                .param("halted", halted)
                .param("by", by)
                .param("reason", reason)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Sets the halt flag only if it is not set yet; true when this call halted. */
    public boolean halt(String reason, Instant now) {
        int updated = jdbc.sql(
                        "update migration_dial set halted = true, halted_reason = :reason, updated_by = 'halt-monitor', updated_at = :now where id = 1 and not halted")
                .param("reason", reason)
                .param("now", Timestamp.from(now))
                .update();
        if (updated == 1) {
            MigrationDial dial = dial();
            jdbc.sql("""
                            insert into migration_dial_change (new_customers, percent, halted, changed_by, reason, changed_at)
                            values (:nc, :percent, true, 'halt-monitor', :reason, :now)
                            """)
                    .param("nc", dial.newCustomers())
                    .param("percent", dial.percent())
                    .param("reason", reason)
                    .param("now", Timestamp.from(now))
                    .update();
        }
        return updated == 1;
    }

    public Optional<Assignment> assignment(AccountId account) {
        return jdbc.sql("select account_id, processor, origin, bucket from processor_assignment where account_id = :id")
                .param("id", account.value())
                .query((rs, n) -> new Assignment(
                        account,
                        Processor.valueOf(rs.getString("processor")),
                        Origin.valueOf(rs.getString("origin")),
                        rs.getInt("bucket")))
                .optional();
    }

    public Map<AccountId, Assignment> assignments(Collection<AccountId> accounts) {
        if (accounts.isEmpty()) {
            return Map.of();
        }
        Map<AccountId, Assignment> found = new HashMap<>();
        jdbc.sql("select account_id, processor, origin, bucket from processor_assignment where account_id in (:ids)")
                .param("ids", accounts.stream().map(AccountId::value).toList())
                .query((rs, n) -> new Assignment(
                        new AccountId(rs.getObject("account_id", UUID.class)),
                        Processor.valueOf(rs.getString("processor")),
                        Origin.valueOf(rs.getString("origin")),
                        rs.getInt("bucket")))
                .list()
                .forEach(a -> found.put(a.accountId(), a));
        return found;
    }

    /** Creates the assignment once; a concurrent first charge finds the one that won. */
    public Assignment assignIfAbsent(AccountId account, Processor processor, Origin origin, int bucket, Instant now) {
        return jdbc.sql("""
                        insert into processor_assignment (account_id, processor, origin, bucket, assigned_at)
                        values (:id, :processor, :origin, :bucket, :now) on conflict (account_id) do nothing
                        returning processor
                        """)
                .param("id", account.value())
                .param("processor", processor.name())
                .param("origin", origin.name())
                .param("bucket", bucket)
                .param("now", Timestamp.from(now))
                .query(String.class)
                .optional()
                .map(created -> new Assignment(account, processor, origin, bucket))
                .or(() -> assignment(account))
                .orElseThrow();
    }

    public void reassign(AccountId account, Processor processor, Instant now) {
        jdbc.sql(
                        "update processor_assignment set processor = :processor, assigned_at = :now where account_id = :id and processor <> :processor")
                .param("processor", processor.name())
                .param("now", Timestamp.from(now))
                .param("id", account.value())
                .update();
    }

    /**
     * Applies the dial to every assignment at once (after a dial move, a halt, or a batch of migrated cards). The same
     * rule as {@link Router#effective}: existing accounts move when their bucket is under the dial and their default
     * card is on the new processor; new-processor customers go back only if they have a legacy card.
     */
    public int reassignAll(MigrationDial dial, Instant now) {
        return jdbc.sql("""
                        update processor_assignment a set processor = t.target, assigned_at = :now
                        from (
                            select a2.account_id,
                                   case
                                       when a2.origin = 'NEW_CUSTOMER' then
                                           case when (:halted or m.type = any(string_to_array(:methods, ','))) and m.legacy_token is not null
                                                then 'LEGACY' else 'NEW' end
                                       when not (:halted or m.type = any(string_to_array(:methods, ','))) and a2.bucket < :percent
                                            and m.migrated_at is not null then 'NEW'
                                       when m.legacy_token is null and m.new_token is not null then 'NEW'
                                       else 'LEGACY'
                                   end as target
                            from processor_assignment a2
                            left join payment_method m on m.account_id = a2.account_id and m.is_default and m.removed_at is null
                        ) t
                        where a.account_id = t.account_id and a.processor <> t.target
                        """)
                .param("halted", dial.halted())
                .param(
                        "methods",
                        String.join(
                                ",",
                                dial.haltedMethods().stream().map(Enum::name).toList()))
                .param("percent", dial.percent())
                .param("now", Timestamp.from(now))
                .update();
    }

    public Map<Processor, Long> accountsPerProcessor() {
        Map<Processor, Long> counts = new HashMap<>();
        jdbc.sql("select processor, count(*) as accounts from processor_assignment group by processor")
                .query(rs -> {
                    counts.put(Processor.valueOf(rs.getString("processor")), rs.getLong("accounts"));
                });
        return counts;
    }
}
