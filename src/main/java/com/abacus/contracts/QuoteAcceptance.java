package com.abacus.contracts;

import com.abacus.contracts.internal.ContractRepository;
import com.abacus.shared.DomainException;
import com.abacus.shared.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A quote accepted (staff mark it signed, with the signature's reference) becomes a contract with the quote's terms,
 * once: the quote row is locked, so two acceptances make one contract; an expired or accepted quote is refused, and so
 * is one that would overlap a contract signed since it was made.
 */
@Service
public class QuoteAcceptance {

    private final ContractRepository repository;
    private final ContractOverlaps overlaps;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    QuoteAcceptance(
            ContractRepository repository, ContractOverlaps overlaps, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.overlaps = overlaps;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Contract accept(UUID quoteId, String signedBy, @Nullable String signedReference) {
        if (signedReference != null && signedReference.length() > 200) {
            throw new com.abacus.shared.InvalidInputException("signedReference", "at most 200 characters");
        }
        Quote quote = repository.lockedQuote(quoteId).orElseThrow(() -> new NotFoundException("quote", quoteId));
        Instant now = clock.instant();
        switch (quote.statusAt(now)) {
            case ACCEPTED ->
                throw new DomainException(
                        DomainException.Kind.CONFLICT,
                        "quote-accepted",
                        "Quote " + quote.number() + " was accepted already",
                        Map.of("contractId", String.valueOf(quote.contractId())));
            case EXPIRED ->
                throw new DomainException(
                        DomainException.Kind.CONFLICT,
                        "quote-expired",
                        "Quote " + quote.number() + " expired on " + quote.expiresAt() + "; make a new quote");
            case OPEN -> {}
        }
        overlaps.refuseOverlap(quote.terms());
        Contract contract = new Contract(
                UUID.randomUUID(),
                repository.nextContractNumber(now.atZone(ZoneOffset.UTC).getYear()),
                quote.id(),
                quote.terms(),
                Contract.Status.ACTIVE,
                signedBy,
                now);
        repository.insert(contract, ContractOverlaps.products(quote.terms()));
        repository.accepted(quote.id(), contract.id(), signedBy, signedReference, now);
        events.publishEvent(new ContractSigned(
                contract.id(),
                quote.id(),
                quote.terms().accountId().toString(),
                signedBy,
                signedReference == null ? "" : signedReference,
                now));
        return contract;
    }
}
