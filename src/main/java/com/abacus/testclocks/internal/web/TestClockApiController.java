package com.abacus.testclocks.internal.web;

import com.abacus.accounts.TestClock;
import com.abacus.accounts.TestClocks;
import com.abacus.shared.InvalidInputException;
import com.abacus.testclocks.ClockAdvances;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/test-clocks}: only where test clocks are enabled (sandbox); elsewhere the paths answer 404. */
@RestController
@RequestMapping("/api/v1/test-clocks")
@ConditionalOnProperty(name = "abacus.test-clocks.enabled", havingValue = "true")
@PreAuthorize("hasRole('ADMIN') or hasAuthority('SCOPE_test-clocks:write')")
class TestClockApiController {

    private final TestClocks clocks;
    private final ClockAdvances advances;

    TestClockApiController(TestClocks clocks, ClockAdvances advances) {
        this.clocks = clocks;
        this.advances = advances;
    }

    record CreateClock(@Nullable String name, @Nullable String frozenTime) {}

    record AdvanceClock(@Nullable String to) {}

    /** A clock as the API shows it: {@code status} is {@code ready} or {@code advancing}. */
    record ClockView(
            UUID id,
            String name,
            Instant frozenTime,
            String status,
            @Nullable Instant advanceTo,
            @Nullable String lastAdvance) {

        static ClockView of(TestClock clock) {
            return new ClockView(
                    clock.id(),
                    clock.name(),
                    clock.frozenTime(),
                    clock.status().name().toLowerCase(),
                    clock.advanceTo(),
                    clock.lastAdvance());
        }
    }

    @PostMapping
    ResponseEntity<ClockView> create(@RequestBody CreateClock request) {
        TestClock created = clocks.create(request.name(), instant("frozenTime", request.frozenTime()));
        return ResponseEntity.status(HttpStatus.CREATED).body(ClockView.of(created));
    }

    @GetMapping
    List<ClockView> list() {
        return clocks.all().stream().map(ClockView::of).toList();
    }

    @GetMapping("/{id}")
    ClockView get(@PathVariable UUID id) {
        return ClockView.of(clocks.get(id));
    }

    /** Returns at once with the clock advancing; {@code GET} shows how far it got and {@code ready} when done. */
    @PostMapping("/{id}/advance")
    ResponseEntity<ClockView> advance(@PathVariable UUID id, @RequestBody AdvanceClock request) {
        TestClock advancing = advances.advance(id, instant("to", request.to()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(ClockView.of(advancing));
    }

    /** Deletes the clock and every account on it, with all their data. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        clocks.delete(id);
        return ResponseEntity.noContent().build();
    }

    private static @Nullable Instant instant(String field, @Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }
}
