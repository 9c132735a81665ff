package com.abacus.entitlements;

import com.abacus.shared.AccountId;
import java.time.Instant;
import java.util.UUID;

public record TrialGranted(
        UUID trialId, AccountId accountId, String planCode, Instant endsAt, String grantedBy, String reason) {}
