-- Data quality: rules are data (a plant adds its own with a migration), counters per dataset and hour,
-- scores derived from the counters when read.

alter table dataset add column accepted bigint not null default 0;
alter table dataset add column rejected bigint not null default 0;

create table quality_rule (
  id              bigserial primary key,
  entity          text not null,
  pointer         text,             -- null: the rule is about whole records (timeliness)
  dimension       text not null check (dimension in ('timeliness', 'range')),
  min_value       double precision,
  max_value       double precision,
  max_lag_seconds int,
  description     text not null
);

-- events should reach the platform within 15 minutes of happening; master data has no such rule
insert into quality_rule (entity, dimension, max_lag_seconds, description)
select e, 'timeliness', 900, 'received within 15 min of occurredAt (事件数据 15 分钟内到达)'
from unnest(array['operation-report', 'equipment-state', 'telemetry', 'alarm', 'energy-reading', 'quality-result',
  'maintenance-event', 'inventory-movement']) as e;

insert into quality_rule (entity, pointer, dimension, min_value, max_value, description) values
  ('energy-reading', '/value', 'range', 0, 1e9, 'a meter reading is not negative (表计读数非负)'),
  ('operation-report', '/good', 'range', 0, 100000, 'good quantity of one report at most 100,000 (单次报工数量上限)'),
  ('telemetry', '/value', 'range', -1e6, 1e6, 'telemetry values within ±1,000,000 (遥测值合理范围)');

-- counters per dataset and hour of arrival; completeness counts declared top-level fields present
create table quality_window (
  source_system     text not null,
  entity            text not null,
  plant             text not null,
  window_start      timestamptz not null,
  records           bigint not null default 0,
  duplicates        bigint not null default 0,
  fields_present    bigint not null default 0,
  fields_expected   bigint not null default 0,
  timed             bigint not null default 0,
  timely            bigint not null default 0,
  range_checked     bigint not null default 0,
  range_violations  bigint not null default 0,
  accepted          bigint not null default 0,
  rejected          bigint not null default 0,
  primary key (source_system, entity, plant, window_start)
);
