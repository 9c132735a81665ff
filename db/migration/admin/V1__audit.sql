-- Staff actions: who did what, to what, when and why. Append-only: the database refuses edits and deletions.
create table audit_entry
(
    id          bigserial primary key,
    at          timestamptz not null,
    actor       text        not null,
    roles       text        not null,
    action      text        not null,
    target_type text        not null,
    target_id   text        not null,
    account_id  uuid,
    reason      text,
    detail      text
);
create index audit_entry_account_idx on audit_entry (account_id, at desc);
create index audit_entry_at_idx on audit_entry (at desc);

create function audit_entry_is_append_only() returns trigger language plpgsql as
$$
begin
    raise exception 'audit entries cannot be changed or deleted';
end;
$$;
create trigger audit_entry_append_only
    before update or delete on audit_entry
    for each row execute function audit_entry_is_append_only();

-- One audit entry per refund, however often the confirm button is clicked.
create unique index audit_entry_once_per_refund on audit_entry (action, target_id) where target_type = 'refund';
