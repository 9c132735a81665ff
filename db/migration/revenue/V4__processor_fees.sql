-- A processor's fee for a reversed debit or chargeback (issue 18): an expense paid out of cash, never revenue.
alter table revenue_entry drop constraint revenue_entry_kind_check;
alter table revenue_entry add constraint revenue_entry_kind_check
    check (kind in ('BILLED', 'PAID', 'CREDITED', 'WRITTEN_OFF', 'FEE'));
