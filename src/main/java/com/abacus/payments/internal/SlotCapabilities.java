package com.abacus.payments.internal;

import com.abacus.payments.PaymentMethodType;
import com.abacus.payments.Processor;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Which payment methods and currencies each processor slot takes, as configured
 * ({@code abacus.payments.processors.<slot>.methods} and {@code .currencies}). Unconfigured, the legacy slot takes
 * cards and PayPal (PayPal through its PayPal-REST adapter, when that is configured), the new slot cards, PayPal and SEPA Direct Debit; both every currency.
 */
@Component
public class SlotCapabilities {

    private final Map<Processor, Set<PaymentMethodType>> methods = new EnumMap<>(Processor.class);
    private final Map<Processor, Set<String>> currencies = new EnumMap<>(Processor.class);

    SlotCapabilities(ProcessorRegistry processors) {
        for (Processor slot : Processor.values()) {
            PaymentSettings.ProcessorSettings settings = processors.settings(slot);
            List<String> configured = settings.methods();
            Set<PaymentMethodType> types = EnumSet.noneOf(PaymentMethodType.class);
            if (configured == null || configured.isEmpty()) {
                types.add(PaymentMethodType.CARD);
                if (settings.canTakePayPal()) {
                    types.add(PaymentMethodType.PAYPAL);
                }
                if (slot == Processor.NEW) {
                    types.add(PaymentMethodType.SEPA_DEBIT);
                }
            } else {
                for (String method : configured) {
                    types.add(PaymentMethodType.valueOf(method.trim().toUpperCase(Locale.ROOT)));
                }
            }
            methods.put(slot, types);
            currencies.put(
                    slot,
                    settings.currencies() == null
                            ? Set.of()
                            : Set.copyOf(settings.currencies().stream()
                                    .map(c -> c.trim().toUpperCase(Locale.ROOT))
                                    .toList()));
        }
    }

    /** Whether the slot takes this method in this currency (null: any currency). */
    public boolean takes(Processor slot, PaymentMethodType type, String currency) {
        Set<String> slotCurrencies = currencies.get(slot);
        return methods.get(slot).contains(type)
                && (currency == null || slotCurrencies.isEmpty() || slotCurrencies.contains(currency));
    }

    public Set<PaymentMethodType> methods(Processor slot) {
        return methods.get(slot);
    }

    /** The currencies the slot is limited to; empty when it takes every currency. */
    public Set<String> currencies(Processor slot) {
        return currencies.get(slot);
    }
}
