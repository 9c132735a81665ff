package com.abacus.invoicing;

import java.util.List;

/**
 * What happened to a batch: {@code accepted} new events, {@code duplicates} already recorded (same id), and events
 * refused one by one (their month is already billed, or the account is unknown).
 */
public record UsageReceipt(int received, int accepted, int duplicates, List<Rejected> rejected) {

    public record Rejected(String id, String reason) {}
}
