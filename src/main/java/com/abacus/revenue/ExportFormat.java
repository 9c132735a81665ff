package com.abacus.revenue;

import com.abacus.shared.InvalidInputException;

/** The exports finance loads: recognised revenue (CSV), the deferred revenue roll-forward (CSV), the journal (hledger). */
public enum ExportFormat {
    CSV("csv", "text/csv"),
    ROLLFORWARD("rollforward", "text/csv"),
    JOURNAL("journal", "text/plain");

    private final String code;
    private final String mediaType;

    ExportFormat(String code, String mediaType) {
        this.code = code;
        this.mediaType = mediaType;
    }

    public String code() {
        return code;
    }

    public String mediaType() {
        return mediaType;
    }

    public String fileName(java.time.YearMonth period) {
        return "abacus-" + code + "-" + period + (this == JOURNAL ? ".journal" : ".csv");
    }

    public static ExportFormat of(String code) {
        for (ExportFormat format : values()) {
            if (format.code.equals(code)) {
                return format;
            }
        }
        throw new InvalidInputException("format", "must be csv, rollforward or journal");
    }
}
