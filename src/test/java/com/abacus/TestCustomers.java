package com.abacus;

import com.abacus.accounts.Account;
import com.abacus.accounts.Accounts;
import com.abacus.accounts.NewAccount;
import com.abacus.accounts.StaffDirectory;
import com.abacus.accounts.TokenScope;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Fresh customers (with API keys) per test, so tests sharing one database never see each other's data. */
@Component
public class TestCustomers {

    public static final String SERVICE_TOKEN = "abs_test_all_scopes";
    public static final String CARD_OK =
            "{\"card\":{\"number\":\"4242424242424242\",\"expMonth\":12,\"expYear\":2031,\"cvc\":\"123\"}}";

    private final Accounts accounts;
    private final StaffDirectory staff;

    TestCustomers(Accounts accounts, StaffDirectory staff) {
        this.accounts = accounts;
        this.staff = staff;
        staff.registerServiceToken("test service", SERVICE_TOKEN, List.of(TokenScope.values()));
    }

    public record Customer(Account account, String apiKey) {

        public String id() {
            return account.id().toString();
        }
    }

    public Customer create(String currency, String zone) {
        return create(currency, zone, "Customer");
    }

    public Customer create(String currency, String zone, String name) {
        Account account = accounts.register(new NewAccount(
                "c-" + UUID.randomUUID() + "@example.com", name, currency, zone, "DE", "customer-password"));
        return new Customer(account, accounts.issueCustomerApiKey(account.id(), "test"));
    }

    public Customer create() {
        return create("USD", "America/New_York");
    }

    public static String card(String number) {
        return "{\"card\":{\"number\":\"" + number + "\",\"expMonth\":12,\"expYear\":2031,\"cvc\":\"123\"}}";
    }

    /** A new customer who bought {@code plan} in USD through the API, with the sandbox's success card. */
    public Customer buyer(ApiClient api, String plan) {
        Customer customer = create();
        var order = api.post(
                "/api/v1/orders", customer.apiKey(), UUID.randomUUID().toString(), order(plan, "USD", CARD_OK));
        if (order.status() != 201) {
            throw new IllegalStateException("order answered " + order.status() + ": " + order.body());
        }
        return customer;
    }

    public static String order(String plan, String currency, String paymentMethod) {
        return "{\"plan\":\"" + plan + "\",\"currency\":\"" + currency + "\",\"paymentMethod\":" + paymentMethod + "}";
    }
}
