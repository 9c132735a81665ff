package com.abacus.payments.internal;

import com.abacus.payments.Processor;
import com.abacus.payments.internal.PaymentSettings.ProcessorSettings;
import com.abacus.payments.internal.processor.LegacyGatewayProcessor;
import com.abacus.payments.internal.processor.LegacyGatewayWithPayPal;
import com.abacus.payments.internal.processor.PaymentProcessor;
import com.abacus.payments.internal.processor.SandboxProcessor;
import com.abacus.payments.internal.processor.StripeProcessor;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Binds the two processor slots to their configured adapters. */
@Component
public class ProcessorRegistry {

    private final Map<Processor, PaymentProcessor> processors = new EnumMap<>(Processor.class);
    private final Map<Processor, ProcessorSettings> settings = new EnumMap<>(Processor.class);

    ProcessorRegistry(PaymentSettings paymentSettings, JdbcClient jdbc, Clock clock) {
        for (Processor slot : Processor.values()) {
            ProcessorSettings slotSettings = paymentSettings.processors() == null
                    ? null
                    : paymentSettings.processors().get(slot.slug());
            if (slotSettings == null) {
                slotSettings = new ProcessorSettings("sandbox", null, null, null, null, null, null, null);
            }
            settings.put(slot, slotSettings);
            processors.put(
                    slot,
                    switch (slotSettings.adapter()) {
                        case "sandbox" ->
                            new SandboxProcessor(
                                    slot.slug(),
                                    jdbc,
                                    clock,
                                    slot == Processor.NEW ? paymentSettings.sandboxNewFailurePercent() : 0,
                                    paymentSettings.sandboxLatency(),
                                    paymentSettings.sepa());
                        case "stripe" ->
                            new StripeProcessor(
                                    require(slotSettings.baseUrl(), slot),
                                    slotSettings.apiKey(),
                                    paymentSettings.timeout(),
                                    paymentSettings.publicUrl());
                        case "legacy-gateway" -> legacy(slotSettings, paymentSettings, slot, clock);
                        default ->
                            throw new IllegalStateException(
                                    "Unknown payment adapter '" + slotSettings.adapter() + "' for " + slot.slug());
                    });
        }
    }

    /** The legacy gateway for cards, and PayPal's REST API for PayPal when it is configured. */
    private static PaymentProcessor legacy(
            ProcessorSettings slotSettings, PaymentSettings paymentSettings, Processor slot, Clock clock) {
        var gateway = new LegacyGatewayProcessor(
                require(slotSettings.baseUrl(), slot),
                slotSettings.merchantId(),
                slotSettings.apiKey(),
                paymentSettings.timeout());
        var paypal = slotSettings.paypal();
        if (paypal == null || paypal.baseUrl() == null) {
            return gateway;
        }
        return new LegacyGatewayWithPayPal(
                gateway,
                paypal.baseUrl(),
                paypal.clientId(),
                paypal.clientSecret(),
                paypal.webhookId(),
                paymentSettings.timeout(),
                paymentSettings.publicUrl(),
                clock);
    }

    public PaymentProcessor get(Processor slot) {
        return processors.get(slot);
    }

    public ProcessorSettings settings(Processor slot) {
        return settings.get(slot);
    }

    public String webhookSecret(Processor slot) {
        return settings.get(slot).webhookSecret();
    }

    private static java.net.URI require(java.net.URI url, Processor slot) {
        if (url == null) {
            throw new IllegalStateException(
                    "abacus.payments.processors." + slot.slug() + ".base-url is required for an HTTP adapter");
        }
        return url;
    }
}
