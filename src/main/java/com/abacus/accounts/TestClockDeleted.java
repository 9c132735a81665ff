package com.abacus.accounts;

import com.abacus.shared.AccountId;
import java.util.List;
import java.util.UUID;

/**
 * A test clock was deleted with every account on it. Each module removes what it holds for these accounts in the same
 * transaction (synchronous listeners), so nothing of a simulation outlives its clock.
 */
public record TestClockDeleted(UUID testClockId, List<AccountId> accounts) {}
