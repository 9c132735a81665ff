-- Refunds made under a staff limit (SUPPORT's) count together per payment: the limit holds for their total, even
-- when two agents refund at once, because the payment row's conditional update decides.
alter table payment add column limited_refunded_minor bigint not null default 0;
alter table payment add constraint payment_limited_refunded_check check (limited_refunded_minor >= 0 and limited_refunded_minor <= refunded_minor);
alter table refund add column limited boolean not null default false;
