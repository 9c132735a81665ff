package com.abacus.accounts;

import com.abacus.accounts.internal.AccountRepository;
import com.abacus.accounts.internal.ApiTokenRepository;
import com.abacus.accounts.internal.TestClockRepository;
import com.abacus.shared.AccountId;
import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.Money;
import com.abacus.shared.NotFoundException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Customer accounts: open, find, search, and the privacy duties (export, erasure). */
@Service
public class Accounts {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final AccountRepository accounts;
    private final ApiTokenRepository tokens;
    private final TestClockRepository testClocks;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Accounts(
            AccountRepository accounts,
            ApiTokenRepository tokens,
            TestClockRepository testClocks,
            PasswordEncoder passwords,
            ApplicationEventPublisher events,
            Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.testClocks = testClocks;
        this.passwords = passwords;
        this.events = events;
        this.clock = clock;
    }

    /** Sign-up: the customer opens their own account, with a password. */
    @Transactional
    public Account register(NewAccount request) {
        return open(request, true);
    }

    /**
     * Staff or a service open an account for a customer (console, {@code POST /api/v1/accounts}): the same checks as
     * sign-up, the password optional (the account acts by API key until one is set), and optionally on a test clock.
     */
    @Transactional
    public Account open(NewAccount request) {
        return open(request, false);
    }

    private Account open(NewAccount request, boolean passwordRequired) {
        Map<String, String> errors = new LinkedHashMap<>();
        String email = request.email() == null ? "" : request.email().trim().toLowerCase();
        if (!EMAIL.matcher(email).matches() || email.length() > 254) {
            errors.put("email", "must be an email address");
        }
        if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            errors.put("name", "must be 1 to 200 characters");
        }
        ZoneId zone = null;
        try {
            zone = ZoneId.of(request.timeZone() == null ? "" : request.timeZone());
        } catch (DateTimeException e) {
            errors.put("timeZone", "must be an IANA time zone such as Europe/Berlin");
        }
        String currency = request.currency();
        try {
            Money.currency(currency);
        } catch (InvalidInputException e) {
            errors.put("currency", "must be an ISO-4217 currency code");
        }
        if (request.country() != null
                && !request.country().isBlank()
                && !request.country().matches("[A-Z]{2}")) {
            errors.put("country", "must be an ISO-3166 alpha-2 code");
        }
        boolean passwordGiven =
                request.password() != null && !request.password().isEmpty();
        if ((passwordRequired || passwordGiven)
                && (request.password() == null
                        || request.password().length() < 10
                        || request.password().length() > 128)) {
            errors.put("password", "must be 10 to 128 characters");
        }
        if (request.testClockId() != null
                && testClocks.find(request.testClockId()).isEmpty()) {
            errors.put("testClockId", "is not a test clock");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors, "Account details are invalid");
        }
        if (accounts.emailTaken(email)) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT, "email-taken", "An account with this email already exists");
        }
        Account account = new Account(
                AccountId.random(),
                email,
                request.name().trim(),
                Money.currency(currency),
                zone,
                request.country() == null || request.country().isBlank() ? null : request.country(),
                // An account on a test clock is created at the clock's time, like everything it does after.
                request.testClockId() == null
                        ? clock.instant()
                        : testClocks.find(request.testClockId()).orElseThrow().frozenTime(),
                false,
                request.testClockId());
        accounts.insert(account, passwordGiven ? passwords.encode(request.password()) : null);
        events.publishEvent(new AccountRegistered(account.id(), currency, zone.getId(), account.createdAt()));
        return account;
    }

    public Account get(AccountId id) {
        return accounts.find(id).orElseThrow(() -> new NotFoundException("account", id));
    }

    /** The accounts with these ids that exist, by id. */
    public Map<AccountId, Account> getAll(Collection<AccountId> ids) {
        Map<AccountId, Account> found = new HashMap<>();
        accounts.findAll(ids).forEach(a -> found.put(a.id(), a));
        return found;
    }

    /** Which of these ids are accounts, in one query. */
    public Set<AccountId> existing(Collection<AccountId> ids) {
        return accounts.existing(ids);
    }

    public Optional<Account> find(AccountId id) {
        return accounts.find(id);
    }

    public Optional<Account> findByEmail(String email) {
        return accounts.findByEmail(email.trim().toLowerCase());
    }

    /** Staff search by id, email or name; newest first. */
    public List<Account> search(String query, int offset, int limit) {
        return accounts.search(query == null ? "" : query.trim(), offset, Math.min(limit, 100));
    }

    public int count(String query) {
        return accounts.count(query == null ? "" : query.trim());
    }

    /** Issues an API key for the customer's own programs; the plain key is shown once and stored hashed. */
    @Transactional
    public String issueCustomerApiKey(AccountId accountId, String name) {
        get(accountId);
        return tokens.issue(name, accountId, List.of());
    }

    /** The personal data we hold about a customer, for a data subject access request. */
    public Map<String, Object> exportPersonalData(AccountId accountId) {
        Account account = get(accountId);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("accountId", account.id().toString());
        data.put("email", account.email());
        data.put("name", account.name());
        data.put("country", account.country());
        data.put("currency", account.currency().getCurrencyCode());
        data.put("timeZone", account.timeZone().getId());
        data.put("createdAt", account.createdAt().toString());
        return data;
    }

    /**
     * Right to erasure: name, email and credentials are replaced by pseudonyms; the account id, currency and time zone
     * stay so invoices and revenue still balance.
     */
    @Transactional
    public void erasePersonalData(AccountId accountId) {
        Account account = get(accountId);
        if (account.erased()) {
            return;
        }
        accounts.pseudonymise(accountId, clock.instant());
        tokens.revokeAllFor(accountId, clock.instant());
        events.publishEvent(new PersonalDataErased(accountId, clock.instant()));
    }
}
