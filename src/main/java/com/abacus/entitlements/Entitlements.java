package com.abacus.entitlements;

import com.abacus.catalog.Catalog;
import com.abacus.catalog.FeatureDefinition;
import com.abacus.entitlements.internal.EntitlementCalculator;
import com.abacus.entitlements.internal.EntitlementReader;
import com.abacus.entitlements.internal.GrantRepository;
import com.abacus.entitlements.internal.SnapshotService;
import com.abacus.entitlements.internal.cache.CachedEntitlements;
import com.abacus.shared.AccountId;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What each account may use, and the staff tools that change it directly (trials, overrides). */
@Service
public class Entitlements {

    private final SnapshotService snapshots;
    private final EntitlementReader reader;
    private final GrantRepository grants;
    private final Catalog catalog;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Entitlements(
            SnapshotService snapshots,
            EntitlementReader reader,
            GrantRepository grants,
            Catalog catalog,
            ApplicationEventPublisher events,
            Clock clock) {
        this.snapshots = snapshots;
        this.reader = reader;
        this.grants = grants;
        this.catalog = catalog;
        this.events = events;
        this.clock = clock;
    }

    /** Recomputes now (checkout calls this so service is on before the customer gets the answer). */
    public EntitlementSnapshot refresh(AccountId account) {
        return snapshots.refresh(account);
    }

    /** The current snapshot, through the caches; empty for an id that is no account. */
    public Optional<EntitlementSnapshot> current(AccountId account) {
        return reader.read(account).map(CachedEntitlements::snapshot);
    }

    public List<TrialGrant> trials(AccountId account) {
        return grants.trials(account);
    }

    public List<EntitlementOverride> overrides(AccountId account) {
        return grants.overrides(account);
    }

    /** Every feature declared in the current catalog, by code. */
    public Map<String, FeatureDefinition> knownFeatures() {
        return catalog.current().products().stream()
                .flatMap(p -> p.features().values().stream())
                .collect(Collectors.toMap(FeatureDefinition::code, f -> f, (a, b) -> a, java.util.TreeMap::new));
    }

    /**
     * Grants a plan's features (or a feature set) for {@code days} days from now. Visible on the entitlement API as soon
     * as this returns; lapses by itself.
     */
    @Transactional
    public TrialGrant grantTrial(
            AccountId account, String planCode, Map<String, String> features, int days, String reason, String by) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (days < 1 || days > 365) {
            errors.put("days", "must be 1 to 365");
        }
        if (reason == null || reason.isBlank()) {
            errors.put("reason", "is required");
        }
        Map<String, String> values = features == null ? Map.of() : features;
        if ((planCode == null || planCode.isBlank()) && values.isEmpty()) {
            errors.put("plan", "choose a plan or at least one feature");
        }
        if (planCode != null
                && !planCode.isBlank()
                && catalog.current().plan(planCode).isEmpty()) {
            errors.put("plan", "unknown plan " + planCode);
        }
        values.forEach((feature, value) -> validate(feature, value, errors));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors, "Trial is invalid");
        }
        Instant now = clock.instant();
        TrialGrant trial = new TrialGrant(
                UUID.randomUUID(),
                account,
                planCode == null || planCode.isBlank() ? null : planCode,
                Map.copyOf(values),
                now,
                now.plus(Duration.ofDays(days)),
                reason.trim(),
                by,
                null);
        grants.insertTrial(trial);
        snapshots.refresh(account);
        events.publishEvent(
                new TrialGranted(trial.id(), account, trial.planCode(), trial.endsAt(), by, trial.reason()));
        return trial;
    }

    @Transactional
    public void revokeTrial(UUID trialId) {
        AccountId account = grants.trialAccount(trialId).orElseThrow(() -> new NotFoundException("trial", trialId));
        grants.revokeTrial(trialId, clock.instant());
        snapshots.refresh(account);
    }

    /** Sets one feature's value for an account regardless of its plans, until {@code expiresAt} (null: until revoked). */
    @Transactional
    public EntitlementOverride grantOverride(
            AccountId account, String feature, String value, String reason, String by, Instant expiresAt) {
        Map<String, String> errors = new LinkedHashMap<>();
        validate(feature, value, errors);
        if (reason == null || reason.isBlank()) {
            errors.put("reason", "is required");
        }
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            errors.put("expiresAt", "must be in the future");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors, "Override is invalid");
        }
        EntitlementOverride override = new EntitlementOverride(
                UUID.randomUUID(),
                account,
                feature,
                value.trim().toLowerCase(),
                reason.trim(),
                by,
                clock.instant(),
                expiresAt,
                null);
        grants.insertOverride(override);
        snapshots.refresh(account);
        return override;
    }

    @Transactional
    public void revokeOverride(UUID overrideId) {
        AccountId account =
                grants.overrideAccount(overrideId).orElseThrow(() -> new NotFoundException("override", overrideId));
        grants.revokeOverride(overrideId, clock.instant());
        snapshots.refresh(account);
    }

    private void validate(String feature, String value, Map<String, String> errors) {
        FeatureDefinition definition = knownFeatures().get(feature);
        String field = "features." + feature;
        if (definition == null) {
            errors.put(field, "unknown feature " + feature);
            return;
        }
        try {
            var parsed = EntitlementCalculator.parse(value == null ? "" : value);
            if (definition.type() == FeatureDefinition.Type.BOOLEAN && parsed.hasLimit()) {
                errors.put(field, "must be true or false");
            }
            if (definition.type() == FeatureDefinition.Type.LIMIT && (!parsed.hasLimit() || parsed.limit() < 0)) {
                errors.put(field, "must be a whole number of at least 0");
            }
        } catch (NumberFormatException e) {
            errors.put(
                    field,
                    definition.type() == FeatureDefinition.Type.BOOLEAN
                            ? "must be true or false"
                            : "must be a whole number");
        }
    }
}
