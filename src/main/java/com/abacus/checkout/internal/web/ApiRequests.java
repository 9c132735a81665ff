package com.abacus.checkout.internal.web;

import com.abacus.payments.CardInput;
import com.abacus.payments.SepaDebitInput;
import com.abacus.shared.InvalidInputException;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;

/** Request bodies of the public API, validated before anything is written. */
final class ApiRequests {

    private ApiRequests() {}

    record CardRequest(
            @NotBlank @Pattern(regexp = "[0-9 -]{12,23}", message = "must be 12 to 19 digits")
            String number,

            @NotNull @Min(1) @Max(12) Integer expMonth,
            @NotNull @Min(2000) @Max(2100) Integer expYear,

            @Pattern(regexp = "[0-9]{3,4}", message = "must be 3 or 4 digits")
            String cvc) {

        CardInput toInput() {
            return new CardInput(number, expMonth, expYear, cvc);
        }
    }

    record SepaDebitRequest(@NotBlank @Size(max = 40) String iban, Boolean mandateAccepted) {

        SepaDebitInput toInput() {
            return new SepaDebitInput(iban, Boolean.TRUE.equals(mandateAccepted));
        }
    }

    /**
     * Exactly one of: {@code card} (a new card), {@code id} (a saved method), {@code paypal} ({@code {}}), {@code
     * sepaDebit}. Any other member is an unknown method, refused by name.
     */
    record PaymentMethodRequest(
            @Valid CardRequest card,
            UUID id,
            @Size(max = 0, message = "takes no fields") Map<String, Object> paypal,
            @Valid SepaDebitRequest sepaDebit,
            @JsonAnySetter Map<String, Object> unknown) {

        /** Refuses unknown methods and more than one method, before anything is written. */
        void requireOne() {
            if (unknown != null && !unknown.isEmpty()) {
                String name = unknown.keySet().iterator().next();
                throw new InvalidInputException(
                        "paymentMethod." + name, "is not a payment method (card, id, paypal or sepaDebit)");
            }
            int given = (card != null ? 1 : 0)
                    + (id != null ? 1 : 0)
                    + (paypal != null ? 1 : 0)
                    + (sepaDebit != null ? 1 : 0);
            if (given > 1) {
                throw new InvalidInputException("paymentMethod", "give one of card, id, paypal or sepaDebit");
            }
        }
    }

    record PlaceOrderRequest(
            @NotBlank @Size(max = 64) String plan,

            @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO-4217 code such as USD")
            String currency,

            @Size(max = 20) Map<@Size(max = 64) String, @NotNull @Min(1) @Max(100) Integer> addOns,
            @Valid PaymentMethodRequest paymentMethod,
            Boolean trial,
            @Size(max = 64) String promotionCode) {}

    record ChangePlanRequest(
            @NotBlank @Size(max = 64) String plan,

            @Pattern(regexp = "-?[0-9]{1,12}(\\.[0-9]{1,4})?", message = "must be a decimal amount")
            String expectedAmount) {}

    record AddCardRequest(@NotNull @Valid CardRequest card) {}
}
