package com.abacus.admin.internal.web;

import com.abacus.discounts.CouponApplications;
import com.abacus.discounts.Coupons;
import com.abacus.discounts.NewCoupon;
import com.abacus.discounts.NewPromotionCode;
import com.abacus.shared.AccountId;
import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.NotFoundException;
import com.abacus.subscriptions.SubscriptionId;
import com.abacus.subscriptions.Subscriptions;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Coupons in the console: support sees them and gives a subscription one with a reason (audited through {@code
 * CouponApplied}); ADMIN creates coupons and promotion codes, by the same rules as the API.
 */
@Controller
@RequestMapping("/admin")
@PreAuthorize("hasRole('SUPPORT')")
class CouponConsole {

    private final Coupons coupons;
    private final CouponApplications applications;
    private final Subscriptions subscriptions;

    CouponConsole(Coupons coupons, CouponApplications applications, Subscriptions subscriptions) {
        this.coupons = coupons;
        this.applications = applications;
        this.subscriptions = subscriptions;
    }

    @GetMapping("/coupons")
    String coupons(Model model) {
        model.addAttribute("coupons", coupons.all());
        model.addAttribute("promotionCodes", coupons.promotionCodes());
        return "admin/coupons";
    }

    /** The account page's coupon forms, one per live subscription (loaded by the page, htmx). */
    @GetMapping("/accounts/{id}/coupons")
    String subscriptionCoupons(@PathVariable String id, Model model) {
        AccountId account = AccountId.of(id);
        model.addAttribute("accountId", account);
        model.addAttribute("subscriptions", subscriptions.forAccount(account));
        model.addAttribute("coupons", coupons.all());
        return "admin/coupons :: subscription-coupons";
    }

    /** A coupon as the form gives it: a percentage, or an amount in one currency; {@code redeemBy} the last day (UTC). */
    @PostMapping("/coupons")
    @PreAuthorize("hasRole('ADMIN')")
    String create(
            @RequestParam(defaultValue = "") String code,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String percentOff,
            @RequestParam(defaultValue = "") String amountOff,
            @RequestParam(defaultValue = "USD") String currency,
            @RequestParam(defaultValue = "once") String duration,
            @RequestParam(defaultValue = "") String durationInPeriods,
            @RequestParam(defaultValue = "") String plans,
            @RequestParam(defaultValue = "") String maxRedemptions,
            @RequestParam(defaultValue = "") String redeemBy,
            RedirectAttributes redirect) {
        try {
            var coupon = coupons.create(new NewCoupon(
                    code.strip(),
                    name,
                    percentOff.isBlank() ? null : decimal("percentOff", percentOff),
                    amountOff.isBlank() ? null : Map.of(currency, amountOff.strip()),
                    duration,
                    integer("durationInPeriods", durationInPeriods),
                    plans.isBlank()
                            ? List.of()
                            : Arrays.stream(plans.split(",")).map(String::strip).toList(),
                    integer("maxRedemptions", maxRedemptions),
                    redeemBy.isBlank() ? null : endOfDay(redeemBy)));
            redirect.addFlashAttribute("notice", "Coupon " + coupon.code() + " created");
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", message(e));
        }
        return "redirect:/admin/coupons";
    }

    @PostMapping("/promotion-codes")
    @PreAuthorize("hasRole('ADMIN')")
    String createPromotionCode(
            @RequestParam(defaultValue = "") String code,
            @RequestParam(defaultValue = "") String coupon,
            @RequestParam(defaultValue = "") String maxRedemptions,
            @RequestParam(defaultValue = "") String expiresOn,
            @RequestParam(defaultValue = "false") boolean firstTimeOnly,
            RedirectAttributes redirect) {
        try {
            var created = coupons.createPromotionCode(new NewPromotionCode(
                    code.strip(),
                    coupon.strip(),
                    integer("maxRedemptions", maxRedemptions),
                    expiresOn.isBlank() ? null : endOfDay(expiresOn),
                    firstTimeOnly));
            redirect.addFlashAttribute("notice", "Promotion code " + created.code() + " created");
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", message(e));
        }
        return "redirect:/admin/coupons";
    }

    /** Gives the subscription a coupon from its next invoice on; a refusal is shown on the account page. */
    @PostMapping("/accounts/{id}/subscriptions/{subscriptionId}/coupon")
    String apply(
            @PathVariable String id,
            @PathVariable String subscriptionId,
            @RequestParam(defaultValue = "") String coupon,
            @RequestParam(defaultValue = "") String reason,
            Authentication staff,
            RedirectAttributes redirect) {
        var subscription = subscriptions.get(SubscriptionId.of(subscriptionId));
        if (!subscription.accountId().equals(AccountId.of(id))) {
            throw new NotFoundException("subscription", subscriptionId);
        }
        try {
            var discounted = applications.apply(coupon, subscription.id(), staff.getName(), reason);
            redirect.addFlashAttribute(
                    "notice",
                    "Coupon " + discounted.discount().terms().description() + " applied from the next invoice");
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", message(e));
        }
        return "redirect:/admin/accounts/" + id;
    }

    private static String message(DomainException e) {
        if (e instanceof InvalidInputException invalid && !invalid.fieldErrors().isEmpty()) {
            StringBuilder text = new StringBuilder();
            invalid.fieldErrors()
                    .forEach((field, message) -> text.append(text.isEmpty() ? "" : "; ")
                            .append(field)
                            .append(": ")
                            .append(message));
            return text.toString();
        }
        return e.getMessage();
    }

    private static BigDecimal decimal(String field, String value) {
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be a number such as 20 or 12.5");
        }
    }

    private static Integer integer(String field, String value) {
        if (value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be a whole number");
        }
    }

    /** The instant a date-only limit ends: the start of the next day, UTC. */
    private static String endOfDay(String date) {
        try {
            return LocalDate.parse(date.strip())
                    .plusDays(1)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant()
                    .toString();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("date", "must be a date such as 2027-03-31");
        }
    }
}
