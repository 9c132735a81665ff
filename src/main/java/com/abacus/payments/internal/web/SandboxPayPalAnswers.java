package com.abacus.payments.internal.web;

import com.abacus.accounts.CustomerPrincipal;
import com.abacus.payments.PayPalApprovals;
import com.abacus.payments.Payment;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's PayPal approval for scripts: {@code POST {url}/approve} or {@code /cancel} with the customer's API key
 * answers the payment's status as JSON, and refusals as problem+json (another account's link 404, a used one 409).
 */
@RestController
class SandboxPayPalAnswers {

    private final PayPalApprovals approvals;

    SandboxPayPalAnswers(PayPalApprovals approvals) {
        this.approvals = approvals;
    }

    @PostMapping(path = "/sandbox/paypal/{reference}/{answer:approve|cancel}", headers = "Authorization")
    Map<String, String> answer(
            @AuthenticationPrincipal CustomerPrincipal customer,
            @PathVariable String reference,
            @PathVariable String answer) {
        Payment payment = approvals.answer(customer.accountId(), reference, answer.equals("approve"));
        return Map.of(
                "paymentId",
                payment.id().toString(),
                "status",
                payment.status().name().toLowerCase(Locale.ROOT));
    }
}
