package com.abacus.invoicing.internal;

import com.abacus.accounts.Account;
import com.abacus.accounts.Accounts;
import com.abacus.invoicing.Invoice;
import com.abacus.invoicing.InvoiceFinalized;
import com.abacus.invoicing.InvoiceId;
import com.abacus.invoicing.InvoiceLine;
import com.abacus.invoicing.InvoicePaid;
import com.abacus.invoicing.InvoiceStatus;
import com.abacus.invoicing.InvoicesIssued;
import com.abacus.invoicing.InvoicesPaid;
import com.abacus.shared.AccountId;
import com.abacus.shared.Money;
import com.abacus.subscriptions.ChargeLine;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues invoices: draft, lines, then a gapless number and FINALIZED (or PAID when the money was already taken, as at
 * checkout) in one transaction. Each invoice has a source key (what it bills for, e.g. one subscription period), so
 * issuing the same thing twice returns the first invoice: redelivered events and re-run jobs never bill twice.
 */
@Component
public class InvoiceIssuer {

    private final InvoiceRepository invoices;
    private final Accounts accounts;
    private final InvoicingSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    InvoiceIssuer(
            InvoiceRepository invoices,
            Accounts accounts,
            InvoicingSettings settings,
            ApplicationEventPublisher events,
            Clock clock) {
        this.invoices = invoices;
        this.accounts = accounts;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    public record Draft(
            AccountId accountId,
            String subscriptionId,
            String currency,
            List<InvoiceLine> lines,
            Instant periodStart,
            Instant periodEnd,
            String sourceKey,
            String paidBy) {}

    @Transactional
    public Invoice issue(Draft draft) {
        Instant now = clock.instant();
        Money total = draft.lines().stream()
                .map(InvoiceLine::amount)
                .reduce(Money.zero(Money.currency(draft.currency())), Money::plus);
        if (total.isNegative()) {
            throw new IllegalArgumentException("An invoice cannot total below zero: " + total);
        }
        Account account = accounts.get(draft.accountId());
        InvoiceId id = new InvoiceId(UUID.randomUUID());
        if (!invoices.insertDraft(
                id,
                draft.accountId(),
                draft.subscriptionId(),
                account.name(),
                account.email(),
                total,
                draft.periodStart(),
                draft.periodEnd(),
                draft.sourceKey(),
                now)) {
            return invoices.findBySource(draft.sourceKey()).orElseThrow();
        }
        List<InvoiceLine> lines = new ArrayList<>();
        for (int i = 0; i < draft.lines().size(); i++) {
            InvoiceLine line = draft.lines().get(i);
            InvoiceLine positioned = new InvoiceLine(
                    i + 1,
                    line.kind(),
                    line.product(),
                    line.code(),
                    line.description(),
                    line.quantity(),
                    line.unitAmount(),
                    line.amount(),
                    line.serviceStart(),
                    line.serviceEnd());
            invoices.insertLine(id, positioned);
            lines.add(positioned);
        }
        int year = now.atZone(settings.numberingZone()).getYear();
        String number = "INV-%d-%06d".formatted(year, invoices.nextNumber("INV", year));
        boolean paid = draft.paidBy() != null || total.isZero();
        invoices.finalize(id, number, paid ? InvoiceStatus.PAID : InvoiceStatus.FINALIZED, draft.paidBy(), now);
        events.publishEvent(new InvoiceFinalized(
                id, number, draft.accountId(), draft.currency(), total.minor(), List.copyOf(lines), now, paid));
        if (paid) {
            events.publishEvent(new InvoicePaid(
                    id, number, draft.accountId(), draft.paidBy(), total.minor(), draft.currency(), now, true));
        }
        return new Invoice(
                id,
                number,
                draft.accountId(),
                draft.subscriptionId(),
                account.name(),
                account.email(),
                paid ? InvoiceStatus.PAID : InvoiceStatus.FINALIZED,
                total,
                Money.zero(total.currency()),
                List.copyOf(lines),
                draft.periodStart(),
                draft.periodEnd(),
                draft.paidBy(),
                0,
                paid ? null : now,
                now,
                paid ? now : null);
    }

    /**
     * Issues a batch of unpaid invoices (the invoice run's): numbered as one block of the gapless series, written in
     * batches, announced in one {@link InvoicesIssued} event (and one {@link InvoicesPaid} for those that total zero).
     * The numbers are taken last, so the series stays locked only while the invoices are written. If any source was
     * invoiced before, nothing of the batch is kept (the caller's transaction rolls back) and the caller goes one by
     * one through {@link #issue}. Each invoice records its first charge attempt, which the caller makes.
     */
    @Transactional
    public List<Invoice> issueAll(List<Draft> drafts) {
        if (drafts.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        Map<AccountId, Account> billed =
                accounts.getAll(drafts.stream().map(Draft::accountId).collect(Collectors.toSet()));
        int year = now.atZone(settings.numberingZone()).getYear();
        long first = invoices.nextNumbers("INV", year, drafts.size());
        List<Invoice> issued = new ArrayList<>();
        List<InvoiceFinalized> finalized = new ArrayList<>();
        List<InvoicePaid> paid = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            Draft draft = drafts.get(i);
            Money total = draft.lines().stream()
                    .map(InvoiceLine::amount)
                    .reduce(Money.zero(Money.currency(draft.currency())), Money::plus);
            if (total.isNegative() || draft.paidBy() != null) {
                throw new IllegalArgumentException(
                        "A batch invoice must be unpaid and total zero or more: " + draft.sourceKey());
            }
            Account account = billed.get(draft.accountId());
            InvoiceId id = new InvoiceId(UUID.randomUUID());
            String number = "INV-%d-%06d".formatted(year, first + i);
            List<InvoiceLine> lines = positioned(draft.lines());
            boolean zero = total.isZero();
            issued.add(new Invoice(
                    id,
                    number,
                    draft.accountId(),
                    draft.subscriptionId(),
                    account.name(),
                    account.email(),
                    zero ? InvoiceStatus.PAID : InvoiceStatus.FINALIZED,
                    total,
                    Money.zero(total.currency()),
                    lines,
                    draft.periodStart(),
                    draft.periodEnd(),
                    null,
                    zero ? 0 : 1,
                    zero ? null : now.plus(settings.collectionGrace()),
                    now,
                    zero ? now : null));
            finalized.add(new InvoiceFinalized(
                    id, number, draft.accountId(), draft.currency(), total.minor(), lines, now, zero));
            if (zero) {
                paid.add(new InvoicePaid(id, number, draft.accountId(), null, 0, draft.currency(), now, true));
            }
        }
        invoices.insertIssued(issued, drafts.stream().map(Draft::sourceKey).toList(), now);
        events.publishEvent(new InvoicesIssued(finalized));
        if (!paid.isEmpty()) {
            events.publishEvent(new InvoicesPaid(paid));
        }
        return issued;
    }

    private static List<InvoiceLine> positioned(List<InvoiceLine> lines) {
        List<InvoiceLine> positioned = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            InvoiceLine line = lines.get(i);
            positioned.add(new InvoiceLine(
                    i + 1,
                    line.kind(),
                    line.product(),
                    line.code(),
                    line.description(),
                    line.quantity(),
                    line.unitAmount(),
                    line.amount(),
                    line.serviceStart(),
                    line.serviceEnd()));
        }
        return positioned;
    }

    static List<InvoiceLine> fromCharges(String product, List<ChargeLine> charges) {
        List<InvoiceLine> lines = new ArrayList<>();
        for (ChargeLine charge : charges) {
            lines.add(new InvoiceLine(
                    0,
                    InvoiceLine.Kind.valueOf(charge.kind().name()),
                    product,
                    charge.code(),
                    charge.description(),
                    charge.quantity(),
                    charge.unitAmount(),
                    charge.amount(),
                    charge.serviceStart(),
                    charge.serviceEnd()));
        }
        return lines;
    }
}
