package com.abacus.payments;

import com.abacus.payments.internal.PaymentMethodRepository;
import com.abacus.payments.internal.PaymentMethodRepository.StoredMethod;
import com.abacus.payments.internal.PaymentRepository;
import com.abacus.payments.internal.PaymentRepository.PaymentRow;
import com.abacus.payments.internal.PaymentSettlement;
import com.abacus.payments.internal.ProcessorAttempts;
import com.abacus.payments.internal.ProcessorCalls;
import com.abacus.payments.internal.Router;
import com.abacus.shared.AccountId;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Charges, one or a batch, and the payments they made. Each charge is idempotent by its key: recorded PENDING before it
 * is sent, sent with the key (the processor deduplicates), settled with its event. A single charge is a batch of one:
 * both go through {@link #sendAndSettle}. Processor calls never run inside a database transaction.
 */
@Service
public class Charges {

    private final PaymentRepository payments;
    private final PaymentMethodRepository methods;
    private final Router router;
    private final ProcessorCalls calls;
    private final PaymentSettlement settlement;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Charges(
            PaymentRepository payments,
            PaymentMethodRepository methods,
            Router router,
            ProcessorCalls calls,
            PaymentSettlement settlement,
            TransactionTemplate transactions,
            Clock clock) {
        this.payments = payments;
        this.methods = methods;
        this.router = router;
        this.calls = calls;
        this.settlement = settlement;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Charges a card (the given one, or the account's default). The same key returns the same payment. A timeout leaves
     * the payment {@code UNKNOWN}; the reconciler settles it later.
     */
    public Payment charge(ChargeRequest request) {
        require(request);
        Optional<PaymentRow> existing = payments.findByKey(request.idempotencyKey());
        if (existing.isPresent()) {
            return existing.get().payment();
        }
        StoredMethod method = (request.paymentMethodId() != null
                        ? methods.find(request.paymentMethodId(), request.accountId())
                        : methods.defaultFor(request.accountId()))
                .filter(stored -> stored.method().chargeable())
                .orElseThrow(() -> new InvalidInputException("paymentMethod", "no saved payment method to charge"));
        Router.Route route =
                router.route(request.accountId(), method, request.amount().currencyCode());
        Charge charge = new Charge(pending(request, method, route), request, route);
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try {
            PaymentRepository.Pending p = charge.pending();
            payments.insertPending(
                    p.id(),
                    p.account(),
                    p.methodId(),
                    p.processor(),
                    p.amount(),
                    p.idempotencyKey(),
                    p.reference(),
                    p.description(),
                    p.methodType(),
                    p.routedByMethod(),
                    createdAt);
        } catch (DuplicateKeyException e) {
            // The same key raced us here: the other request owns the charge.
            return payments.findByKey(request.idempotencyKey()).orElseThrow().payment();
        }
        return sendAndSettle(List.of(charge), createdAt).get(0);
    }

    /**
     * Charges many default cards, as the invoice run does: the same guarantees as {@link #charge}, with the bookkeeping
     * done in batches. Requests whose key was used before return that payment. Accounts without a saved card are left
     * out of the result.
     *
     * @return the payment of each request, by idempotency key
     */
    public Map<String, Payment> chargeAll(List<ChargeRequest> requests) {
        for (ChargeRequest request : requests) {
            require(request);
            if (request.paymentMethodId() != null) {
                throw new InvalidInputException("requests", "a batch charges each account's default card");
            }
        }
        Map<String, Payment> result = new HashMap<>();
        payments.findByKeys(requests.stream().map(ChargeRequest::idempotencyKey).toList())
                .forEach(row -> result.put(row.idempotencyKey(), row.payment()));
        List<ChargeRequest> fresh = requests.stream()
                .filter(r -> !result.containsKey(r.idempotencyKey()))
                .toList();
        Map<AccountId, StoredMethod> cards =
                methods.defaultsFor(fresh.stream().map(ChargeRequest::accountId).collect(Collectors.toSet()));
        cards.values().removeIf(stored -> !stored.method().chargeable());
        Map<AccountId, String> currencies = new HashMap<>();
        fresh.forEach(r -> currencies.put(r.accountId(), r.amount().currencyCode()));
        Map<AccountId, Router.Route> routes = router.routeAll(cards, currencies);
        List<Charge> charges = new ArrayList<>();
        for (ChargeRequest request : fresh) {
            StoredMethod card = cards.get(request.accountId());
            if (card != null) {
                charges.add(new Charge(
                        pending(request, card, routes.get(request.accountId())),
                        request,
                        routes.get(request.accountId())));
            }
        }
        Instant createdAt = clock.instant();
        try {
            payments.insertPendingAll(charges.stream().map(Charge::pending).toList(), createdAt);
        } catch (DuplicateKeyException e) {
            // A key raced us here: charge one by one, where the loser finds the winner's payment.
            for (Charge charge : charges) {
                result.put(charge.request().idempotencyKey(), charge(charge.request()));
            }
            return result;
        }
        List<Payment> settled = sendAndSettle(charges, createdAt);
        for (int i = 0; i < charges.size(); i++) {
            result.put(charges.get(i).request().idempotencyKey(), settled.get(i));
        }
        return result;
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

    private record Charge(PaymentRepository.Pending pending, ChargeRequest request, Router.Route route) {}

    /**
     * The one core of single and batch charges: each recorded charge is sent through its route, then the attempts and
     * every verdict are written in one transaction (one commit, however many charges).
     */
    private List<Payment> sendAndSettle(List<Charge> charges, Instant createdAt) {
        List<PaymentSettlement.Outcome> outcomes = new ArrayList<>();
        List<ProcessorAttempts.Attempt> attempts = new ArrayList<>();
        for (Charge charge : charges) {
            ProcessorCalls.Sent sent = calls.send(charge.pending().id(), charge.route(), charge.request(), attempts);
            PaymentRepository.Pending pending = charge.pending();
            Payment recorded = Payment.pending(
                    pending.id(),
                    pending.account(),
                    sent.processor(),
                    pending.amount(),
                    pending.reference(),
                    pending.description(),
                    pending.methodId(),
                    createdAt,
                    pending.methodType());
            outcomes.add(new PaymentSettlement.Outcome(recorded, sent.outcome()));
        }
        transactions.executeWithoutResult(tx -> {
            calls.record(attempts);
            settlement.settleAll(outcomes, true);
        });
        return outcomes.stream().map(Charges::afterVerdict).toList();
    }

    private static Payment afterVerdict(PaymentSettlement.Outcome o) {
        return o.payment()
                .withVerdict(
                        o.outcome().processorReference(),
                        PaymentSettlement.statusOf(o.outcome().result()),
                        o.outcome().code(),
                        o.outcome().message(),
                        o.outcome().actionUrl(),
                        o.outcome().settlesAt());
    }

    private static PaymentRepository.Pending pending(ChargeRequest request, StoredMethod method, Router.Route route) {
        return new PaymentRepository.Pending(
                new PaymentId(UUID.randomUUID()),
                request.accountId(),
                method.method().id(),
                route.primary(),
                request.amount(),
                request.idempotencyKey(),
                request.referenceWire(),
                request.description(),
                method.method().type(),
                route.byMethod());
    }

    private static void require(ChargeRequest request) {
        if (request.amount() == null || !request.amount().isPositive()) {
            throw new InvalidInputException("amount", "must be positive");
        }
        if (request.idempotencyKey() == null || request.idempotencyKey().isBlank()) {
            throw new InvalidInputException("idempotencyKey", "is required");
        }
    }
}
