-- A device endpoint the connector reads, and which of its tags become which standard record.
-- The password is never here: password_secret names a file in the connector's secrets directory.
create table connection (
  id text primary key,
  plant text not null,
  source_system text not null,
  protocol text not null,
  endpoint text not null,
  security_policy text not null,
  username text,
  password_secret text,
  enabled boolean not null,
  created_by text not null,
  created_at timestamptz not null,
  updated_by text not null,
  updated_at timestamptz not null
);
create index connection_plant on connection (plant);

-- one row per mapped tag; the mapping itself is the API's TagMapping document (api-specs/connectors.yaml)
create table tag_mapping (
  connection_id text not null references connection (id) on delete cascade,
  tag text not null,
  position integer not null,
  mapping jsonb not null,
  primary key (connection_id, tag)
);
