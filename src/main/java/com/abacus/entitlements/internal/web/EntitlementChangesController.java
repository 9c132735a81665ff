package com.abacus.entitlements.internal.web;

import com.abacus.entitlements.EntitlementSnapshot;
import com.abacus.entitlements.internal.ChangeFeedRepository;
import com.abacus.entitlements.internal.EntitlementChanges;
import com.abacus.entitlements.internal.cache.SnapshotJson;
import com.abacus.shared.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /internal/v1/entitlements/changes?after={position}&limit=500&wait=25}: every account whose entitlements
 * changed since {@code position} (0: every account; {@code latest}: none, only the current position), each as its
 * whole current document, and {@code next}, the position to ask from next. With nothing to report it answers when
 * something changes or after {@code wait} seconds. {@code hasMore} says to ask again at once.
 */
@RestController
class EntitlementChangesController {

    static final String PATH = "/internal/v1/entitlements/changes";
    private static final int MAX_LIMIT = 1000;
    private static final int MAX_WAIT_SECONDS = 30;

    private final EntitlementChanges changes;

    EntitlementChangesController(EntitlementChanges changes) {
        this.changes = changes;
    }

    @GetMapping(value = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> changes(
            @RequestParam(required = false) String after,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String wait)
            throws InterruptedException {
        if (after == null || after.isBlank()) {
            throw new InvalidInputException(
                    "after", "Required: the next position of a previous answer, 0 for every account, or latest");
        }
        if ("latest".equals(after)) {
            return answer(java.util.List.of(), changes.latest(), false);
        }
        long position = number("after", after, 0, Long.MAX_VALUE);
        int size = (int) (limit == null ? 500 : number("limit", limit, 1, MAX_LIMIT));
        int seconds = (int) (wait == null ? 25 : number("wait", wait, 0, MAX_WAIT_SECONDS));
        ChangeFeedRepository.Page page = changes.after(position, size, Duration.ofSeconds(seconds));
        return answer(page.changes(), page.next(), page.more());
    }

    private static ResponseEntity<byte[]> answer(java.util.List<EntitlementSnapshot> changed, long next, boolean more) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + changed.size() * 512);
        out.writeBytes("{\"changes\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < changed.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(SnapshotJson.render(changed.get(i), 0).json());
        }
        out.writeBytes(("],\"next\":\"" + next + "\",\"hasMore\":" + more + "}").getBytes(StandardCharsets.UTF_8));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store")
                .body(out.toByteArray());
    }

    private static long number(String field, String value, long min, long max) {
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidInputException(field, "Must be a whole number from " + min + " to " + max);
    }
}
