-- The classification scheme is data: categories, grades and the protection policy per grade are rows
-- that a plant adapts with its own migrations (V2__..., never by editing this file).

create table classification_category (
  code        text primary key,
  name_zh     text not null,
  name_en     text not null,
  miit_domain text not null  -- MIIT industrial data domain: 研发 / 生产 / 运维 / 管理 / 外部
);

insert into classification_category values
  ('rd',           '研发设计数据',   'R&D and design',          '研发'),
  ('production',   '生产制造数据',   'Production',              '生产'),
  ('quality',      '质量数据',       'Quality',                 '生产'),
  ('equipment',    '设备与物联数据', 'Equipment and IoT',       '运维'),
  ('energy',       '能源环境数据',   'Energy and environment',  '运维'),
  ('logistics',    '仓储物流数据',   'Warehousing and logistics','管理'),
  ('sales',        '销售与服务数据', 'Sales and service',       '管理'),
  ('supply-chain', '供应链数据',     'Supply chain',            '外部'),
  ('finance',      '财务数据',       'Finance',                 '管理'),
  ('personnel',    '人员数据',       'Personnel',               '管理');

-- GB/T 43697-2024 grades general data (一般数据) and identifies important (重要) and core (核心) data;
-- the MIIT industrial scheme uses 一级/二级/三级. The mapping below is this platform's default.
create table classification_grade (
  code            text primary key,
  rank            int  not null unique,
  name_zh         text not null,
  name_en         text not null,
  miit            text not null,
  gbt43697        text not null,
  auto_assignable boolean not null  -- false: only the authority recognizes it, the service only flags
);

insert into classification_grade values
  ('L1',        1, '一级（一般数据）', 'Grade 1 (general)',  '一级', '一般数据 1–2级', true),
  ('L2',        2, '二级（一般数据）', 'Grade 2 (general)',  '二级', '一般数据 3级',   true),
  ('L3',        3, '三级（一般数据）', 'Grade 3 (general)',  '三级', '一般数据 4级',   true),
  ('IMPORTANT', 4, '重要数据',         'Important data',     '重要数据', '重要数据', false),
  ('CORE',      5, '核心数据',         'Core data',          '核心数据', '核心数据', false);

create table protection_policy (
  grade                 text primary key references classification_grade(code),
  masking               text not null check (masking in ('none', 'partial', 'full')),
  audit_reads           boolean not null,
  encrypt_at_rest       boolean not null,
  backup_retention_days int not null
);

insert into protection_policy values
  ('L1',        'none',    false, false, 30),
  ('L2',        'partial', false, false, 90),
  ('L3',        'partial', true,  true,  180),
  ('IMPORTANT', 'full',    true,  true,  365),
  ('CORE',      'full',    true,  true,  365);

create table field_label (
  id                  bigserial primary key,
  entity              text not null,
  source_system       text,
  pointer             text not null,
  category            text not null references classification_category(code),
  grade               text not null references classification_grade(code),
  personal            boolean not null,
  sensitive           boolean not null,
  method              text not null check (method in ('automated', 'manual')),
  state               text not null check (state in ('suggested', 'confirmed', 'rejected', 'recognized')),
  recognizer          text,
  sampled             int,
  matched             int,
  matched_share       double precision,
  confidence          double precision,
  reason              text not null,
  review_flag         text,
  authority_reference text,
  created_at          timestamptz not null default now(),
  created_by          text not null,
  decided_at          timestamptz,
  decided_by          text,
  comment             text
);
-- one live label per field and recognizer: a new sample refreshes the evidence instead of piling up
create unique index field_label_live on field_label (entity, coalesce(source_system, ''), pointer, coalesce(recognizer, ''))
  where state <> 'rejected';
create index field_label_queue on field_label (state, confidence desc);

create table dataset (
  source_system    text not null,
  entity           text not null,
  plant            text not null,
  topic            text not null,
  records          bigint not null,
  first_seen_at    timestamptz not null,
  last_occurred_at timestamptz,
  last_received_at timestamptz,
  owner            text,
  primary key (source_system, entity, plant)
);

create table audit_event (
  id             bigserial primary key,
  at             timestamptz not null default now(),
  principal      text not null,
  client_id      text,
  client_address text,
  resource       text not null,
  fields         text[] not null,
  grade          text not null,
  policy         text not null,
  decision       text not null check (decision in ('allowed', 'masked', 'denied'))
);
create index audit_event_at on audit_event (at desc);
