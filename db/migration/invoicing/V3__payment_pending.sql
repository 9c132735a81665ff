-- An invoice whose charge was accepted but has not settled (a SEPA debit takes days): "payment pending" to people, and
-- not charged again meanwhile. Cleared when the debit settles or fails.
alter table invoice add column payment_pending boolean not null default false;
