package com.abacus.checkout.internal.web;

import com.abacus.accounts.Accounts;
import com.abacus.accounts.CustomerPrincipal;
import com.abacus.payments.SepaDebits;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A SEPA mandate as the customer accepted it: reference, creditor, the account's country and last four, when (in the
 * customer's zone) and the exact text. Another account's mandate is "not found".
 */
@Controller
class MandatePage {

    private final SepaDebits sepaDebits;
    private final Accounts accounts;

    MandatePage(SepaDebits sepaDebits, Accounts accounts) {
        this.sepaDebits = sepaDebits;
        this.accounts = accounts;
    }

    @GetMapping("/account/payment-methods/{id}/mandate")
    String mandate(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID id, Model model) {
        model.addAttribute("mandate", sepaDebits.mandate(customer.accountId(), id));
        model.addAttribute("zone", accounts.get(customer.accountId()).timeZone());
        return "site/mandate";
    }
}
