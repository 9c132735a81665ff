package com.abacus.checkout.internal.web;

import com.abacus.catalog.Plan;
import com.abacus.checkout.Order;
import com.abacus.checkout.Quote;
import com.abacus.payments.PaymentMethod;
import com.abacus.shared.web.MoneyView;
import com.abacus.subscriptions.ChargeLine;
import com.abacus.subscriptions.PlanChangeQuote;
import com.abacus.subscriptions.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The public API's JSON shapes: plain strings for ids, decimal strings for money. */
final class ApiViews {

    private ApiViews() {}

    record PlanView(
            String code,
            String product,
            String name,
            String interval,
            int trialDays,
            MoneyView price,
            Map<String, String> features) {
        static PlanView of(Plan plan, String currency) {
            Map<String, String> features = new java.util.TreeMap<>();
            plan.features().forEach((k, v) -> features.put(k, v.toString()));
            return new PlanView(
                    plan.code(),
                    plan.product(),
                    plan.name(),
                    plan.interval().name().toLowerCase(),
                    plan.trialDays(),
                    plan.price(currency).map(MoneyView::of).orElse(null),
                    features);
        }
    }

    record QuoteView(
            String plan,
            String planName,
            String interval,
            String currency,
            List<QuoteLineView> lines,
            MoneyView subtotal,
            MoneyView discount,
            String promotionCode,
            MoneyView tax,
            MoneyView total,
            int trialDays,
            boolean trialAvailable,
            ChangeQuoteView change) {
        static QuoteView of(Quote quote) {
            return new QuoteView(
                    quote.planCode(),
                    quote.planName(),
                    quote.interval(),
                    quote.currency(),
                    quote.lines().stream()
                            .map(l -> new QuoteLineView(
                                    l.kind(),
                                    l.code(),
                                    l.description(),
                                    l.quantity(),
                                    MoneyView.of(l.unitAmount()),
                                    MoneyView.of(l.amount())))
                            .toList(),
                    MoneyView.of(quote.subtotal()),
                    MoneyView.of(quote.discount()),
                    quote.promotion() == null ? null : quote.promotion().code().code(),
                    MoneyView.of(quote.tax()),
                    MoneyView.of(quote.total()),
                    quote.trialDays(),
                    quote.trialAvailable(),
                    quote.change() == null ? null : ChangeQuoteView.of(quote.change()));
        }
    }

    record QuoteLineView(
            String kind, String code, String description, long quantity, MoneyView unitAmount, MoneyView amount) {}

    record ChangeQuoteView(
            String subscriptionId,
            String fromPlan,
            String toPlan,
            String direction,
            String timing,
            Instant effectiveAt,
            List<LineView> prorationLines,
            MoneyView tax,
            MoneyView amountDueNow,
            long unusedDays,
            long periodDays) {
        static ChangeQuoteView of(PlanChangeQuote quote) {
            return new ChangeQuoteView(
                    quote.subscriptionId().toString(),
                    quote.fromPlan(),
                    quote.toPlan(),
                    quote.direction().name().toLowerCase(),
                    quote.timing().name().toLowerCase(),
                    quote.effectiveAt(),
                    quote.prorationLines().stream().map(LineView::of).toList(),
                    MoneyView.of(quote.tax() == null ? quote.amountDueNow().minus(quote.amountDueNow()) : quote.tax()),
                    MoneyView.of(quote.amountDueNow()),
                    quote.unusedDays(),
                    quote.periodDays());
        }
    }

    record LineView(
            String kind,
            String code,
            String description,
            long quantity,
            MoneyView amount,
            Instant serviceStart,
            Instant serviceEnd) {
        static LineView of(ChargeLine line) {
            return new LineView(
                    line.kind().name().toLowerCase(),
                    line.code(),
                    line.description(),
                    line.quantity(),
                    MoneyView.of(line.amount()),
                    line.serviceStart(),
                    line.serviceEnd());
        }
    }

    record FailureView(String code, String message) {}

    record OrderView(
            String id,
            String kind,
            String status,
            String plan,
            String currency,
            MoneyView total,
            Map<String, Integer> addOns,
            boolean trial,
            String subscriptionId,
            String paymentId,
            FailureView failure,
            Instant createdAt,
            NextActionView nextAction) {
        static OrderView of(Order order) {
            return of(order, null);
        }

        /** An order waiting on the customer reads {@code requires_action}, with where to send them. */
        static OrderView of(Order order, NextActionView nextAction) {
            return new OrderView(
                    order.id().toString(),
                    order.kind().name().toLowerCase(),
                    nextAction != null
                            ? "requires_action"
                            : order.status().name().toLowerCase(),
                    order.planCode(),
                    order.currency(),
                    MoneyView.of(order.total()),
                    order.addOns(),
                    order.trial(),
                    order.subscriptionId(),
                    order.paymentId(),
                    order.failureCode() == null ? null : new FailureView(order.failureCode(), order.failureMessage()),
                    order.createdAt(),
                    nextAction);
        }
    }

    record NextActionView(String type, String url) {}

    record PeriodView(Instant start, Instant end) {}

    record ScheduledView(String plan, boolean cancellation, Instant effectiveAt) {}

    record AddOnView(String code, int quantity, MoneyView unitPrice) {}

    record SubscriptionView(
            String id,
            String product,
            String plan,
            int catalogVersion,
            String interval,
            String status,
            MoneyView price,
            List<AddOnView> addOns,
            PeriodView currentPeriod,
            String timeZone,
            Instant trialEnd,
            ScheduledView scheduledChange,
            Instant canceledAt) {
        static SubscriptionView of(Subscription s) {
            ScheduledView scheduled = s.cancelAtPeriodEnd()
                    ? new ScheduledView(null, true, s.currentPeriod().end())
                    : s.scheduledChange() == null
                            ? null
                            : new ScheduledView(
                                    s.scheduledChange().planCode(),
                                    false,
                                    s.scheduledChange().effectiveAt());
            return new SubscriptionView(
                    s.id().toString(),
                    s.product(),
                    s.planCode(),
                    s.catalogVersion(),
                    s.interval().name().toLowerCase(),
                    s.status().name().toLowerCase(),
                    MoneyView.of(s.price()),
                    s.addOns().stream()
                            .map(a -> new AddOnView(a.code(), a.quantity(), MoneyView.of(a.unitPrice())))
                            .toList(),
                    new PeriodView(s.currentPeriod().start(), s.currentPeriod().end()),
                    s.timeZone().getId(),
                    s.trialEnd(),
                    scheduled,
                    s.canceledAt());
        }
    }

    record ChangeResultView(ChangeQuoteView quote, OrderView order, SubscriptionView subscription) {}

    /** Card fields for cards; {@code country}, {@code last4} and the mandate for a SEPA debit; nulls are left out. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record PaymentMethodView(
            String id,
            String type,
            String status,
            String brand,
            String last4,
            Integer expMonth,
            Integer expYear,
            String country,
            MandateView mandate,
            boolean isDefault) {
        static PaymentMethodView of(PaymentMethod method) {
            boolean card = method.type() == com.abacus.payments.PaymentMethodType.CARD;
            return new PaymentMethodView(
                    method.id().toString(),
                    method.type().wire(),
                    method.status().wire(),
                    method.brand(),
                    method.last4(),
                    card ? method.expMonth() : null,
                    card ? method.expYear() : null,
                    method.country(),
                    method.mandateReference() == null
                            ? null
                            : new MandateView(method.mandateReference(), method.mandateAcceptedAt()),
                    method.isDefault());
        }
    }

    record MandateView(String reference, Instant acceptedAt) {}
}
