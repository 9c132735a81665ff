-- Every published catalog: immutable, numbered. sources holds the YAML files exactly as published.
create table catalog_version
(
    version      int primary key,
    checksum     text        not null,
    published_at timestamptz not null,
    sources      jsonb       not null
);
