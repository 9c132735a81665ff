package com.abacus.contracts.internal;

import com.abacus.shared.InvalidMoneyException;
import com.abacus.shared.Money;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A quote's amounts and choices, read from the request with their field's name on a refusal. */
final class QuoteFields {

    private QuoteFields() {}

    static @Nullable Money money(@Nullable String amount, String currency, String field, Map<String, String> errors) {
        if (amount == null) {
            errors.put(field, "is required (a decimal string such as \"100.00\")");
            return null;
        }
        try {
            Money money = Money.parse(amount, currency);
            if (money.isNegative()) {
                errors.put(field, "must be zero or more");
                return null;
            }
            return money;
        } catch (InvalidMoneyException e) {
            errors.put(field, e.getMessage());
            return null;
        }
    }

    static <E extends Enum<E>> @Nullable E choice(
            Class<E> type, @Nullable String value, String field, Map<String, String> errors) {
        if (value != null) {
            for (E candidate : type.getEnumConstants()) {
                if (candidate.name().equals(value.toUpperCase(Locale.ROOT))) {
                    return candidate;
                }
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E candidate : type.getEnumConstants()) {
            allowed.append(allowed.isEmpty() ? "" : ", ")
                    .append(candidate.name().toLowerCase(Locale.ROOT));
        }
        errors.put(field, "must be one of " + allowed);
        return null;
    }
}
