package com.abacus.accounts;

import com.abacus.shared.AccountId;

/** The authenticated customer, whether signed in on the site or calling the API with their key. */
public interface CustomerPrincipal {

    AccountId accountId();
}
