package com.abacus.accounts;

import com.abacus.shared.AccountId;
import java.time.Instant;

/** A new customer account exists. */
public record AccountRegistered(AccountId accountId, String currency, String timeZone, Instant registeredAt) {}
