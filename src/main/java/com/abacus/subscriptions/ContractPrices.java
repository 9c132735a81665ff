package com.abacus.subscriptions;

import com.abacus.catalog.Catalog;
import com.abacus.catalog.Plan;
import com.abacus.shared.AccountId;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.Money;
import com.abacus.subscriptions.internal.ContractPriceRepository;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Account-specific (enterprise) plan prices, and the price an account pays for a plan. */
@Service
public class ContractPrices {

    private final ContractPriceRepository contractRows;
    private final Catalog catalog;
    private final Clock clock;

    ContractPrices(ContractPriceRepository contractRows, Catalog catalog, Clock clock) {
        this.contractRows = contractRows;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** The price this account pays for a plan: its enterprise contract price if one is valid, else the catalog's. */
    public Money priceFor(AccountId account, Plan plan, String currency) {
        LocalDate today = LocalDate.now(clock);
        return contractRows.contracts(account).stream()
                .filter(c -> c.planCode().equals(plan.code())
                        && c.price().currencyCode().equals(currency))
                .filter(c -> c.validUntil() == null || !c.validUntil().isBefore(today))
                .map(ContractPrice::price)
                .findFirst()
                .or(() -> plan.price(currency))
                .orElseThrow(() -> new InvalidInputException(
                        "currency", "plan " + plan.code() + " has no " + currency + " price"));
    }

    @Transactional
    public ContractPrice setContractPrice(
            AccountId account, String planCode, Money price, String terms, LocalDate validUntil, String by) {
        catalog.current()
                .plan(planCode)
                .orElseThrow(() -> new InvalidInputException("plan", "unknown plan " + planCode));
        if (price.isNegative()) {
            throw new InvalidInputException("price", "must not be negative");
        }
        ContractPrice contract = new ContractPrice(account, planCode, price, terms, validUntil, by, clock.instant());
        contractRows.upsertContract(contract);
        return contract;
    }

    public List<ContractPrice> contracts(AccountId account) {
        return contractRows.contracts(account);
    }
}
