package com.abacus.accounts;

import com.abacus.shared.AccountId;
import java.time.Instant;

/**
 * An account's billing address, tax id or tax exemption changed. {@code actor} is who changed it (the customer's email,
 * a staff username, a service token's name); {@code change} says what, before and after, for the audit trail.
 */
public record BillingDetailsChanged(AccountId accountId, String actor, String reason, String change, Instant at) {}
