package com.abacus.accounts.internal.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param tokenCacheTtl how long a bearer-token lookup is cached (a revoked token stops working within this time)
 * @param loginAttempts failed sign-ins allowed per username and client address within {@code loginWindow}
 * @param tokenFailures failed bearer tokens allowed per client address within {@code loginWindow}
 * @param loginWindow window of the sign-in rate limit (and of the token one)
 * @param staffSessionTimeout a console session ends after this long without a request (customer sessions follow
 *     {@code server.servlet.session.timeout})
 */
@ConfigurationProperties("abacus.security")
record SecuritySettings(
        @DefaultValue("60s") Duration tokenCacheTtl,
        @DefaultValue("5") int loginAttempts,
        @DefaultValue("20") int tokenFailures,
        @DefaultValue("15m") Duration loginWindow,
        @DefaultValue("30m") Duration staffSessionTimeout) {}
