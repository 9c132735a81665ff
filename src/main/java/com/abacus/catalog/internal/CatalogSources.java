package com.abacus.catalog.internal;

import com.abacus.catalog.CatalogProblem;
import com.abacus.catalog.InvalidCatalogException;
import com.abacus.catalog.Product;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A catalog as its files (file name to YAML text). Parsing and checking always start here, whether the files come from
 * the repository, from a published version, or from a proposal sent to the diff endpoint.
 */
public record CatalogSources(SortedMap<String, String> files) {

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    public CatalogSources {
        files = new TreeMap<>(files);
    }

    public static CatalogSources of(Map<String, String> files) {
        return new CatalogSources(new TreeMap<>(files));
    }

    /** Parses and checks every file; throws with every problem found, not just the first. */
    public List<Product> parse(Set<String> requiredCurrencies, List<Product> previous) {
        List<CatalogProblem> problems = new ArrayList<>();
        if (files.isEmpty()) {
            problems.add(new CatalogProblem("(catalog)", "(files)", "no catalog files found"));
        }
        Map<String, Product> products = new TreeMap<>();
        files.forEach((file, yaml) -> {
            Product product = CatalogParser.parse(file, yaml, problems);
            if (product != null) {
                products.put(file, product);
            }
        });
        CatalogRules.check(products, requiredCurrencies, problems);
        CatalogRules.checkAgainstPrevious(products, previous, problems);
        if (!problems.isEmpty()) {
            throw new InvalidCatalogException(problems);
        }
        return List.copyOf(products.values());
    }

    /** SHA-256 over the files' content with keys sorted: comments and formatting do not make a new version. */
    public String checksum() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files.forEach((file, yaml) -> {
                digest.update(file.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                Object tree = CatalogParser.readTree(yaml);
                digest.update(CANONICAL.writeValueAsBytes(tree));
                digest.update((byte) 0);
            });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
