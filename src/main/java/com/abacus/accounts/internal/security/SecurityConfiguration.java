package com.abacus.accounts.internal.security;

import com.abacus.accounts.internal.AccountRepository;
import com.abacus.accounts.internal.ApiTokenRepository;
import com.abacus.accounts.internal.StaffUserRepository;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Five areas, five filter chains:
 * <ol>
 *   <li>{@code /internal/**}: stateless, service tokens only, as short a chain as possible (the entitlement API).</li>
 *   <li>{@code /api/**}, {@code /actuator/**}: stateless. Bearer tokens (service tokens with scopes, customer API keys)
 *       or staff HTTP Basic. No cookies are read, so CSRF cannot apply.</li>
 *   <li>{@code /webhooks/**}: processors call us; authenticity is their signature, checked by payments.</li>
 *   <li>{@code /admin/**}: staff form login, its own session attribute, CSRF on.</li>
 *   <li>everything else: the customer site, customer form login, CSRF on.</li>
 * </ol>
 * Fine-grained rules (scopes, roles per action) sit on the controllers as {@code @PreAuthorize}.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    /**
     * No per-filter observations: on the entitlement path (thousands of requests a second) they cost more than the
     * request itself. Requests are still timed (http.server.requests, abacus.entitlements.requests).
     */
    @Bean
    org.springframework.security.config.observation.SecurityObservationSettings securityObservationSettings() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy("""
                ROLE_ADMIN > ROLE_SUPPORT
                ROLE_ADMIN > ROLE_FINANCE
                ROLE_ADMIN > ROLE_SALES
                """);
    }

    @Bean
    LoginAttemptLimiter loginAttemptLimiter(
            SecuritySettings settings, org.springframework.data.redis.core.StringRedisTemplate redis) {
        return new LoginAttemptLimiter(
                settings.loginAttempts(), settings.tokenFailures(), settings.loginWindow(), redis);
    }

    /**
     * The internal API is called thousands of times a second by services: service tokens only, nothing else (no Basic,
     * no anonymous principal, no servlet API wrapper), so the chain stays short.
     */
    @Bean
    @Order(0)
    SecurityFilterChain internalSecurity(
            HttpSecurity http, ApiTokenRepository tokens, SecuritySettings settings, LoginAttemptLimiter limiter)
            throws Exception {
        AuthenticationFilter bearer = new AuthenticationFilter(
                new ProviderManager(new ApiTokenAuthenticationProvider(tokens, settings.tokenCacheTtl())),
                BearerTokens::read);
        bearer.setSuccessHandler((request, response, authentication) -> {});
        bearer.setFailureHandler(
                (request, response, e) -> ProblemSecurityHandlers.unauthorized().commence(request, response, e));
        http.securityMatcher("/internal/**")
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/internal/v1/accounts/**",
                                "/internal/v1/entitlements",
                                "/internal/v1/entitlements/changes")
                        .hasAuthority("SCOPE_entitlements:read")
                        .anyRequest()
                        .hasRole("SERVICE"))
                .addFilterBefore(limiter.apiFilter(), BasicAuthenticationFilter.class)
                .addFilterBefore(bearer, BasicAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .anonymous(anonymous -> anonymous.disable())
                .servletApi(servletApi -> servletApi.disable())
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .headers(headers -> headers.defaultsDisabled().contentTypeOptions(options -> {}))
                .exceptionHandling(e -> e.authenticationEntryPoint(ProblemSecurityHandlers.unauthorized())
                        .accessDeniedHandler(ProblemSecurityHandlers.forbidden()));
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            ApiTokenRepository tokens,
            StaffUserRepository staff,
            PasswordEncoder passwords,
            SecuritySettings settings,
            LoginAttemptLimiter limiter)
            throws Exception {
        AuthenticationManager tokenManager =
                new ProviderManager(new ApiTokenAuthenticationProvider(tokens, settings.tokenCacheTtl()));
        AuthenticationFilter bearer = new AuthenticationFilter(tokenManager, BearerTokens::read);
        bearer.setSuccessHandler((request, response, authentication) -> {});
        bearer.setFailureHandler(
                (request, response, e) -> ProblemSecurityHandlers.unauthorized().commence(request, response, e));

        DaoAuthenticationProvider staffProvider = new DaoAuthenticationProvider(UserDetailsServices.staff(staff));
        staffProvider.setPasswordEncoder(passwords);

        // Scripts answer the sandbox's PayPal approval page with their API key, like any API call.
        RequestMatcher scriptedSandbox = request ->
                request.getRequestURI().startsWith("/sandbox/") && request.getHeader("Authorization") != null;
        http.securityMatcher(new OrRequestMatcher(
                        PathPatternRequestMatcher.withDefaults().matcher("/api/**"),
                        PathPatternRequestMatcher.withDefaults().matcher("/actuator/**"),
                        scriptedSandbox))
                .authorizeHttpRequests(
                        auth -> auth.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                                .permitAll()
                                .requestMatchers("/actuator/prometheus")
                                .hasAnyAuthority("SCOPE_metrics:read", "ROLE_ADMIN")
                                .requestMatchers("/actuator/**")
                                .hasRole("ADMIN")
                                .anyRequest()
                                .authenticated())
                .authenticationManager(new ProviderManager(staffProvider))
                .addFilterBefore(limiter.apiFilter(), BasicAuthenticationFilter.class)
                .addFilterBefore(bearer, BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.authenticationEntryPoint(ProblemSecurityHandlers.unauthorized()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(ProblemSecurityHandlers.unauthorized())
                        .accessDeniedHandler(ProblemSecurityHandlers.forbidden()));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webhookSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/webhooks/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain staffSecurity(
            HttpSecurity http,
            StaffUserRepository staff,
            PasswordEncoder passwords,
            LoginAttemptLimiter limiter,
            SecuritySettings settings)
            throws Exception {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(UserDetailsServices.staff(staff));
        provider.setPasswordEncoder(passwords);
        HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
        contexts.setSpringSecurityContextKey("ABACUS_STAFF_SECURITY_CONTEXT");

        http.securityMatcher("/admin/**")
                .authorizeHttpRequests(auth -> auth.requestMatchers("/admin/login")
                        .permitAll()
                        .anyRequest()
                        .hasAnyRole("SUPPORT", "FINANCE", "ADMIN", "SALES"))
                .authenticationManager(new ProviderManager(provider))
                .securityContext(context -> context.securityContextRepository(contexts))
                .addFilterBefore(
                        limiter.filter("/admin/login", LoginAttemptLimiter.Realm.STAFF),
                        org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter.class)
                .formLogin(form -> form.loginPage("/admin/login")
                        .defaultSuccessUrl("/admin", false)
                        .failureHandler(limiter.failureHandler("/admin/login?error", LoginAttemptLimiter.Realm.STAFF))
                        .successHandler(limiter.successHandler(
                                "/admin", settings.staffSessionTimeout(), LoginAttemptLimiter.Realm.STAFF)))
                .logout(logout -> logout.logoutUrl("/admin/logout").logoutSuccessUrl("/admin/login?logout"))
                .exceptionHandling(e -> e.authenticationEntryPoint(htmxAware("/admin/login")))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(ref -> ref.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain customerSecurity(
            HttpSecurity http, AccountRepository accounts, PasswordEncoder passwords, LoginAttemptLimiter limiter)
            throws Exception {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(UserDetailsServices.customers(accounts));
        provider.setPasswordEncoder(passwords);

        http.authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/", "/plans", "/plans/**", "/signup", "/login", "/error", "/problems/**")
                        .permitAll()
                        .requestMatchers("/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico")
                        .permitAll()
                        .anyRequest()
                        .hasRole("CUSTOMER"))
                .authenticationManager(new ProviderManager(provider))
                .addFilterBefore(
                        limiter.filter("/login", LoginAttemptLimiter.Realm.CUSTOMER),
                        org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter.class)
                .formLogin(form -> form.loginPage("/login")
                        .usernameParameter("email")
                        .failureHandler(limiter.failureHandler("/login?error", LoginAttemptLimiter.Realm.CUSTOMER))
                        .successHandler(limiter.successHandler("/account", null, LoginAttemptLimiter.Realm.CUSTOMER)))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/?signedOut"))
                .exceptionHandling(e -> e.authenticationEntryPoint(htmxAware("/login")))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(ref -> ref.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /** An htmx request whose session expired gets the login page as a full reload, not swapped into a fragment. */
    private static AuthenticationEntryPoint htmxAware(String loginPage) {
        LoginUrlAuthenticationEntryPoint pages = new LoginUrlAuthenticationEntryPoint(loginPage);
        return (request, response, e) -> {
            if (isHtmx(request)) {
                response.setHeader("HX-Redirect", loginPage);
                response.setStatus(401);
            } else {
                pages.commence(request, response, e);
            }
        };
    }

    private static boolean isHtmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }
}
