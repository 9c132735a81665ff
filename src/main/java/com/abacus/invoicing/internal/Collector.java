package com.abacus.invoicing.internal;

import com.abacus.invoicing.Invoice;
import com.abacus.invoicing.InvoiceId;
import com.abacus.invoicing.InvoicePaid;
import com.abacus.invoicing.InvoiceStatus;
import com.abacus.invoicing.InvoiceWrittenOff;
import com.abacus.invoicing.InvoicesPaid;
import com.abacus.payments.ChargeRequest;
import com.abacus.payments.Payment;
import com.abacus.payments.PaymentId;
import com.abacus.payments.Payments;
import com.abacus.shared.InvalidInputException;
import com.abacus.subscriptions.SubscriptionId;
import com.abacus.subscriptions.SubscriptionStatus;
import com.abacus.subscriptions.Subscriptions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Collects issued invoices through payments, and runs dunning: a failed charge marks the subscription past due and is
 * retried at the configured offsets from the invoice date (default 1, 3 and 7 days); when the last retry fails, the
 * subscription is canceled for non-payment and the invoice written off.
 *
 * <p>Each attempt has its own idempotency key ({@code invoice:<id>:<attempt>}), recorded before the charge is sent:
 * a collection interrupted by a crash resumes with the same key, so the processor sees one charge.
 */
@Component
public class Collector {

    private static final Logger log = LoggerFactory.getLogger(Collector.class);

    public enum Result {
        PAID,
        FAILED,
        PENDING,
        SKIPPED
    }

    private final InvoiceRepository invoices;
    private final Payments payments;
    private final Subscriptions subscriptions;
    private final InvoicingSettings settings;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Collector(InvoiceRepository invoices, Payments payments, Subscriptions subscriptions, InvoicingSettings settings,
            ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock) {
        this.invoices = invoices;
        this.payments = payments;
        this.subscriptions = subscriptions;
        this.settings = settings;
        this.events = events;
        this.transactions = transactions;
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
            var previous = payments.paymentByKey(key(id, attempt));
            if (previous.isPresent()) {
                switch (previous.get().status()) {
                    case SUCCEEDED -> {
                        paid(id, previous.get().id().toString());
                        return Result.PAID;
                    }
                    case FAILED -> {
                        // A charge that never reached the processor (its caller died before sending it) is no decline:
                        // the next attempt goes now. A decline follows the dunning schedule of its attempt.
                        if (!previous.get().neverReachedProcessor()) {
                            Dunning step = failed(invoice, attempt, previous.get().failureCode());
                            if (step != Dunning.RETRY_NOW) {
                                return step == Dunning.WRITTEN_OFF ? Result.FAILED : Result.SKIPPED;
                            }
                        }
                        attempt++;
                    }
                    default -> {
                        // No verdict on the previous attempt yet: never start another charge beside it.
                        invoices.retryAt(id, inFlightUntil());
                        return Result.PENDING;
                    }
                }
            }
        }
        if (attempt != invoice.attempts()) {
            invoices.startAttempt(id, attempt, inFlightUntil());
        }
        String key = key(id, attempt);
        Payment payment;
        try {
            payment = payments.paymentByKey(key).orElseGet(() -> payments.charge(new ChargeRequest(invoice.accountId(), null,
                    invoice.total(), key, reference(id), "Invoice " + invoice.number())));
        } catch (InvalidInputException e) {
            failed(invoice, attempt, "no_payment_method");
            return Result.FAILED;
        }
        return settled(invoice, attempt, payment);
    }

    /** Acts on the verdict of an attempt's payment: paid, dunning, or looked at again once the verdict is known. */
    private Result settled(Invoice invoice, int attempt, Payment payment) {
        return switch (payment.status()) {
            case SUCCEEDED -> {
                paid(invoice.id(), payment.id().toString());
                yield Result.PAID;
            }
            case FAILED -> {
                failed(invoice, attempt, payment.failureCode());
                yield Result.FAILED;
            }
            default -> {
                invoices.retryAt(invoice.id(), inFlightUntil());
                yield Result.PENDING;
            }
        };
    }

    /**
     * A verdict on one of an invoice's charges that came after the charging call (reconciler, processor webhook): acted
     * on as the collecting call would have, if the payment is the invoice's current attempt.
     */
    public void lateVerdict(InvoiceId id, PaymentId paymentId) {
        Invoice invoice = invoices.find(id).orElse(null);
        if (invoice == null || invoice.status() != InvoiceStatus.FINALIZED || invoice.attempts() == 0) {
            return;
        }
        payments.paymentByKey(key(id, invoice.attempts()))
                .filter(payment -> payment.id().equals(paymentId))
                .ifPresent(payment -> {
                    if (payment.neverReachedProcessor()) {
                        // Never sent: the next invoice run makes the next attempt.
                        invoices.retryAt(id, clock.instant());
                    } else {
                        settled(invoice, invoice.attempts(), payment);
                    }
                });
    }

    private Instant inFlightUntil() {
        return clock.instant().plus(settings.collectionGrace());
    }

    /**
     * Collects a batch of just-issued invoices (their first attempt is recorded already): one batch of charges, one
     * transaction marking the paid ones with one {@link InvoicesPaid} event. Declines go to dunning one by one, as in
     * {@link #collect}.
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
        Map<String, Payment> charged = payments.chargeAll(due.stream()
                .map(i -> new ChargeRequest(i.accountId(), null, i.total(), key(i.id(), 1), reference(i.id()), "Invoice " + i.number()))
                .toList());
        Map<InvoiceId, String> succeeded = new LinkedHashMap<>();
        for (Invoice invoice : due) {
            Payment payment = charged.get(key(invoice.id(), 1));
            if (payment == null) {
                failed(invoice, 1, "no_payment_method");
                results.put(invoice.id(), Result.FAILED);
                continue;
            }
            switch (payment.status()) {
                case SUCCEEDED -> succeeded.put(invoice.id(), payment.id().toString());
                case FAILED -> {
                    failed(invoice, 1, payment.failureCode());
                    results.put(invoice.id(), Result.FAILED);
                }
                default -> {
                    invoices.retryAt(invoice.id(), inFlightUntil());
                    results.put(invoice.id(), Result.PENDING);
                }
            }
        }
        Map<InvoiceId, Invoice> byId = due.stream().collect(Collectors.toMap(Invoice::id, i -> i));
        transactions.executeWithoutResult(tx -> {
            Instant now = clock.instant();
            List<InvoicePaid> paid = new ArrayList<>();
            for (InvoiceId id : invoices.markAllPaid(succeeded, now)) {
                Invoice invoice = byId.get(id);
                paid.add(new InvoicePaid(id, invoice.number(), invoice.accountId(), succeeded.get(id), invoice.total().minor(),
                        invoice.total().currencyCode(), now, false));
                results.put(id, Result.PAID);
            }
            if (!paid.isEmpty()) {
                events.publishEvent(new InvoicesPaid(paid));
            }
        });
        succeeded.keySet().forEach(id -> results.putIfAbsent(id, Result.SKIPPED));
        return results;
    }

    private static String key(InvoiceId id, int attempt) {
        return "invoice:" + id + ":" + attempt;
    }

    public void paid(InvoiceId id, String paymentId) {
        transactions.executeWithoutResult(tx -> {
            Invoice invoice = invoices.find(id).orElseThrow();
            if (!invoices.markPaid(id, paymentId, clock.instant())) {
                return;
            }
            events.publishEvent(new InvoicePaid(id, invoice.number(), invoice.accountId(), paymentId, invoice.total().minor(),
                    invoice.total().currencyCode(), clock.instant(), false));
            if (invoice.subscriptionId() != null) {
                var subscription = subscriptions.get(SubscriptionId.of(invoice.subscriptionId()));
                if (subscription.status() == SubscriptionStatus.PAST_DUE) {
                    subscriptions.reactivate(subscription.id());
                }
            }
        });
    }

    /** What dunning decided for a failed attempt. */
    enum Dunning {
        /** The next attempt is scheduled for later; the subscription is past due. */
        RETRY_AT,
        /** The next attempt is due already (its date passed while the failure went unhandled). */
        RETRY_NOW,
        /** That was the last attempt: the invoice is written off and the subscription canceled. */
        WRITTEN_OFF
    }

    /**
     * Dunning for a failed attempt, decided from the attempt number and the invoice date alone, so it may be run again
     * for the same attempt (after a crash, or by a late verdict) and decides the same.
     */
    public Dunning failed(Invoice invoice, int attempt, String code) {
        // Attempts that never reached the processor (the instance died before sending them) are no declines: they do
        // not use up a retry, so the customer gets every retry of the schedule.
        int step = attempt - neverSentBefore(invoice.id(), attempt);
        return transactions.execute(tx -> {
            Instant issued = invoice.issuedAt();
            boolean exhausted = step > settings.dunningRetries().size();
            if (invoice.subscriptionId() != null) {
                subscriptions.markPastDue(SubscriptionId.of(invoice.subscriptionId()));
            }
            if (!exhausted) {
                Instant next = issued.plus(settings.dunningRetries().get(step - 1));
                Instant now = clock.instant();
                invoices.retryAt(invoice.id(), next.isBefore(now) ? now : next);
                log.info("Invoice {} charge attempt {} failed ({}); retry at {}", invoice.number(), attempt, code, next);
                return next.isAfter(now) ? Dunning.RETRY_AT : Dunning.RETRY_NOW;
            }
            if (invoices.writeOff(invoice.id(), InvoiceStatus.UNCOLLECTIBLE)) {
                events.publishEvent(new InvoiceWrittenOff(invoice.id(), invoice.number(), invoice.accountId(),
                        invoice.total().currencyCode(), invoice.total().minor(), InvoiceStatus.UNCOLLECTIBLE.name(), clock.instant()));
                if (invoice.subscriptionId() != null) {
                    subscriptions.cancelNow(SubscriptionId.of(invoice.subscriptionId()), "NON_PAYMENT");
                }
                log.warn("Invoice {} uncollectible after {} attempts; subscription canceled for non-payment", invoice.number(), attempt);
            }
            return Dunning.WRITTEN_OFF;
        });
    }

    private int neverSentBefore(InvoiceId id, int attempt) {
        int neverSent = 0;
        for (int earlier = 1; earlier < attempt; earlier++) {
            if (payments.paymentByKey(key(id, earlier)).map(Payment::neverReachedProcessor).orElse(false)) {
                neverSent++;
            }
        }
        return neverSent;
    }

    static String reference(InvoiceId id) {
        return "invoice:" + id;
    }

}
