package com.abacus.admin.internal.web;

import com.abacus.admin.internal.AdminSettings;
import com.abacus.admin.internal.AuditLog;
import com.abacus.invoicing.Invoicing;
import com.abacus.payments.Charges;
import com.abacus.payments.Payment;
import com.abacus.payments.PaymentId;
import com.abacus.payments.Refund;
import com.abacus.payments.RefundRequest;
import com.abacus.payments.Refunds;
import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.Money;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Refunds in three steps: the form (amount, required reason), a confirmation that says exactly what will happen
 * (amount, processor, credit note), and the result, inline. The form carries an idempotency key, so a double click
 * refunds once; two agents refunding at once cannot exceed what was captured (the payment row decides). SUPPORT may
 * refund up to a configured amount per payment, in total over all their refunds of it; above it the server refuses
 * unless the agent is ADMIN.
 */
@Controller
@RequestMapping("/admin/payments/{id}")
@PreAuthorize("hasRole('SUPPORT')")
class RefundConsole {

    private final Charges charges;

    private final Refunds refunds;
    private final Invoicing invoicing;
    private final AuditLog audit;
    private final AdminSettings settings;

    RefundConsole(Charges charges, Refunds refunds, Invoicing invoicing, AuditLog audit, AdminSettings settings) {
        this.charges = charges;
        this.refunds = refunds;
        this.invoicing = invoicing;
        this.audit = audit;
        this.settings = settings;
    }

    @GetMapping("/refund")
    String form(@PathVariable String id, HtmxRequest htmx, Model model) {
        Payment payment = charges.payment(PaymentId.of(id));
        model.addAttribute("payment", payment);
        model.addAttribute("amount", payment.refundable().toPlainString());
        model.addAttribute("key", UUID.randomUUID().toString());
        return view(htmx, model, "form");
    }

    @PostMapping("/refund/review")
    String review(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String amount,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam String key,
            Authentication staff,
            HtmxRequest htmx,
            Model model) {
        Payment payment = charges.payment(PaymentId.of(id));
        model.addAttribute("payment", payment);
        model.addAttribute("amount", amount);
        model.addAttribute("reason", reason);
        model.addAttribute("key", key);
        try {
            Money refund = validate(payment, amount, reason, staff);
            model.addAttribute("refund", refund);
            model.addAttribute("remaining", payment.refundable().minus(refund));
            model.addAttribute(
                    "invoice", invoicing.invoicePaidBy(id).map(i -> i.number()).orElse(null));
            return view(htmx, model, "confirm");
        } catch (DomainException e) {
            model.addAttribute(
                    "error",
                    e instanceof InvalidInputException invalid
                                    && !invalid.fieldErrors().isEmpty()
                            ? String.join("; ", invalid.fieldErrors().values())
                            : e.getMessage());
            return view(htmx, model, "form");
        }
    }

    @PostMapping("/refunds")
    String refund(
            @PathVariable String id,
            @RequestParam String amount,
            @RequestParam String reason,
            @RequestParam String key,
            Authentication staff,
            HtmxRequest htmx,
            Model model) {
        Payment payment = charges.payment(PaymentId.of(id));
        model.addAttribute("payment", payment);
        try {
            Money money = validate(payment, amount, reason, staff);
            RefundRequest request =
                    new RefundRequest(payment.id(), money, reason.trim(), staff.getName(), "console:" + key);
            Money limit = supportLimit(payment, staff);
            Refund refund = refunds.refund(limit == null ? request : request.underLimit(limit));
            audit.record(
                    staff,
                    "REFUND_ISSUED",
                    "refund",
                    refund.id(),
                    payment.accountId(),
                    reason.trim(),
                    refund.amount() + " of payment " + payment.id() + " via "
                            + refund.processor().slug() + " ("
                            + refund.status().name().toLowerCase() + ")");
            model.addAttribute("result", refund);
            model.addAttribute(
                    "invoice", invoicing.invoicePaidBy(id).map(i -> i.number()).orElse(null));
        } catch (DomainException e) {
            model.addAttribute(
                    "error",
                    e instanceof InvalidInputException invalid
                                    && !invalid.fieldErrors().isEmpty()
                            ? String.join("; ", invalid.fieldErrors().values())
                            : e.getMessage());
        }
        model.addAttribute("payment", charges.payment(payment.id()));
        return view(htmx, model, "result");
    }

    /**
     * The most SUPPORT may refund in total on a payment (null for ADMIN: no limit). Checked here for a clear message,
     * and again by payments in the same update that reserves the refund, so two agents at once cannot split it.
     */
    private Money supportLimit(Payment payment, Authentication staff) {
        boolean admin =
                staff.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
        if (admin) {
            return null;
        }
        BigDecimal limit = settings.supportRefundLimit().get(payment.amount().currencyCode());
        return limit == null
                ? Money.zero(payment.amount().currency())
                : Money.parse(limit.toPlainString(), payment.amount().currencyCode());
    }

    private Money validate(Payment payment, String amount, String reason, Authentication staff) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "A reason is required");
        }
        Money money = Money.parse(amount.trim(), payment.amount().currencyCode());
        if (!money.isPositive()) {
            throw new InvalidInputException("amount", "The amount must be positive");
        }
        if (money.compareTo(payment.refundable()) > 0) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "refund-exceeds-captured",
                    "At most " + payment.refundable() + " can be refunded");
        }
        if (supportLimit(payment, staff) != null) {
            Money limit = supportLimit(payment, staff);
            Money used = refunds.refundedUnderLimit(payment.id());
            if (money.compareTo(limit.minus(used)) > 0) {
                throw new DomainException(
                        DomainException.Kind.FORBIDDEN,
                        "refund-above-support-limit",
                        "SUPPORT may refund at most " + limit + " in total per payment (" + used
                                + " refunded so far); larger refunds need an ADMIN");
            }
        }
        return money;
    }

    private static String view(HtmxRequest htmx, Model model, String step) {
        model.addAttribute("step", step);
        return htmx.isHtmxRequest() ? "admin/refund :: refund-" + step : "admin/refund";
    }
}
