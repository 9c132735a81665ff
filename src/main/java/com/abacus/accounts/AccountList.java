package com.abacus.accounts;

import com.abacus.accounts.internal.AccountSearchRepository;
import java.util.List;
import org.springframework.stereotype.Service;

/** The console's account list: filtered (text, currency, a set another module matched), sorted, paged and counted. */
@Service
public class AccountList {

    private final AccountSearchRepository search;

    AccountList(AccountSearchRepository search) {
        this.search = search;
    }

    public record Page(List<Account> accounts, int total) {}

    public Page find(AccountQuery query) {
        return new Page(search.find(query), search.count(query));
    }
}
