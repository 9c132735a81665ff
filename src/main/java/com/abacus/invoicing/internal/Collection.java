package com.abacus.invoicing.internal;

import com.abacus.invoicing.Invoice;
import com.abacus.invoicing.InvoiceId;
import com.abacus.invoicing.InvoiceStatus;
import com.abacus.payments.ChargeRequest;
import com.abacus.payments.Charges;
import com.abacus.payments.Payment;
import com.abacus.payments.PaymentId;
import com.abacus.shared.ChargeReference;
import com.abacus.shared.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Collects issued invoices through payments: one (a dunning retry, an invoice an interrupted run left) or the invoice
 * run's batch of just-issued ones, both through the same rule for a verdict ({@link #settled}); what a decline means
 * is {@link Dunning}'s to decide.
 *
 * <p>Each attempt has its own idempotency key ({@code invoice:<id>:<attempt>}), recorded before the charge is sent:
 * a collection interrupted by a crash resumes with the same key, so the processor sees one charge.
 */
@Component
public class Collection {

    public enum Result {
        PAID,
        FAILED,
        PENDING,
        SKIPPED
    }

    private final InvoiceRepository invoices;
    private final CollectionQueue collectionQueue;
    private final Charges charges;
    private final Dunning dunning;
    private final InvoiceSettlement settlement;
    private final InvoicingSettings settings;
    private final Clock clock;

    Collection(
            InvoiceRepository invoices,
            CollectionQueue collectionQueue,
            Charges charges,
            Dunning dunning,
            InvoiceSettlement settlement,
            InvoicingSettings settings,
            Clock clock) {
        this.invoices = invoices;
        this.collectionQueue = collectionQueue;
        this.charges = charges;
        this.dunning = dunning;
        this.settlement = settlement;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Takes an issued invoice one step towards paid, retried or written off. The state of the current attempt's payment
     * decides, never a flag another step may not have written: a decline whose collecting call died before acting on it
     * is acted on here, a payment whose verdict is not known yet is looked at again after {@code collection-grace}.
     */
    public Result collect(InvoiceId id) {
        Invoice invoice = invoices.find(id).orElseThrow();
        if (invoice.status() != InvoiceStatus.FINALIZED) {
            return Result.SKIPPED;
        }
        int attempt = Math.max(1, invoice.attempts());
        if (invoice.attempts() > 0) {
            var previous = attemptPayment(invoice, attempt);
            if (previous.isPresent()) {
                switch (previous.get().status()) {
                    case SUCCEEDED -> {
                        settlement.paid(id, previous.get().id().toString());
                        return Result.PAID;
                    }
                    case FAILED -> {
                        collectionQueue.paymentPending(id, false);
                        // A charge that never reached the processor (its caller died before sending it) is no decline:
                        // the next attempt goes now. A decline follows the dunning schedule of its attempt.
                        if (!previous.get().neverReachedProcessor()) {
                            Dunning.Step step = dunning.failed(
                                    invoice, attempt, previous.get().failureCode());
                            if (step != Dunning.Step.RETRY_NOW) {
                                return step == Dunning.Step.WRITTEN_OFF ? Result.FAILED : Result.SKIPPED;
                            }
                        }
                        attempt++;
                    }
                    default -> {
                        // No verdict on the previous attempt yet: never start another charge beside it (a debit
                        // that has not settled is looked at again when it should have).
                        return settled(invoice, attempt, previous.get());
                    }
                }
            }
        }
        return charge(invoice, attempt);
    }

    /**
     * Staff's "retry now": the next attempt is charged now, whatever the dunning schedule says. A previous attempt
     * whose verdict is not known yet is never joined by another charge; one that succeeded just settles the invoice.
     */
    public Result retryNow(InvoiceId id) {
        Invoice invoice = invoices.find(id).orElseThrow();
        if (invoice.status() != InvoiceStatus.FINALIZED) {
            return Result.SKIPPED;
        }
        int attempt = Math.max(1, invoice.attempts());
        var previous = invoice.attempts() > 0 ? attemptPayment(invoice, attempt) : Optional.<Payment>empty();
        if (previous.isPresent()) {
            switch (previous.get().status()) {
                case SUCCEEDED -> {
                    settlement.paid(id, previous.get().id().toString());
                    return Result.PAID;
                }
                case FAILED -> attempt++;
                default -> {
                    return Result.PENDING;
                }
            }
        }
        return charge(invoice, attempt);
    }

    private Result charge(Invoice invoice, int attempt) {
        InvoiceId id = invoice.id();
        if (attempt != invoice.attempts()) {
            collectionQueue.startAttempt(id, attempt, inFlightUntil());
        }
        String key = key(id, attempt);
        Payment payment;
        try {
            payment = charges.paymentByKey(key).orElseGet(() -> charges.charge(request(invoice, key)));
        } catch (InvalidInputException e) {
            dunning.failed(invoice, attempt, "no_payment_method");
            return Result.FAILED;
        }
        return settled(invoice, attempt, payment);
    }

    /**
     * Collects a batch of just-issued invoices (their first attempt is recorded already): one batch of charges, one
     * transaction marking the paid ones; every other verdict goes through {@link #settled}, as in {@link #collect}.
     */
    public Map<InvoiceId, Result> collectAll(List<Invoice> issued) {
        Map<InvoiceId, Result> results = new HashMap<>();
        List<Invoice> due = new ArrayList<>();
        for (Invoice invoice : issued) {
            if (invoice.status() == InvoiceStatus.FINALIZED && invoice.attempts() == 1) {
                due.add(invoice);
            } else {
                results.put(invoice.id(), invoice.status() == InvoiceStatus.PAID ? Result.PAID : collect(invoice.id()));
            }
        }
        Map<String, Payment> charged = charges.chargeAll(due.stream()
                .map(i -> request(i, key(i.id(), 1)))
                .toList());
        Map<InvoiceId, String> succeeded = new LinkedHashMap<>();
        for (Invoice invoice : due) {
            Payment payment = charged.get(key(invoice.id(), 1));
            if (payment == null) {
                dunning.failed(invoice, 1, "no_payment_method");
                results.put(invoice.id(), Result.FAILED);
            } else if (payment.status() == com.abacus.payments.PaymentStatus.SUCCEEDED) {
                succeeded.put(invoice.id(), payment.id().toString());
            } else {
                results.put(invoice.id(), settled(invoice, 1, payment));
            }
        }
        Set<InvoiceId> marked = settlement.paidAll(due, succeeded);
        succeeded.keySet().forEach(id -> results.put(id, marked.contains(id) ? Result.PAID : Result.SKIPPED));
        return results;
    }

    /**
     * The payment of an invoice's attempt: the one charged with the attempt's key, or, for attempt 1 of an invoice whose
     * charge was made before it was issued (checkout's debit), that payment.
     */
    Optional<Payment> attemptPayment(Invoice invoice, int attempt) {
        Optional<Payment> keyed = charges.paymentByKey(key(invoice.id(), attempt));
        if (keyed.isPresent() || attempt != 1 || invoice.paymentId() == null) {
            return keyed;
        }
        return Optional.of(charges.payment(PaymentId.of(invoice.paymentId())));
    }

    /** Acts on the verdict of an attempt's payment: paid, dunning, or looked at again once the verdict is known. */
    Result settled(Invoice invoice, int attempt, Payment payment) {
        return switch (payment.status()) {
            case SUCCEEDED -> {
                settlement.paid(invoice.id(), payment.id().toString());
                yield Result.PAID;
            }
            case FAILED -> {
                collectionQueue.paymentPending(invoice.id(), false);
                dunning.failed(invoice, attempt, payment.failureCode());
                yield Result.FAILED;
            }
            case PROCESSING -> {
                // A debit accepted and not settled: "payment pending", looked at again when it should have settled.
                collectionQueue.paymentPending(invoice.id(), true);
                collectionQueue.retryAt(
                        invoice.id(),
                        payment.settlesAt() != null && payment.settlesAt().isAfter(inFlightUntil())
                                ? payment.settlesAt().plus(settings.collectionGrace())
                                : inFlightUntil());
                yield Result.PENDING;
            }
            default -> {
                collectionQueue.retryAt(invoice.id(), inFlightUntil());
                yield Result.PENDING;
            }
        };
    }

    Instant inFlightUntil() {
        return clock.instant().plus(settings.collectionGrace());
    }

    private static ChargeRequest request(Invoice invoice, String key) {
        return new ChargeRequest(
                invoice.accountId(),
                null,
                invoice.total(),
                key,
                new ChargeReference.ForInvoice(invoice.id().value()),
                "Invoice " + invoice.number());
    }

    static String key(InvoiceId id, int attempt) {
        return "invoice:" + id + ":" + attempt;
    }
}
