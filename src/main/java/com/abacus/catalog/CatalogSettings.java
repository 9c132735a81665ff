package com.abacus.catalog;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param location where the catalog's YAML files are read from at start-up
 * @param requiredCurrencies currencies every plan, add-on and usage tier must be priced in
 */
@ConfigurationProperties("abacus.catalog")
public record CatalogSettings(
        @DefaultValue("classpath*:catalog/*.yaml") String location,
        @DefaultValue({"USD", "EUR", "GBP", "JPY"}) Set<String> requiredCurrencies) {}
