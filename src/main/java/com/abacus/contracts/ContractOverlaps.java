package com.abacus.contracts;

import com.abacus.contracts.ContractTerms.Item;
import com.abacus.contracts.internal.ContractRepository;
import com.abacus.shared.DomainException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/** One contract per account and product at a time: terms that would overlap an active contract are refused. */
@Component
public class ContractOverlaps {

    private final ContractRepository repository;

    ContractOverlaps(ContractRepository repository) {
        this.repository = repository;
    }

    public static Set<String> products(ContractTerms terms) {
        Set<String> products = new TreeSet<>();
        terms.items().stream().map(Item::product).forEach(products::add);
        return products;
    }

    void refuseOverlap(ContractTerms terms) {
        List<Contract> found =
                repository.overlapping(terms.accountId(), products(terms), terms.startDate(), terms.endDate());
        if (!found.isEmpty()) {
            Contract other = found.get(0);
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "contract-overlaps",
                    "The account's contract " + other.number() + " covers " + String.join(", ", products(other.terms()))
                            + " from " + other.startDate() + " to "
                            + other.endDate().minusDays(1)
                            + "; a new contract for the same product must start after it ends (or amend it)",
                    Map.of("field", "startDate", "contract", other.number()));
        }
    }
}
