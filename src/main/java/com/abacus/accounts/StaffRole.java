package com.abacus.accounts;

/** What a staff member may do in the console. ADMIN includes SUPPORT and FINANCE. */
public enum StaffRole {
    SUPPORT,
    FINANCE,
    /** Builds quotes and marks them signed (enterprise contracts). */
    SALES,
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
