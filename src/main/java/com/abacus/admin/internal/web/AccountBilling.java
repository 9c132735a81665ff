package com.abacus.admin.internal.web;

import com.abacus.invoicing.Invoicing;
import com.abacus.payments.Cards;
import com.abacus.payments.Charges;
import com.abacus.payments.ProcessorMigration;
import com.abacus.payments.Refunds;
import com.abacus.shared.AccountId;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** The billing sections of an account page: payments, refunds, cards and their processor, invoices, credit notes. */
@Component
class AccountBilling {

    private final Charges charges;
    private final Refunds refunds;
    private final Cards cards;
    private final ProcessorMigration migration;
    private final Invoicing invoicing;

    AccountBilling(Charges charges, Refunds refunds, Cards cards, ProcessorMigration migration, Invoicing invoicing) {
        this.charges = charges;
        this.refunds = refunds;
        this.cards = cards;
        this.migration = migration;
        this.invoicing = invoicing;
    }

    void addTo(AccountId account, Model model) {
        addTo(account, null, model);
    }

    /** @param method only payments of this method ({@code card}, {@code paypal}, {@code sepa_debit}); null: all */
    void addTo(AccountId account, com.abacus.payments.PaymentMethodType method, Model model) {
        model.addAttribute(
                "payments",
                charges.paymentsOf(account).stream()
                        .filter(p -> method == null || p.methodType() == method)
                        .toList());
        model.addAttribute("method", method == null ? "" : method.wire());
        model.addAttribute("refunds", refunds.refundsOf(account));
        model.addAttribute("cards", cards.paymentMethods(account));
        model.addAttribute("processor", migration.processorOf(account));
        model.addAttribute("invoices", invoicing.invoices(account));
        model.addAttribute("creditNotes", invoicing.creditNotes(account));
    }

    /** The account an invoice number (INV-…) was issued to, for the search. */
    Optional<AccountId> accountOfInvoice(String number) {
        return invoicing.invoiceByNumber(number).map(invoice -> invoice.accountId());
    }
}
