package com.abacus.accounts;

import com.abacus.accounts.internal.AccountRepository;
import com.abacus.accounts.internal.TestClockRepository;
import com.abacus.shared.AccountId;
import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.NotFoundException;
import com.abacus.shared.SimulatedTime;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Test clocks and the time of the accounts on them: create, read, the advance's bookkeeping (start, progress, finish)
 * and deletion with every account on the clock. What an advance runs is the test-clocks module's; this class keeps
 * the clock rows, so every module can ask an account's "now" without depending on it.
 */
@Service
public class TestClocks {

    /** Simulated time stays within these years: far enough for any billing scenario, near enough to store. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    private final TestClockRepository clocks;
    private final AccountRepository accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Cache<AccountId, Optional<UUID>> membership = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();

    TestClocks(TestClockRepository clocks, AccountRepository accounts, ApplicationEventPublisher events, Clock clock) {
        this.clocks = clocks;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public TestClock create(String name, Instant frozenTime) {
        Map<String, String> errors = new HashMap<>();
        if (name == null || name.isBlank() || name.length() > 100) {
            errors.put("name", "must be 1 to 100 characters");
        }
        if (frozenTime == null) {
            errors.put("frozenTime", "is required (an ISO-8601 instant such as 2026-01-31T12:00:00Z)");
        } else if (frozenTime.isBefore(EARLIEST) || !frozenTime.isBefore(LATEST)) {
            errors.put("frozenTime", "must be from 2000 to 2099");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors, "Test clock details are invalid");
        }
        TestClock created = new TestClock(
                UUID.randomUUID(),
                name.trim(),
                frozenTime.truncatedTo(ChronoUnit.SECONDS),
                TestClock.Status.READY,
                null,
                null,
                clock.instant());
        clocks.insert(created);
        return created;
    }

    public TestClock get(UUID id) {
        return clocks.find(id).orElseThrow(() -> new NotFoundException("test clock", id));
    }

    public List<TestClock> all() {
        return clocks.all();
    }

    public List<AccountId> accountsOn(UUID id) {
        return accounts.onTestClock(id);
    }

    /** The test clock of each of these accounts that lives on one (accounts on none are left out). */
    public Map<AccountId, UUID> clocksOf(Collection<AccountId> ids) {
        Map<AccountId, UUID> clocks = new HashMap<>();
        memberships(ids).forEach((id, clock) -> clock.ifPresent(c -> clocks.put(id, c)));
        return clocks;
    }

    /** Each account's clock (or none), from memory, the ones not seen yet loaded in one query. */
    private Map<AccountId, Optional<UUID>> memberships(Collection<AccountId> ids) {
        return membership.getAll(ids, missing -> {
            Map<AccountId, UUID> found = accounts.testClocksOf(missing);
            Map<AccountId, Optional<UUID>> loaded = new HashMap<>();
            missing.forEach(id -> loaded.put(id, Optional.ofNullable(found.get(id))));
            return loaded;
        });
    }

    /**
     * The "now" of each of these accounts: its clock's frozen time for an account on a test clock, else this thread's
     * now. For work that serves many accounts outside their frames (a service reporting usage for them).
     */
    public Map<AccountId, Instant> nowOf(Collection<AccountId> ids) {
        Map<AccountId, Instant> now = new HashMap<>();
        Instant real = clock.instant();
        Map<AccountId, Optional<UUID>> onClocks = memberships(ids);
        Map<UUID, Instant> frozen = new HashMap<>();
        for (AccountId id : ids) {
            Optional<UUID> testClock = onClocks.getOrDefault(id, Optional.empty());
            now.put(
                    id,
                    testClock.isEmpty()
                            ? real
                            : frozen.computeIfAbsent(
                                    testClock.get(),
                                    c -> clocks.find(c)
                                            .map(TestClock::frozenTime)
                                            .orElse(real)));
        }
        return now;
    }

    /**
     * The test clock an account lives on, if any. Asked on every entitlement recompute, so remembered: an account's
     * clock is fixed when it is created and never changes.
     */
    public Optional<UUID> clockOf(AccountId account) {
        return membership.get(
                account,
                id -> Optional.ofNullable(accounts.testClocksOf(List.of(id)).get(id)));
    }

    /**
     * An account's "now": inside its clock's frame the frame's time, for another account on a test clock that clock's
     * frozen time, else this thread's now (real time).
     */
    public Instant nowOf(AccountId account) {
        Optional<UUID> testClock = clockOf(account);
        if (testClock.isEmpty()) {
            return clock.instant();
        }
        Optional<SimulatedTime.Frame> frame = SimulatedTime.current();
        if (frame.isPresent() && testClock.get().equals(frame.get().testClockId())) {
            return frame.get().now();
        }
        return clocks.find(testClock.get()).map(TestClock::frozenTime).orElseGet(clock::instant);
    }

    /** The frame an account's work runs in: its clock at the clock's frozen time; empty for a real account. */
    public Optional<SimulatedTime.Frame> frameOf(AccountId account) {
        return clockOf(account).flatMap(clocks::find).map(c -> new SimulatedTime.Frame(c.id(), c.frozenTime()));
    }

    /** Marks the clock advancing towards {@code to}; refused unless it is ready and {@code to} is later. */
    @Transactional
    public TestClock startAdvance(UUID id, Instant to) {
        TestClock current = get(id);
        if (to == null) {
            throw new InvalidInputException("to", "is required (an ISO-8601 instant)");
        }
        if (!to.isBefore(LATEST)) {
            throw new InvalidInputException("to", "must be before 2100");
        }
        if (!to.isAfter(current.frozenTime())) {
            throw new InvalidInputException("to", "must be after the clock's time " + current.frozenTime());
        }
        if (!clocks.startAdvance(id, to.truncatedTo(ChronoUnit.SECONDS), clock.instant())) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT, "clock-advancing", "The test clock is already advancing");
        }
        return get(id);
    }

    public void reached(UUID id, Instant reached) {
        clocks.reached(id, reached, clock.instant());
    }

    public void finish(UUID id, String summary) {
        clocks.finish(id, summary);
    }

    /**
     * Claims, for this instance, the advances whose instance has not reported for {@code stalledAfter}: measured on the
     * clock the heartbeats are written with.
     */
    public List<UUID> claimStalledAdvances(Duration stalledAfter) {
        Instant before = clock.instant().minus(stalledAfter);
        return clocks.stalled(before).stream()
                .filter(id -> clocks.claim(id, before, clock.instant()))
                .toList();
    }

    /**
     * Deletes the clock and every account on it. Each module removes its rows of those accounts in this transaction
     * ({@link TestClockDeleted}), so a failure anywhere keeps everything.
     */
    @Transactional
    public void delete(UUID id) {
        TestClock existing = get(id);
        if (existing.status() == TestClock.Status.ADVANCING) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT, "clock-advancing", "Wait for the advance to finish, then delete");
        }
        List<AccountId> onClock = accounts.onTestClock(id);
        events.publishEvent(new TestClockDeleted(id, onClock));
        accounts.delete(onClock);
        clocks.delete(id);
    }
}
