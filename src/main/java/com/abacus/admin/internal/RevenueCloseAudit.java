package com.abacus.admin.internal;

import com.abacus.revenue.RevenuePeriodClosed;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Every month close is in the audit log, whichever way it came (the console's button or {@code POST
 * /api/v1/revenue/periods/{period}/close}): written when the close is, in its transaction, by whoever is signed in.
 * A month closed again (already closed) publishes nothing and writes nothing.
 */
@Component
class RevenueCloseAudit {

    private final AuditLog audit;

    RevenueCloseAudit(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void on(RevenuePeriodClosed closed) {
        Authentication staff = SecurityContextHolder.getContext().getAuthentication();
        audit.record(
                staff,
                closed.closedBy(),
                "PERIOD_CLOSED",
                "revenue-period",
                closed.period(),
                null,
                "month-end close",
                "csv " + closed.csvSha256());
    }
}
