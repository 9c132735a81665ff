package com.abacus.accounts;

import com.abacus.shared.AccountId;
import java.time.Instant;

/** A customer's personal data was pseudonymised; modules holding personal fields erase theirs. */
public record PersonalDataErased(AccountId accountId, Instant erasedAt) {}
