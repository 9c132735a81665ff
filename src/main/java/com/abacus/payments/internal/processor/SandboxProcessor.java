package com.abacus.payments.internal.processor;

import com.abacus.payments.internal.PaymentSettings;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An in-process processor for development and tests. Behaves by test card (see {@link TestCards}); keeps its own
 * ledger so lookups by idempotency key and duplicate requests behave like a real processor's. A token carries what the
 * README says the sandbox keeps of a card, and nothing more: the test behaviour, the brand and the last four digits
 * ({@code sbx_<slot>_<behaviour>_<brand>_<last4>_<random>}), so the sandbox needs no vault and no card number is
 * ever stored. {@code latency} makes every call take that long, like a processor's network round trip.
 */
public class SandboxProcessor implements PaymentProcessor {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String slot;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final int failurePercent;
    private final Duration latency;
    private final SandboxLedger ledger;

    public SandboxProcessor(
            String slot,
            JdbcClient jdbc,
            Clock clock,
            int failurePercent,
            Duration latency,
            PaymentSettings.Sepa sepa) {
        this.slot = slot;
        this.jdbc = jdbc;
        this.clock = clock;
        this.failurePercent = failurePercent;
        this.latency = latency;
        this.ledger = new SandboxLedger(slot, jdbc, clock, sepa);
    }

    @Override
    public java.util.List<Reversal> reversalsDue() {
        return ledger.reversalsDue();
    }

    @Override
    public Optional<Instant> nextEventOnClock(java.util.UUID testClockId, Instant after) {
        return ledger.nextEventOnClock(testClockId, after);
    }

    static final String SEPA_PREFIX = "sbxsepa_";
    static final String PAYPAL_PREFIX = "sbxpp_";

    /** The sandbox's PayPal approval page for a charge (the customer approves or cancels there). */
    public static String approvalPath(String chargeReference) {
        return "/sandbox/paypal/" + chargeReference;
    }

    /** {@code sbxsepa_<slot>_<behaviour>_<random>}: the test behaviour only, never the IBAN. */
    @Override
    public String tokenizeBankAccount(BankAccount account) {
        roundTrip();
        return SEPA_PREFIX + slot + "_" + TestIbans.Behaviour.of(account.iban()).tokenName() + "_" + random();
    }

    @Override
    public String createPayPalAgreement(String currency) {
        roundTrip();
        return PAYPAL_PREFIX + slot + "_" + random();
    }

    @Override
    public String adapter() {
        return "sandbox";
    }

    @Override
    public CardToken tokenize(CardDetails card) {
        String last4 = card.number().substring(card.number().length() - 4);
        return new CardToken(
                token(TestCards.Behaviour.of(card.number()), TestCards.brand(card.number()), last4),
                TestCards.brand(card.number()),
                last4);
    }

    @Override
    public ChargeOutcome charge(ChargeCommand command) {
        roundTrip();
        // A repeated key gets the first request's result: ledger.record() finds it when its insert conflicts.
        if (failurePercent > 0 && ThreadLocalRandom.current().nextInt(100) < failurePercent) {
            return ledger.find("charge", command.idempotencyKey())
                    .orElse(new ChargeOutcome(Result.ERROR, null, "processor_unavailable", "Sandbox injected failure"));
        }
        String ref = "sbx_ch_" + random();
        if (command.token() != null && command.token().startsWith(SEPA_PREFIX)) {
            return ledger.debit(command, ref);
        }
        if (command.token() != null && command.token().startsWith(PAYPAL_PREFIX)) {
            return ledger.payPal(command, ref);
        }
        return switch (behaviourOf(command.token())) {
            case DECLINED ->
                ledger.record(
                        "charge",
                        command,
                        ref,
                        "declined:card_declined",
                        new ChargeOutcome(Result.DECLINED, ref, "card_declined", "Your card was declined."));
            case INSUFFICIENT_FUNDS ->
                ledger.record(
                        "charge",
                        command,
                        ref,
                        "declined:insufficient_funds",
                        new ChargeOutcome(
                                Result.DECLINED, ref, "insufficient_funds", "Your card has insufficient funds."));
            case REQUIRES_ACTION ->
                ledger.record(
                        "charge",
                        command,
                        ref,
                        "requires_action",
                        new ChargeOutcome(
                                Result.REQUIRES_ACTION,
                                ref,
                                "authentication_required",
                                "The bank asks the customer to authenticate."));
            case PROCESSOR_ERROR ->
                new ChargeOutcome(Result.ERROR, null, "processing_error", "Sandbox processor error");
            case TIMEOUT -> {
                // The processor captures the money, but our call times out: the caller learns nothing.
                ledger.record("charge", command, ref, "succeeded", ChargeOutcome.of(Result.SUCCEEDED, ref));
                yield new ChargeOutcome(Result.UNKNOWN, null, "timeout", "No answer from the processor in time");
            }
            case SUCCEEDS ->
                ledger.record("charge", command, ref, "succeeded", ChargeOutcome.of(Result.SUCCEEDED, ref));
            case UNKNOWN_TOKEN ->
                new ChargeOutcome(Result.DECLINED, null, "invalid_token", "Unknown payment method token");
        };
    }

    /**
     * The sandbox's bank page: the customer approves (the charge succeeds) or fails the challenge (it is declined). A
     * PayPal charge is answered the same way from the sandbox's approval page; a cancel there is {@code payer_canceled}.
     */
    @Override
    public boolean authenticate(String processorReference, boolean approved) {
        roundTrip();
        return jdbc.sql("update sandbox_charge set status = case when :approved then 'succeeded'"
                                + " when token like 'sbxpp\\_%' then 'declined:payer_canceled'"
                                + " else 'declined:authentication_failed' end where slot = :slot and kind = 'charge'"
                                + " and ref = :ref and status = 'requires_action'")
                        .param("approved", approved)
                        .param("slot", slot)
                        .param("ref", processorReference)
                        .update()
                > 0;
    }

    @Override
    public ChargeOutcome lookup(String idempotencyKey) {
        roundTrip();
        return ledger.find("charge", idempotencyKey).orElse(ChargeOutcome.of(Result.NOT_FOUND, null));
    }

    @Override
    public RefundOutcome refund(RefundCommand command) {
        roundTrip();
        Optional<ChargeOutcome> previous = ledger.find("refund", command.idempotencyKey());
        if (previous.isPresent()) {
            return new RefundOutcome(previous.get().result(), previous.get().processorReference(), null);
        }
        String ref = "sbx_re_" + random();
        ledger.record(
                "refund",
                new ChargeCommand(null, command.amount(), command.idempotencyKey(), command.chargeReference(), null),
                ref,
                "succeeded",
                ChargeOutcome.of(Result.SUCCEEDED, ref));
        return new RefundOutcome(Result.SUCCEEDED, ref, null);
    }

    @Override
    public CardToken importToken(String legacyToken) {
        String[] parts = parts(legacyToken);
        if (behaviourOf(legacyToken) == TestCards.Behaviour.UNKNOWN_TOKEN) {
            throw new ProcessorException("invalid_token", "Unknown token");
        }
        String brand = parts.length == 6 ? parts[3] : TestCards.brand(parts[2]);
        String last4 = parts.length == 6 ? parts[4] : parts[2].substring(parts[2].length() - 4);
        return new CardToken(token(behaviourOf(legacyToken), brand, last4), brand, last4);
    }

    @Override
    public boolean verify(String token, String currency) {
        TestCards.Behaviour behaviour = behaviourOf(token);
        return behaviour != TestCards.Behaviour.DECLINED
                && behaviour != TestCards.Behaviour.INSUFFICIENT_FUNDS
                && behaviour != TestCards.Behaviour.UNKNOWN_TOKEN;
    }

    private String token(TestCards.Behaviour behaviour, String brand, String last4) {
        return "sbx_" + slot + "_" + behaviour.tokenName() + "_" + brand + "_" + last4 + "_" + random();
    }

    private static String[] parts(String token) {
        return token == null ? new String[0] : token.split("_");
    }

    /** The behaviour a token stands for; tokens of older sandboxes carried the card number (4 parts) and still work. */
    private static TestCards.Behaviour behaviourOf(String token) {
        String[] parts = parts(token);
        if (parts.length == 6) {
            return TestCards.Behaviour.ofTokenName(parts[2]);
        }
        return parts.length == 4 && TestCards.luhnValid(parts[2])
                ? TestCards.Behaviour.of(parts[2])
                : TestCards.Behaviour.UNKNOWN_TOKEN;
    }

    private void roundTrip() {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String random() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
