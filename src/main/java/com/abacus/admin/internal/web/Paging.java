package com.abacus.admin.internal.web;

/** Page numbers of the console's lists, as typed into a URL. */
final class Paging {

    /** Beyond this, no list has rows; the bound keeps page × page size inside an int. */
    static final int LAST_PAGE = 1_000_000;

    private Paging() {}

    static int page(int requested) {
        return Math.min(Math.max(0, requested), LAST_PAGE);
    }
}
