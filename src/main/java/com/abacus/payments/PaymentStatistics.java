package com.abacus.payments;

import com.abacus.payments.internal.PaymentStatisticsRepository;
import com.abacus.shared.AccountId;
import java.time.Instant;
import java.util.Set;
import org.springframework.stereotype.Service;

/** Payment figures for the console (real accounts only): failed charges in a period, accounts by processor. */
@Service
public class PaymentStatistics {

    private final PaymentStatisticsRepository statistics;

    PaymentStatistics(PaymentStatisticsRepository statistics) {
        this.statistics = statistics;
    }

    public long failedBetween(Instant from, Instant to) {
        return statistics.failedBetween(from, to);
    }

    /** At most {@code limit} accounts whose default card is kept at {@code processor}. */
    public Set<AccountId> accountsAt(Processor processor, int limit) {
        return statistics.accountsWithDefaultCardAt(processor, limit);
    }
}
