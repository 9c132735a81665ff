package com.abacus.subscriptions;

import com.abacus.catalog.Plan;
import com.abacus.shared.AccountId;
import com.abacus.shared.NotFoundException;
import com.abacus.subscriptions.internal.SubscriptionCounts;
import com.abacus.subscriptions.internal.SubscriptionHistory;
import com.abacus.subscriptions.internal.SubscriptionRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Reading subscriptions: one, an account's, the live one of a product, what is due, and the figures the console shows.
 * What changes a subscription lives in {@link SubscriptionLifecycle}, {@link PlanChanges} and {@link Renewals}; prices
 * negotiated per account in {@link ContractPrices}.
 */
@Service
public class Subscriptions {

    private final SubscriptionRepository subscriptions;
    private final SubscriptionCounts counts;
    private final SubscriptionHistory history;

    Subscriptions(SubscriptionRepository subscriptions, SubscriptionCounts counts, SubscriptionHistory history) {
        this.subscriptions = subscriptions;
        this.counts = counts;
        this.history = history;
    }

    public Subscription get(SubscriptionId id) {
        return subscriptions.find(id).orElseThrow(() -> new NotFoundException("subscription", id));
    }

    public List<Subscription> forAccount(AccountId account) {
        return subscriptions.forAccount(account);
    }

    /** Which of these accounts have ever had a subscription, in one query. */
    public Set<AccountId> accountsWithSubscriptions(Collection<AccountId> accounts) {
        return accounts.isEmpty() ? Set.of() : counts.accountsWithSubscriptions(accounts);
    }

    public Optional<Subscription> liveForProduct(AccountId account, String product) {
        return subscriptions.liveForProduct(account, product);
    }

    public boolean trialAvailable(AccountId account, Plan plan) {
        return plan.trialDays() > 0 && !subscriptions.hadTrial(account, plan.product());
    }

    public long countDueForRenewal(Instant asOf) {
        return counts.countDueForRenewal(asOf);
    }

    /** When the next subscription of a test clock's accounts comes due after {@code after}; empty if none. */
    public Optional<Instant> nextDueOnTestClock(java.util.UUID testClockId, Instant after) {
        return counts.nextDueOnClock(testClockId, after);
    }

    public List<Subscription> pastDue() {
        return subscriptions.pastDue();
    }

    public Map<String, Long> liveCountByPlan() {
        return counts.liveCountByPlan();
    }

    public Map<String, Long> liveCountByPlanAndCurrency() {
        return counts.liveCountByPlanAndCurrency();
    }

    public record HistoryItem(Instant at, String event, String detail) {}

    public List<HistoryItem> history(SubscriptionId id) {
        return history.historyOf(id).stream()
                .map(h -> new HistoryItem(h.at(), h.event(), h.detail()))
                .toList();
    }
}
