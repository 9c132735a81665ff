package com.abacus.admin.internal.web;

import com.abacus.accounts.Accounts;
import com.abacus.accounts.TestClocks;
import com.abacus.admin.internal.AuditLog;
import com.abacus.shared.AccountId;
import com.abacus.subscriptions.ContractPrices;
import com.abacus.subscriptions.Subscriptions;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Support's view of a customer: everything about one account ({@link AccountListConsole} finds it). What staff do
 * there lives beside it: {@link EntitlementConsole} (trials, overrides), {@link SubscriptionConsole} (cancel now,
 * contract prices), {@link PrivacyConsole} (access and erasure). Every change is audited.
 */
@Controller
@RequestMapping("/admin/accounts")
@PreAuthorize("hasRole('SUPPORT')")
class AccountConsole {

    private final Accounts accounts;
    private final Subscriptions subscriptions;
    private final ContractPrices contractPrices;
    private final AccountBilling billing;
    private final EntitlementView entitlementView;
    private final AuditLog audit;
    private final TestClocks testClocks;

    AccountConsole(
            Accounts accounts,
            Subscriptions subscriptions,
            ContractPrices contractPrices,
            AccountBilling billing,
            EntitlementView entitlementView,
            AuditLog audit,
            TestClocks testClocks) {
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.contractPrices = contractPrices;
        this.billing = billing;
        this.entitlementView = entitlementView;
        this.audit = audit;
        this.testClocks = testClocks;
    }

    @GetMapping("/{id}")
    String account(@PathVariable String id, @RequestParam(defaultValue = "") String method, Model model) {
        AccountId account = AccountId.of(id);
        var found = accounts.get(account);
        model.addAttribute("account", found);
        // The banner of an account on a test clock: everything on this page is at the clock's time.
        model.addAttribute("testClock", found.testClockId() == null ? null : testClocks.get(found.testClockId()));
        model.addAttribute("subscriptions", subscriptions.forAccount(account));
        billing.addTo(account, paymentMethod(method), model);
        model.addAttribute("contracts", contractPrices.contracts(account));
        model.addAttribute("audit", audit.forAccount(account));
        entitlementView.addTo(account, model);
        return "admin/account";
    }

    /** The payments filter: {@code card}, {@code paypal}, {@code sepa_debit}, or empty for every method. */
    private static com.abacus.payments.PaymentMethodType paymentMethod(String method) {
        if (method.isBlank()) {
            return null;
        }
        for (var type : com.abacus.payments.PaymentMethodType.values()) {
            if (type.wire().equals(method)) {
                return type;
            }
        }
        throw new com.abacus.shared.InvalidInputException("method", "must be card, paypal or sepa_debit");
    }

    static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new com.abacus.shared.InvalidInputException("reason", "is required: say why, for the audit log");
        }
    }
}
