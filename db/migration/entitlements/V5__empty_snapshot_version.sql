-- Version 0: the empty snapshot of an account that never had a source of entitlements, written after it was first
-- served. Every computed snapshot is version 1 or above, so it supersedes a version 0 in every cache.
alter table entitlement_snapshot drop constraint entitlement_snapshot_version_check;
alter table entitlement_snapshot add constraint entitlement_snapshot_version_check check (version >= 0);
