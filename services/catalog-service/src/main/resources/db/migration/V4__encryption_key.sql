-- The key that encrypts fields whose grade's policy says encrypt_at_rest, when no key is configured
-- (BRAIN_CATALOG_ENCRYPTION_KEY): kept in PostgreSQL, apart from the Elasticsearch indices it protects.
create table encryption_key (
  id         int primary key,
  key_bytes  bytea not null,
  created_at timestamptz not null default now()
);
