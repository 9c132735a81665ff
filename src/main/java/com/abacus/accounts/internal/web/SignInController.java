package com.abacus.accounts.internal.web;

import com.abacus.accounts.Accounts;
import com.abacus.accounts.NewAccount;
import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign-in pages for customers and staff, and customer sign-up. */
@Controller
class SignInController {

    static final List<String> CURRENCIES = List.of("USD", "EUR", "GBP", "JPY");

    private final Accounts accounts;

    SignInController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/login")
    String customerLogin() {
        return "accounts/login";
    }

    @GetMapping("/admin/login")
    String staffLogin() {
        return "admin/login";
    }

    @GetMapping("/signup")
    String signup(Model model) {
        model.addAttribute("form", new SignupForm("", "", "USD", "UTC", ""));
        model.addAttribute("currencies", CURRENCIES);
        return "accounts/signup";
    }

    @PostMapping("/signup")
    String register(@ModelAttribute("form") SignupForm form, @RequestParam String password, Model model) {
        try {
            accounts.register(new NewAccount(
                    form.email(),
                    form.name(),
                    form.currency(),
                    form.timeZone(),
                    form.country() == null ? null : form.country().toUpperCase(),
                    password));
            return "redirect:/login?signedUp";
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.fieldErrors());
        } catch (DomainException e) {
            model.addAttribute("error", e.getMessage());
        }
        model.addAttribute("currencies", CURRENCIES);
        return "accounts/signup";
    }

    record SignupForm(String email, String name, String currency, String timeZone, String country) {}
}
