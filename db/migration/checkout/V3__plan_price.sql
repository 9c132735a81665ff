-- The plan price a purchase was quoted at, before tax: the subscription's price. (Before tax existed it was the order
-- total less its add-ons; with tax on top the total is no longer a price.)
alter table customer_order add column plan_price_minor bigint;
