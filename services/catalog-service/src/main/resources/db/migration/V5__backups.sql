-- Backup runs of the platform's data stores, as reported by the tools that made them (brain backup,
-- CloudNativePG, Elasticsearch snapshots …): the evidence of 数据备份与灾备 that the assessment reads.
create table backup_run (
  id          bigserial primary key,
  store       text not null,
  scope       text,
  status      text not null check (status in ('succeeded', 'failed')),
  started_at  timestamptz not null,
  finished_at timestamptz not null check (finished_at >= started_at),
  bytes       bigint check (bytes >= 0),
  items       integer check (items >= 0),
  location    text,
  tool        text not null,
  detail      text,
  reported_by text not null,
  reported_at timestamptz not null default now()
);

create index backup_run_finished on backup_run (finished_at desc);
create index backup_run_store_finished on backup_run (store, finished_at desc);
