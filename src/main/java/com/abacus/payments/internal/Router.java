package com.abacus.payments.internal;

import com.abacus.payments.MigrationDial;
import com.abacus.payments.PaymentMethodType;
import com.abacus.payments.Processor;
import com.abacus.payments.internal.PaymentMethodRepository.StoredMethod;
import com.abacus.payments.internal.RoutingRepository.Assignment;
import com.abacus.payments.internal.RoutingRepository.Origin;
import com.abacus.shared.AccountId;
import com.abacus.shared.InvalidInputException;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Decides which processor takes an account's charge.
 *
 * <ul>
 *   <li>Accounts that have never paid go to the new processor once {@code newCustomers} is on.</li>
 *   <li>Existing accounts move when their bucket (a stable hash of the account id, 0–99) is below the dial's percent
 *       and their card has been copied to the new processor. Raising 10% to 20% only adds accounts; lowering it sends
 *       accounts back to the legacy processor, where their card still works.</li>
 *   <li>A halt sends everyone with a legacy card back to the legacy processor.</li>
 *   <li>When the chosen processor is unavailable (the charge was not sent), the other one is tried if it holds the
 *       card; a timeout is never retried elsewhere, because money may have moved.</li>
 *   <li>A method (or currency) only one slot takes goes to that slot whatever the dial says, and the payment is marked
 *       "routed by method" for the dashboard. So the dial, the halt and the rollback move only what both slots can
 *       take: halting the new processor sends cards and PayPal back to the legacy one, while SEPA debits, which only
 *       the new one takes, stay there. The new processor can be halted for one method (cards, or PayPal) alone.</li>
 * </ul>
 */
@Component
public class Router {

    private final RoutingRepository routing;
    private final SlotCapabilities capabilities;
    private final Clock clock;
    private final LoadingCache<String, MigrationDial> dial;

    Router(RoutingRepository routing, SlotCapabilities capabilities, Clock clock) {
        this.routing = routing;
        this.capabilities = capabilities;
        this.clock = clock;
        // Other instances see a dial move within a second; this instance at once (see dialChanged).
        this.dial =
                Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(1)).build(k -> routing.dial());
    }

    /** @param byMethod the primary was forced because only it takes the method (or currency) */
    public record Route(
            Processor primary,
            String token,
            Processor fallback,
            String fallbackToken,
            boolean byMethod,
            PaymentMethodType methodType) {}

    public MigrationDial dial() {
        return dial.get("dial");
    }

    public void dialChanged() {
        dial.invalidateAll();
    }

    /**
     * Where a newly saved method is stored: new-processor customers at the new processor, everyone else at the legacy
     * one; a method only one slot takes at that slot.
     */
    public Processor processorForNewMethod(AccountId account, PaymentMethodType type, String currency) {
        Assignment assignment = assignmentOf(account);
        Processor preferred = assignment.origin() == Origin.NEW_CUSTOMER && !dial().haltedFor(type)
                ? Processor.NEW
                : Processor.LEGACY;
        if (capabilities.takes(preferred, type, currency)) {
            return preferred;
        }
        Processor other = other(preferred);
        if (capabilities.takes(other, type, currency)) {
            return other;
        }
        throw new InvalidInputException(
                "paymentMethod", "no processor takes " + type.wire() + (currency == null ? "" : " in " + currency));
    }

    public Assignment assignmentOf(AccountId account) {
        return routing.assignment(account).orElseGet(() -> {
            MigrationDial current = dial();
            boolean toNew = current.newCustomers() && !current.halted();
            return routing.assignIfAbsent(
                    account,
                    toNew ? Processor.NEW : Processor.LEGACY,
                    toNew ? Origin.NEW_CUSTOMER : Origin.EXISTING,
                    bucket(account),
                    clock.instant());
        });
    }

    public Route route(AccountId account, StoredMethod method, String currency) {
        return route(assignmentOf(account), method, currency);
    }

    /** {@link #route} for many accounts, with one read of their assignments. */
    public Map<AccountId, Route> routeAll(Map<AccountId, StoredMethod> methods, Map<AccountId, String> currencies) {
        Map<AccountId, Assignment> assignments = routing.assignments(methods.keySet());
        Map<AccountId, Route> routes = new HashMap<>();
        methods.forEach((account, method) -> {
            Assignment assignment = assignments.get(account);
            String currency = currencies.get(account);
            routes.put(
                    account,
                    assignment == null ? route(account, method, currency) : route(assignment, method, currency));
        });
        return routes;
    }

    private Route route(Assignment assignment, StoredMethod method, String currency) {
        AccountId account = assignment.accountId();
        MigrationDial current = dial();
        PaymentMethodType type = method.method().type();
        Processor wanted = wanted(assignment, current, type);
        boolean byMethod = !capabilities.takes(wanted, type, currency)
                && capabilities.takes(other(wanted), type, currency)
                && tokenAt(other(wanted), method) != null;
        Processor target = byMethod ? other(wanted) : effective(assignment, current, method);
        if (!byMethod && target != assignment.processor()) {
            routing.reassign(account, target, clock.instant());
        }
        Processor other = other(target);
        String otherToken = capabilities.takes(other, type, currency) ? tokenAt(other, method) : null;
        // Never fail over onto a processor the dial has halted (for this method).
        if (other == Processor.NEW && current.haltedFor(type)) {
            otherToken = null;
        }
        return new Route(
                target, tokenAt(target, method), otherToken == null ? null : other, otherToken, byMethod, type);
    }

    /** The slot the dial wants for the account's charge of this method, whichever slot holds the method. */
    private static Processor wanted(Assignment assignment, MigrationDial dial, PaymentMethodType type) {
        if (dial.haltedFor(type)) {
            return Processor.LEGACY;
        }
        if (assignment.origin() == Origin.NEW_CUSTOMER) {
            return Processor.NEW;
        }
        return assignment.bucket() < dial.percent() ? Processor.NEW : Processor.LEGACY;
    }

    private static Processor other(Processor slot) {
        return slot == Processor.NEW ? Processor.LEGACY : Processor.NEW;
    }

    static Processor effective(Assignment assignment, MigrationDial dial, StoredMethod method) {
        boolean halted = dial.haltedFor(method.method().type());
        if (assignment.origin() == Origin.NEW_CUSTOMER) {
            return halted && method.legacyToken() != null
                    ? Processor.LEGACY
                    : method.newToken() != null ? Processor.NEW : Processor.LEGACY;
        }
        if (method.legacyToken() == null) {
            return Processor.NEW;
        }
        boolean inDial = !halted && assignment.bucket() < dial.percent() && method.migrated();
        return inDial ? Processor.NEW : Processor.LEGACY;
    }

    private static String tokenAt(Processor processor, StoredMethod method) {
        return processor == Processor.NEW
                ? (method.migrated() || method.legacyToken() == null ? method.newToken() : null)
                : method.legacyToken();
    }

    /** Stable across instances, restarts and languages: the first four bytes of SHA-256(account id), modulo 100. */
    public static int bucket(AccountId account) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(account.toString().getBytes(StandardCharsets.UTF_8));
            return (int) Long.remainderUnsigned(ByteBuffer.wrap(hash, 0, 4).getInt() & 0xffffffffL, 100);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
