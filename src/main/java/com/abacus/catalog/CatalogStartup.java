package com.abacus.catalog;

import com.abacus.catalog.internal.CatalogPublisher;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Publishes the shipped catalog before anything else (demo data, jobs) runs. */
@Component
@Order(0)
class CatalogStartup implements ApplicationRunner {

    private final CatalogPublisher publisher;
    private final Catalog catalog;

    CatalogStartup(CatalogPublisher publisher, Catalog catalog) {
        this.publisher = publisher;
        this.catalog = catalog;
    }

    @Override
    public void run(ApplicationArguments args) {
        catalog.published(publisher.publishIfChanged(publisher.shippedFiles()));
    }
}
