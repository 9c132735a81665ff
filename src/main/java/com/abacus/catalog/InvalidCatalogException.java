package com.abacus.catalog;

import com.abacus.shared.DomainException;
import java.util.List;
import java.util.stream.Collectors;

public class InvalidCatalogException extends DomainException {

    private final List<CatalogProblem> problems;

    public InvalidCatalogException(List<CatalogProblem> problems) {
        super(
                Kind.INVALID,
                "invalid-catalog",
                "Catalog is invalid:\n"
                        + problems.stream().map(CatalogProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<CatalogProblem> problems() {
        return problems;
    }
}
