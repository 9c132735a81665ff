package com.abacus.admin.internal.web;

import com.abacus.accounts.Accounts;
import com.abacus.admin.internal.AuditLog;
import com.abacus.invoicing.Invoice;
import com.abacus.invoicing.Invoicing;
import com.abacus.payments.Cards;
import com.abacus.payments.Charges;
import com.abacus.shared.AccountId;
import com.abacus.subscriptions.Subscriptions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/** The data subject's rights, for ADMIN: access (a JSON export) and erasure (pseudonymised; invoices and revenue kept). */
@Controller
@RequestMapping("/admin/accounts")
@PreAuthorize("hasRole('SUPPORT')")
class PrivacyConsole {

    private final Accounts accounts;
    private final Subscriptions subscriptions;
    private final Invoicing invoicing;
    private final Charges charges;
    private final Cards cards;
    private final AuditLog audit;

    PrivacyConsole(
            Accounts accounts,
            Subscriptions subscriptions,
            Invoicing invoicing,
            Charges charges,
            Cards cards,
            AuditLog audit) {
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.invoicing = invoicing;
        this.charges = charges;
        this.cards = cards;
        this.audit = audit;
    }

    /** Right of access: the customer's personal data as JSON. */
    @GetMapping("/{id}/personal-data")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<byte[]> personalData(@PathVariable String id, Authentication staff) {
        AccountId account = AccountId.of(id);
        Map<String, Object> data = new LinkedHashMap<>(accounts.exportPersonalData(account));
        data.put(
                "subscriptions",
                subscriptions.forAccount(account).stream()
                        .map(s -> Map.of(
                                "id",
                                s.id().toString(),
                                "plan",
                                s.planCode(),
                                "status",
                                s.status().name().toLowerCase(),
                                "price",
                                s.price().toString()))
                        .toList());
        data.put(
                "invoices",
                invoicing.invoices(account).stream().map(Invoice::number).toList());
        data.put(
                "creditNotes",
                invoicing.creditNotes(account).stream().map(c -> c.number()).toList());
        data.put(
                "payments",
                charges.paymentsOf(account).stream()
                        .map(p -> Map.of(
                                "id",
                                p.id().toString(),
                                "amount",
                                p.amount().toString(),
                                "status",
                                p.status().name().toLowerCase(),
                                "at",
                                p.createdAt().toString()))
                        .toList());
        data.put(
                "paymentMethods",
                cards.paymentMethods(account).stream()
                        .map(c -> c.brand() + " •••• " + c.last4())
                        .toList());
        audit.record(staff, "PERSONAL_DATA_EXPORTED", "account", id, account, "data subject access request", null);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("personal-data-" + id + ".json")
                                .build()
                                .toString())
                .body(JsonMapper.builder()
                        .build()
                        .writerWithDefaultPrettyPrinter()
                        .writeValueAsBytes(data));
    }

    /** Right to erasure: personal fields pseudonymised; invoices and revenue kept and still balancing. */
    @PostMapping("/{id}/erase")
    @PreAuthorize("hasRole('ADMIN')")
    String erase(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String reason,
            Authentication staff,
            RedirectAttributes redirect) {
        AccountId account = AccountId.of(id);
        AccountConsole.requireReason(reason);
        accounts.erasePersonalData(account);
        audit.record(staff, "PERSONAL_DATA_ERASED", "account", id, account, reason, null);
        redirect.addFlashAttribute("notice", "Personal data erased; invoices and revenue kept");
        return "redirect:/admin/accounts/" + id;
    }
}
