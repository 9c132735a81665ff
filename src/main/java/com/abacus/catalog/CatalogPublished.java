package com.abacus.catalog;

import java.time.Instant;

/** A new catalog version was published; existing subscriptions keep theirs until explicitly moved. */
public record CatalogPublished(int version, String checksum, Instant publishedAt) {}
