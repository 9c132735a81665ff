package com.abacus.admin.internal;

import java.math.BigDecimal;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param supportRefundLimit the most SUPPORT staff may refund in total on one payment, per currency (in major units);
 *     above it, ADMIN
 */
@ConfigurationProperties("abacus.admin")
public record AdminSettings(@DefaultValue Map<String, BigDecimal> supportRefundLimit) {

    public AdminSettings {
        if (supportRefundLimit == null || supportRefundLimit.isEmpty()) {
            supportRefundLimit = Map.of(
                    "USD",
                    new BigDecimal("100"),
                    "EUR",
                    new BigDecimal("100"),
                    "GBP",
                    new BigDecimal("100"),
                    "JPY",
                    new BigDecimal("15000"));
        }
    }
}
