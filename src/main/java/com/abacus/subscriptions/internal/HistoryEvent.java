package com.abacus.subscriptions.internal;

/** What a subscription's history records, in the words the console shows. */
public enum HistoryEvent {
    ACTIVATED,
    TRIAL_STARTED,
    TRIAL_CONVERTED,
    RENEWED,
    PLAN_CHANGED,
    CHANGE_SCHEDULED,
    CANCEL_SCHEDULED,
    SCHEDULE_UNDONE,
    CHANGE_APPLIED,
    PAST_DUE,
    REACTIVATED,
    DISCOUNT_APPLIED,
    CANCELED
}
