package com.abacus.payments;

/**
 * A bank account to debit under a SEPA mandate.
 *
 * @param iban the account, validated by checksum before anything is written; only its country and last four are kept
 * @param mandateAccepted the customer accepted the mandate text shown to them; required
 */
public record SepaDebitInput(String iban, boolean mandateAccepted) {}
