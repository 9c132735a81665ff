package com.abacus.payments;

import com.abacus.payments.internal.HaltMonitor;
import com.abacus.payments.internal.PaymentMethodRepository;
import com.abacus.payments.internal.PaymentMethodRepository.StoredMethod;
import com.abacus.payments.internal.PaymentRepository;
import com.abacus.payments.internal.PaymentRepository.PaymentRow;
import com.abacus.payments.internal.PaymentRepository.RefundRow;
import com.abacus.payments.internal.PaymentSettlement;
import com.abacus.payments.internal.PaymentSettings;
import com.abacus.payments.internal.ProcessorRegistry;
import com.abacus.payments.internal.Router;
import com.abacus.payments.internal.RoutingRepository;
import com.abacus.payments.internal.processor.PaymentProcessor;
import com.abacus.payments.internal.processor.PaymentProcessor.CardDetails;
import com.abacus.payments.internal.processor.PaymentProcessor.CardToken;
import com.abacus.payments.internal.processor.PaymentProcessor.ChargeCommand;
import com.abacus.payments.internal.processor.PaymentProcessor.ChargeOutcome;
import com.abacus.payments.internal.processor.PaymentProcessor.RefundCommand;
import com.abacus.payments.internal.processor.PaymentProcessor.RefundOutcome;
import com.abacus.payments.internal.processor.PaymentProcessor.Result;
import com.abacus.payments.internal.processor.TestCards;
import com.abacus.shared.AccountId;
import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.Money;
import com.abacus.shared.NotFoundException;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Cards, charges, refunds and the processor migration. Processor calls never run inside a database transaction. */
@Service
public class Payments {

    private final PaymentRepository payments;
    private final PaymentMethodRepository methods;
    private final RoutingRepository routing;
    private final Router router;
    private final ProcessorRegistry processors;
    private final PaymentSettlement settlement;
    private final HaltMonitor haltMonitor;
    private final PaymentSettings settings;
    private final com.abacus.payments.internal.PaymentJobs jobs;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Clock clock;

    Payments(PaymentRepository payments, PaymentMethodRepository methods, RoutingRepository routing, Router router,
            ProcessorRegistry processors, PaymentSettlement settlement, HaltMonitor haltMonitor, PaymentSettings settings,
            com.abacus.payments.internal.PaymentJobs jobs, TransactionTemplate transactions, MeterRegistry meters, Clock clock) {
        this.jobs = jobs;
        this.payments = payments;
        this.methods = methods;
        this.routing = routing;
        this.router = router;
        this.processors = processors;
        this.settlement = settlement;
        this.haltMonitor = haltMonitor;
        this.settings = settings;
        this.transactions = transactions;
        this.meters = meters;
        this.clock = clock;
    }

    // --- cards -----------------------------------------------------------------------------------------------------

    /** Saves a card as the account's default, tokenised at the processor the account belongs to. */
    public PaymentMethod addCard(AccountId account, CardInput card) {
        validate(card);
        String number = card.number().replaceAll("[ -]", "");
        Processor slot = router.processorForNewCard(account);
        CardToken token;
        try {
            token = processors.get(slot).tokenize(new CardDetails(number, card.expMonth(), card.expYear(), card.cvc()));
        } catch (PaymentProcessor.ProcessorException e) {
            throw new DomainException(DomainException.Kind.PAYMENT_FAILED, "card-rejected", "The card was not accepted: " + e.code());
        }
        UUID id = UUID.randomUUID();
        // At the database's precision, so the card returned equals the card read back later.
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        transactions.executeWithoutResult(tx -> methods.insert(id, account, token.brand(), token.last4(), card.expMonth(),
                card.expYear(), slot == Processor.LEGACY ? token.token() : null, slot == Processor.NEW ? token.token() : null,
                slot == Processor.NEW ? now : null, now));
        return new PaymentMethod(id, account, token.brand(), token.last4(), card.expMonth(), card.expYear(), slot == Processor.LEGACY,
                slot == Processor.NEW, slot == Processor.NEW ? now : null, true);
    }

    /** Checks what can be checked without the processor, so a caller can refuse bad card details before writing. */
    public void validate(CardInput card) {
        Map<String, String> errors = new LinkedHashMap<>();
        String number = card.number() == null ? "" : card.number().replaceAll("[ -]", "");
        if (!TestCards.luhnValid(number)) {
            errors.put("card.number", "is not a valid card number");
        }
        if (card.expMonth() < 1 || card.expMonth() > 12) {
            errors.put("card.expMonth", "must be 1 to 12");
        } else if (card.expYear() < 2000 || card.expYear() > 2100
                || YearMonth.of(card.expYear(), card.expMonth()).isBefore(YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)))) {
            errors.put("card.expYear", "card has expired");
        }
        if (card.cvc() != null && !card.cvc().isEmpty() && !card.cvc().matches("[0-9]{3,4}")) {
            errors.put("card.cvc", "must be 3 or 4 digits");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors, "Card details are invalid");
        }
    }

    public List<PaymentMethod> paymentMethods(AccountId account) {
        return methods.forAccount(account);
    }

    // --- charges ---------------------------------------------------------------------------------------------------

    /**
     * Charges a card. Idempotent: the same key returns the same payment and the processor receives the key too, so a
     * retry never charges twice. A timeout leaves the payment {@code UNKNOWN}; the reconciler settles it later.
     */
    public Payment charge(ChargeRequest request) {
        if (request.amount() == null || !request.amount().isPositive()) {
            throw new InvalidInputException("amount", "must be positive");
        }
        if (request.idempotencyKey() == null || request.idempotencyKey().isBlank()) {
            throw new InvalidInputException("idempotencyKey", "is required");
        }
        Optional<PaymentRow> existing = payments.findByKey(request.idempotencyKey());
        if (existing.isPresent()) {
            return existing.get().payment();
        }
        StoredMethod method = (request.paymentMethodId() != null
                        ? methods.find(request.paymentMethodId(), request.accountId())
                        : methods.defaultFor(request.accountId()))
                .orElseThrow(() -> new InvalidInputException("paymentMethod", "no saved card to charge"));
        Router.Route route = router.route(request.accountId(), method);
        PaymentId id = new PaymentId(UUID.randomUUID());
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try {
            payments.insertPending(id, request.accountId(), method.method().id(), route.primary(), request.amount(),
                    request.idempotencyKey(), request.reference(), request.description(), createdAt);
        } catch (DuplicateKeyException e) {
            // The same key raced us here: the other request owns the charge.
            return payments.findByKey(request.idempotencyKey()).orElseThrow().payment();
        }
        List<RoutingRepository.Attempt> attempts = new ArrayList<>();
        Processor processor = route.primary();
        ChargeOutcome outcome = send(processor, route.token(), request, attempts);
        if (outcome.result() == Result.ERROR && route.fallback() != null) {
            // Nothing was sent to the first processor; the customer can still pay through the other one.
            payments.switchProcessor(id, route.fallback(), clock.instant());
            processor = route.fallback();
            outcome = send(processor, route.fallbackToken(), request, attempts);
        }
        Payment sent = new Payment(id, request.accountId(), processor, null, request.amount(), Money.zero(request.amount().currency()),
                PaymentStatus.PENDING, null, null, request.reference(), request.description(), method.method().id(), createdAt);
        ChargeOutcome verdict = outcome;
        // The attempts (the halt monitor's window) are written with the verdict: one commit, not two.
        transactions.executeWithoutResult(tx -> {
            routing.recordAttempts(attempts, clock.instant());
            settlement.settle(sent, verdict, true);
        });
        PaymentStatus status = PaymentSettlement.statusOf(outcome.result());
        return new Payment(id, sent.accountId(), processor, outcome.processorReference(), sent.amount(), sent.refunded(), status,
                status == PaymentStatus.SUCCEEDED ? null : outcome.code(), status == PaymentStatus.SUCCEEDED ? null : outcome.message(),
                sent.reference(), sent.description(), sent.paymentMethodId(), createdAt);
    }

    /**
     * Charges many default cards, as the invoice run does: the same guarantees as {@link #charge} (each request is
     * idempotent by its key, recorded PENDING before it is sent, settled with its event), with the bookkeeping done in
     * batches. Requests whose key was used before return that payment. Accounts without a saved card are left out of
     * the result.
     *
     * @return the payment of each request, by idempotency key
     */
    public Map<String, Payment> chargeAll(List<ChargeRequest> requests) {
        for (ChargeRequest request : requests) {
            if (request.amount() == null || !request.amount().isPositive() || request.idempotencyKey() == null
                    || request.idempotencyKey().isBlank() || request.paymentMethodId() != null) {
                throw new InvalidInputException("requests", "each needs a positive amount and a key, and charges the default card");
            }
        }
        Map<String, Payment> result = new HashMap<>();
        payments.findByKeys(requests.stream().map(ChargeRequest::idempotencyKey).toList())
                .forEach(row -> result.put(row.idempotencyKey(), row.payment()));
        List<ChargeRequest> fresh = requests.stream().filter(r -> !result.containsKey(r.idempotencyKey())).toList();
        Map<AccountId, StoredMethod> cards = methods.defaultsFor(fresh.stream().map(ChargeRequest::accountId).collect(Collectors.toSet()));
        Map<AccountId, Router.Route> routes = router.routeAll(cards);
        Instant now = clock.instant();
        List<PaymentRepository.Pending> pending = new ArrayList<>();
        for (ChargeRequest request : fresh) {
            StoredMethod card = cards.get(request.accountId());
            if (card != null) {
                pending.add(new PaymentRepository.Pending(new PaymentId(UUID.randomUUID()), request.accountId(), card.method().id(),
                        routes.get(request.accountId()).primary(), request.amount(), request.idempotencyKey(), request.reference(),
                        request.description()));
            }
        }
        try {
            payments.insertPendingAll(pending, now);
        } catch (DuplicateKeyException e) {
            // A key raced us here: charge one by one, where the loser finds the winner's payment.
            for (ChargeRequest request : fresh) {
                if (cards.containsKey(request.accountId())) {
                    result.put(request.idempotencyKey(), charge(request));
                }
            }
            return result;
        }
        List<PaymentSettlement.Outcome> outcomes = new ArrayList<>();
        List<RoutingRepository.Attempt> attempts = new ArrayList<>();
        Map<String, ChargeRequest> byKey = fresh.stream().collect(Collectors.toMap(ChargeRequest::idempotencyKey, r -> r, (a, b) -> a));
        for (PaymentRepository.Pending charge : pending) {
            ChargeRequest request = byKey.get(charge.idempotencyKey());
            Router.Route route = routes.get(charge.account());
            Processor processor = route.primary();
            ChargeOutcome outcome = send(processor, route.token(), request, attempts);
            if (outcome.result() == Result.ERROR && route.fallback() != null) {
                payments.switchProcessor(charge.id(), route.fallback(), clock.instant());
                processor = route.fallback();
                outcome = send(processor, route.fallbackToken(), request, attempts);
            }
            Payment sent = new Payment(charge.id(), charge.account(), processor, null, charge.amount(), Money.zero(charge.amount().currency()),
                    PaymentStatus.PENDING, null, null, charge.reference(), charge.description(), charge.methodId(), now);
            outcomes.add(new PaymentSettlement.Outcome(sent, outcome));
        }
        routing.recordAttempts(attempts, clock.instant());
        settlement.settleAll(outcomes);
        for (int i = 0; i < outcomes.size(); i++) {
            PaymentSettlement.Outcome o = outcomes.get(i);
            Payment sent = o.payment();
            PaymentStatus status = PaymentSettlement.statusOf(o.outcome().result());
            result.put(pending.get(i).idempotencyKey(), new Payment(sent.id(), sent.accountId(), sent.processor(), o.outcome().processorReference(),
                    sent.amount(), sent.refunded(), status, status == PaymentStatus.SUCCEEDED ? null : o.outcome().code(),
                    status == PaymentStatus.SUCCEEDED ? null : o.outcome().message(), sent.reference(), sent.description(),
                    sent.paymentMethodId(), sent.createdAt()));
        }
        return result;
    }

    /** One processor call; its outcome is added to {@code attempts}, which the caller records with the verdict. */
    private ChargeOutcome send(Processor processor, String token, ChargeRequest request, List<RoutingRepository.Attempt> attempts) {
        ChargeOutcome outcome = processors.get(processor).charge(new ChargeCommand(token, request.amount(), request.idempotencyKey(),
                request.reference(), request.description()));
        attempts.add(new RoutingRepository.Attempt(processor, outcome.result().name()));
        countAttempt(processor, outcome);
        return outcome;
    }

    private void countAttempt(Processor processor, ChargeOutcome outcome) {
        meters.counter("abacus.payments.attempts", "processor", processor.slug(), "outcome", outcome.result().name().toLowerCase())
                .increment();
        if (processor == Processor.NEW && (outcome.result() == Result.ERROR || outcome.result() == Result.UNKNOWN)) {
            haltMonitor.newProcessorFailed();
        }
    }

    public Payment payment(PaymentId id) {
        return payments.find(id).map(PaymentRow::payment).orElseThrow(() -> new NotFoundException("payment", id));
    }

    public Optional<Payment> paymentByKey(String idempotencyKey) {
        return payments.findByKey(idempotencyKey).map(PaymentRow::payment);
    }

    public List<Payment> paymentsOf(AccountId account) {
        return payments.forAccount(account, 200);
    }

    // --- refunds ---------------------------------------------------------------------------------------------------

    /**
     * Returns money through the processor that took it. The amount is reserved on the payment first with a single
     * conditional update, so refunds can never total more than was captured, even when two agents click at once.
     */
    public Refund refund(RefundRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (request.reason() == null || request.reason().isBlank()) {
            errors.put("reason", "is required");
        } else if (request.reason().length() > 500) {
            errors.put("reason", "must be at most 500 characters");
        }
        if (request.amount() == null || !request.amount().isPositive()) {
            errors.put("amount", "must be positive");
        }
        if (request.idempotencyKey() == null || request.idempotencyKey().isBlank()) {
            errors.put("idempotencyKey", "is required");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors, "Refund request is invalid");
        }
        Optional<RefundRow> previous = payments.findRefundByKey(request.idempotencyKey());
        if (previous.isPresent()) {
            return previous.get().refund();
        }
        Payment payment = payment(request.paymentId());
        if (!payment.amount().currency().equals(request.amount().currency())) {
            throw new InvalidInputException("amount", "must be in the payment's currency " + payment.amount().currencyCode());
        }
        if (request.limit() != null && !request.limit().currency().equals(request.amount().currency())) {
            throw new InvalidInputException("amount", "must be in the limit's currency " + request.limit().currencyCode());
        }
        UUID refundId = UUID.randomUUID();
        Long limit = request.limit() == null ? null : request.limit().minor();
        try {
            Boolean reserved = transactions.execute(tx -> {
                var now = clock.instant();
                if (!payments.reserveRefund(payment.id(), request.amount().minor(), limit, now)) {
                    return false;
                }
                payments.insertRefund(refundId, payment, request.amount(), request.reason().trim(), request.requestedBy(),
                        request.idempotencyKey(), limit != null, now);
                return true;
            });
            if (!Boolean.TRUE.equals(reserved)) {
                Payment current = payment(payment.id());
                if (request.amount().compareTo(current.refundable()) > 0) {
                    throw new DomainException(DomainException.Kind.CONFLICT, "refund-exceeds-captured",
                            "Refund of " + request.amount() + " exceeds what remains refundable (" + current.refundable() + ")");
                }
                Money used = refundedUnderLimit(payment.id());
                throw new DomainException(DomainException.Kind.FORBIDDEN, "refund-above-support-limit",
                        "SUPPORT may refund at most " + request.limit() + " in total per payment (" + used
                                + " refunded so far); larger refunds need an ADMIN");
            }
        } catch (DuplicateKeyException e) {
            return payments.findRefundByKey(request.idempotencyKey()).orElseThrow().refund();
        }
        RefundRow row = payments.findRefund(refundId).orElseThrow();
        RefundOutcome outcome = processors.get(payment.processor()).refund(new RefundCommand(payment.processorReference(),
                request.amount(), request.idempotencyKey(), request.reason()));
        settlement.settleRefund(row, outcome.result(), outcome.processorReference(), outcome.code());
        return payments.findRefund(refundId).orElseThrow().refund();
    }

    /** What refunds made under a limit (SUPPORT's) have returned of a payment so far. */
    public Money refundedUnderLimit(PaymentId id) {
        return Money.ofMinor(payments.refundedUnderLimit(id), payment(id).amount().currencyCode());
    }

    public List<Refund> refunds(PaymentId payment) {
        return payments.refundsOf(payment);
    }

    public List<Refund> refundsOf(AccountId account) {
        return payments.refundsOfAccount(account);
    }

    // --- migration -------------------------------------------------------------------------------------------------

    public MigrationDial dial() {
        return routing.dial();
    }

    public Processor processorOf(AccountId account) {
        return routing.assignment(account).map(RoutingRepository.Assignment::processor).orElse(null);
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
                throw new DomainException(DomainException.Kind.CONFLICT, "migration-halted",
                        "The migration is halted (" + current.haltedReason() + "); resume it before raising the dial");
            }
            routing.updateDial(newCustomers, percent, current.halted(), current.haltedReason(), by, reason.trim(), clock.instant());
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
            routing.updateDial(current.newCustomers(), current.percent(), false, null, by, reason.trim(), clock.instant());
            routing.reassignAll(routing.dial(), clock.instant());
        });
        router.dialChanged();
        return routing.dial();
    }

    /** Copies one batch of legacy cards to the new processor now (the job also runs on its own schedule). */
    public int copyCardsToNewProcessor() {
        return jobs.migrateTokens();
    }

    /** Settles unknown payments and pending refunds now (the reconciler also runs on its own schedule). */
    public int reconcileNow() {
        return jobs.reconcile();
    }

    public MigrationState migrationState() {
        var since = clock.instant().minus(settings.statsWindow());
        var counts = routing.attemptCounts(since);
        var accounts = routing.accountsPerProcessor();
        var volume = routing.volume(since);
        List<ProcessorStats> stats = new ArrayList<>();
        for (Processor processor : Processor.values()) {
            var c = counts.getOrDefault(processor, new RoutingRepository.AttemptCounts(0, 0, 0));
            BigDecimal rate = c.attempts() == 0 ? null : BigDecimal.valueOf(c.succeeded() * 100)
                    .divide(BigDecimal.valueOf(c.attempts()), 1, RoundingMode.HALF_UP);
            stats.add(new ProcessorStats(processor, processors.get(processor).adapter(), accounts.getOrDefault(processor, 0L),
                    c.attempts(), c.succeeded(), c.errors(), rate, volume.getOrDefault(processor, Map.of())));
        }
        long[] progress = methods.migrationProgress();
        return new MigrationState(routing.dial(), stats, progress[0], progress[1], settings.statsWindow(),
                settings.halt().failurePercent());
    }
}
