package com.abacus.contracts;

import com.abacus.accounts.Accounts;
import com.abacus.contracts.internal.ContractRepository;
import com.abacus.shared.AccountId;
import com.abacus.shared.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Signed contracts, for the API and the console. */
@Service
public class Contracts {

    private final ContractRepository repository;
    private final Accounts accounts;

    Contracts(ContractRepository repository, Accounts accounts) {
        this.repository = repository;
        this.accounts = accounts;
    }

    /** What the account's active contracts entitle it to, each over its term (past and future ones included). */
    public List<ContractGrant> grantsOf(AccountId account) {
        List<ContractGrant> grants = new java.util.ArrayList<>();
        List<Contract> active = repository.contracts(account).stream()
                .filter(c -> c.status() == Contract.Status.ACTIVE)
                .toList();
        if (active.isEmpty()) {
            return grants;
        }
        java.time.ZoneId zone = accounts.get(account).timeZone();
        for (Contract contract : active) {
            Map<String, Integer> addOns = new java.util.TreeMap<>();
            String plan = null;
            for (ContractTerms.Item item : contract.terms().items()) {
                if (item.kind() == ContractTerms.Item.Kind.PLAN) {
                    plan = plan == null ? item.code() : plan;
                } else {
                    addOns.merge(item.code(), item.quantity(), Integer::sum);
                }
            }
            if (plan != null) {
                grants.add(new ContractGrant(
                        contract.number(),
                        plan,
                        addOns,
                        contract.startDate().atStartOfDay(zone).toInstant(),
                        contract.endDate().atStartOfDay(zone).toInstant()));
            }
        }
        return grants;
    }

    public Contract get(UUID id) {
        return repository.contract(id).orElseThrow(() -> new NotFoundException("contract", id));
    }

    /** The newest first; {@code account} null for all accounts (at most 500). */
    public List<Contract> list(@Nullable AccountId account) {
        return repository.contracts(account);
    }
}
