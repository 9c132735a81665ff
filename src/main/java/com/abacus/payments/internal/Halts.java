package com.abacus.payments.internal;

import com.abacus.payments.PaymentMethodType;
import com.abacus.payments.Processor;
import com.abacus.payments.ProcessorMigrationHalted;
import com.abacus.payments.internal.ProcessorAttempts.AttemptCounts;
import com.abacus.shared.DomainException;
import java.time.Clock;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Halts the new processor, for everything or for one payment method, and resumes it. A halted method's charges go back
 * to the legacy slot (where the account holds the method there) and its new methods are saved there; the others carry
 * on. A method only one slot takes has nowhere else to go, so it cannot be halted alone.
 */
@Component
public class Halts {

    private final RoutingRepository routing;
    private final HaltedMethodsRepository haltedMethods;
    private final Router router;
    private final SlotCapabilities capabilities;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Halts(
            RoutingRepository routing,
            HaltedMethodsRepository haltedMethods,
            Router router,
            SlotCapabilities capabilities,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock) {
        this.routing = routing;
        this.haltedMethods = haltedMethods;
        this.router = router;
        this.capabilities = capabilities;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The whole dial, by the halt monitor. @return true when this call halted it */
    boolean haltAll(String reason, AttemptCounts counts) {
        Instant now = clock.instant();
        Boolean halted = transactions.execute(tx -> {
            if (!routing.halt(reason, now)) {
                return false;
            }
            routing.reassignAll(routing.dial(), now);
            events.publishEvent(new ProcessorMigrationHalted(Processor.NEW, counts.errors(), counts.attempts(), now));
            return true;
        });
        router.dialChanged();
        return Boolean.TRUE.equals(halted);
    }

    /** @return true when this call halted the method (false: it was halted already) */
    public boolean haltMethod(PaymentMethodType method, String by, String reason, AttemptCounts counts) {
        requireBothSlotsTake(method);
        Instant now = clock.instant();
        Boolean halted = transactions.execute(tx -> {
            if (!haltedMethods.setMethodHalted(method, true, by, reason, now)) {
                return false;
            }
            routing.reassignAll(routing.dial(), now);
            if (counts != null) {
                events.publishEvent(
                        new ProcessorMigrationHalted(Processor.NEW, counts.errors(), counts.attempts(), now));
            }
            return true;
        });
        router.dialChanged();
        return Boolean.TRUE.equals(halted);
    }

    /** @return true when this call resumed the method (false: it was not halted) */
    public boolean resumeMethod(PaymentMethodType method, String by, String reason) {
        Instant now = clock.instant();
        Boolean resumed = transactions.execute(tx -> {
            if (!haltedMethods.setMethodHalted(method, false, by, reason, now)) {
                return false;
            }
            routing.reassignAll(routing.dial(), now);
            return true;
        });
        router.dialChanged();
        return Boolean.TRUE.equals(resumed);
    }

    public boolean bothSlotsTake(PaymentMethodType method) {
        return capabilities.takes(Processor.LEGACY, method, null) && capabilities.takes(Processor.NEW, method, null);
    }

    private void requireBothSlotsTake(PaymentMethodType method) {
        if (!bothSlotsTake(method)) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "method-single-slot",
                    "Only one processor takes " + method.wire() + ": there is no other processor to send it to");
        }
    }
}
