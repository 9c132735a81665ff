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
                        + problems.stream().map(CatalogProblem::toString).collect(Collectors.joining("\n")),
                java.util.Map.of("errors", errors(problems)));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as a problem+json field error, with the file it is in: {@code {file, field, message}}. */
    private static List<java.util.Map<String, String>> errors(List<CatalogProblem> problems) {
        return problems.stream()
                .map(p -> java.util.Map.of(
                        "file", String.valueOf(p.file()),
                        "field", String.valueOf(p.field()),
                        "message", String.valueOf(p.message())))
                .toList();
    }

    public List<CatalogProblem> problems() {
        return problems;
    }
}
