package com.abacus.contracts;

import com.abacus.contracts.internal.ContractRepository;
import com.abacus.shared.AccountId;
import com.abacus.shared.NotFoundException;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Signed contracts, for the API and the console. */
@Service
public class Contracts {

    private final ContractRepository repository;

    Contracts(ContractRepository repository) {
        this.repository = repository;
    }

    public Contract get(UUID id) {
        return repository.contract(id).orElseThrow(() -> new NotFoundException("contract", id));
    }

    /** The newest first; {@code account} null for all accounts (at most 500). */
    public List<Contract> list(@Nullable AccountId account) {
        return repository.contracts(account);
    }
}
