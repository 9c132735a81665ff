package com.abacus.catalog.internal;

import com.abacus.catalog.CatalogPublished;
import com.abacus.catalog.CatalogSettings;
import com.abacus.catalog.InvalidCatalogException;
import com.abacus.catalog.Product;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * At start-up, publishes the catalog files shipped with this build as a new version if they differ from the latest
 * published one. A catalog that breaks the rules stops the start-up with every problem listed.
 */
@Component
public class CatalogPublisher {

    private static final Logger log = LoggerFactory.getLogger(CatalogPublisher.class);

    private final CatalogVersionRepository versions;
    private final CatalogSettings settings;
    private final ResourcePatternResolver resources;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CatalogPublisher(
            CatalogVersionRepository versions,
            CatalogSettings settings,
            ResourcePatternResolver resources,
            ApplicationEventPublisher events,
            Clock clock) {
        this.versions = versions;
        this.settings = settings;
        this.resources = resources;
        this.events = events;
        this.clock = clock;
    }

    public CatalogSources shippedFiles() {
        try {
            Map<String, String> files = new TreeMap<>();
            for (Resource resource : resources.getResources(settings.location())) {
                files.put(resource.getFilename(), resource.getContentAsString(StandardCharsets.UTF_8));
            }
            return CatalogSources.of(files);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read catalog files from " + settings.location(), e);
        }
    }

    /** @return the number of the version now current */
    @Transactional
    public int publishIfChanged(CatalogSources sources) {
        versions.lockForPublication();
        Optional<CatalogVersionRepository.StoredVersion> latest = versions.latest();
        String checksum = sources.checksum();
        if (latest.isPresent() && latest.get().checksum().equals(checksum)) {
            return latest.get().number();
        }
        List<Product> previous = latest.map(v -> v.sources().parse(settings.requiredCurrencies(), List.of()))
                .orElse(List.of());
        try {
            sources.parse(settings.requiredCurrencies(), previous);
        } catch (InvalidCatalogException e) {
            log.error("Catalog not published: {}", e.getMessage());
            throw e;
        }
        int number = latest.map(v -> v.number() + 1).orElse(1);
        var now = clock.instant();
        versions.insert(number, checksum, now, sources);
        events.publishEvent(new CatalogPublished(number, checksum, now));
        log.info("Published catalog version {} ({})", number, checksum.substring(0, 12));
        return number;
    }
}
