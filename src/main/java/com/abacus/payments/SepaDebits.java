package com.abacus.payments;

import com.abacus.payments.internal.PaymentMethodRepository;
import com.abacus.payments.internal.PaymentMethodRepository.OtherMethod;
import com.abacus.payments.internal.PaymentSettings;
import com.abacus.payments.internal.ProcessorRegistry;
import com.abacus.payments.internal.Router;
import com.abacus.payments.internal.processor.PaymentProcessor;
import com.abacus.shared.AccountId;
import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.NotFoundException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * SEPA Direct Debit mandates: the IBAN is checked (country, length, check digits), the customer must accept the
 * mandate text, and the account is saved at the processor under a mandate reference. Only the IBAN's country and last
 * four are kept, with the reference, the time of acceptance and the exact text accepted (the mandate page shows them).
 */
@Service
public class SepaDebits {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final PaymentMethodRepository methods;
    private final com.abacus.payments.internal.SavedCardRepository saved;
    private final Router router;
    private final ProcessorRegistry processors;
    private final PaymentSettings settings;
    private final com.abacus.accounts.Accounts accounts;
    private final Clock clock;

    SepaDebits(
            PaymentMethodRepository methods,
            com.abacus.payments.internal.SavedCardRepository saved,
            Router router,
            ProcessorRegistry processors,
            PaymentSettings settings,
            com.abacus.accounts.Accounts accounts,
            Clock clock) {
        this.methods = methods;
        this.saved = saved;
        this.router = router;
        this.processors = processors;
        this.settings = settings;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** A mandate as the customer accepted it. */
    public record Mandate(
            UUID paymentMethodId,
            String reference,
            Instant acceptedAt,
            String country,
            String last4,
            String creditorName,
            String creditorId,
            String text) {}

    /** The text the customer accepts, naming who collects; the same words are stored with each mandate. */
    public String mandateText() {
        return "By accepting this mandate you authorise " + settings.sepa().creditorName()
                + " (creditor identifier " + settings.sepa().creditorId() + ") to send instructions to your bank to"
                + " debit your account, and your bank to debit your account in accordance with those instructions."
                + " You are entitled to a refund from your bank under the terms and conditions of your agreement with"
                + " your bank; a refund must be claimed within 8 weeks starting from the date on which your account"
                + " was debited. You will be told the amount and date of each debit at least 2 days before it.";
    }

    /** Checks the input without writing anything, naming each field ({@code prefix.iban}, ...). */
    public Iban validate(SepaDebitInput input, String prefix) {
        Map<String, String> errors = new LinkedHashMap<>();
        Iban iban = null;
        try {
            iban = Iban.parse(input == null ? null : input.iban());
        } catch (InvalidInputException e) {
            errors.put(prefix + ".iban", e.fieldErrors().values().iterator().next());
        }
        if (input == null || !input.mandateAccepted()) {
            errors.put(prefix + ".mandateAccepted", "must be accepted to pay by SEPA Direct Debit");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors, "The SEPA Direct Debit details are invalid");
        }
        return iban;
    }

    /** Saves the mandate as the account's default method, at the processor that takes SEPA debits. */
    public PaymentMethod add(AccountId account, SepaDebitInput input) {
        Iban iban = validate(input, "sepaDebit");
        Processor slot = router.processorForNewMethod(account, PaymentMethodType.SEPA_DEBIT, "EUR");
        String reference = reference();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String token;
        try {
            var holder = accounts.get(account);
            token = processors
                    .get(slot)
                    .tokenizeBankAccount(new PaymentProcessor.BankAccount(
                            iban.number(), reference, now, holder.name(), holder.email()));
        } catch (PaymentProcessor.ProcessorException e) {
            throw new DomainException(
                    DomainException.Kind.PAYMENT_FAILED,
                    "bank-account-rejected",
                    "The bank account was not accepted: " + e.code());
        }
        UUID id = UUID.randomUUID();
        methods.insertOther(
                new OtherMethod(
                        id,
                        account,
                        PaymentMethodType.SEPA_DEBIT,
                        PaymentMethodStatus.ACTIVE,
                        slot,
                        token,
                        iban.last4(),
                        iban.country(),
                        reference,
                        now,
                        mandateText()),
                now);
        return methods.find(id, account).orElseThrow().method();
    }

    /** The account's mandate; another account's (or a card) is "not found". */
    public Mandate mandate(AccountId account, UUID paymentMethodId) {
        PaymentMethod method = methods.find(paymentMethodId, account)
                .map(PaymentMethodRepository.StoredMethod::method)
                .filter(m -> m.type() == PaymentMethodType.SEPA_DEBIT)
                .orElseThrow(() -> new NotFoundException("mandate", paymentMethodId));
        return new Mandate(
                method.id(),
                method.mandateReference(),
                method.mandateAcceptedAt(),
                method.country(),
                method.last4(),
                settings.sepa().creditorName(),
                settings.sepa().creditorId(),
                saved.mandateText(paymentMethodId, account).orElseThrow());
    }

    /** A mandate reference: unique, at most 35 characters of the SEPA character set. */
    private static String reference() {
        StringBuilder reference = new StringBuilder("ABACUS-");
        for (int i = 0; i < 16; i++) {
            reference.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return reference.toString();
    }
}
