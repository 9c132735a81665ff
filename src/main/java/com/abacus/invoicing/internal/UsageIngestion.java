package com.abacus.invoicing.internal;

import com.abacus.accounts.Accounts;
import com.abacus.accounts.TestClocks;
import com.abacus.catalog.Catalog;
import com.abacus.catalog.UsageCharge;
import com.abacus.invoicing.UsageEventInput;
import com.abacus.invoicing.UsageReceipt;
import com.abacus.shared.AccountId;
import com.abacus.shared.InvalidInputException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Takes usage in batches. A malformed event rejects the whole batch (nothing written, every bad field named); a
 * well-formed event for a month already billed is refused on its own. Written in one statement per batch.
 */
@Component
public class UsageIngestion {

    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    private static final long MAX_QUANTITY = 1_000_000_000_000L;

    private final UsageRepository usage;
    private final Accounts accounts;
    private final TestClocks testClocks;
    private final Catalog catalog;
    private final InvoicingSettings settings;
    private final Clock clock;
    private final Cache<UUID, Boolean> knownAccounts = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterWrite(Duration.ofMinutes(10))
            .build();

    UsageIngestion(
            UsageRepository usage,
            Accounts accounts,
            TestClocks testClocks,
            Catalog catalog,
            InvoicingSettings settings,
            Clock clock) {
        this.usage = usage;
        this.accounts = accounts;
        this.testClocks = testClocks;
        this.catalog = catalog;
        this.settings = settings;
        this.clock = clock;
    }

    private static List<AccountId> accountsNamed(List<UsageEventInput> events, AccountId customer) {
        if (customer != null) {
            return List.of(customer);
        }
        Set<AccountId> named = new HashSet<>();
        for (UsageEventInput event : events) {
            if (event != null && event.accountId() != null) {
                try {
                    named.add(new AccountId(UUID.fromString(event.accountId())));
                } catch (IllegalArgumentException e) {
                    // reported with the event
                }
            }
        }
        return List.copyOf(named);
    }

    public UsageReceipt ingest(List<UsageEventInput> events, AccountId customer) {
        if (events == null || events.isEmpty() || events.size() > settings.maxUsageBatch()) {
            throw new InvalidInputException("events", "send 1 to " + settings.maxUsageBatch() + " events per batch");
        }
        Set<String> metrics = catalog.current().products().stream()
                .flatMap(p -> p.usageCharges().stream())
                .map(UsageCharge::metric)
                .collect(Collectors.toSet());
        Instant now = clock.instant();
        // Each account's own now: one on a test clock reports usage up to its clock's time (a service reporting for
        // it runs on real time), a real account up to now.
        Map<AccountId, Instant> nowOf = testClocks.nowOf(accountsNamed(events, customer));
        Map<String, String> errors = new LinkedHashMap<>();
        List<UsageRepository.Row> rows = new ArrayList<>(events.size());
        Set<String> seen = new HashSet<>();
        int repeatedInBatch = 0;
        for (int i = 0; i < events.size(); i++) {
            UsageEventInput event = events.get(i);
            String at = "events[" + i + "].";
            if (event == null) {
                errors.put("events[" + i + "]", "is required");
                continue;
            }
            if (event.id() == null || !EVENT_ID.matcher(event.id()).matches()) {
                errors.put(at + "id", "must be 1 to 128 letters, digits or ._:@-");
            }
            UUID account = null;
            if (customer != null) {
                if (event.accountId() != null && !event.accountId().equals(customer.toString())) {
                    errors.put(at + "accountId", "must be your own account");
                }
                account = customer.value();
            } else if (event.accountId() == null) {
                errors.put(at + "accountId", "is required");
            } else {
                try {
                    account = UUID.fromString(event.accountId());
                } catch (IllegalArgumentException e) {
                    errors.put(at + "accountId", "is not an account id");
                }
            }
            if (event.metric() == null || !metrics.contains(event.metric())) {
                errors.put(at + "metric", "must be one of " + new java.util.TreeSet<>(metrics));
            }
            if (event.quantity() == null || event.quantity() < 1 || event.quantity() > MAX_QUANTITY) {
                errors.put(at + "quantity", "must be a whole number from 1 to " + MAX_QUANTITY);
            }
            Instant occurred = null;
            try {
                occurred = event.timestamp() == null ? null : Instant.parse(event.timestamp());
            } catch (DateTimeParseException e) {
                // reported below
            }
            if (occurred == null) {
                errors.put(at + "timestamp", "must be an ISO-8601 instant such as 2026-11-21T10:15:30Z");
            } else if (occurred.isAfter((account == null ? now : nowOf.getOrDefault(new AccountId(account), now))
                    .plus(Duration.ofMinutes(5)))) {
                errors.put(at + "timestamp", "is in the future");
            }
            if (errors.isEmpty()) {
                if (seen.add(account + "/" + event.id())) {
                    rows.add(new UsageRepository.Row(account, event.id(), event.metric(), event.quantity(), occurred));
                } else {
                    repeatedInBatch++;
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors, "Usage batch has invalid events; nothing was recorded");
        }
        List<UsageReceipt.Rejected> rejected = new ArrayList<>();
        List<UUID> distinct =
                rows.stream().map(UsageRepository.Row::accountId).distinct().toList();
        Set<UUID> unknown = new HashSet<>();
        for (UUID account : distinct) {
            if (knownAccounts.getIfPresent(account) == null) {
                if (accounts.find(new AccountId(account)).isPresent()) {
                    knownAccounts.put(account, Boolean.TRUE);
                } else {
                    unknown.add(account);
                }
            }
        }
        Map<String, Instant> closedBefore = usage.billedUntil(distinct);
        List<UsageRepository.Row> accepted = new ArrayList<>(rows.size());
        for (UsageRepository.Row row : rows) {
            Instant oldest =
                    nowOf.getOrDefault(new AccountId(row.accountId()), now).minus(settings.usageMaxAge());
            Instant cutoff = closedBefore.get(row.accountId() + "/" + row.metric());
            if (unknown.contains(row.accountId())) {
                rejected.add(new UsageReceipt.Rejected(row.eventId(), "unknown account"));
            } else if (row.occurredAt().isBefore(oldest)) {
                // Late data is refused event by event, like a billed month: the rest of the batch is recorded.
                rejected.add(new UsageReceipt.Rejected(
                        row.eventId(),
                        "older than the accepted window (events from " + oldest
                                + " to 5 minutes from now are accepted)"));
            } else if (cutoff != null && row.occurredAt().isBefore(cutoff)) {
                rejected.add(new UsageReceipt.Rejected(
                        row.eventId(), "its month is already billed (closed before " + cutoff + ")"));
            } else {
                accepted.add(row);
            }
        }
        int inserted = usage.insert(accepted, now);
        return new UsageReceipt(events.size(), inserted, accepted.size() - inserted + repeatedInBatch, rejected);
    }
}
