package com.abacus.revenue.internal;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param reportingZone the time zone whose calendar months are the reporting periods and recognition days */
@ConfigurationProperties("abacus.revenue")
public record RevenueSettings(@DefaultValue("UTC") ZoneId reportingZone) {}
