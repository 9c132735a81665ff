package com.abacus.payments;

import com.abacus.payments.internal.PaymentMethodRepository;
import com.abacus.payments.internal.ProcessorRegistry;
import com.abacus.payments.internal.Router;
import com.abacus.payments.internal.SavedCardRepository;
import com.abacus.payments.internal.processor.PaymentProcessor;
import com.abacus.payments.internal.processor.PaymentProcessor.CardDetails;
import com.abacus.payments.internal.processor.PaymentProcessor.CardToken;
import com.abacus.payments.internal.processor.TestCards;
import com.abacus.shared.AccountId;
import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.NotFoundException;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Saved cards: validated here, tokenised at the processor the account belongs to; the number is never kept. */
@Service
public class Cards {

    private final PaymentMethodRepository methods;
    private final SavedCardRepository saved;
    private final Router router;
    private final ProcessorRegistry processors;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Cards(
            PaymentMethodRepository methods,
            SavedCardRepository saved,
            Router router,
            ProcessorRegistry processors,
            TransactionTemplate transactions,
            Clock clock) {
        this.methods = methods;
        this.saved = saved;
        this.router = router;
        this.processors = processors;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Saves a card as the account's default, tokenised at the processor the account belongs to. A card the account saved
     * before (same brand, last four and expiry) is not saved twice: that card becomes the default again.
     */
    public PaymentMethod addCard(AccountId account, CardInput card) {
        validate(card);
        String number = card.number().replaceAll("[ -]", "");
        Processor slot = router.processorForNewMethod(account, PaymentMethodType.CARD, null);
        CardToken token;
        try {
            token = processors.get(slot).tokenize(new CardDetails(number, card.expMonth(), card.expYear(), card.cvc()));
        } catch (PaymentProcessor.ProcessorException e) {
            throw new DomainException(
                    DomainException.Kind.PAYMENT_FAILED, "card-rejected", "The card was not accepted: " + e.code());
        }
        var existing = saved.same(account, token.brand(), token.last4(), card.expMonth(), card.expYear());
        if (existing.isPresent()) {
            saved.makeDefault(account, existing.get().id());
            PaymentMethod again = existing.get();
            return PaymentMethod.card(
                    again.id(),
                    account,
                    again.brand(),
                    again.last4(),
                    again.expMonth(),
                    again.expYear(),
                    again.onLegacy(),
                    again.onNew(),
                    again.migratedAt(),
                    true);
        }
        UUID id = UUID.randomUUID();
        // At the database's precision, so the card returned equals the card read back later.
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        transactions.executeWithoutResult(tx -> methods.insert(
                id,
                account,
                token.brand(),
                token.last4(),
                card.expMonth(),
                card.expYear(),
                slot == Processor.LEGACY ? token.token() : null,
                slot == Processor.NEW ? token.token() : null,
                slot == Processor.NEW ? now : null,
                now));
        return PaymentMethod.card(
                id,
                account,
                token.brand(),
                token.last4(),
                card.expMonth(),
                card.expYear(),
                slot == Processor.LEGACY,
                slot == Processor.NEW,
                slot == Processor.NEW ? now : null,
                true);
    }

    /** Checks what can be checked without the processor, so a caller can refuse bad card details before writing. */
    public void validate(CardInput card) {
        Map<String, String> errors = new LinkedHashMap<>();
        String number = card.number() == null ? "" : card.number().replaceAll("[ -]", "");
        if (!TestCards.luhnValid(number)) {
            errors.put("card.number", "is not a valid card number");
        }
        if (card.expMonth() < 1 || card.expMonth() > 12) {
            errors.put("card.expMonth", "must be 1 to 12");
        } else if (card.expYear() < 2000
                || card.expYear() > 2100
                || YearMonth.of(card.expYear(), card.expMonth())
                        .isBefore(YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)))) {
            errors.put("card.expYear", "card has expired");
        }
        if (card.cvc() != null && !card.cvc().isEmpty() && !card.cvc().matches("[0-9]{3,4}")) {
            errors.put("card.cvc", "must be 3 or 4 digits");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors, "Card details are invalid");
        }
    }

    public List<PaymentMethod> paymentMethods(AccountId account) {
        return methods.forAccount(account);
    }

    /** The card later charges (renewals, retries, orders without a card) use. */
    public void makeDefault(AccountId account, UUID paymentMethodId) {
        if (!saved.makeDefault(account, paymentMethodId)) {
            throw new NotFoundException("card", paymentMethodId);
        }
    }

    /** Forgets a saved card; when it was the default, the most recently saved other card becomes the default. */
    public void remove(AccountId account, UUID paymentMethodId) {
        if (!saved.remove(account, paymentMethodId, clock.instant())) {
            throw new NotFoundException("card", paymentMethodId);
        }
    }
}
