package com.abacus.catalog;

import com.abacus.catalog.internal.CatalogDiffer;
import com.abacus.catalog.internal.CatalogSources;
import com.abacus.catalog.internal.CatalogVersionRepository;
import com.abacus.catalog.internal.CatalogVersionRepository.StoredVersion;
import com.abacus.shared.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * Read access to published catalog versions. Versions are immutable, so each is parsed once and kept in memory.
 */
@Service
public class Catalog {

    private final CatalogVersionRepository versions;
    private final CatalogSettings settings;
    private final Map<Integer, CatalogVersion> parsed = new ConcurrentHashMap<>();
    private volatile Integer current;

    Catalog(CatalogVersionRepository versions, CatalogSettings settings) {
        this.versions = versions;
        this.settings = settings;
    }

    /** The version new purchases use: the latest published. */
    public CatalogVersion current() {
        Integer number = current;
        if (number == null) {
            number = versions.latest()
                    .map(StoredVersion::number)
                    .orElseThrow(() -> new IllegalStateException("No catalog version published yet"));
            current = number;
        }
        return version(number);
    }

    public CatalogVersion version(int number) {
        return parsed.computeIfAbsent(
                number,
                n -> versions.find(n)
                        .map(v -> new CatalogVersion(
                                v.number(),
                                v.checksum(),
                                v.publishedAt(),
                                v.sources().parse(settings.requiredCurrencies(), List.of())))
                        .orElseThrow(() -> new NotFoundException("catalog version", n)));
    }

    /** The YAML files a version was published from, by file name. */
    public Map<String, String> files(int number) {
        return versions.find(number)
                .map(v -> (Map<String, String>)
                        new java.util.TreeMap<>(v.sources().files()))
                .orElseThrow(() -> new NotFoundException("catalog version", number));
    }

    public List<Integer> versionNumbers() {
        return versions.numbers();
    }

    public Plan plan(int version, String code) {
        return version(version).plan(code).orElseThrow(() -> new NotFoundException("plan", code));
    }

    /** What a proposed set of catalog files would change against the current version (validated like a publication). */
    public List<CatalogChange> diffProposal(Map<String, String> files) {
        List<Product> proposed = CatalogSources.of(files)
                .parse(settings.requiredCurrencies(), current().products());
        return CatalogDiffer.diff(current().products(), proposed);
    }

    /** What changed from one published version to another. */
    public List<CatalogChange> diff(int from, int to) {
        return CatalogDiffer.diff(version(from).products(), version(to).products());
    }

    void published(int number) {
        current = number;
    }
}
