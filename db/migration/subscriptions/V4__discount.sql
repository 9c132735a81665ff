-- The coupon a subscription has (one at most): its terms as they were when it was applied, and the service
-- starts it covers, [discount_starts_at, discount_ends_at); discount_ends_at null is forever.
alter table subscription
    add column discount_coupon           text,
    add column discount_description      text,
    add column discount_percent_off      numeric(5, 2),
    add column discount_amount_off_minor bigint,
    add column discount_applies_to       text,
    add column discount_duration         text,
    add column discount_periods          int,
    add column discount_starts_at        timestamptz,
    add column discount_ends_at          timestamptz,
    add constraint subscription_discount_is_one_kind check (
        discount_coupon is null
        or (discount_percent_off is null) <> (discount_amount_off_minor is null));
