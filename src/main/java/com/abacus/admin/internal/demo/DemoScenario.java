package com.abacus.admin.internal.demo;

import com.abacus.accounts.Account;

/** A piece of demo history (a purchase, an upgrade, a refund) run through the real module APIs for a new demo account. */
interface DemoScenario {

    void populate(Account account, String email);
}
