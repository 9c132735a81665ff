package com.abacus.admin.internal.demo;

import com.abacus.accounts.Account;
import com.abacus.accounts.Accounts;
import com.abacus.accounts.NewAccount;
import com.abacus.accounts.StaffDirectory;
import com.abacus.accounts.StaffRole;
import com.abacus.accounts.TokenScope;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Demo staff, customers and tokens for {@code ./mvnw spring-boot:run}. Only loaded with {@code abacus.demo.enabled};
 * never part of a production configuration. Idempotent: a restart finds the data and leaves it alone.
 */
@Component
@Order(10)
@ConditionalOnBooleanProperty("abacus.demo.enabled")
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    static final String ENTITLEMENTS_TOKEN = "abs_demo_entitlements_reader";
    static final String FINANCE_TOKEN = "abs_demo_finance_export";

    record DemoCustomer(String email, String name, String currency, String zone, String country, String apiKey) {}

    static final List<DemoCustomer> CUSTOMERS = List.of(
            new DemoCustomer("alice@example.com", "Alice Anders", "USD", "America/New_York", "US", "abk_demo_alice"),
            new DemoCustomer("bruno@example.com", "Bruno Becker GmbH", "EUR", "Europe/Berlin", "DE", "abk_demo_bruno"),
            new DemoCustomer("chloe@example.com", "Chloe Clarke Ltd", "GBP", "Europe/London", "GB", "abk_demo_chloe"),
            new DemoCustomer("daiki@example.com", "Daiki Data KK", "JPY", "Asia/Tokyo", "JP", "abk_demo_daiki"));

    private final Accounts accounts;
    private final StaffDirectory staff;
    private final ObjectProvider<DemoScenario> scenarios;
    private final Environment environment;

    DemoData(Accounts accounts, StaffDirectory staff, ObjectProvider<DemoScenario> scenarios, Environment environment) {
        this.accounts = accounts;
        this.staff = staff;
        this.scenarios = scenarios;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        staff.createStaffUser("support", "Sam Support", "abacus-support", Set.of(StaffRole.SUPPORT));
        staff.createStaffUser("finance", "Fiona Finance", "abacus-finance", Set.of(StaffRole.FINANCE));
        staff.createStaffUser("sales", "Sid Sales", "abacus-sales", Set.of(StaffRole.SALES));
        staff.createStaffUser("admin", "Ada Admin", "abacus-admin", Set.of(StaffRole.ADMIN));
        staff.registerServiceToken(
                "demo entitlement reader",
                ENTITLEMENTS_TOKEN,
                List.of(TokenScope.ENTITLEMENTS_READ, TokenScope.USAGE_WRITE, TokenScope.METRICS_READ));
        staff.registerServiceToken("demo finance export", FINANCE_TOKEN, List.of(TokenScope.REVENUE_EXPORT));
        for (DemoCustomer customer : CUSTOMERS) {
            boolean isNew = accounts.findByEmail(customer.email()).isEmpty();
            Account account = isNew
                    ? accounts.register(new NewAccount(
                            customer.email(),
                            customer.name(),
                            customer.currency(),
                            customer.zone(),
                            customer.country(),
                            "demo-password"))
                    : accounts.findByEmail(customer.email()).orElseThrow();
            staff.registerCustomerApiKey(account.id(), "demo key", customer.apiKey());
            if (isNew) {
                scenarios.orderedStream().forEach(s -> s.populate(account, customer.email()));
            }
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        log.info("""

                ==============================================================
                 Abacus is running: http://localhost:{}/
                 Console:  http://localhost:{}/admin
                   support / abacus-support   (SUPPORT)
                   finance / abacus-finance   (FINANCE)
                   admin   / abacus-admin     (ADMIN)
                 API, HTTP Basic: sales / abacus-sales (SALES: quotes and contracts)
                 Customer site: alice@example.com / demo-password
                   (also bruno@, chloe@, daiki@example.com)
                 Customer API key (alice): Authorization: Bearer abk_demo_alice
                 Service token (entitlements:read, usage:write, metrics:read):
                   Authorization: Bearer {}
                 Service token (revenue:export): Bearer {}
                ==============================================================""", port, port, ENTITLEMENTS_TOKEN, FINANCE_TOKEN);
    }
}
