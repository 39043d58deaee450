-- A backup nobody restored is a hope: restore tests (灾备演练) are reported beside the backups they tested.
alter table backup_run add column kind text not null default 'backup' check (kind in ('backup', 'restore-test'));
create index backup_run_kind_finished on backup_run (kind, finished_at desc);
