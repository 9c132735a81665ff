-- One purchase of a product per account may be in flight at a time: a second order for it (another key, another tab)
-- is refused before it charges anything, instead of charging the card and refunding it when the subscription cannot
-- start. Orders written before this migration have no product and are not counted.
alter table customer_order add column product text;
create unique index customer_order_one_purchase_in_flight on customer_order (account_id, product)
    where kind = 'NEW_SUBSCRIPTION' and status in ('PENDING', 'PAYMENT_PENDING');
