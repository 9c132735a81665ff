package com.abacus.payments;

import com.abacus.payments.internal.Halts;
import com.abacus.payments.internal.MigrationStats;
import com.abacus.payments.internal.Router;
import com.abacus.payments.internal.RoutingRepository;
import com.abacus.payments.internal.TokenMigration;
import com.abacus.shared.AccountId;
import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The migration between the two processor slots: the sticky dial over existing customers, new customers' slot, the
 * halt and its resumption, copying cards to the new processor, and the dashboard's figures.
 */
@Service
public class ProcessorMigration {

    private final RoutingRepository routing;
    private final Router router;
    private final TokenMigration tokens;
    private final MigrationStats stats;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Halts halts;

    ProcessorMigration(
            RoutingRepository routing,
            Router router,
            TokenMigration tokens,
            MigrationStats stats,
            TransactionTemplate transactions,
            Clock clock,
            Halts halts) {
        this.halts = halts;
        this.routing = routing;
        this.router = router;
        this.tokens = tokens;
        this.stats = stats;
        this.transactions = transactions;
        this.clock = clock;
    }

    public MigrationDial dial() {
        return routing.dial();
    }

    public Processor processorOf(AccountId account) {
        return routing.assignment(account)
                .map(RoutingRepository.Assignment::processor)
                .orElse(null);
    }

    /**
     * Moves the dial. Lowering it is always allowed (that is the rollback); raising it or turning on new customers
     * while halted is refused until someone resumes after looking at why it halted.
     */
    public MigrationDial setDial(boolean newCustomers, int percent, String by, String reason) {
        if (percent < 0 || percent > 100) {
            throw new InvalidInputException("percent", "must be 0 to 100");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "is required");
        }
        transactions.executeWithoutResult(tx -> {
            MigrationDial current = routing.dial();
            boolean raising = percent > current.percent() || (newCustomers && !current.newCustomers());
            if (current.halted() && raising) {
                throw new DomainException(
                        DomainException.Kind.CONFLICT,
                        "migration-halted",
                        "The migration is halted (" + current.haltedReason() + "); resume it before raising the dial");
            }
            routing.updateDial(
                    newCustomers,
                    percent,
                    current.halted(),
                    current.haltedReason(),
                    by,
                    reason.trim(),
                    clock.instant());
            routing.reassignAll(routing.dial(), clock.instant());
        });
        router.dialChanged();
        return routing.dial();
    }

    public MigrationDial resume(String by, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "is required");
        }
        transactions.executeWithoutResult(tx -> {
            MigrationDial current = routing.dial();
            routing.updateDial(
                    current.newCustomers(), current.percent(), false, null, by, reason.trim(), clock.instant());
            routing.reassignAll(routing.dial(), clock.instant());
        });
        router.dialChanged();
        return routing.dial();
    }

    /**
     * Halts the new processor for one method (its charges go back to the legacy slot) or resumes it. Refused for a
     * method only one slot takes: it has nowhere else to go.
     *
     * @return whether this call changed anything (false: the method was halted, or running, already)
     */
    public boolean setMethodHalted(PaymentMethodType method, boolean halted, String by, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "is required");
        }
        return halted
                ? halts.haltMethod(method, by, reason.trim(), null)
                : halts.resumeMethod(method, by, reason.trim());
    }

    /** Whether the new processor can be halted for this method alone: both slots take it. */
    public boolean canHaltAlone(PaymentMethodType method) {
        return halts.bothSlotsTake(method);
    }

    /** Copies one batch of legacy cards to the new processor now (the job also runs on its own schedule). */
    public int copyCardsToNewProcessor() {
        return tokens.migrateTokens();
    }

    public MigrationState migrationState() {
        return stats.state();
    }
}
