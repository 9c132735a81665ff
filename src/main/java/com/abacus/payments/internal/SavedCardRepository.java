package com.abacus.payments.internal;

import com.abacus.payments.PaymentMethod;
import com.abacus.shared.AccountId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Changes to the cards a customer keeps on file: the same card found again, the default chosen, a card removed. */
@Repository
public class SavedCardRepository {

    private final JdbcClient jdbc;

    SavedCardRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The account's saved card that is this card (same brand, last four and expiry), if it saved it before. */
    public Optional<PaymentMethod> same(AccountId account, String brand, String last4, int expMonth, int expYear) {
        return jdbc.sql(PaymentMethodRepository.COLUMNS
                        + " where account_id = :account and removed_at is null and brand = :brand"
                        + " and last4 = :last4 and exp_month = :expMonth and exp_year = :expYear"
                        + " order by created_at desc limit 1")
                .param("account", account.value())
                .param("brand", brand)
                .param("last4", last4)
                .param("expMonth", expMonth)
                .param("expYear", expYear)
                .query(PaymentMethodRepository::map)
                .optional()
                .map(PaymentMethodRepository.StoredMethod::method);
    }

    /** Makes one of the account's saved cards its default; false if it has no such card. */
    public boolean makeDefault(AccountId account, UUID id) {
        int found = jdbc.sql("select count(*) from payment_method where id = :id and account_id = :account"
                        + " and removed_at is null")
                .param("id", id)
                .param("account", account.value())
                .query(Integer.class)
                .single();
        if (found == 0) {
            return false;
        }
        jdbc.sql("update payment_method set is_default = (id = :id) where account_id = :account and removed_at is null")
                .param("id", id)
                .param("account", account.value())
                .update();
        return true;
    }

    /**
     * Removes a saved card; if it was the default, the most recently saved remaining card becomes the default.
     *
     * @return false if the account has no such card
     */
    public boolean remove(AccountId account, UUID id, Instant now) {
        return removeWhere(account, id, now, "");
    }

    /**
     * Forgets a card that was declined on the first charge it was saved for and has never paid anything: a card that
     * does not work is not kept, and cannot stay the default.
     */
    public boolean discardDeclined(AccountId account, UUID id, Instant now) {
        return removeWhere(
                account,
                id,
                now,
                " and not exists (select 1 from payment p where p.payment_method_id = payment_method.id"
                        + " and p.status = 'SUCCEEDED')");
    }

    private boolean removeWhere(AccountId account, UUID id, Instant now, String condition) {
        int removed = jdbc.sql("update payment_method set removed_at = :now, is_default = false"
                        + " where id = :id and account_id = :account and removed_at is null" + condition)
                .param("id", id)
                .param("account", account.value())
                .param("now", Timestamp.from(now))
                .update();
        if (removed > 0) {
            promoteNewestIfNoDefault(account);
        }
        return removed > 0;
    }

    private void promoteNewestIfNoDefault(AccountId account) {
        jdbc.sql("update payment_method set is_default = true where id = (select id from payment_method"
                        + " where account_id = :account and removed_at is null order by created_at desc limit 1)"
                        + " and not exists (select 1 from payment_method where account_id = :account and is_default"
                        + " and removed_at is null)")
                .param("account", account.value())
                .update();
    }

    /** The mandate's text as the customer accepted it. */
    public Optional<String> mandateText(UUID id, AccountId account) {
        return jdbc.sql("select mandate_text from payment_method where id = :id and account_id = :account"
                        + " and type = 'SEPA_DEBIT'")
                .param("id", id)
                .param("account", account.value())
                .query(String.class)
                .optional();
    }
}
