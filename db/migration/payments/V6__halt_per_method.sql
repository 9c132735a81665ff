-- Halting the new processor for one payment method (issue 18): that method's charges go back to the legacy slot, the
-- other methods carry on. halted_methods lists the halted methods (CARD, PAYPAL), comma-separated; empty: none. The
-- whole-dial halt (halted) still stops everything.
alter table migration_dial add column halted_methods text not null default '';
alter table migration_dial_change add column halted_methods text not null default '';
-- Which method each processor call charged, so the halt rule can see one method failing while the others are well.
alter table processor_attempt add column method_type text not null default 'CARD';
