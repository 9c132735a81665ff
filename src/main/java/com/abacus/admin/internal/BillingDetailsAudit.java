package com.abacus.admin.internal;

import com.abacus.accounts.BillingDetailsChanged;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Every change of an account's billing address, tax id or tax exemption is in the audit log, whoever made it (the
 * customer on their page, support in the console, a service through the API): written in the change's transaction.
 */
@Component
class BillingDetailsAudit {

    private final AuditLog audit;

    BillingDetailsAudit(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void on(BillingDetailsChanged changed) {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        audit.record(
                signedIn,
                changed.actor(),
                "BILLING_DETAILS_CHANGED",
                "account",
                changed.accountId(),
                changed.accountId(),
                changed.reason(),
                changed.change());
    }
}
