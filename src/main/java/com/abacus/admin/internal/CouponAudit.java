package com.abacus.admin.internal;

import com.abacus.discounts.CouponApplied;
import com.abacus.shared.AccountId;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Every coupon staff give a subscription is in the audit log with who and why, whichever way it came (console or API):
 * written in the application's transaction, so there is no discount without its entry.
 */
@Component
class CouponAudit {

    private final AuditLog audit;

    CouponAudit(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void on(CouponApplied applied) {
        audit.record(
                SecurityContextHolder.getContext().getAuthentication(),
                applied.actor(),
                "COUPON_APPLIED",
                "subscription",
                applied.subscriptionId(),
                AccountId.of(applied.accountId()),
                applied.reason(),
                applied.description());
    }
}
