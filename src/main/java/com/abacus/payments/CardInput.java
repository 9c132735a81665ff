package com.abacus.payments;

/** Card details as typed at checkout. Only brand and last four digits are stored by Abacus. */
public record CardInput(String number, int expMonth, int expYear, String cvc) {}
