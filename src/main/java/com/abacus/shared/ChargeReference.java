package com.abacus.shared;

import java.util.Optional;
import java.util.UUID;

/**
 * What a charge is for, as the modules pass it to each other: an order (checkout) or an invoice (invoicing). Its wire
 * form ({@code order:<id>}, {@code invoice:<id>}) is what payments stores and sends to the processors; only this type
 * writes or reads it.
 */
public sealed interface ChargeReference {

    String wire();

    record ForOrder(UUID orderId) implements ChargeReference {
        @Override
        public String wire() {
            return "order:" + orderId;
        }
    }

    record ForInvoice(UUID invoiceId) implements ChargeReference {
        @Override
        public String wire() {
            return "invoice:" + invoiceId;
        }
    }

    /** The reference a stored or received wire form stands for; empty for any other text (or none). */
    static Optional<ChargeReference> parse(String wire) {
        if (wire == null) {
            return Optional.empty();
        }
        int colon = wire.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        UUID id;
        try {
            id = UUID.fromString(wire.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return switch (wire.substring(0, colon)) {
            case "order" -> Optional.of(new ForOrder(id));
            case "invoice" -> Optional.of(new ForInvoice(id));
            default -> Optional.empty();
        };
    }

    static Optional<UUID> orderOf(String wire) {
        return parse(wire).filter(ForOrder.class::isInstance).map(r -> ((ForOrder) r).orderId());
    }

    static Optional<UUID> invoiceOf(String wire) {
        return parse(wire).filter(ForInvoice.class::isInstance).map(r -> ((ForInvoice) r).invoiceId());
    }
}
