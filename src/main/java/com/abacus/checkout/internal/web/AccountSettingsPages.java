package com.abacus.checkout.internal.web;

import com.abacus.accounts.CustomerApiKeys;
import com.abacus.accounts.CustomerPrincipal;
import com.abacus.payments.CardInput;
import com.abacus.payments.Cards;
import com.abacus.payments.PaymentMethod;
import com.abacus.shared.InvalidInputException;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The account page's cards and API keys: add a card (it becomes the default), choose the default, remove a card; create
 * and revoke API keys. A refused card is answered next to its field (the page's forms are sent by htmx) and nothing
 * is saved.
 */
@Controller
class AccountSettingsPages {

    private final Cards cards;
    private final CustomerApiKeys apiKeys;

    AccountSettingsPages(Cards cards, CustomerApiKeys apiKeys) {
        this.cards = cards;
        this.apiKeys = apiKeys;
    }

    @PostMapping("/account/cards")
    String addCard(
            @AuthenticationPrincipal CustomerPrincipal customer,
            @RequestParam(defaultValue = "") String cardNumber,
            @RequestParam(defaultValue = "0") int expMonth,
            @RequestParam(defaultValue = "0") int expYear,
            @RequestParam(defaultValue = "") String cvc,
            RedirectAttributes redirect) {
        PaymentMethod card;
        try {
            card = cards.addCard(customer.accountId(), new CardInput(cardNumber, expMonth, expYear, cvc));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(CheckoutFields.named(e.fieldErrors()), e.getMessage());
        }
        redirect.addFlashAttribute(
                "notice",
                org.springframework.util.StringUtils.capitalize(card.brand()) + " •••• " + card.last4()
                        + " is saved and is now your default card.");
        return "redirect:/account#cards";
    }

    @PostMapping("/account/cards/{id}/default")
    String makeDefault(
            @AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID id, RedirectAttributes redirect) {
        cards.makeDefault(customer.accountId(), id);
        redirect.addFlashAttribute("notice", "Renewals and retries now charge this card.");
        return "redirect:/account#cards";
    }

    @PostMapping("/account/cards/{id}/remove")
    String remove(
            @AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID id, RedirectAttributes redirect) {
        cards.remove(customer.accountId(), id);
        redirect.addFlashAttribute("notice", "The card was removed.");
        return "redirect:/account#cards";
    }

    @PostMapping("/account/api-keys")
    String createApiKey(
            @AuthenticationPrincipal CustomerPrincipal customer,
            @RequestParam(defaultValue = "created on the account page") String name,
            RedirectAttributes redirect) {
        redirect.addFlashAttribute("apiKey", apiKeys.create(customer.accountId(), name));
        return "redirect:/account#api-keys";
    }

    @PostMapping("/account/api-keys/{id}/revoke")
    String revokeApiKey(
            @AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID id, RedirectAttributes redirect) {
        apiKeys.revoke(customer.accountId(), id);
        redirect.addFlashAttribute("notice", "The API key was revoked; programs using it are refused within a minute.");
        return "redirect:/account#api-keys";
    }
}
