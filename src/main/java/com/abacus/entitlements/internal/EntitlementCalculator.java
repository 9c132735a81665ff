package com.abacus.entitlements.internal;

import com.abacus.catalog.AddOn;
import com.abacus.catalog.Catalog;
import com.abacus.catalog.FeatureValue;
import com.abacus.catalog.Plan;
import com.abacus.entitlements.Entitlement;
import com.abacus.entitlements.EntitlementOverride;
import com.abacus.entitlements.TrialGrant;
import com.abacus.subscriptions.Subscription;
import com.abacus.subscriptions.SubscriptionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one place that decides what an account may use. Rules, in order:
 * <ol>
 *   <li>Each live subscription grants its plan's features (from the catalog version it bought). A subscription that
 *       cancels or changes at period end keeps its current plan until then ({@code validUntil} = period end). A
 *       past-due subscription keeps its features for the grace period, then grants nothing.</li>
 *   <li>Add-ons add their numeric features per unit bought to the plan's limits.</li>
 *   <li>Active trials raise values to the trial plan's (or trial feature set's) where higher.</li>
 *   <li>Overrides replace the value, whatever the sources above say; of two active overrides of one feature, the
 *       newer wins.</li>
 * </ol>
 * Where two subscriptions grant the same feature, the larger value wins.
 */
public class EntitlementCalculator {

    private final Catalog catalog;
    private final Duration pastDueGrace;

    public EntitlementCalculator(Catalog catalog, Duration pastDueGrace) {
        this.catalog = catalog;
        this.pastDueGrace = pastDueGrace;
    }

    public record Result(Map<String, Entitlement> features, Instant nextChangeAt) {}

    public Result compute(
            List<Subscription> subscriptions,
            List<TrialGrant> trials,
            List<EntitlementOverride> overrides,
            Instant now) {
        Map<String, Entitlement> features = new TreeMap<>();
        Instant next = null;
        for (Subscription subscription : subscriptions) {
            if (!subscription.status().isLive()
                    || subscription.currentPeriod().end().isBefore(now) && subscription.cancelAtPeriodEnd()) {
                continue;
            }
            Instant validUntil = null;
            if (subscription.cancelAtPeriodEnd() || subscription.scheduledChange() != null) {
                validUntil = subscription.currentPeriod().end();
            }
            if (subscription.status() == SubscriptionStatus.PAST_DUE && subscription.pastDueSince() != null) {
                Instant graceEnds = subscription.pastDueSince().plus(pastDueGrace);
                if (!now.isBefore(graceEnds)) {
                    continue;
                }
                validUntil = earliest(validUntil, graceEnds);
            }
            next = earliest(next, validUntil);
            Plan plan = catalog.plan(subscription.catalogVersion(), subscription.planCode());
            String source = "plan:" + plan.code();
            for (var feature : plan.features().entrySet()) {
                raise(features, feature.getKey(), feature.getValue(), source, validUntil);
            }
            for (Subscription.AddOnLine line : subscription.addOns()) {
                AddOn addOn = catalog.version(subscription.catalogVersion())
                        .addOn(line.code())
                        .orElse(null);
                if (addOn == null) {
                    continue;
                }
                for (var feature : addOn.features().entrySet()) {
                    add(
                            features,
                            feature.getKey(),
                            feature.getValue(),
                            line.quantity(),
                            "addon:" + addOn.code(),
                            validUntil);
                }
            }
        }
        for (TrialGrant trial : trials) {
            if (trial.revokedAt() != null || !trial.endsAt().isAfter(now)) {
                continue;
            }
            if (trial.startsAt().isAfter(now)) {
                next = earliest(next, trial.startsAt());
                continue;
            }
            next = earliest(next, trial.endsAt());
            String source = "trial:" + trial.id();
            if (trial.planCode() != null) {
                catalog.current()
                        .plan(trial.planCode())
                        .ifPresent(plan -> plan.features()
                                .forEach((feature, value) -> raise(features, feature, value, source, trial.endsAt())));
            }
            trial.features()
                    .forEach((feature, value) -> raise(features, feature, parse(value), source, trial.endsAt()));
        }
        List<EntitlementOverride> oldestFirst = overrides.stream()
                .sorted(java.util.Comparator.comparing(EntitlementOverride::createdAt)
                        .thenComparing(o -> o.id().toString()))
                .toList();
        for (EntitlementOverride override : oldestFirst) {
            if (!override.activeAt(now)) {
                continue;
            }
            next = earliest(next, override.expiresAt());
            FeatureValue value = parse(override.value());
            features.put(
                    override.feature(),
                    new Entitlement(
                            override.feature(),
                            value.enabled(),
                            value.limit(),
                            "override:" + override.id(),
                            override.expiresAt()));
        }
        return new Result(features, next);
    }

    /** "true"/"false" for switches, a whole number for limits. */
    public static FeatureValue parse(String value) {
        if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
            return FeatureValue.of(Boolean.parseBoolean(value));
        }
        return FeatureValue.limit(Long.parseLong(value.trim()));
    }

    private static void raise(
            Map<String, Entitlement> features, String feature, FeatureValue value, String source, Instant validUntil) {
        Entitlement current = features.get(feature);
        if (current == null || greater(value, current)) {
            features.put(feature, new Entitlement(feature, value.enabled(), value.limit(), source, validUntil));
        }
    }

    private static void add(
            Map<String, Entitlement> features,
            String feature,
            FeatureValue value,
            int quantity,
            String source,
            Instant validUntil) {
        Entitlement current = features.get(feature);
        if (!value.hasLimit()) {
            raise(features, feature, value, source, validUntil);
            return;
        }
        long base = current == null || current.limit() == null ? 0 : current.limit();
        long limit = Math.addExact(base, Math.multiplyExact(value.limit(), quantity));
        String combined = current == null ? source : current.source() + "+" + source;
        features.put(
                feature,
                new Entitlement(
                        feature,
                        limit > 0,
                        limit,
                        combined,
                        earliest(current == null ? null : current.validUntil(), validUntil)));
    }

    private static boolean greater(FeatureValue value, Entitlement current) {
        if (value.hasLimit() && current.limit() != null) {
            return value.limit() > current.limit();
        }
        return value.enabled() && !current.enabled();
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }
}
