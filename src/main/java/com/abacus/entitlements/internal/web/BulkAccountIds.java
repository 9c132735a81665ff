package com.abacus.entitlements.internal.web;

import com.abacus.shared.AccountId;
import com.abacus.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The accounts of a bulk entitlements request, read the two documented ways: {@code GET ?accountId=a&accountId=b} (or
 * {@code ?accountId=a,b}) and, for long lists that would not fit a URL, {@code POST {"accountIds": ["a", "b"]}}. At
 * most {@value #MAX} accounts; an id that is not a UUID is refused with its position named, never guessed at; the
 * same id twice is answered once.
 */
final class BulkAccountIds {

    static final int MAX = 200;
    /** 200 ids of 36 characters quoted, with commas and the wrapping object, fit comfortably. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BulkAccountIds() {}

    static List<AccountId> fromQuery(HttpServletRequest request) {
        String[] values = request.getParameterValues("accountId");
        List<String> ids = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                for (String id : value.split(",", -1)) {
                    ids.add(id.trim());
                }
            }
        }
        return parse("accountId", ids);
    }

    static List<AccountId> fromBody(HttpServletRequest request) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new InvalidInputException("Content-Type", "must be application/json");
        }
        JsonNode body;
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new InvalidInputException("accountIds", "give 1 to " + MAX + " account ids");
            }
            body = JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw new InvalidInputException("body", "is not valid JSON");
        }
        JsonNode array = body == null ? null : body.get("accountIds");
        if (array == null || !array.isArray()) {
            throw new InvalidInputException("accountIds", "must be an array of account ids");
        }
        List<String> ids = new ArrayList<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (int i = 0; i < array.size(); i++) {
            if (!array.get(i).isString()) {
                errors.put("accountIds[" + i + "]", "must be a string");
            } else {
                ids.add(array.get(i).asString());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors, "Account ids are invalid");
        }
        return parse("accountIds", ids);
    }

    private static List<AccountId> parse(String field, List<String> ids) {
        if (ids.isEmpty() || ids.size() > MAX) {
            throw new InvalidInputException(field, "give 1 to " + MAX + " account ids");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Set<AccountId> accounts = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            try {
                if (id.length() != 36) {
                    throw new IllegalArgumentException();
                }
                accounts.add(new AccountId(UUID.fromString(id)));
            } catch (IllegalArgumentException e) {
                errors.put(field + "[" + i + "]", "is not an account id (a UUID)");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors, "Account ids are invalid");
        }
        return List.copyOf(accounts);
    }
}
