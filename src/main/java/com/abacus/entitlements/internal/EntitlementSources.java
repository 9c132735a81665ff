package com.abacus.entitlements.internal;

import com.abacus.contracts.ContractGrant;
import com.abacus.contracts.Contracts;
import com.abacus.entitlements.EntitlementOverride;
import com.abacus.entitlements.TrialGrant;
import com.abacus.shared.AccountId;
import com.abacus.subscriptions.Subscription;
import com.abacus.subscriptions.Subscriptions;
import java.util.List;
import org.springframework.stereotype.Component;

/** Everything an account's entitlements come from: its subscriptions, contracts, trials and overrides. */
@Component
class EntitlementSources {

    private final Subscriptions subscriptions;
    private final Contracts contracts;
    private final GrantRepository grants;

    EntitlementSources(Subscriptions subscriptions, Contracts contracts, GrantRepository grants) {
        this.subscriptions = subscriptions;
        this.contracts = contracts;
        this.grants = grants;
    }

    record Sources(
            List<Subscription> subscriptions,
            List<ContractGrant> contracts,
            List<TrialGrant> trials,
            List<EntitlementOverride> overrides) {}

    Sources of(AccountId account) {
        return new Sources(
                subscriptions.forAccount(account),
                contracts.grantsOf(account),
                grants.trials(account),
                grants.overrides(account));
    }
}
